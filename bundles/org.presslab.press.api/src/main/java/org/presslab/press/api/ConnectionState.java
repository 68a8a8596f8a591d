package org.presslab.press.api;

/** The link between the driver and its device. */
public enum ConnectionState {
    /** Opening the port or waiting for the first answer. */
    CONNECTING,
    /** Answering normally. */
    CONNECTED,
    /** Answering, but with errors (retries, CRC errors) above the driver's threshold. */
    DEGRADED,
    /** Not answering, or the port is gone; the driver keeps trying to reconnect. */
    DISCONNECTED,
    /** The device reports a fault (overload, alarm bit, sensor fault) or the driver cannot work (bad configuration). */
    FAULT;

    public boolean isUp() {
        return this == CONNECTED || this == DEGRADED;
    }
}
