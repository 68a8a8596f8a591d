package org.presslab.press.api;

/** How far a reading can be trusted. Only {@link #GOOD} and {@link #UNSTABLE} values may be used to control. */
public enum Quality {
    /** Fresh and in range. */
    GOOD,
    /** Fresh, but the device says it is still settling (e.g. an indicator's "US" flag); fine for display and control, not for a stable-reading check. */
    UNSTABLE,
    /** The sensor is beyond its range; the value is a bound, not a measurement. */
    OVERLOAD,
    /** No fresh measurement: the value is the last one the device gave, with its original time. */
    STALE,
    /** The device reports a fault; the value means nothing. */
    FAULT;

    /** True when control may act on the value. */
    public boolean usableForControl() {
        return this == GOOD || this == UNSTABLE;
    }
}
