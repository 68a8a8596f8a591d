package org.presslab.press.modbus.internal;

/** A Modbus transaction that failed after its retries, with the cause sorted out. */
final class TxFailure extends Exception {

    private static final long serialVersionUID = 1L;

    enum Kind {
        /** No reply within the timeout. */
        TIMEOUT,
        /** A reply with a bad CRC. */
        CRC,
        /** A reply cut short. */
        TRUNCATED,
        /** Bytes that are no Modbus reply. */
        GARBLED,
        /** A valid reply from another slave id. */
        WRONG_UNIT,
        /** The device answered with a Modbus exception. */
        EXCEPTION,
        /** The port is absent, busy or vanished. */
        PORT
    }

    final Kind kind;
    final org.presslab.serial.SerialPortException portError;

    TxFailure(Kind kind, String message) {
        this(kind, message, null);
    }

    TxFailure(Kind kind, String message, org.presslab.serial.SerialPortException portError) {
        super(message);
        this.kind = kind;
        this.portError = portError;
    }

    static Kind classify(String j2modMessage) {
        String m = j2modMessage == null ? "" : j2modMessage;
        if (m.contains("CRC Error")) {
            return Kind.CRC;
        }
        if (m.contains("Unit ID mismatch")) {
            return Kind.WRONG_UNIT;
        }
        if (m.contains("truncated")) {
            return Kind.TRUNCATED;
        }
        if (m.contains("unrecognised function code") || m.contains("Function code mismatch") || m.contains("Invalid subfunction")) {
            return Kind.GARBLED;
        }
        if (m.contains("Cannot read from serial port") || m.contains("Error reading response")) {
            return Kind.TIMEOUT;
        }
        return Kind.GARBLED;
    }
}
