package com.example.presslab.acme;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import org.presslab.press.api.ActuationMode;
import org.presslab.press.api.Actuator;
import org.presslab.press.api.ActuatorCommand;
import org.presslab.press.api.Capability;
import org.presslab.press.api.ConnectionState;
import org.presslab.press.api.DeviceHealth;
import org.presslab.press.api.DeviceInfo;
import org.presslab.press.api.DeviceKind;
import org.presslab.press.api.PressDriver;
import org.presslab.press.api.Quality;
import org.presslab.press.api.Reading;
import org.presslab.press.api.SafeAction;
import org.presslab.press.support.LatestReading;
import org.presslab.press.support.LinkHealth;

/**
 * The Acme SP-5T driver, plain Java (the DS component in {@link AcmeServoPressComponent} only
 * creates and closes it). It honours the Presslab SPI contract the simple way: one acquisition
 * thread owns the line; {@link #read()} and {@link #command} only touch atomic references, so
 * they never block; the latest command wins; a silent controller turns the last reading STALE
 * with its original time and the health DISCONNECTED.
 *
 * <p>The reading and the health come from Presslab's driver support ({@code org.presslab.press.support}):
 * {@link LatestReading} keeps the latest reading, numbers it and stores a non-finite force or position
 * as FAULT by itself; {@link LinkHealth} keeps the counters, the window of the last answers (DEGRADED
 * when refused or garbled ones pile up) and the state this driver publishes.
 */
public final class AcmeServoPressDriver implements PressDriver, Actuator {

