package org.presslab.press.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

import org.osgi.annotation.versioning.ProviderType;
import org.presslab.press.api.ConnectionState;
import org.presslab.press.api.DeviceHealth;
import org.presslab.press.api.PressDriver;

/**
 * The health of the link between a driver and its device, as {@link PressDriver#health()} returns
 * it: a {@link ConnectionState} with a message for people, the device's faults, and the driver's
 * counters.
 *
 * <p><b>Recording.</b> The acquisition thread records every exchange (a poll, a transaction, a
 * line): {@link #answered(boolean)} when the device answered, troubled when the answer took retries
 * or was unusable; {@link #unanswered()} when it did not (a timeout, a CRC error on every try, a
 * port error). The last {@link #window()} exchanges are kept; {@link #troubled()} counts the troubled
 * ones and {@link #consecutiveFailures()} the unanswered ones in a row, reset by an answer.
 *
 * <p><b>Publishing.</b> The driver then says what the device is, with its own message:
 * <ul>
 * <li>{@link #up(IntFunction)}: answering; {@code CONNECTED}, or {@code DEGRADED} when at least
 * {@link #degradedAt()} of the window were troubled (the message then comes from the function);</li>
 * <li>{@link #degraded(String)}: an exchange failed, the device may answer the next;</li>
 * <li>{@link #disconnected(String)}: the device does not answer ({@link #lost()} is the rule for
 * that: {@link #disconnectAfter()} unanswered in a row), its port is still there;</li>
 * <li>{@link #gone(String)}: the port itself vanished or is absent: {@code DISCONNECTED}, and the
 * device is no longer {@link #present()};</li>
 * <li>{@link #fault(String, List)}: the device answers and reports a fault (alarm bit, overload, a
 * value that is no measurement, an exception reply);</li>
 * <li>{@link #connecting(String)}: opening the port, waiting for the first answer.</li>
 * </ul>
 * {@link #up} and {@link #fault} also mark the device present again. Each publication replaces the
 * health in one step: a reader never sees a state that was not published.
 *
 * <p><b>Presence.</b> {@link #onAvailability(Consumer)} is told when the device goes ({@code false})
 * and when it is back ({@code true}), on the thread that published the change, one call at a time
 * and never while the state's lock is held (the listener may read the health); a
 * {@link DriverRegistration} withdraws and registers the service on it. A listener that throws is
 * logged and does not disturb the acquisition thread.
 *
 * <p><b>Counters.</b> {@link #counter(String)} makes a named counter and {@link #gauge(String, LongSupplier)}
 * names a count kept elsewhere (a port's reopen count); {@link #health()} carries them all, in the
 * order they were made.
 *
 * <p>Thread-safe: writers take a short lock of their own, {@link #health()}, {@link #state()} and
 * {@link #present()} never wait for it.
 */
@ProviderType
public final class LinkHealth {

    /** The window of the Presslab drivers: the last 20 exchanges. */
    public static final int DEFAULT_WINDOW = 20;
    /** {@code DEGRADED} when 2 of the window were troubled. */
    public static final int DEFAULT_DEGRADED_AT = 2;
    /** {@code DISCONNECTED} after 3 unanswered exchanges in a row. */
    public static final int DEFAULT_DISCONNECT_AFTER = 3;

    private static final System.Logger LOG = System.getLogger(LinkHealth.class.getName());

    /** A running count; {@link #health()} carries its value under its name. */
    @ProviderType
    public static final class Counter implements LongSupplier {
        private final String name;
        private final AtomicLong value = new AtomicLong();

        private Counter(String name) {
            this.name = name;
        }

        /** Adds one; returns the new count. */
        public long increment() {
            return value.incrementAndGet();
        }

        /** Adds {@code n}; returns the new count. */
        public long add(long n) {
            return value.addAndGet(n);
        }

        public long get() {
            return value.get();
        }

        @Override
        public long getAsLong() {
            return value.get();
        }

        public String name() {
            return name;
        }

        @Override
        public String toString() {
            return name + "=" + value.get();
        }
    }

