package org.presslab.emulators;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import org.presslab.press.api.PressDriver;
import org.presslab.press.api.Reading;

/**
 * An emulated force gauge or load-cell indicator on one serial port, reading its force from a
 * simulated plant (a spring frame with a load cell, a press). Streams A&amp;D-style lines or
 * answers Mark-10-style {@code ?} queries, in N, kN, kgf or lbf. Runs its own thread; survives
 * the port vanishing.
 */
public final class AsciiGauge implements AutoCloseable {

    private final DevicePort port;
    private final PressDriver plant;
    private final AsciiFormat format;
    private final String unit;
    private final double perNewton;
    private final long periodNanos;
    private final Thread thread;
    private final Random noise = new Random(11);
    private final AtomicLong lines = new AtomicLong();
    private volatile boolean running = true;
    private volatile AsciiFault fault = AsciiFault.NONE;
    private volatile String valueText;

    /**
     * @param unit N, kN, kgf or lbf
     * @param rateHz lines per second when streaming
     */
    public AsciiGauge(Path path, int baud, PressDriver plant, AsciiFormat format, String unit, double rateHz) {
        this.port = new DevicePort(path, baud);
        this.plant = plant;
        this.format = format;
        this.unit = unit;
        this.perNewton = switch (unit) {
            case "N" -> 1;
            case "kN" -> 1e-3;
            case "kgf" -> 1 / 9.80665;
            case "lbf" -> 1 / 4.4482216152605;
            default -> throw new IllegalArgumentException("unit must be N, kN, kgf or lbf, was " + unit);
        };
        this.periodNanos = (long) (1e9 / rateHz);
        this.thread = new Thread(this::run, "ascii-gauge-" + path.getFileName());
        this.thread.setDaemon(true);
        this.thread.start();
    }

    public void setFault(AsciiFault fault) {
        this.fault = fault;
    }

    /**
     * From now on the number field of every line is {@code text} verbatim (e.g. {@code NaN}, {@code inf},
     * {@code -Infinity}, {@code 1e999}), as a gauge whose firmware prints a failed conversion would;
     * {@code null} sends the plant's force again.
     */
    public void setValueText(String text) {
        this.valueText = text;
    }

    /** Lines sent. */
    public long lines() {
        return lines.get();
    }

    private void run() {
        byte[] buf = new byte[128];
        StringBuilder query = new StringBuilder();
        long next = System.nanoTime();
        while (running) {
            if (format == AsciiFormat.AND_STREAM) {
                int n = port.readSome(buf, 0, buf.length, 2);
                if (n < 0) {
                    sleep(5);
                    continue;
                }
                long now = System.nanoTime();
                if (now - next >= 0) {
                    next += periodNanos;
                    if (now - next > 10 * periodNanos) {
                        next = now + periodNanos;
                    }
                    send(line());
                }
            } else {
                int n = port.readSome(buf, 0, buf.length, 5);
                if (n < 0) {
                    query.setLength(0);
                    sleep(5);
                    continue;
                }
                for (int i = 0; i < n; i++) {
                    char c = (char) (buf[i] & 0xFF);
                    if (c == '\r' || c == '\n') {
                        if (query.toString().trim().equals("?")) {
                            send(line());
                        }
                        query.setLength(0);
                    } else if (query.length() < 64) {
                        query.append(c);
                    }
                }
            }
        }
        port.close();
    }

    private void send(String text) {
        AsciiFault f = fault;
        if (f == AsciiFault.SILENT) {
            return;
        }
        byte[] out = text.getBytes(StandardCharsets.US_ASCII);
        if (f == AsciiFault.PARTIAL) {
            out = java.util.Arrays.copyOf(out, out.length / 2);
        } else if (f == AsciiFault.GARBAGE) {
            byte[] junk = new byte[4 + noise.nextInt(8)];
            noise.nextBytes(junk);
            junk[junk.length - 1] = '\n';
            port.write(junk, junk.length);
        }
        if (port.write(out, out.length)) {
            lines.incrementAndGet();
        }
    }

    private String line() {
        Reading r = plant.read();
        double v = (Double.isFinite(r.forceN()) ? r.forceN() : 0) * perNewton;
        AsciiFault f = fault;
        String text = valueText;
        if (text != null) {
            String head = format == AsciiFormat.AND_STREAM ? (f == AsciiFault.UNSTABLE ? "US," : "ST,") : "";
            return head + text + " " + unit + "\r\n";
        }
        if (format == AsciiFormat.AND_STREAM) {
            String head = f == AsciiFault.OVERLOAD ? "OL" : f == AsciiFault.UNSTABLE ? "US" : "ST";
            if (f == AsciiFault.OVERLOAD) {
                v = 99999.99;
            }
            return String.format(Locale.ROOT, "%s,%s%08.2f %s\r\n", head, v < 0 ? "-" : "+", Math.abs(v), unit);
        }
        if (f == AsciiFault.OVERLOAD) {
            return "OL\r\n";
        }
        return String.format(Locale.ROOT, "%.1f %s\r\n", v, unit);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
