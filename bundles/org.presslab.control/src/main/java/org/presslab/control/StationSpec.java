package org.presslab.control;

import java.util.Objects;

import org.presslab.control.api.RebindPolicy;
import org.presslab.control.internal.StationSettings;
import org.presslab.press.api.SafeAction;

/**
 * What a station is (for {@link Stations#create}): the same keys, defaults, hard caps and validation as
 * the station's metatype configuration ({@code org.presslab.control.station}, control README), with the
 * edge unit in each setter's name. Nothing is checked until {@link Stations#create}, which lists every
 * problem in one {@link IllegalArgumentException}. Not thread-safe; a spec may be reused.
 */
public final class StationSpec {

    private final StationSettings.Builder builder;

    private StationSpec(String id) {
        this.builder = StationSettings.builder(id);
    }

    /** A spec for station {@code id} with every default; the cell size, the fixture rating and the driver filter are required. */
    public static StationSpec of(String id) {
        return new StationSpec(Objects.requireNonNull(id, "id"));
    }

    StationSettings settings() {
        return builder.build();
    }

    /** A free text shown with the station. */
    public StationSpec description(String d) {
        builder.description(d);
        return this;
    }

    /** The cell's diameter, mm (the area the force acts on); required, or {@link #cellAreaMm2}. */
    public StationSpec cellDiameterMm(double mm) {
        builder.cellDiameterMm(mm);
        return this;
    }

    /** The cell's area, mm², for a cell that is not round. */
    public StationSpec cellAreaMm2(double mm2) {
        builder.cellAreaMm2(mm2);
        return this;
    }

    /** The fixture's (die's) rated pressure, MPa; required. The station's limit is the lowest of it, the driver's rating and a running recipe's limit. */
    public StationSpec fixtureRatingMPa(double mpa) {
        builder.fixtureRatingMPa(mpa);
        return this;
    }

    /** The LDAP filter a driver must match, e.g. {@code (presslab.driver.id=sim-press-1)}; required. */
    public StationSpec driverFilter(String f) {
        builder.driverFilter(f);
        return this;
    }

    /** Control loop rate, Hz. */
    public StationSpec loopRateHz(double hz) {
        builder.loopRateHz(hz);
        return this;
    }

    /** Highest pressure rate a command may ask for, MPa/s. */
    public StationSpec maxRateMPaPerS(double r) {
        builder.maxRateMPaPerS(r);
        return this;
    }

    /** Rate for commands that give none, MPa/s. */
    public StationSpec defaultRateMPaPerS(double r) {
        builder.defaultRateMPaPerS(r);
        return this;
    }

    /** Largest step {@code hold()} applies at once, MPa; bigger steps are ramped. */
    public StationSpec maxStepMPa(double s) {
        builder.maxStepMPa(s);
        return this;
    }

    /** What a trip does to the device (HOLD by default). */
    public StationSpec safeAction(SafeAction a) {
        builder.safeAction(a);
        return this;
    }

    /** RESUME the hold when the same device returns, or WAIT_FOR_OPERATOR: latch until reset. */
    public StationSpec rebindPolicy(RebindPolicy p) {
        builder.rebindPolicy(p);
        return this;
    }

    /** A reading older than this trips STALE_SENSOR, s. */
    public StationSpec staleTimeoutS(double s) {
        builder.staleTimeoutS(s);
        return this;
    }

    /** A value bit-identical for this long while new readings arrive, controlling or under load, trips FROZEN_SENSOR, s. */
    public StationSpec frozenTimeoutS(double s) {
        builder.frozenTimeoutS(s);
        return this;
    }

    /** A measured rise faster than this multiple of the maximum rate trips MAX_RATE. */
    public StationSpec rateTripFactor(double f) {
        builder.rateTripFactor(f);
        return this;
    }

    /** A fall by this fraction within this window trips FORCE_DROP. */
    public StationSpec forceDrop(double fraction, double windowS) {
        builder.forceDrop(fraction, windowS);
        return this;
    }

    /** Travel without the pressure following that trips RUNAWAY_TRAVEL, mm. */
    public StationSpec runawayTravelMm(double mm) {
        builder.runawayTravelMm(mm);
        return this;
    }

    /** Controller tuning: closed-loop time constant, s; gain, per MPa; integral and derivative times, s. */
    public StationSpec controller(double closedLoopTimeS, double kpPerMPa, double tiS, double tdS) {
        builder.controller(closedLoopTimeS, kpPerMPa, tiS, tdS);
        return this;
    }

    /** Seconds of samples kept for {@link org.presslab.control.api.Station#history(double)}. */
    public StationSpec historyS(double s) {
        builder.historyS(s);
        return this;
    }

    /** Measured pressure above the limit plus this margin trips MAX_PRESSURE, MPa. */
    public StationSpec overpressureMarginMPa(double m) {
        builder.overpressureMarginMPa(m);
        return this;
    }

    /** AUTO, RAW_OUTPUT, FORCE_SETPOINT or PRESSURE_SETPOINT; AUTO is RAW_OUTPUT with the station's PID where offered. */
    public StationSpec actuationMode(String m) {
        builder.actuationMode(m);
        return this;
    }

    /** A loop late by holdS is held and resumed; one away for tripS latches LOOP_STALL, s. */
    public StationSpec loopStall(double holdS, double tripS) {
        builder.loopStall(holdS, tripS);
        return this;
    }

    /** Targets from -zeroBand to 0 are taken as 0 (load-cell noise on an unloaded cell); lower ones are refused, MPa. */
    public StationSpec zeroBandMPa(double mpa) {
        builder.zeroBandMPa(mpa);
        return this;
    }

    /** A loop late count times within windowS latches LOOP_STALL. */
    public StationSpec loopStallRepeat(int count, double windowS) {
        builder.loopStallRepeat(count, windowS);
        return this;
    }

    /** Contact must be found within timeoutS and travelMm of travel. */
    public StationSpec approach(double timeoutS, double travelMm) {
        builder.approach(timeoutS, travelMm);
        return this;
    }

    /** Heaters off and a trip above this temperature, °C. */
    public StationSpec maxTemperatureC(double c) {
        builder.maxTemperatureC(c);
        return this;
    }

    /** How long a safe action may take before the next one is tried, s. */
    public StationSpec safeStateTimeoutS(double s) {
        builder.safeStateTimeoutS(s);
        return this;
    }

    /** The actuator's valve or drive deadband as a fraction of full output (raw outputs u go out as sign(u)(d + (1-d)|u|)). */
    public StationSpec outputDeadband(double d) {
        builder.outputDeadband(d);
        return this;
    }
}
