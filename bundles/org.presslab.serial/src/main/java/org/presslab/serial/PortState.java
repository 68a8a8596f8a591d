package org.presslab.serial;

/** The state of a {@link SerialConnection}. */
public enum PortState {
    /** Not open yet, or waiting for the back-off delay before the next attempt. */
    OPENING,
    /** Open with the requested settings. */
    OPEN,
    /** Was open and vanished (adapter pulled, device node removed); reopened by the next I/O after the back-off. */
    LOST,
    /** Closed by its owner; every I/O call fails. */
    CLOSED;
}
