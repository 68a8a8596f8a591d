package org.presslab.control.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Factory configuration of a station, PID {@value StationComponent#PID}. Edge units (mm, MPa, s). */
@ObjectClassDefinition(name = "Presslab station",
        description = "One cell fixture (geometry, die or fixture rating) bound to one press driver by a target filter.")
public @interface StationConfiguration {

    @AttributeDefinition(description = "Stable station id, unique in the installation (required).")
    String id();

    @AttributeDefinition(required = false, description = "Free text: fixture, die id, cell.")
    String description() default "";

    @AttributeDefinition(required = false, description = "Cell (pellet) diameter in mm. Ignored when cellAreaMm2 is set.")
    double cellDiameterMm() default 10.0;

    @AttributeDefinition(required = false, description = "Pressed cell area in mm²; 0 = use cellDiameterMm.")
    double cellAreaMm2() default 0.0;

    @AttributeDefinition(description = "Die or fixture rating as pressure on the cell, MPa (required, > 0).")
    double fixtureRatingMPa();

    @AttributeDefinition(name = "driver.target", description = "LDAP filter selecting the driver, e.g. (presslab.driver.id=sim-press-1)")
    String driver_target();

    @AttributeDefinition(name = "analyzer.target", required = false, description = "LDAP filter selecting the impedance analyzer recipe EIS steps use, e.g. (presslab.analyzer.id=sim-eis-1); empty = none.")
    String analyzer_target() default "";

    @AttributeDefinition(required = false, description = "Control loop rate, Hz (1..2000).")
    double loopRateHz() default 100.0;

    @AttributeDefinition(required = false, description = "Fastest allowed pressure change, MPa/s.")
    double maxRateMPaPerS() default 5.0;

    @AttributeDefinition(required = false, description = "Rate used where a command gives none, MPa/s.")
    double defaultRateMPaPerS() default 1.0;

    @AttributeDefinition(required = false, description = "Largest setpoint step hold() applies at once, MPa; bigger steps are ramped.")
    double maxStepMPa() default 0.5;

    @AttributeDefinition(required = false, description = "What the station does on a trip.", options = {
            @Option(label = "Hold the present load", value = "HOLD"), @Option(label = "Vent (release)", value = "VENT"),
            @Option(label = "Stop (remove actuator power)", value = "STOP") })
    String safeAction() default "HOLD";

    @AttributeDefinition(required = false, description = "What the station does when its driver returns after a loss.",
            options = { @Option(label = "Resume the hold", value = "RESUME"),
                    @Option(label = "Wait for an operator reset", value = "WAIT_FOR_OPERATOR") })
    String rebindPolicy() default "RESUME";

    @AttributeDefinition(required = false, description = "Stale-sensor watchdog: trip when the newest reading is older than this, s.")
    double staleTimeoutS() default 0.25;

    @AttributeDefinition(required = false, description = "Frozen-sensor watchdog: while controlling or under load (> 1 MPa), at any level, zero included, trip when new readings repeat the same value bit for bit for this long, s (0.5..30).")
    double frozenTimeoutS() default 5.0;

    @AttributeDefinition(required = false, description = "Measured pressure rise faster than this factor times maxRateMPaPerS trips MAX_RATE.")
    double rateTripFactor() default 2.0;

    @AttributeDefinition(required = false, description = "Force-drop interlock: a fall of this fraction of the setpoint within forceDropWindowS trips (0.02..0.5).")
    double forceDropFraction() default 0.2;

    @AttributeDefinition(required = false, description = "Window of the force-drop interlock, s.")
    double forceDropWindowS() default 0.1;

    @AttributeDefinition(required = false, description = "Runaway-travel interlock: closing travel above this within 1 s under load trips, mm (0.005..2). Normal loading moves the platen µm/s; a cracked pellet lets the ram run.")
    double runawayTravelMm() default 0.05;

    @AttributeDefinition(required = false, description = "Closed-loop time constant of the pressure loop, s (gains follow from the driver's force rate).")
    double closedLoopTimeS() default 0.08;

    @AttributeDefinition(required = false, description = "Proportional gain, output per MPa; 0 = derive from closedLoopTimeS and the driver.")
    double kp() default 0.0;

    @AttributeDefinition(required = false, description = "Integral time, s; 0 = derive (4 closed-loop times).")
    double tiS() default 0.0;

    @AttributeDefinition(required = false, description = "Derivative time, s (on measurement, filtered); 0 = none.")
    double tdS() default 0.0;

    @AttributeDefinition(required = false, description = "Seconds of full-rate samples kept for history().")
    double historyS() default 60.0;

    @AttributeDefinition(required = false, description = "Measured pressure above the limit by more than this trips MAX_PRESSURE, MPa (commands are refused above the limit itself).")
    double overpressureMarginMPa() default 0.5;

    @AttributeDefinition(required = false, description = "Late-loop hold: when the control loop has not run for this long while controlling, the supervisor puts the actuator in HOLD itself (not latched; the loop takes over again on its next tick, bumpless), s. At least 3 loop periods are used.")
    double loopStallHoldS() default 0.05;

    @AttributeDefinition(required = false, description = "CONTROL_LOOP_STALLED trips (latched) when the control loop has not run for this long while controlling, s (at most 2). Shorter gaps hold and resume on their own.")
    double loopStallTripS() default 1.0;

    @AttributeDefinition(required = false, description = "Targets between -zeroBandMPa and 0 (load-cell noise on an unloaded cell) are taken as 0; targets further below 0 are refused, MPa.")
    double zeroBandMPa() default 0.05;

    @AttributeDefinition(required = false, description = "How to command the actuator: AUTO (raw output with the station's PID where offered), RAW_OUTPUT, FORCE_SETPOINT, PRESSURE_SETPOINT.")
    String actuationMode() default "AUTO";

    @AttributeDefinition(required = false, description = "Repeated stalls: this many late-loop holds within loopStallRepeatWindowS trip CONTROL_LOOP_STALLED (2..100).")
    int loopStallRepeatCount() default 10;

    @AttributeDefinition(required = false, description = "Window for loopStallRepeatCount, s.")
    double loopStallRepeatWindowS() default 60.0;

    @AttributeDefinition(required = false, description = "The approach to the stack (constant slow output until contact) must reach contact within this, s (1..300); else NO_RESPONSE trips.")
    double approachTimeoutS() default 30.0;

    @AttributeDefinition(required = false, description = "The approach may travel at most this far where the device reports position, mm (0.01..50); else NO_RESPONSE trips.")
    double approachTravelMm() default 5.0;

    @AttributeDefinition(required = false, description = "Over-temperature interlock, °C (at most 400). The default stays below sodium's melting point (98 °C); raise it only for a fixture rated for more.")
    double maxTemperatureC() default 90.0;

    @AttributeDefinition(required = false, description = "How long a safe action may take before the next one is tried (a blocked driver), s (0.05..2).")
    double safeStateTimeoutS() default 0.5;

    @AttributeDefinition(required = false, description = "Valve or drive deadband of the actuator as a fraction of full output (0..0.5): raw outputs are mapped past it. 0 = none.")
    double outputDeadband() default 0.0;
}
