package org.presslab.control.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.presslab.control.api.CommandRefusedException;
import org.presslab.control.api.EisSettings;
import org.presslab.control.api.RecipeStep;
import org.presslab.control.api.StationEventType;
import org.presslab.control.api.StepCondition;

/**
 * {@link RecipeStep.Hold}: hold a pressure for a time, recording excursions of the 1-s mean beyond the
 * tolerance and the largest deviation.
 */
final class HoldStepKind implements StepKind<RecipeStep.Hold> {

    @Override
    public Class<RecipeStep.Hold> type() {
        return RecipeStep.Hold.class;
    }

    @Override
    public String name() {
        return "hold";
    }

    @Override
    public Set<String> fields() {
        return Set.of("targetMPa", "toleranceMPa", "durationS", "measureEveryMin", "measureEveryS", "eis", "measureAtEnd");
    }

    @Override
    public RecipeStep.Hold read(JsonNode s, RecipeCodec.Fields f, List<StepCondition> conditions) {
        double target = f.target(s, "targetMPa", true);
        double tol = f.positive(s, "toleranceMPa", true);
        double dur = f.positive(s, "durationS", true);
        double every = s.has("measureEveryMin") ? f.positive(s, "measureEveryMin", false) * 60
                : s.has("measureEveryS") ? f.positive(s, "measureEveryS", false) : Double.NaN;
        EisSettings periodic = null;
        if (s.has("measureEveryMin") && s.has("measureEveryS")) {
            f.error("measureEveryS", "give measureEveryMin or measureEveryS, not both");
        }
        if (s.has("eis") && Double.isNaN(every)) {
            f.error("eis", "applies to the periodic measurement: give measureEveryMin too");
        } else if (!Double.isNaN(every)) {
            periodic = f.eis(s, "eis", EisSettings.DEFAULT);
        }
        return new RecipeStep.Hold(target * 1e6, tol * 1e6, dur, conditions, periodic, every,
                f.eis(s, "measureAtEnd", null));
    }

    @Override
    public void write(RecipeStep.Hold x, ObjectNode n) {
        n.put("targetMPa", x.targetPa() / 1e6).put("toleranceMPa", x.tolerancePa() / 1e6).put("durationS", x.durationS());
        if (x.measureEvery() != null) {
            n.put("measureEveryS", x.measureEveryS()); // seconds: exact through a round trip
            RecipeCodec.writeEis(n, "eis", x.measureEvery());
        }
        RecipeCodec.writeEis(n, "measureAtEnd", x.measureAtEnd());
    }

    @Override
    public boolean issue(StepContext c, RecipeStep.Hold h) throws CommandRefusedException {
        c.station.recipeCommand("hold", h.targetPa(), Double.NaN, false);
        return true;
    }

    // A hold keeps its target while the run waits (the loop keeps restoring it); only its clock stops.

    /** Hold statistics: 1-s means of the measured pressure. */
    @Override
    public void ticked(StepContext c, RecipeStep.Hold h, double dt) {
        if (h.measureEvery() != null) {
            measurePeriodically(c, h);
        }
        StationEngine e = c.station;
        double[] sums = e.pressureSums();
        if (c.secondMark == null) {
            c.secondMark = sums;
            c.secondElapsed = 0;
            return;
        }
        c.secondElapsed += dt;
        if (c.secondElapsed >= 1.0 - 1e-9 && sums[1] > c.secondMark[1]) {
            double mean = (sums[0] - c.secondMark[0]) / (sums[1] - c.secondMark[1]);
            double dev = Math.abs(mean - h.targetPa());
            // The first seconds of a hold reached by a ramp are the ramp's tail, not the hold's quality.
            if (c.elapsedS() > 5) {
                c.maxMeanDeviationPa = Math.max(c.maxMeanDeviationPa, dev);
                if (dev > h.tolerancePa() && !c.inExcursion) {
                    c.inExcursion = true;
                    e.event(StationEventType.TOLERANCE_EXCURSION, String.format(Locale.ROOT,
                            "1-s mean %.4f MPa outside %.3f ± %.3f MPa", mean / 1e6, h.targetPa() / 1e6, h.tolerancePa() / 1e6),
                            Map.of("deviationPa", dev, "tolerancePa", h.tolerancePa(), "step", c.stepNumber()));
                } else if (dev <= h.tolerancePa()) {
                    c.inExcursion = false;
                }
            }
            c.secondMark = sums;
            c.secondElapsed = 0;
        }
    }

    /** Starts a measurement every measureEveryS of the hold (step clock) and polls the one in flight. */
    private static void measurePeriodically(StepContext c, RecipeStep.Hold h) {
        if (c.job != null) {
            if (c.pollEis(c.job, "hold, periodic EIS", Map.of("at", "periodic")) != null) {
                c.job = null;
            }
            return;
        }
        if (Double.isNaN(c.nextMeasureAtS)) {
            c.nextMeasureAtS = h.measureEveryS();
        }
        if (c.elapsedS() >= c.nextMeasureAtS && c.elapsedS() < h.durationS()) {
            c.nextMeasureAtS += h.measureEveryS();
            c.job = EisJob.start(c, h.measureEvery(), String.format(Locale.ROOT, "step %d hold at %.0f s", c.stepNumber(),
                    c.elapsedS()));
        }
    }

    @Override
    public boolean done(StepContext c, RecipeStep.Hold h) {
        // a periodic measurement in flight at the end is finished first
        return c.elapsedS() >= h.durationS() && c.job == null;
    }

    @Override
    public void finished(StepContext c, RecipeStep.Hold h) {
        c.station.event(StationEventType.STEP_COMPLETED, String.format(Locale.ROOT,
                "step %d (hold) done: largest deviation of a 1-s mean from %.3f MPa was %.4f MPa", c.stepNumber(),
                h.targetPa() / 1e6, c.maxMeanDeviationPa / 1e6),
                Map.of("step", c.stepNumber(), "maxMeanDeviationPa", c.maxMeanDeviationPa));
    }

    @Override
    public double remainingS(RecipeStep.Hold h, double fromPa, double elapsedS) {
        // periodic measurements run within the hold's own time
        return Math.max(0, h.durationS() - elapsedS);
    }

    @Override
    public double pressureAfter(RecipeStep.Hold h, double fromPa) {
        return h.targetPa();
    }

    @Override
    public void dryRun(DryRun.Check c, RecipeStep.Hold h) {
        c.requireActuator();
        c.seconds += h.durationS();
        DriverBinding b = c.binding;
        if (b != null && b.info.forceResolutionN() > 0 && b.source == DriverBinding.PressureSource.FORCE) {
            double res = b.info.forceResolutionN() / c.cfg.cellAreaM2();
            if (h.tolerancePa() < res) {
                c.violation(String.format(Locale.ROOT,
                        ": tolerance %.4f MPa is finer than the sensor resolution %.4f MPa (driver '%s')",
                        h.tolerancePa() / 1e6, res / 1e6, b.id));
            }
        }
        c.checkTarget(h.targetPa());
        if (h.measureEvery() != null) {
            if (!(h.measureEveryS() > 0) || !Double.isFinite(h.measureEveryS())) {
                c.violation(": measureEvery interval must be a positive number of seconds, was " + h.measureEveryS());
            }
            c.checkEis(h.measureEvery(), false);
        }
        // A hold has no rate: a jump larger than the station's setpoint step goes at its default rate.
        c.moveTo(h.targetPa(), Double.NaN, true);
    }
}
