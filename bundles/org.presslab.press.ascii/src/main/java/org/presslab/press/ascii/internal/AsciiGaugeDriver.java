package org.presslab.press.ascii.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import org.presslab.press.api.Capability;
import org.presslab.press.api.ConnectionState;
import org.presslab.press.api.DeviceHealth;
import org.presslab.press.api.DeviceInfo;
import org.presslab.press.api.PressDriver;
import org.presslab.press.api.Quality;
import org.presslab.press.api.Reading;
import org.presslab.press.ascii.internal.AsciiSettings.Mode;
import org.presslab.serial.SerialConnection;
import org.presslab.serial.SerialPortException;
import org.presslab.serial.SerialPortManager;
import org.presslab.time.Scheduled;
import org.presslab.time.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A force gauge or load-cell indicator speaking lines of ASCII, streaming or polled. Sense only.
 * One task on the {@link TimeSource} reads the port; {@link #read()} only touches memory.
 */
public final class AsciiGaugeDriver implements PressDriver {

    private static final Logger LOG = LoggerFactory.getLogger(AsciiGaugeDriver.class);
    private static final int WINDOW = 20;

    private final AsciiSettings s;
    private final TimeSource time;
    private final SerialConnection conn;
    private final LineAssembler lines;
    private final Set<Capability> capabilities;
    private final DeviceInfo info;
    private final long staleNanos;
    private final byte[] query;
    private final byte[] buf = new byte[512];
    private final ReentrantLock io = new ReentrantLock();
    private final Scheduled task;

    private final AtomicLong good = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong overloads = new AtomicLong();
    private final AtomicLong unstable = new AtomicLong();
    private final AtomicLong nonFinite = new AtomicLong();
    private volatile String lastFault = "";
    private final AtomicLong noReply = new AtomicLong();
    private final AtomicLong portErrors = new AtomicLong();

    private volatile java.util.function.Consumer<Boolean> availability = present -> { };
    private boolean present = true;
    private volatile Reading latest;
    private volatile DeviceHealth health;
    private volatile boolean closed;

    // task thread only
    private long sequence;
    private long lastLineNanos;
    private String lastRejection = "";
    private final boolean[] window = new boolean[WINDOW];
    private int windowPos;

    public AsciiGaugeDriver(AsciiSettings settings, SerialPortManager ports, TimeSource time) throws SerialPortException {
        this.s = settings;
        this.time = time;
        this.staleNanos = TimeUnit.MILLISECONDS.toNanos(settings.staleAfterMs());
        this.query = settings.query().getBytes(StandardCharsets.ISO_8859_1);
        this.lines = new LineAssembler(settings.maxLineLength(), settings.mode() == Mode.POLL);
        this.capabilities = Set.of(settings.parser().pressure() ? Capability.SENSE_PRESSURE : Capability.SENSE_FORCE);
        DeviceInfo.Builder b = DeviceInfo.builder(settings.kind()).identity(settings.vendor(), settings.model(), "", "")
                .sampleRate(1000.0 / settings.pollPeriodMs());
        if (settings.parser().pressure()) {
            b.pressure(settings.rangeSi(), Double.NaN);
        } else {
            b.force(settings.rangeSi(), settings.resolutionSi(), settings.rangeSi());
        }
        this.info = b.build();
        this.latest = Reading.none(time.nanoTime());
        this.health = DeviceHealth.of(ConnectionState.CONNECTING, "opening " + settings.port().id());
        this.lastLineNanos = time.nanoTime();
        this.conn = ports.open(settings.port(), settings.serial(), "ASCII gauge " + settings.id());
        conn.lastError().ifPresent(e -> health = DeviceHealth.of(ConnectionState.DISCONNECTED, e.getMessage()));
        this.task = time.scheduleAtFixedRate("ascii-" + settings.id(), TimeUnit.MILLISECONDS.toNanos(settings.pollPeriodMs()), this::cycle);
    }

    /** Told on the reading thread when the port goes away (false) and when readings come again after that (true). */
    public void onAvailability(java.util.function.Consumer<Boolean> listener) {
        this.availability = listener;
    }

    private void setPresent(boolean now) {
        if (present != now) {
            present = now;
            try {
                availability.accept(now);
            } catch (RuntimeException e) {
                LOG.warn("ASCII gauge '{}': availability listener failed", s.id(), e);
            }
        }
    }

    @Override
    public String id() {
        return s.id();
    }

    @Override
    public DeviceInfo info() {
        return info;
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    @Override
    public Reading read() {
        Reading r = latest;
        if (r.quality() != Quality.STALE && time.nanoTime() - r.timeNanos() > staleNanos) {
            return r.stale();
        }
        return r;
    }

    @Override
    public DeviceHealth health() {
        DeviceHealth h = health;
        Map<String, Long> c = new LinkedHashMap<>();
        c.put("readings", good.get());
        c.put("rejectedLines", rejected.get());
        c.put("overflowedLines", lines.overflows());
        c.put("overloads", overloads.get());
        c.put("unstable", unstable.get());
        c.put("nonFiniteValues", nonFinite.get());
        c.put("noReply", noReply.get());
        c.put("portErrors", portErrors.get());
        c.put("reconnects", conn.reopens());
        return new DeviceHealth(h.state(), h.message(), h.faults(), c);
    }

    private void cycle() {
        if (closed || !io.tryLock()) {
            return;
        }
        try {
            if (closed) {
                return;
            }
            long seqBefore = sequence;
            if (s.mode() == Mode.STREAM) {
                int n;
                while ((n = conn.readSome(buf, 0, buf.length, 0)) > 0) {
                    lines.feed(buf, 0, n, this::line);
                }
            } else {
                conn.discardInput();
                lines.reset(true);
                conn.write(query);
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(s.replyTimeoutMs());
                while (sequence == seqBefore && System.nanoTime() - deadline < 0 && !closed) {
                    int wait = (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                    int n = conn.readSome(buf, 0, buf.length, wait);
                    if (n > 0) {
                        lines.feed(buf, 0, n, this::line);
                    }
                }
                if (sequence == seqBefore) {
                    noReply.incrementAndGet();
                }
            }
            updateHealth();
        } catch (SerialPortException e) {
            portErrors.incrementAndGet();
            lines.reset(s.mode() == Mode.POLL);
            latest = latest.stale();
            health = DeviceHealth.of(ConnectionState.DISCONNECTED, e.getMessage());
            if (e.reason() == SerialPortException.Reason.VANISHED || e.reason() == SerialPortException.Reason.ABSENT) {
                setPresent(false);
            }
        } catch (RuntimeException e) {
            LOG.error("ASCII gauge '{}': read failed unexpectedly", s.id(), e);
        } finally {
            io.unlock();
        }
    }

    private void line(String text) {
        long t = time.nanoTime();
        lastLineNanos = t;
        LineParser.Parsed p;
        try {
            p = s.parser().parse(text);
        } catch (LineParser.Rejected r) {
            rejected.incrementAndGet();
            lastRejection = r.getMessage();
            mark(true);
            return;
        }
        mark(false);
        if (p.quality() == Quality.FAULT) {
            nonFinite.incrementAndGet();
            lastFault = p.fault();
        }
        if (p.quality() == Quality.OVERLOAD) {
            overloads.incrementAndGet();
        } else if (p.quality() == Quality.UNSTABLE) {
            unstable.incrementAndGet();
        }
        good.incrementAndGet();
        double v = p.valueSi();
        if (p.quality() == Quality.OVERLOAD && !Double.isFinite(v)) {
            v = s.rangeSi();
        }
        latest = p.pressure() ? new Reading(t, ++sequence, Double.NaN, v, Double.NaN, Double.NaN, p.quality())
                : new Reading(t, ++sequence, v, Double.NaN, Double.NaN, Double.NaN, p.quality());
    }

    private void mark(boolean bad) {
        window[windowPos] = bad;
        windowPos = (windowPos + 1) % WINDOW;
    }

    private void updateHealth() {
        long now = time.nanoTime();
        Reading r = latest;
        boolean fresh = r.quality() != Quality.STALE && now - r.timeNanos() <= staleNanos;
        if (!fresh) {
            latest = r.stale();
            String why = now - lastLineNanos > staleNanos
                    ? (s.mode() == Mode.POLL ? "no reply to " + LineParser.printable(s.query()) : "no data") + " from " + s.port().id()
                            + " for " + TimeUnit.NANOSECONDS.toMillis(now - lastLineNanos) + " ms: check power, cable, "
                            + s.serial().describe() + (s.mode() == Mode.STREAM ? " and that the indicator's continuous output is on" : "")
                    : "lines arrive on " + s.port().id() + " but none is a reading (" + lastRejection
                            + "): check 'line.pattern' and the baud rate";
            health = DeviceHealth.of(ConnectionState.DISCONNECTED, why);
            return;
        }
        setPresent(true);
        if (r.quality() == Quality.FAULT) {
            health = new DeviceHealth(ConnectionState.FAULT, "gauge on " + s.port().id() + " sent no measurement: " + lastFault,
                    List.of("non-finite value"), Map.of());
            return;
        }
        if (r.quality() == Quality.OVERLOAD) {
            health = new DeviceHealth(ConnectionState.FAULT, "gauge reports overload: the load is beyond its range",
                    List.of("overload"), Map.of());
            return;
        }
        int bad = 0;
        for (boolean b : window) {
            bad += b ? 1 : 0;
        }
        if (bad >= 2) {
            health = DeviceHealth.of(ConnectionState.DEGRADED, bad + " of the last " + WINDOW + " lines were not readings (last: "
                    + lastRejection + ")");
        } else {
            health = DeviceHealth.connected();
        }
    }

    /** Stops reading and releases the port. */
    public void close() {
        task.cancel();
        closed = true;
        conn.close();
        try {
            if (io.tryLock(s.replyTimeoutMs() + 500L, TimeUnit.MILLISECONDS)) {
                io.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        latest = latest.stale();
        health = DeviceHealth.of(ConnectionState.DISCONNECTED, "driver stopped");
    }

    public SerialConnection connection() {
        return conn;
    }
}
