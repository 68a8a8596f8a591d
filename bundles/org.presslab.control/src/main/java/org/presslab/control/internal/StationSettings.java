package org.presslab.control.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.presslab.control.api.RebindPolicy;
import org.presslab.control.api.StationConfig;
import org.presslab.press.api.SafeAction;

/**
 * A station's validated settings, SI units: the public {@link StationConfig} plus the interlock
 * and controller parameters. Built from the metatype configuration or, outside OSGi, from the builder.
 */
public final class StationSettings {

    final StationConfig config;
    final double maxStepPa;
    final double staleTimeoutS;
    final double frozenTimeoutS;
    final double rateTripFactor;
    final double forceDropFraction;
    final double forceDropWindowS;
    final double runawayTravelM;
    final double closedLoopTimeS;
    final double kpPerPa;
    final double tiS;
    final double tdS;
    final double historyS;
    final double overpressureMarginPa;
    final String actuationMode;
    private final Builder origin;
    final double loopStallHoldS;
    final double loopStallTripS;
    final double zeroBandPa;
    final int loopStallRepeatCount;
    final double loopStallRepeatWindowS;
    final double approachTimeoutS;
    final double approachTravelM;
    final double maxTemperatureK;
    final double safeStateTimeoutS;
    final double outputDeadband;

    private StationSettings(Builder b) {
        this.origin = b.copy();
        this.config = new StationConfig(b.id, b.description, b.cellAreaM2, b.cellDiameterM, b.fixtureRatingPa,
                b.driverFilter, b.loopRateHz, b.maxRatePaPerS, b.defaultRatePaPerS, b.safeAction, b.rebindPolicy);
        this.maxStepPa = b.maxStepPa;
        this.staleTimeoutS = b.staleTimeoutS;
        this.frozenTimeoutS = b.frozenTimeoutS;
        this.rateTripFactor = b.rateTripFactor;
        this.forceDropFraction = b.forceDropFraction;
        this.forceDropWindowS = b.forceDropWindowS;
        this.runawayTravelM = b.runawayTravelM;
        this.closedLoopTimeS = b.closedLoopTimeS;
        this.kpPerPa = b.kpPerPa;
        this.tiS = b.tiS;
        this.tdS = b.tdS;
        this.historyS = b.historyS;
        this.overpressureMarginPa = b.overpressureMarginPa;
        this.actuationMode = b.actuationMode;
        this.loopStallHoldS = b.loopStallHoldS;
        this.loopStallTripS = b.loopStallTripS;
        this.zeroBandPa = b.zeroBandPa;
        this.loopStallRepeatCount = b.loopStallRepeatCount;
        this.loopStallRepeatWindowS = b.loopStallRepeatWindowS;
        this.approachTimeoutS = b.approachTimeoutS;
        this.approachTravelM = b.approachTravelM;
        this.maxTemperatureK = b.maxTemperatureK;
        this.safeStateTimeoutS = b.safeStateTimeoutS;
        this.outputDeadband = b.outputDeadband;
    }

    /** The builder these settings came from, to derive changed settings (configuration updates). */
    Builder toBuilder() {
        return origin.copy();
    }

    public StationConfig config() {
        return config;
    }

    public long loopPeriodNanos() {
        return Math.round(1e9 / config.loopRateHz());
    }

    /** Converts and validates a metatype configuration; the exception lists every problem. */
    public static StationSettings from(StationConfiguration c, String pid) {
        Builder b = builder(c.id());
        b.description(c.description());
        if (c.cellAreaMm2() != 0) {
            b.cellAreaMm2(c.cellAreaMm2());
        } else {
            b.cellDiameterMm(c.cellDiameterMm());
        }
        b.fixtureRatingMPa(c.fixtureRatingMPa()).driverFilter(c.driver_target()).loopRateHz(c.loopRateHz())
                .maxRateMPaPerS(c.maxRateMPaPerS()).defaultRateMPaPerS(c.defaultRateMPaPerS()).maxStepMPa(c.maxStepMPa())
                .staleTimeoutS(c.staleTimeoutS()).frozenTimeoutS(c.frozenTimeoutS()).rateTripFactor(c.rateTripFactor())
                .forceDrop(c.forceDropFraction(), c.forceDropWindowS()).runawayTravelMm(c.runawayTravelMm())
                .controller(c.closedLoopTimeS(), c.kp(), c.tiS(), c.tdS()).historyS(c.historyS())
                .overpressureMarginMPa(c.overpressureMarginMPa()).actuationMode(c.actuationMode())
                .loopStall(c.loopStallHoldS(), c.loopStallTripS()).zeroBandMPa(c.zeroBandMPa())
                .loopStallRepeat(c.loopStallRepeatCount(), c.loopStallRepeatWindowS())
                .approach(c.approachTimeoutS(), c.approachTravelMm()).maxTemperatureC(c.maxTemperatureC())
                .safeStateTimeoutS(c.safeStateTimeoutS()).outputDeadband(c.outputDeadband());
        b.safeActionName = c.safeAction();
        b.rebindPolicyName = c.rebindPolicy();
        b.source = pid;
        return b.build();
    }

