package org.presslab.serial;

/** Which way bytes went on a port, from the host's side. */
public enum Direction {
    /** Sent by the host to the device. */
    TX,
    /** Received by the host from the device. */
    RX
}
