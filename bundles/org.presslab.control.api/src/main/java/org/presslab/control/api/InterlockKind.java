package org.presslab.control.api;

/** The interlocks of a station's safety supervisor. */
public enum InterlockKind {
    /** Measured pressure above the station's maximum. */
    MAX_PRESSURE,
    /** Pressure changing faster than the station's maximum rate. */
    MAX_RATE,
    /** No new reading within the watchdog time. */
    STALE_SENSOR,
    /** Readings keep coming but the value is frozen where noise is expected. */
    FROZEN_SENSOR,
    /** The driver service went away. */
    DRIVER_LOST,
    /** The device reports a fault, an overload or lost connection. */
    DEVICE_FAULT,
    /** Sudden force drop under load control (cracked pellet, extruded sodium, short). */
    FORCE_DROP,
    /** Travel running away while the force does not follow (sample failure). */
    RUNAWAY_TRAVEL,
    /** Emergency stop by a person or a front end. */
    EMERGENCY_STOP,
    /** The control loop has not run for several periods while it was controlling (seen by the supervisor's own timer). */
    CONTROL_LOOP_STALLED
}