    /** Hard caps no configuration may exceed (control README, "Hard caps"). */
    static final double MAX_FIXTURE_RATING_PA = 1500e6;
    static final double MAX_RATE_PA_PER_S = 20e6;
    /** The slowest rate a command may ask for: 0.001 MPa/s (74 MPa in under 21 h). */
    static final double MIN_RATE_PA_PER_S = 1e3;
    static final double MAX_CELL_AREA_M2 = 0.01;
    static final double MAX_TEMPERATURE_K = 400 + 273.15;

    /** Checks {@code lo < v <= hi} (or {@code lo <= v} when inclusive) and finiteness; adds a message naming the key. */
    static boolean range(List<String> errors, String key, double v, double lo, boolean loInclusive, double hi) {
        boolean ok = Double.isFinite(v) && (loInclusive ? v >= lo : v > lo) && v <= hi;
        if (!ok) {
            errors.add(String.format(Locale.ROOT, "'%s' must be a finite number %s %s and <= %s, was %s", key,
                    loInclusive ? ">=" : ">", num(lo), num(hi), num(v)));
        }
        return ok;
    }

    private static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.valueOf((long) v);
        }
        return String.valueOf(v);
    }

    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** Builder with the same defaults as the metatype configuration; edge units in the setter names. */
    public static final class Builder {
        private String source = "station";
        private boolean fixtureRatingSet;

        private boolean fixtureRatingUnset() {
            return !fixtureRatingSet;
        }
        private final String id;
        private String description = "";
        private double cellAreaM2 = Math.PI * 0.010 * 0.010 / 4;
        private double cellDiameterM = 0.010;
        /** The area was given (cellAreaMm2), not derived from the diameter: the diameter is then NaN. */
        private boolean areaGiven;
        private double fixtureRatingPa = Double.NaN;
        private String driverFilter;
        private double loopRateHz = 100;
        private double maxRatePaPerS = 5e6;
        private double defaultRatePaPerS = 1e6;
        private double maxStepPa = 0.5e6;
        private String safeActionName = "HOLD";
        private String rebindPolicyName = "RESUME";
        private SafeAction safeAction;
        private RebindPolicy rebindPolicy;
        private double staleTimeoutS = 0.25;
        private double frozenTimeoutS = 5;
        private double rateTripFactor = 2;
        private double forceDropFraction = 0.2;
        private double forceDropWindowS = 0.1;
        private double runawayTravelM = 0.05e-3;
        private double closedLoopTimeS = 0.08;
        private double kpPerPa = 0;
        private double tiS = 0;
        private double tdS = 0;
        private double historyS = 60;
        private double overpressureMarginPa = 0.5e6;
        private String actuationMode = "AUTO";
        private double loopStallHoldS = 0.05;
        private double loopStallTripS = 1.0;
        private double zeroBandPa = 0.05e6;
        private int loopStallRepeatCount = 10;
        private double loopStallRepeatWindowS = 60;
        private double approachTimeoutS = 30;
        private double approachTravelM = 5e-3;
        private double maxTemperatureK = 90 + 273.15;
        private double safeStateTimeoutS = 0.5;
        private double outputDeadband = 0;

        private Builder(String id) {
            this.id = id;
        }

        Builder copy() {
            Builder c = new Builder(id);
            for (java.lang.reflect.Field f : Builder.class.getDeclaredFields()) {
                if (java.lang.reflect.Modifier.isFinal(f.getModifiers())) {
                    continue;
                }
                try {
                    f.set(c, f.get(this));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
            return c;
        }

        public Builder description(String d) { this.description = d == null ? "" : d; return this; }
        public Builder cellDiameterMm(double mm) { this.cellDiameterM = mm * 1e-3; this.cellAreaM2 = Math.PI * cellDiameterM * cellDiameterM / 4; this.areaGiven = false; return this; }
        public Builder cellAreaMm2(double mm2) { this.cellAreaM2 = mm2 * 1e-6; this.cellDiameterM = Double.NaN; this.areaGiven = true; return this; }
        public Builder fixtureRatingMPa(double mpa) { this.fixtureRatingPa = mpa * 1e6; this.fixtureRatingSet = true; return this; }
        public Builder driverFilter(String f) { this.driverFilter = f; return this; }
        public Builder loopRateHz(double hz) { this.loopRateHz = hz; return this; }
        public Builder maxRateMPaPerS(double r) { this.maxRatePaPerS = r * 1e6; return this; }
        public Builder defaultRateMPaPerS(double r) { this.defaultRatePaPerS = r * 1e6; return this; }
        public Builder maxStepMPa(double s) { this.maxStepPa = s * 1e6; return this; }
        public Builder safeAction(SafeAction a) { this.safeActionName = a.name(); return this; }
        public Builder rebindPolicy(RebindPolicy p) { this.rebindPolicyName = p.name(); return this; }
        public Builder staleTimeoutS(double s) { this.staleTimeoutS = s; return this; }
        public Builder frozenTimeoutS(double s) { this.frozenTimeoutS = s; return this; }
        public Builder rateTripFactor(double f) { this.rateTripFactor = f; return this; }
        public Builder forceDrop(double fraction, double windowS) { this.forceDropFraction = fraction; this.forceDropWindowS = windowS; return this; }
        public Builder runawayTravelMm(double mm) { this.runawayTravelM = mm * 1e-3; return this; }
        public Builder controller(double closedLoopTimeS, double kpPerMPa, double tiS, double tdS) {
            this.closedLoopTimeS = closedLoopTimeS; this.kpPerPa = kpPerMPa / 1e6; this.tiS = tiS; this.tdS = tdS; return this;
        }
        public Builder historyS(double s) { this.historyS = s; return this; }
        public Builder overpressureMarginMPa(double m) { this.overpressureMarginPa = m * 1e6; return this; }
        public Builder actuationMode(String m) { this.actuationMode = m; return this; }
        public Builder loopStall(double holdS, double tripS) { this.loopStallHoldS = holdS; this.loopStallTripS = tripS; return this; }
        public Builder zeroBandMPa(double mpa) { this.zeroBandPa = mpa * 1e6; return this; }
        public Builder loopStallRepeat(int count, double windowS) { this.loopStallRepeatCount = count; this.loopStallRepeatWindowS = windowS; return this; }
        public Builder approach(double timeoutS, double travelMm) { this.approachTimeoutS = timeoutS; this.approachTravelM = travelMm * 1e-3; return this; }
        public Builder maxTemperatureC(double c) { this.maxTemperatureK = c + 273.15; return this; }
        public Builder safeStateTimeoutS(double s) { this.safeStateTimeoutS = s; return this; }
        public Builder outputDeadband(double d) { this.outputDeadband = d; return this; }

        /**
         * Validates everything and lists every problem in one exception. Every number must be finite and
         * within the hard caps of the control README: a configuration can narrow what the station allows,
         * never switch an interlock off or widen it beyond the cap.
         */
        public StationSettings build() {
            List<String> errors = new ArrayList<>();
            if (id == null || id.isBlank()) {
                errors.add("'id' is required");
            }
            // a negative diameter squares to a positive area: check the diameter itself when it was given
            if (!(cellAreaM2 > 0) || !Double.isFinite(cellAreaM2) || cellAreaM2 > MAX_CELL_AREA_M2 || (!areaGiven && !(cellDiameterM > 0))) {
                errors.add(areaGiven
                        ? String.format(Locale.ROOT, "'cellAreaMm2' must be > 0 and <= %.0f, was %s", MAX_CELL_AREA_M2 * 1e6, cellAreaM2 * 1e6)
                        : String.format(Locale.ROOT, "'cellDiameterMm' must be > 0 and <= %.0f, was %s",
                                Math.sqrt(4 * MAX_CELL_AREA_M2 / Math.PI) * 1e3, cellDiameterM * 1e3));
            }
            if (fixtureRatingUnset()) {
                errors.add("'fixtureRatingMPa' is required");
            } else {
                range(errors, "fixtureRatingMPa", fixtureRatingPa / 1e6, 0, false, MAX_FIXTURE_RATING_PA / 1e6);
            }
            if (driverFilter == null || driverFilter.isBlank()) {
                errors.add("'driver.target' is required, e.g. (presslab.driver.id=sim-press-1)");
            } else {
                String problem = LdapFilterCheck.problem(driverFilter);
                if (problem != null) {
                    errors.add("'driver.target' is not a valid LDAP filter: " + problem + ": " + driverFilter);
                }
            }
            range(errors, "loopRateHz", loopRateHz, 10, true, 2000);
            range(errors, "maxRateMPaPerS", maxRatePaPerS / 1e6, 0, false, MAX_RATE_PA_PER_S / 1e6);
            if (range(errors, "defaultRateMPaPerS", defaultRatePaPerS / 1e6, MIN_RATE_PA_PER_S / 1e6, true, MAX_RATE_PA_PER_S / 1e6)
                    && defaultRatePaPerS > maxRatePaPerS) {
                errors.add("'defaultRateMPaPerS' must be <= maxRateMPaPerS (" + maxRatePaPerS / 1e6 + "), was "
                        + defaultRatePaPerS / 1e6);
            }
            range(errors, "maxStepMPa", maxStepPa / 1e6, 0, true, 5);
            try {
                safeAction = SafeAction.valueOf(safeActionName.trim().toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                errors.add("'safeAction' must be HOLD, VENT or STOP, was '" + safeActionName + "'");
            }
            try {
                rebindPolicy = RebindPolicy.valueOf(rebindPolicyName.trim().toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                errors.add("'rebindPolicy' must be RESUME or WAIT_FOR_OPERATOR, was '" + rebindPolicyName + "'");
            }
            range(errors, "staleTimeoutS", staleTimeoutS, 0, false, 2);
            range(errors, "frozenTimeoutS", frozenTimeoutS, 0.5, true, 30);
            range(errors, "rateTripFactor", rateTripFactor, 1, true, 5);
            range(errors, "forceDropFraction", forceDropFraction, 0.02, true, 0.5);
            range(errors, "forceDropWindowS", forceDropWindowS, 0.01, true, 2);
            range(errors, "runawayTravelMm", runawayTravelM * 1e3, 0.005, true, 2);
            range(errors, "closedLoopTimeS", closedLoopTimeS, 0.005, true, 10);
            range(errors, "kp", kpPerPa * 1e6, 0, true, 100);
            range(errors, "tiS", tiS, 0, true, 1000);
            range(errors, "tdS", tdS, 0, true, 10);
            range(errors, "historyS", historyS, 0, true, 3600);
            if (range(errors, "overpressureMarginMPa", overpressureMarginPa / 1e6, 0, false, MAX_FIXTURE_RATING_PA / 1e6)
                    && fixtureRatingPa > 0 && overpressureMarginPa > 0.1 * fixtureRatingPa) {
                errors.add(String.format(Locale.ROOT, "'overpressureMarginMPa' must be <= 10 %% of fixtureRatingMPa (%.3f MPa), was %s",
                        0.1 * fixtureRatingPa / 1e6, overpressureMarginPa / 1e6));
            }
            if (actuationMode == null || !java.util.Set.of("AUTO", "RAW_OUTPUT", "FORCE_SETPOINT", "PRESSURE_SETPOINT")
                    .contains(actuationMode.trim().toUpperCase(Locale.ROOT))) {
                errors.add("'actuationMode' must be AUTO, RAW_OUTPUT, FORCE_SETPOINT or PRESSURE_SETPOINT, was '" + actuationMode + "'");
            }
            if (range(errors, "loopStallHoldS", loopStallHoldS, 0.02, true, 0.5)
                    && range(errors, "loopStallTripS", loopStallTripS, 0.05, true, 2) && !(loopStallTripS > loopStallHoldS)) {
                errors.add("'loopStallTripS' must be > loopStallHoldS (" + loopStallHoldS + "), was " + loopStallTripS);
            }
            range(errors, "loopStallRepeatCount", loopStallRepeatCount, 2, true, 100);
            range(errors, "loopStallRepeatWindowS", loopStallRepeatWindowS, 1, true, 3600);
            range(errors, "zeroBandMPa", zeroBandPa / 1e6, 0, true, 1);
            range(errors, "approachTimeoutS", approachTimeoutS, 1, true, 300);
            range(errors, "approachTravelMm", approachTravelM * 1e3, 0.01, true, 50);
            range(errors, "maxTemperatureC", maxTemperatureK - 273.15, -50, true, MAX_TEMPERATURE_K - 273.15);
            range(errors, "safeStateTimeoutS", safeStateTimeoutS, 0.05, true, 2);
            range(errors, "outputDeadband", outputDeadband, 0, true, 0.5);
            if (!errors.isEmpty()) {
                throw new IllegalArgumentException(
                        "Invalid configuration of station '" + id + "' (" + source + "): " + String.join("; ", errors));
            }
            return new StationSettings(this);
        }
    }
}
