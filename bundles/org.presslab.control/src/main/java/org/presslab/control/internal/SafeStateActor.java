package org.presslab.control.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.presslab.control.api.StationEventType;
import org.presslab.press.api.SafeAction;
import org.presslab.press.api.TemperatureControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a device into a safe state without ever waiting on a lock or without bound on a driver. Each
 * call into the driver runs on a daemon thread of its own and is waited for at most
 * {@code safeStateTimeoutS}; when the device does not confirm in time (a blocked or dead vendor
 * driver), the next action is tried (the wanted one, then STOP, then VENT, as far as the hardware
 * has them), each escalation an event; with none left no further command is sent and the event says
 * that the device's own watchdog must act. Callable from any thread, concurrently.
 */
final class SafeStateActor {

    private static final Logger LOG = LoggerFactory.getLogger(SafeStateActor.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final String stationId;
    private final ExecutorService pool;
    private volatile long timeoutNanos;
    private final EventSink sink;

    /** Where escalation events go. */
    interface EventSink {
        void event(StationEventType type, String message, Map<String, Object> props);
    }

    SafeStateActor(String stationId, double timeoutS, EventSink sink) {
        this.stationId = stationId;
        this.sink = sink;
        this.timeoutNanos = Math.round(timeoutS * 1e9);
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "presslab-safe-" + stationId + "-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    void setTimeoutS(double s) {
        this.timeoutNanos = Math.round(s * 1e9);
    }

    /**
     * Enters {@code wanted} (or the next action the hardware has) on {@code b}; switches the heater off
     * for every action but HOLD. Returns the action the device confirmed, or null when none did.
     */
    SafeAction enter(DriverBinding b, SafeAction wanted, boolean heaterOff) {
        if (b == null || b.actuator == null) {
            if (heaterOff && b != null) {
                heaterOff(b);
            }
            return null;
        }
        if (heaterOff || wanted != SafeAction.HOLD) {
            heaterOff(b);
        }
        List<SafeAction> order = escalation(b, wanted);
        for (int i = 0; i < order.size(); i++) {
            SafeAction a = order.get(i);
            String failure = call(() -> b.actuator.enterSafeState(a));
            if (failure == null) {
                if (i > 0) {
                    LOG.warn("Station '{}': driver '{}' confirmed {} after escalation", stationId, b.id, a);
                }
                return a;
            }
            SafeAction next = i + 1 < order.size() ? order.get(i + 1) : null;
            String msg = String.format(Locale.ROOT, "driver '%s' did not enter %s: %s; %s", b.id, a, failure,
                    next != null ? "trying " + next
                            : "no safe action left: no further command is sent, the device's own watchdog must act");
            LOG.error("Station '{}': {}", stationId, msg);
            sink.event(StationEventType.SAFE_STATE_ESCALATED, msg, Map.of("action", a.name(), "next",
                    next == null ? "NONE" : next.name(), "waitedS", timeoutNanos / 1e9));
        }
        return null;
    }

    /** Switches the heater off, bounded; failures are events. */
    void heaterOff(DriverBinding b) {
        TemperatureControl t = b.temperature;
        if (t == null) {
            return;
        }
        String failure = call(t::heaterOff);
        if (failure != null) {
            String msg = "driver '" + b.id + "' did not switch the heater off: " + failure;
            LOG.error("Station '{}': {}", stationId, msg);
            sink.event(StationEventType.SAFE_STATE_ESCALATED, msg, Map.of("action", "HEATER_OFF", "next", "NONE",
                    "waitedS", timeoutNanos / 1e9));
        }
    }

    /** Runs {@code r} bounded; null when it returned in time, else what went wrong. */
    String call(Runnable r) {
        CompletableFuture<Void> f;
        try {
            f = CompletableFuture.runAsync(r, pool);
        } catch (RuntimeException e) {
            return "could not be called: " + e;
        }
        try {
            f.get(timeoutNanos, TimeUnit.NANOSECONDS);
            return null;
        } catch (TimeoutException e) {
            return String.format(Locale.ROOT, "no answer within %.3f s (safeStateTimeoutS)", timeoutNanos / 1e9);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (java.util.concurrent.ExecutionException e) {
            return "threw " + e.getCause();
        }
    }

    static List<SafeAction> escalation(DriverBinding b, SafeAction wanted) {
        List<SafeAction> order = new ArrayList<>();
        var available = b.actuator.safeActions();
        for (SafeAction a : new SafeAction[] { b.safeActionFor(wanted), SafeAction.STOP, SafeAction.VENT }) {
            if (available.contains(a) && !order.contains(a)) {
                order.add(a);
            }
        }
        if (order.isEmpty()) {
            order.add(wanted);
        }
        return order;
    }

    void close() {
        pool.shutdownNow();
    }
}
