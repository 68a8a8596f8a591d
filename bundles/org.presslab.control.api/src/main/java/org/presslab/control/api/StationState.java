package org.presslab.control.api;

/** What a station is doing. */
public enum StationState {
    /** Bound, output idle, nothing commanded. */
    IDLE,
    /** Following a ramp up or down toward a target. */
    RAMPING,
    /**
     * The setpoint has reached its target but the measured pressure is not yet within the hold
     * tolerance (a slow actuator, a compliant stack): the plant is still getting there.
     */
    SETTLING,
    /** Holding a target pressure, the measured pressure within the hold tolerance. */
    HOLDING,
    /** A sense-only station (passive frame, manual press): recording and alarming, not actuating. */
    MONITORING,
    /** A manual step: waiting for the operator to bring the press to the target. */
    WAITING_FOR_OPERATOR,
    /** An interlock tripped: the device is in its safe state until reset. */
    TRIPPED,
    /** Emergency stop, latched until reset. */
    EMERGENCY_STOPPED,
    /** No driver matches the station's filter (or it went away); the gap is being recorded. */
    NO_DRIVER,
    /** The station's configuration is invalid; the device is held in its safe state and the message names the key. */
    FAULT
}
