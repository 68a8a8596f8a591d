package org.presslab.runs.internal;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the store logs while this is open: slf4j-simple writes to whatever {@code System.out} or {@code System.err} is
 * (as configured) when it logs, so both are copied into a buffer, and still to the console, until closed.
 */
final class LogCapture implements AutoCloseable {

    private final PrintStream out = System.out;
    private final PrintStream err = System.err;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    LogCapture() {
        System.setOut(tee(out));
        System.setErr(tee(err));
    }

    private PrintStream tee(PrintStream to) {
        return new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (buffer) {
                    buffer.write(b);
                }
                to.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (buffer) {
                    buffer.write(b, off, len);
                }
                to.write(b, off, len);
            }
        }, true, StandardCharsets.UTF_8);
    }

    /** The lines logged so far that contain every one of {@code parts}. */
    List<String> lines(String... parts) {
        String all;
        synchronized (buffer) {
            all = buffer.toString(StandardCharsets.UTF_8);
        }
        return all.lines().filter(l -> {
            for (String p : parts) {
                if (!l.contains(p)) {
                    return false;
                }
            }
            return true;
        }).toList();
    }

    @Override
    public void close() {
        System.out.flush();
        System.err.flush();
        System.setOut(out);
        System.setErr(err);
    }
}
