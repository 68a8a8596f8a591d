package org.presslab.serial;

import java.util.Objects;

/**
 * Line settings of a port.
 *
 * @param baudRate bits per second
 * @param dataBits 5 to 8
 * @param parity the parity bit
 * @param stopBits the stop bits
 * @param flowControl hardware or software flow control
 */
public record SerialSettings(int baudRate, int dataBits, Parity parity, StopBits stopBits, FlowControl flowControl) {

    public SerialSettings {
        Objects.requireNonNull(parity, "parity");
        Objects.requireNonNull(stopBits, "stopBits");
        Objects.requireNonNull(flowControl, "flowControl");
        if (baudRate <= 0) {
            throw new IllegalArgumentException("baud rate must be positive, was " + baudRate);
        }
        if (dataBits < 5 || dataBits > 8) {
            throw new IllegalArgumentException("data bits must be 5 to 8, was " + dataBits);
        }
    }

    /** 8 data bits, no parity, one stop bit, no flow control. */
    public static SerialSettings of8N1(int baudRate) {
        return new SerialSettings(baudRate, 8, Parity.NONE, StopBits.ONE, FlowControl.NONE);
    }

    /** Bits on the wire per character: start + data + parity + stop. */
    public double bitsPerCharacter() {
        return 1 + dataBits + (parity == Parity.NONE ? 0 : 1) + stopBits.bits();
    }

    /** Seconds one character takes on the wire. */
    public double characterTimeS() {
        return bitsPerCharacter() / baudRate;
    }

    /** E.g. {@code 9600 8N1}. */
    public String describe() {
        return baudRate + " " + dataBits + parity.letter() + stopBits.label()
                + (flowControl == FlowControl.NONE ? "" : " " + flowControl);
    }

    @Override
    public String toString() {
        return describe();
    }
}
