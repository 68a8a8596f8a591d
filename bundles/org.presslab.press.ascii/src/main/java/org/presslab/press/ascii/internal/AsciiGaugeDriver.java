package org.presslab.press.ascii.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.presslab.press.api.Capability;
import org.presslab.press.api.DeviceHealth;
import org.presslab.press.api.DeviceInfo;
import org.presslab.press.api.PressDriver;
import org.presslab.press.api.Quality;
import org.presslab.press.api.Reading;
import org.presslab.press.ascii.internal.AsciiSettings.Mode;
import org.presslab.press.support.LatestReading;
import org.presslab.press.support.LinkHealth;
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

    private final AsciiSettings s;
    private final TimeSource time;
    private final SerialConnection conn;
    private final LineAssembler lines;
    private final Set<Capability> capabilities;
    private final DeviceInfo info;
    private final byte[] query;
    private final byte[] buf = new byte[512];
    private final ReentrantLock io = new ReentrantLock();
    private final Scheduled task;

    /** The latest reading with the stale.after.ms rule; the state, the window of the last lines and the counters. */
    private final LatestReading latest;
    private final LinkHealth link = new LinkHealth();
    private final LinkHealth.Counter good = link.counter("readings");
    private final LinkHealth.Counter rejected = link.counter("rejectedLines");
    private final LinkHealth.Counter overloads = link.counter("overloads");
    private final LinkHealth.Counter unstable = link.counter("unstable");
    private final LinkHealth.Counter nonFinite = link.counter("nonFiniteValues");
    private final LinkHealth.Counter noReply = link.counter("noReply");
    private final LinkHealth.Counter portErrors = link.counter("portErrors");
    private volatile String lastFault = "";
    private volatile boolean closed;

    // task thread only
    private long lastLineNanos;
    private String lastRejection = "";

    public AsciiGaugeDriver(AsciiSettings settings, SerialPortManager ports, TimeSource time) throws SerialPortException {
        this.s = settings;
        this.time = time;
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
        this.latest = new LatestReading(capabilities, Duration.ofMillis(settings.staleAfterMs()), time.nanoTime());
        link.connecting("opening " + settings.port().id());
        link.gauge("overflowedLines", lines::overflows);
        this.lastLineNanos = time.nanoTime();
        this.conn = ports.open(settings.port(), settings.serial(), "ASCII gauge " + settings.id());
        link.gauge("reconnects", conn::reopens);
        conn.lastError().ifPresent(e -> link.disconnected(e.getMessage()));
        this.task = time.scheduleAtFixedRate("ascii-" + settings.id(), TimeUnit.MILLISECONDS.toNanos(settings.pollPeriodMs()), this::cycle);
    }

    /** Told on the reading thread when the port goes away (false) and when readings come again after that (true). */
    public void onAvailability(java.util.function.Consumer<Boolean> listener) {
        link.onAvailability(listener);
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
        return latest.read(time.nanoTime());
    }

    @Override
    public DeviceHealth health() {
        return link.health();
    }

    private void cycle() {
        if (closed || !io.tryLock()) {
            return;
        }
        try {
            if (closed) {
                return;
            }
            long seqBefore = latest.sequence();
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
                while (latest.sequence() == seqBefore && System.nanoTime() - deadline < 0 && !closed) {
                    int wait = (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                    int n = conn.readSome(buf, 0, buf.length, wait);
                    if (n > 0) {
                        lines.feed(buf, 0, n, this::line);
                    }
                }
                if (latest.sequence() == seqBefore) {
                    noReply.increment();
                }
            }
            updateHealth();
        } catch (SerialPortException e) {
            portErrors.increment();
            lines.reset(s.mode() == Mode.POLL);
            latest.markStale();
            if (e.reason() == SerialPortException.Reason.VANISHED || e.reason() == SerialPortException.Reason.ABSENT) {
                link.gone(e.getMessage());
            } else {
                link.disconnected(e.getMessage());
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
            rejected.increment();
            lastRejection = r.getMessage();
            link.answered(true);
            return;
        }
        link.answered(false);
        if (p.quality() == Quality.FAULT) {
            nonFinite.increment();
            lastFault = p.fault();
        }
        if (p.quality() == Quality.OVERLOAD) {
            overloads.increment();
        } else if (p.quality() == Quality.UNSTABLE) {
            unstable.increment();
        }
        good.increment();
        double v = p.valueSi();
        if (p.quality() == Quality.OVERLOAD && !Double.isFinite(v)) {
            v = s.rangeSi();
        }
        if (p.pressure()) {
            latest.set(t, Double.NaN, v, Double.NaN, Double.NaN, p.quality());
        } else {
            latest.set(t, v, Double.NaN, Double.NaN, Double.NaN, p.quality());
        }
    }

    private void updateHealth() {
        long now = time.nanoTime();
        if (!latest.fresh(now)) {
            latest.markStale();
            String why = now - lastLineNanos > latest.staleAfterNanos()
                    ? (s.mode() == Mode.POLL ? "no reply to " + LineParser.printable(s.query()) : "no data") + " from " + s.port().id()
                            + " for " + TimeUnit.NANOSECONDS.toMillis(now - lastLineNanos) + " ms: check power, cable, "
                            + s.serial().describe() + (s.mode() == Mode.STREAM ? " and that the indicator's continuous output is on" : "")
                    : "lines arrive on " + s.port().id() + " but none is a reading (" + lastRejection
                            + "): check 'line.pattern' and the baud rate";
            link.disconnected(why);
            return;
        }
        Reading r = latest.latest();
        if (r.quality() == Quality.FAULT) {
            link.fault("gauge on " + s.port().id() + " sent no measurement: " + lastFault, List.of("non-finite value"));
            return;
        }
        if (r.quality() == Quality.OVERLOAD) {
            link.fault("gauge reports overload: the load is beyond its range", List.of("overload"));
            return;
        }
        link.up(bad -> bad + " of the last " + link.window() + " lines were not readings (last: " + lastRejection + ")");
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
        latest.markStale();
        link.disconnected("driver stopped");
    }

    public SerialConnection connection() {
        return conn;
    }
}
