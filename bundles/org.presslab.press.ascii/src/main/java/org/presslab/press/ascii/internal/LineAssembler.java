package org.presslab.press.ascii.internal;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Bytes to lines: CR, LF or CR LF end a line; the bytes before the first terminator after a
 * (re)open are dropped, since a stream joined mid-line gives a fragment that may still look like
 * a reading ("23.45 N" of "ST,+00123.45 N"); STX/ETX framing bytes are dropped; empty lines are
 * skipped; a line longer than the limit is discarded up to its terminator and counted. Thread-confined.
 */
final class LineAssembler {

    private final byte[] line;
    private int length;
    private boolean overflowing;
    private boolean synced;
    private long overflows;

    LineAssembler(int maxLength, boolean atLineStart) {
        this.line = new byte[maxLength];
        this.synced = atLineStart;
    }

    void feed(byte[] data, int offset, int count, Consumer<String> sink) {
        for (int i = offset; i < offset + count; i++) {
            byte b = data[i];
            if (!synced) {
                synced = b == '\r' || b == '\n';
                continue;
            }
            if (b == '\r' || b == '\n') {
                if (overflowing) {
                    overflowing = false;
                } else if (length > 0) {
                    sink.accept(new String(line, 0, length, StandardCharsets.ISO_8859_1));
                }
                length = 0;
            } else if (b == 0x02 || b == 0x03) {
                continue;
            } else if (!overflowing) {
                if (length == line.length) {
                    overflowing = true;
                    overflows++;
                    length = 0;
                } else {
                    line[length++] = b;
                }
            }
        }
    }

    /**
     * Drops a partial line.
     *
     * @param atLineStart true when the next byte starts a line (input was just discarded before a
     *        query); false after a reconnect or when joining a stream, to drop the first fragment
     */
    void reset(boolean atLineStart) {
        length = 0;
        overflowing = false;
        synced = atLineStart;
    }

    long overflows() {
        return overflows;
    }
}
