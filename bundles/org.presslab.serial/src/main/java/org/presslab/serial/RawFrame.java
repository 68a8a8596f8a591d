package org.presslab.serial;

import java.time.Instant;
import java.util.HexFormat;

/**
 * A chunk of bytes as one write or read call moved them. Serial ports have no frames: a Modbus
 * reply may arrive in several chunks, and one chunk may hold several ASCII lines.
 *
 * @param port the connection id (the configured path or USB identity)
 * @param direction TX (host to device) or RX
 * @param time wall-clock time of the transfer
 * @param nanoTime monotonic time of the transfer ({@link System#nanoTime()} base), for intervals
 * @param bytes the bytes (a copy the listener may keep)
 */
public record RawFrame(String port, Direction direction, Instant time, long nanoTime, byte[] bytes) {

    /** Hex dump, e.g. {@code 01 03 00 00 00 02 C4 0B}. */
    public String hex() {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes);
    }

    /** Printable ASCII with control characters escaped ({@code \r}, {@code \n}, {@code \x02}). */
    public String ascii() {
        StringBuilder sb = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            int c = b & 0xff;
            switch (c) {
                case '\r' -> sb.append("\\r");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c >= 0x20 && c < 0x7f) {
                        sb.append((char) c);
                    } else {
                        sb.append(String.format("\\x%02X", c));
                    }
                }
            }
        }
        return sb.toString();
    }
}
