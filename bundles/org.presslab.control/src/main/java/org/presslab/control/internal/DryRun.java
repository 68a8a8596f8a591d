package org.presslab.control.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.presslab.control.api.DryRunReport;
import org.presslab.control.api.EisSettings;
import org.presslab.control.api.PressureLimits;
import org.presslab.control.api.StationConfig;
import org.presslab.control.api.Recipe;
import org.presslab.control.api.RecipeStep;
import org.presslab.control.api.StepCondition;
import org.presslab.press.api.Capability;

/**
 * Checks a recipe against one station's limits and abilities without moving anything; lists every violation.
 * Each step's own checks are in its {@link StepKind#dryRun}; the checks they share are here.
 */
final class DryRun {

    private DryRun() {
    }

    static DryRunReport check(StationEngine e, Recipe recipe) {
        List<String> v = new ArrayList<>();
        DriverBinding b = e.binding();
        StationConfig cfg = e.config();
        PressureLimits lim = Limits.of(cfg, b, recipe.maxPressurePa(), recipe.name());
        if (b == null) {
            v.add("station '" + cfg.id() + "' has no driver (none matches " + cfg.driverFilter() + ")");
        }
        if (recipe.steps().isEmpty()) {
            v.add("recipe has no steps");
        }
        Check c = new Check(e, b, cfg, lim, Limits.rateSource(cfg, b), v);
        c.pressurePa = Double.isNaN(e.lastPressure) || b == null ? 0 : e.lastPressure;
        int i = 0;
        for (RecipeStep step : recipe.steps()) {
            i++;
            StepKind<RecipeStep> kind = StepKinds.of(step);
            c.at = "step " + i + " (" + kind.name() + ")";
            kind.dryRun(c, step);
            if (step.measureAtEnd() != null) {
                c.checkEis(step.measureAtEnd(), false);
                c.seconds += EisJob.estimateS(step.measureAtEnd());
            }
            for (StepCondition cond : step.conditions()) {
                if (cond.kind() == StepCondition.Kind.TEMPERATURE_IN_BAND && b != null
                        && !b.driver.capabilities().contains(Capability.SENSE_TEMPERATURE)) {
                    c.violation(": condition on temperature, but driver '" + b.id + "' does not measure temperature");
                }
            }
        }
        return new DryRunReport(recipe.name(), v, c.seconds);
    }

    /** One dry run in progress: the station, its limits, the estimate so far and the violations. */
    static final class Check {
        final StationEngine station;
        /** The station's driver; null when it has none. */
        final DriverBinding binding;
        final StationConfig cfg;
        private final double maxPa;
        private final String maxSource;
        private final double maxRatePaPerS;
        private final String rateSource;
        private final List<String> violations;
        /** "step 3 (hold)": the present step, prefixed to its violations. */
        String at;
        /** Estimated pressure when the present step starts, Pa. */
        double pressurePa;
        /** Estimated duration of the steps so far, s. */
        double seconds;

        Check(StationEngine station, DriverBinding binding, StationConfig cfg, PressureLimits lim, String rateSource,
                List<String> violations) {
            this.station = station;
            this.binding = binding;
            this.cfg = cfg;
            this.maxPa = lim.maxPressurePa();
            this.maxSource = lim.maxPressureSource();
            this.maxRatePaPerS = lim.maxRatePaPerS();
            this.rateSource = rateSource;
            this.violations = violations;
        }

        /** Adds a violation of the present step; {@code what} follows its name (": ..."). */
        void violation(String what) {
            violations.add(at + what);
        }

        /** The step moves the press: the driver must be able to. */
        void requireActuator() {
            DriverBinding b = binding;
            if (b != null && !b.canActuate()) {
                violation(": driver '" + b.id + "' cannot actuate (" + b.info.kind() + ", sense only): use an operator step");
            }
        }

        /** A pressure target: finite, within the limit, not negative. */
        void checkTarget(double target) {
            if (!Double.isFinite(target)) {
                violation(": target is not a finite number");
            } else if (target > maxPa) {
                violation(String.format(Locale.ROOT, ": target %.3f MPa above the limit %.3f MPa (%s)", target / 1e6,
                        maxPa / 1e6, maxSource));
            }
            if (target < 0) {
                violation(": target below 0 MPa");
            }
        }

        /** A pressure rate: finite, not below the least rate, within the limit. */
        void checkRate(double rate) {
            if (!Double.isFinite(rate) || rate < StationSettings.MIN_RATE_PA_PER_S) {
                violation(String.format(Locale.ROOT, ": rate %s MPa/s must be a finite number >= %.3f MPa/s", rate / 1e6,
                        StationSettings.MIN_RATE_PA_PER_S / 1e6));
            } else if (rate > maxRatePaPerS) {
                violation(String.format(Locale.ROOT, ": rate %.3f MPa/s above the limit %.3f MPa/s (%s)",
                        rate / 1e6, maxRatePaPerS / 1e6, rateSource));
            }
        }

        /**
         * An impedance measurement: the station needs an analyzer whose ranges take the settings, and, for a fit,
         * the circuit fitter and a circuit it can read. Returns the parsed circuit, or null.
         */
        org.presslab.impedance.api.CircuitModel checkEis(EisSettings s, boolean needFit) {
            EisInstruments eis = station.eis;
            org.presslab.analyzer.api.Analyzer a = eis.analyzer();
            double[] f = null;
            try {
                f = EisJob.frequencies(s);
            } catch (IllegalArgumentException e) {
                violation(": EIS frequencies: " + e.getMessage());
            }
            if (a == null) {
                String t = eis.analyzerTarget();
                violation(": measures impedance, but the station has no analyzer (" + (t.isEmpty() ? "analyzer.target not set"
                        : "none matches analyzer.target " + t) + ")");
            } else if (f != null) {
                try {
                    String bad = a.info().check(new org.presslab.analyzer.api.MeasurementRequest(f, s.amplitudeV(), ""));
                    if (bad != null) {
                        violation(": EIS " + bad + " (analyzer '" + EisInstruments.safeId(a) + "')");
                    }
                } catch (IllegalArgumentException e) {
                    violation(": EIS " + e.getMessage());
                } catch (RuntimeException e) {
                    violation(": analyzer '" + EisInstruments.safeId(a) + "' failed to describe itself: " + e);
                }
            }
            if (needFit && !s.fits()) {
                violation(": needs a circuit to fit");
            }
            if (s.fits()) {
                org.presslab.impedance.api.CircuitFitter fitter = eis.fitter();
                if (fitter == null) {
                    violation(": fits " + s.circuit() + ", but no circuit fitter is available (install presslab-impedance)");
                } else {
                    try {
                        return fitter.parse(s.circuit());
                    } catch (RuntimeException e) {
                        violation(": circuit '" + s.circuit() + "': " + e.getMessage());
                    }
                }
            }
            return null;
        }

        /**
         * The estimate moves to {@code target} (nothing when it is not finite): at {@code rate} when that is a
         * positive number, else, when {@code stepsAtDefaultRate} and the jump exceeds the station's largest
         * setpoint step, at the station's default rate, else at once.
         */
        void moveTo(double target, double rate, boolean stepsAtDefaultRate) {
            if (!Double.isFinite(target)) {
                return;
            }
            double p = pressurePa;
            if (Double.isFinite(rate) && rate > 0) {
                seconds += Math.abs(target - p) / rate;
            } else if (stepsAtDefaultRate && Math.abs(target - p) > station.settings().maxStepPa) {
                seconds += Math.abs(target - p) / cfg.defaultRatePaPerS();
            }
            pressurePa = target;
        }
    }
}
