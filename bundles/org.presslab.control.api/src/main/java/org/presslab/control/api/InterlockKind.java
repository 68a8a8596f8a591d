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
    CONTROL_LOOP_STALLED,
    /**
     * A reading no sensor or press can produce, whatever quality the driver gave it: a non-finite
     * value, or a rise between two readings faster than the device can load.
     */
    IMPLAUSIBLE_READING,
    /**
     * The press does not answer its command: output applied and the pressure does not follow within a
     * bound derived from the device's maximum force rate, or the approach to the stack takes too long or
     * travels too far, or the platen stops on the stack while the sensor shows no force.
     */
    NO_RESPONSE,
    /** Temperature above the station's cap (below sodium's melting point unless the fixture is rated for more). */
    OVER_TEMPERATURE,
    /** The station's configuration was changed to invalid values: the device is held, the key is named. */
    CONFIGURATION
}
