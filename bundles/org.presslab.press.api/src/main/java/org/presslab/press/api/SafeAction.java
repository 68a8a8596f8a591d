package org.presslab.press.api;

/** What a device does when control makes it safe. */
public enum SafeAction {
    /** Keep the present load: pump off, valves closed, motor braked. The default for a cell under stack pressure. */
    HOLD,
    /** Release the load in a controlled way (release valve open, motor backing off). */
    VENT,
    /** Remove actuator power at once. */
    STOP
}