    /** Driver settings, SI units. */
    public record Settings(String id, double ratedForceN, double sampleRateHz, long answerTimeoutMillis,
            long staleAfterMillis) {
        public Settings {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("presslab.driver.id must not be empty");
            }
            if (!(ratedForceN > 0 && ratedForceN <= 100_000)) {
                throw new IllegalArgumentException("rated force must be in (0, 100] kN, was " + ratedForceN / 1e3 + " kN");
            }
            if (!(sampleRateHz >= 1 && sampleRateHz <= 500)) {
                throw new IllegalArgumentException("sample rate must be 1..500 Hz, was " + sampleRateHz);
            }
            if (answerTimeoutMillis < 5 || staleAfterMillis < answerTimeoutMillis) {
                throw new IllegalArgumentException("need 5 ms <= answer timeout <= stale-after, was " + answerTimeoutMillis
                        + " ms and " + staleAfterMillis + " ms");
            }
        }
    }

    private static final Set<Capability> CAPABILITIES = Set.copyOf(EnumSet.of(Capability.SENSE_FORCE,
            Capability.SENSE_POSITION, Capability.ACTUATE));
    private static final Set<ActuationMode> MODES = Set.copyOf(EnumSet.of(ActuationMode.FORCE_SETPOINT,
            ActuationMode.RAW_OUTPUT));
    private static final Set<SafeAction> SAFE_ACTIONS = Set.copyOf(EnumSet.allOf(SafeAction.class));

    private final Settings settings;
    private final AcmeLink link;
    private final LongSupplier nanoTime;
    private final LatestReading latest;
    private final LinkHealth health = new LinkHealth();
    private final LinkHealth.Counter transactions = health.counter("transactions");
    private final LinkHealth.Counter timeouts = health.counter("timeouts");
    private final LinkHealth.Counter errors = health.counter("errors");
    private final LinkHealth.Counter disconnects = health.counter("disconnects");
    /** The request the acquisition thread sends next; null when nothing new is pending. */
    private final AtomicReference<String> pending = new AtomicReference<>();
    private final AtomicReference<SafeAction> safeState = new AtomicReference<>();
    private final AtomicReference<DeviceInfo> info;
    private final Thread thread;
    private volatile boolean running = true;

    public AcmeServoPressDriver(Settings settings, AcmeLink link, LongSupplier nanoTime) {
        this.settings = settings;
        this.link = link;
        this.nanoTime = nanoTime;
        this.latest = new LatestReading(CAPABILITIES, Duration.ofMillis(settings.staleAfterMillis()), nanoTime.getAsLong());
        health.connecting("waiting for the first answer");
        this.info = new AtomicReference<>(info(""));
        this.thread = new Thread(this::acquire, "acme-sp5t-" + settings.id());
        this.thread.setDaemon(true);
    }

    private DeviceInfo info(String serial) {
        return DeviceInfo.builder(DeviceKind.MOTORIZED_FRAME).identity("Acme", "SP-5T servo press", serial, "FW2.1")
                .force(settings.ratedForceN() * 1.1, 1.0, settings.ratedForceN()).maxForceRate(10_000)
                .sampleRate(settings.sampleRateHz()).build();
    }

    /** Starts the acquisition thread. */
    public void start() {
        thread.start();
    }

    /**
     * Leaves the press safe, stops the thread and closes the link: a STOP or VENT already in force
     * stays (a latched trip is never downgraded); otherwise it brakes (HOLD, so a cell under load is
     * not unloaded). Returns within about two answer timeouts.
     */
    public void close() {
        SafeAction inForce = safeState.get();
        enterSafeState(inForce == SafeAction.STOP || inForce == SafeAction.VENT ? inForce : SafeAction.HOLD);
        running = false;
        try {
            thread.join(2 * settings.answerTimeoutMillis() + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
        }
        link.close();
    }

    // ---- PressDriver -------------------------------------------------------------------------

    @Override
    public String id() {
        return settings.id();
    }

    @Override
    public DeviceInfo info() {
        return info.get();
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Reading read() {
        // As the acquisition thread left it: it sets the health to DISCONNECTED before it marks the reading
        // STALE, so whoever sees the stale reading also sees why. (latest.read(now) would add the age rule,
        // which also holds when the thread is stuck, at the price of a moment with a STALE reading and a
        // health that does not say so yet.)
        return latest.latest();
    }

    @Override
    public DeviceHealth health() {
        return health.health();
    }

    @Override
    public Optional<Actuator> actuator() {
        return Optional.of(this);
    }

    // ---- Actuator ----------------------------------------------------------------------------

    @Override
    public Set<ActuationMode> modes() {
        return MODES;
    }

    @Override
    public Set<SafeAction> safeActions() {
        return SAFE_ACTIONS;
    }

    @Override
    public void command(ActuatorCommand command) {
        String request = switch (command.mode()) {
            case FORCE_SETPOINT -> {
                if (command.value() < 0 || command.value() > settings.ratedForceN()) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "%s: force setpoint %.3f kN outside 0..%.3f kN (press rating)", id(), command.value() / 1e3,
                            settings.ratedForceN() / 1e3));
                }
                yield String.format(Locale.ROOT, "SPF %.1f", command.value());
            }
            case RAW_OUTPUT -> String.format(Locale.ROOT, "SPV %.4f", command.value());
            default -> throw new IllegalArgumentException(id() + ": mode " + command.mode() + " not supported; use "
                    + MODES);
        };
        pending.set(request);
        safeState.set(null);
    }

    @Override
    public void enterSafeState(SafeAction action) {
        safeState.set(action);
        pending.set(action.name());
    }

    @Override
    public Optional<SafeAction> safeState() {
        return Optional.ofNullable(safeState.get());
    }

    // ---- acquisition thread ------------------------------------------------------------------

    private void acquire() {
        long periodNanos = (long) (1e9 / settings.sampleRateHz());
        long next = nanoTime.getAsLong();
        long lastAnswer = nanoTime.getAsLong();
        boolean identified = false;
        while (running) {
            try {
                if (!identified) {
                    String[] id = link.transact("ID?", settings.answerTimeoutMillis()).split(",");
                    if (id.length >= 3) {
                        info.set(info(id[2]));
                    }
                    identified = true;
                }
                String request = pending.getAndSet(null);
                if (request != null) {
                    String answer = link.transact(request, settings.answerTimeoutMillis());
                    transactions.increment();
                    if (!answer.startsWith("OK")) {
                        errors.increment();
                        health.answered(true);
                        health.degraded("controller refused '" + request + "': " + answer);
                    }
                }
                String answer = link.transact("F?", settings.answerTimeoutMillis());
                transactions.increment();
                long t = nanoTime.getAsLong();
                lastAnswer = t;
                parse(answer, t);
            } catch (TimeoutException e) {
                timeouts.increment();
                health.unanswered();
                goneQuiet(lastAnswer);
            } catch (InterruptedException e) {
                break;
            } catch (Exception e) {
                errors.increment();
                health.unanswered();
                health.disconnected(link.describe() + ": " + e.getMessage());
                latest.markStale();
            }
            next += periodNanos;
            long wait = next - nanoTime.getAsLong();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    break;
                }
            } else {
                next = nanoTime.getAsLong();
            }
        }
        // Closing: the last safe command (HOLD from close()) must reach the controller.
        String last = pending.getAndSet(null);
        if (last != null) {
            try {
                link.transact(last, settings.answerTimeoutMillis());
            } catch (Exception e) {
                health.disconnected("could not send " + last + " on close: " + e.getMessage());
            }
        }
    }

    private void goneQuiet(long lastAnswer) {
        long silentMillis = (nanoTime.getAsLong() - lastAnswer) / 1_000_000;
        if (silentMillis >= settings.staleAfterMillis()) {
            if (health.state() != ConnectionState.DISCONNECTED) {
                disconnects.increment();
            }
            // health first: whoever sees the stale reading also sees why
            health.disconnected("no answer from the SP-5T on " + link.describe() + " for " + silentMillis
                    + " ms: check the cable and the controller's power");
            latest.markStale();
        }
    }

    private void parse(String answer, long t) {
        // F <N> X <mm> S <OK|OVL|FLT>
        String[] p = answer.trim().split("\\s+");
        if (p.length != 6 || !p[0].equals("F") || !p[2].equals("X") || !p[4].equals("S")) {
            errors.increment();
            health.answered(true);
            health.degraded("garbled answer '" + answer + "'");
            return;
        }
        double force = number(p[1]);
        double positionM = number(p[3]) / 1e3;
        Quality q = switch (p[5]) {
            case "OK" -> Quality.GOOD;
            case "OVL" -> Quality.OVERLOAD;
            default -> Quality.FAULT;
        };
        // the next sequence number; a firmware that prints nan or inf for a failed amplifier has measured
        // nothing, and LatestReading stores that as FAULT, never GOOD
        Reading r = latest.set(t, force, Double.NaN, positionM, Double.NaN, q);
        health.answered(false);
        if (r.quality() == Quality.GOOD) {
            health.up(bad -> bad + " of the last " + health.window() + " answers were refused or garbled");
        } else {
            String fault = !(Double.isFinite(force) && Double.isFinite(positionM))
                    ? "controller sent a non-finite value in '" + answer.trim() + "': force " + force + " N, position " + positionM + " m"
                    : q == Quality.OVERLOAD ? "overload: force above 110 % of rating, servo stopped" : "controller fault";
            health.fault(fault, List.of(fault));
        }
    }

    /** A number as the firmware prints it, including nan, inf and -inf (C printf) besides Java's NaN and Infinity. */
    static double number(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.equals("nan") || t.equals("+nan") || t.equals("-nan")) {
            return Double.NaN;
        }
        if (t.equals("inf") || t.equals("+inf") || t.equals("infinity") || t.equals("+infinity")) {
            return Double.POSITIVE_INFINITY;
        }
        if (t.equals("-inf") || t.equals("-infinity")) {
            return Double.NEGATIVE_INFINITY;
        }
        return Double.parseDouble(text);
    }
}
