package org.presslab.control.api;

/** What a station is doing. */
public enum StationState {
    /** Bound, output idle, nothing commanded. */
    IDLE,
    /** Following a ramp up or down toward a target. */
    RAMPING,
    /** Holding a target pressure. */
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
    NO_DRIVER
}
