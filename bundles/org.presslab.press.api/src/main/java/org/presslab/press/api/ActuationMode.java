package org.presslab.press.api;

/** How an actuator takes commands. */
public enum ActuationMode {
    /**
     * A raw, normalised output in [-1, 1]: the platform closes the loop. For a hydraulic press,
     * +1 is full pump flow, 0 holds (pump off, valves closed), -1 is the release valve fully open;
     * for a motorized frame it is motor speed, closing positive.
     */
    RAW_OUTPUT,
    /** A force setpoint in newtons: the device closes its own loop. */
    FORCE_SETPOINT,
    /** A pressure setpoint in pascals (line or vessel pressure): the device closes its own loop. */
    PRESSURE_SETPOINT
}
