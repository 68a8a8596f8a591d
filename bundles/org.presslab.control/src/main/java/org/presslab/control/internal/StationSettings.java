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
    final double loopStallHoldS;
    final double loopStallTripS;
    final double zeroBandPa;

    private StationSettings(Builder b) {
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
                .loopStall(c.loopStallHoldS(), c.loopStallTripS()).zeroBandMPa(c.zeroBandMPa());
        b.safeActionName = c.safeAction();
        b.rebindPolicyName = c.rebindPolicy();
        b.source = pid;
        return b.build();
    }

    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** Builder with the same defaults as the metatype configuration; edge units in the setter names. */
    public static final class Builder {
        private String source = "station";
        private final String id;
        private String description = "";
        private double cellAreaM2 = Math.PI * 0.010 * 0.010 / 4;
        private double cellDiameterM = 0.010;
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
        private double loopStallTripS = 0.5;
        private double zeroBandPa = 0.05e6;

        private Builder(String id) {
            this.id = id;
        }

        public Builder description(String d) { this.description = d == null ? "" : d; return this; }
        public Builder cellDiameterMm(double mm) { this.cellDiameterM = mm * 1e-3; this.cellAreaM2 = Math.PI * cellDiameterM * cellDiameterM / 4; return this; }
        public Builder cellAreaMm2(double mm2) { this.cellAreaM2 = mm2 * 1e-6; this.cellDiameterM = Double.NaN; return this; }
        public Builder fixtureRatingMPa(double mpa) { this.fixtureRatingPa = mpa * 1e6; return this; }
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

        /** Validates everything and lists every problem in one exception. */
        public StationSettings build() {
            List<String> errors = new ArrayList<>();
            if (id == null || id.isBlank()) {
                errors.add("'id' is required");
            }
            if (!(cellAreaM2 > 0) || !Double.isFinite(cellAreaM2)) {
                errors.add(Double.isNaN(cellDiameterM)
                        ? String.format(Locale.ROOT, "'cellAreaMm2' must be > 0, was %s", cellAreaM2 * 1e6)
                        : String.format(Locale.ROOT, "'cellDiameterMm' must be > 0, was %s", cellDiameterM * 1e3));
            }
            if (!(fixtureRatingPa > 0) || !Double.isFinite(fixtureRatingPa)) {
                errors.add(Double.isNaN(fixtureRatingPa) ? "'fixtureRatingMPa' is required"
                        : String.format(Locale.ROOT, "'fixtureRatingMPa' must be > 0, was %s", fixtureRatingPa / 1e6));
            }
            if (driverFilter == null || driverFilter.isBlank()) {
                errors.add("'driver.target' is required, e.g. (presslab.driver.id=sim-press-1)");
            } else {
                String problem = LdapFilterCheck.problem(driverFilter);
                if (problem != null) {
                    errors.add("'driver.target' is not a valid LDAP filter: " + problem + ": " + driverFilter);
                }
            }
            if (!(loopRateHz >= 1 && loopRateHz <= 2000)) {
                errors.add("'loopRateHz' must be in 1..2000, was " + loopRateHz);
            }
            if (!(maxRatePaPerS > 0)) {
                errors.add("'maxRateMPaPerS' must be > 0, was " + maxRatePaPerS / 1e6);
            }
            if (!(defaultRatePaPerS > 0) || defaultRatePaPerS > maxRatePaPerS) {
                errors.add("'defaultRateMPaPerS' must be > 0 and <= maxRateMPaPerS (" + maxRatePaPerS / 1e6 + "), was "
                        + defaultRatePaPerS / 1e6);
            }
            if (!(maxStepPa >= 0)) {
                errors.add("'maxStepMPa' must be >= 0, was " + maxStepPa / 1e6);
            }
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
            if (!(staleTimeoutS > 0)) {
                errors.add("'staleTimeoutS' must be > 0, was " + staleTimeoutS);
            }
            if (!(frozenTimeoutS >= 0)) {
                errors.add("'frozenTimeoutS' must be >= 0 (0 = off), was " + frozenTimeoutS);
            }
            if (!(rateTripFactor >= 1)) {
                errors.add("'rateTripFactor' must be >= 1, was " + rateTripFactor);
            }
            if (!(forceDropFraction >= 0 && forceDropFraction < 1)) {
                errors.add("'forceDropFraction' must be in [0, 1), was " + forceDropFraction);
            }
            if (!(forceDropWindowS > 0)) {
                errors.add("'forceDropWindowS' must be > 0, was " + forceDropWindowS);
            }
            if (!(runawayTravelM >= 0)) {
                errors.add("'runawayTravelMm' must be >= 0 (0 = off), was " + runawayTravelM * 1e3);
            }
            if (!(closedLoopTimeS > 0)) {
                errors.add("'closedLoopTimeS' must be > 0, was " + closedLoopTimeS);
            }
            if (!(kpPerPa >= 0) || !(tiS >= 0) || !(tdS >= 0)) {
                errors.add("'kp', 'tiS' and 'tdS' must be >= 0");
            }
            if (!(historyS >= 0 && historyS <= 3600)) {
                errors.add("'historyS' must be in 0..3600, was " + historyS);
            }
            if (!(overpressureMarginPa >= 0)) {
                errors.add("'overpressureMarginMPa' must be >= 0, was " + overpressureMarginPa / 1e6);
            }
            if (actuationMode == null || !java.util.Set.of("AUTO", "RAW_OUTPUT", "FORCE_SETPOINT", "PRESSURE_SETPOINT")
                    .contains(actuationMode.trim().toUpperCase(Locale.ROOT))) {
                errors.add("'actuationMode' must be AUTO, RAW_OUTPUT, FORCE_SETPOINT or PRESSURE_SETPOINT, was '" + actuationMode + "'");
            }
            if (!(loopStallHoldS > 0)) {
                errors.add("'loopStallHoldS' must be > 0, was " + loopStallHoldS);
            }
            if (!(loopStallTripS > loopStallHoldS) || !(loopStallTripS <= 10)) {
                errors.add("'loopStallTripS' must be > loopStallHoldS (" + loopStallHoldS + ") and <= 10, was " + loopStallTripS);
            }
            if (!(zeroBandPa >= 0 && zeroBandPa <= 1e6)) {
                errors.add("'zeroBandMPa' must be in 0..1, was " + zeroBandPa / 1e6);
            }
            if (!errors.isEmpty()) {
                throw new IllegalArgumentException(
                        "Invalid configuration of station '" + id + "' (" + source + "): " + String.join("; ", errors));
            }
            return new StationSettings(this);
        }
    }
}