    private record Named(String name, LongSupplier value) {
    }

    private final int window;
    private final int degradedAt;
    private final int disconnectAfter;
    private final CopyOnWriteArrayList<Named> counters = new CopyOnWriteArrayList<>();

    // guarded by this
    private final boolean[] outcomes;
    private int next;
    private int troubled;
    private int consecutiveFailures;

    private volatile DeviceHealth published = DeviceHealth.of(ConnectionState.CONNECTING, "");
    private volatile boolean present = true;

    // guarded by notifying
    private final Object notifying = new Object();
    private Consumer<Boolean> listener = present -> { };
    private boolean told = true;

    /** With the Presslab drivers' rules: a window of 20, {@code DEGRADED} at 2, {@code DISCONNECTED} after 3. */
    public LinkHealth() {
        this(DEFAULT_WINDOW, DEFAULT_DEGRADED_AT, DEFAULT_DISCONNECT_AFTER);
    }

    /**
     * @param window how many of the last exchanges {@link #troubled()} counts (at least 1)
     * @param degradedAt how many troubled ones in the window make {@link #up} report {@code DEGRADED} (1..window)
     * @param disconnectAfter how many unanswered exchanges in a row make {@link #lost()} true (at least 1)
     */
    public LinkHealth(int window, int degradedAt, int disconnectAfter) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1, was " + window);
        }
        if (degradedAt < 1 || degradedAt > window) {
            throw new IllegalArgumentException("degradedAt must be 1.." + window + ", was " + degradedAt);
        }
        if (disconnectAfter < 1) {
            throw new IllegalArgumentException("disconnectAfter must be at least 1, was " + disconnectAfter);
        }
        this.window = window;
        this.degradedAt = degradedAt;
        this.disconnectAfter = disconnectAfter;
        this.outcomes = new boolean[window];
    }

    // ---- counters

    /**
     * A new counter, shown in {@link DeviceHealth#counters()} under {@code name}.
     *
     * @throws IllegalArgumentException when the name is taken
     */
    public Counter counter(String name) {
        Counter c = new Counter(name);
        add(name, c);
        return c;
    }

    /**
     * A count kept elsewhere, shown under {@code name} (read when {@link #health()} is called; it must
     * not block).
     *
     * @throws IllegalArgumentException when the name is taken
     */
    public void gauge(String name, LongSupplier value) {
        add(name, Objects.requireNonNull(value, "value"));
    }

    private synchronized void add(String name, LongSupplier value) {
        Objects.requireNonNull(name, "name");
        for (Named n : counters) {
            if (n.name().equals(name)) {
                throw new IllegalArgumentException("counter '" + name + "' exists already");
            }
        }
        counters.add(new Named(name, value));
    }

    /** The counters now, in the order they were made. */
    public Map<String, Long> counters() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Named n : counters) {
            out.put(n.name(), n.value().getAsLong());
        }
        return out;
    }

    // ---- recording

    /**
     * The device answered an exchange.
     *
     * @param troubled the answer took retries, or was not usable (a garbled or rejected line)
     */
    public synchronized void answered(boolean troubled) {
        consecutiveFailures = 0;
        record(troubled);
    }

    /**
     * The device did not answer an exchange (after the driver's own retries).
     *
     * @return the unanswered exchanges in a row, this one included
     */
    public synchronized int unanswered() {
        if (consecutiveFailures < Integer.MAX_VALUE) {
            consecutiveFailures++;
        }
        record(true);
        return consecutiveFailures;
    }

    private void record(boolean bad) {
        if (outcomes[next]) {
            troubled--;
        }
        outcomes[next] = bad;
        if (bad) {
            troubled++;
        }
        next = (next + 1) % window;
    }

    /** Troubled or unanswered exchanges among the last {@link #window()}. */
    public synchronized int troubled() {
        return troubled;
    }

    /** Unanswered exchanges in a row; 0 after an answer. */
    public synchronized int consecutiveFailures() {
        return consecutiveFailures;
    }

    /** The consecutive-failure rule: at least {@link #disconnectAfter()} unanswered in a row. */
    public synchronized boolean lost() {
        return consecutiveFailures >= disconnectAfter;
    }

    public int window() {
        return window;
    }

    public int degradedAt() {
        return degradedAt;
    }

    public int disconnectAfter() {
        return disconnectAfter;
    }

    // ---- publishing

    /** Opening the port or waiting for the first answer: {@code CONNECTING}. */
    public void connecting(String message) {
        publish(DeviceHealth.of(ConnectionState.CONNECTING, message), null);
    }

    /**
     * The device answers: {@code CONNECTED}, or {@code DEGRADED} when at least {@link #degradedAt()}
     * of the window were troubled. Marks the device present.
     *
     * @param degradedMessage the message for {@code DEGRADED}, from the number of troubled exchanges
     *        (called only then, under this object's lock: it must not block)
     */
    public void up(IntFunction<String> degradedMessage) {
        Objects.requireNonNull(degradedMessage, "degradedMessage");
        synchronized (this) {
            int bad = troubled;
            published = bad >= degradedAt ? DeviceHealth.of(ConnectionState.DEGRADED, degradedMessage.apply(bad))
                    : DeviceHealth.connected();
            present = true;
        }
        tell();
    }

    /** An exchange failed, but the device is not lost yet: {@code DEGRADED}. */
    public void degraded(String message) {
        publish(DeviceHealth.of(ConnectionState.DEGRADED, message), null);
    }

    /** The device answers and reports a fault: {@code FAULT} with the faults. Marks the device present. */
    public void fault(String message, List<String> faults) {
        publish(new DeviceHealth(ConnectionState.FAULT, message, faults, Map.of()), Boolean.TRUE);
    }

    /** The device does not answer (its port is there): {@code DISCONNECTED}. */
    public void disconnected(String message) {
        publish(DeviceHealth.of(ConnectionState.DISCONNECTED, message), null);
    }

    /**
     * The port vanished or is absent (an unplugged adapter, a removed device node): {@code DISCONNECTED},
     * and the device is no longer present until {@link #up} or {@link #fault} says it answers again.
     */
    public void gone(String message) {
        publish(DeviceHealth.of(ConnectionState.DISCONNECTED, message), Boolean.FALSE);
    }

    private void publish(DeviceHealth h, Boolean presence) {
        synchronized (this) {
            published = h;
            if (presence != null) {
                present = presence;
            }
        }
        tell();
    }

    /** The state last published. */
    public ConnectionState state() {
        return published.state();
    }

    /** The health last published, with the counters now. Never blocks on a writer. */
    public DeviceHealth health() {
        DeviceHealth h = published;
        return new DeviceHealth(h.state(), h.message(), h.faults(), counters());
    }

    // ---- presence

    /** False from {@link #gone} until the device answers again. */
    public boolean present() {
        return present;
    }

    /**
     * Tells {@code listener} when the device goes ({@code false}) and when it is back ({@code true}).
     * The listener starts out assuming the device present: when it is gone already, the listener is
     * told {@code false} at once, on this thread. Calls never overlap and come in the order of the
     * changes; several quick changes may reach it as the last one only. Replaces the listener before.
     */
    public void onAvailability(Consumer<Boolean> listener) {
        Objects.requireNonNull(listener, "listener");
        synchronized (notifying) {
            this.listener = listener;
            this.told = true;
        }
        tell();
    }

    /**
     * Tells the listener the present state if it has not heard it yet. Every writer calls this after its
     * change, and it compares under the lock: a writer that changes {@code present} while another thread
     * tells the listener waits for it here and then tells the newer state, so no change is lost.
     */
    private void tell() {
        synchronized (notifying) {
            boolean now = present;
            if (now == told) {
                return;
            }
            told = now;
            try {
                listener.accept(now);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "availability listener failed on " + (now ? "present" : "gone"), e);
            }
        }
    }

    @Override
    public String toString() {
        return "LinkHealth[" + published.state() + " " + published.message() + ", troubled " + troubled() + "/" + window
                + ", failures in a row " + consecutiveFailures() + (present ? "" : ", gone") + "]";
    }
}
