package org.presslab.serial;

import java.io.IOException;
import java.util.Objects;

/**
 * A port that cannot be used, with the reason and the fix in the message:
 * {@code "port /dev/ttyUSB0 permission denied: add the user to group dialout ..."}.
 */
public class SerialPortException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Why the port cannot be used. */
    public enum Reason {
        /** Nothing at that path, or no USB device with that identity. */
        ABSENT,
        /** Another program, or another connection in this JVM, holds the port. */
        BUSY,
        /** The user may not open the device node. */
        PERMISSION_DENIED,
        /** The port refused a setting (parity on a pseudo-terminal, an unsupported baud rate). */
        SETTINGS_REFUSED,
        /** The port was open and went away (cable or adapter pulled). */
        VANISHED,
        /** The connection was closed by its owner. */
        CLOSED,
        /** Another I/O error from the operating system. */
        IO_ERROR
    }

    private final String port;
    private final Reason reason;

    public SerialPortException(String port, Reason reason, String message) {
        super(message);
        this.port = Objects.requireNonNull(port, "port");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The connection id (configured path or USB identity). */
    public String port() {
        return port;
    }

    public Reason reason() {
        return reason;
    }
}
