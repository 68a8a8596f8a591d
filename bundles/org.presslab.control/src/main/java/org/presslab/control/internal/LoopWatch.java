package org.presslab.control.internal;

import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.presslab.control.api.InterlockKind;
import org.presslab.control.api.InterlockStatus;
import org.presslab.control.api.StationEventType;
import org.presslab.control.api.Trip;
import org.presslab.press.api.SafeAction;
import org.presslab.time.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stall policy, on its own schedule; it takes no lock and reaches the driver only through the bounded
 * safe-state path. While the station controls: a loop late by {@code loopStallHoldS} is held (not latched) and
 * resumes by itself on its next tick, with an event each way; a loop away for {@code loopStallTripS}, or late
 * {@code loopStallRepeatCount} times within {@code loopStallRepeatWindowS}, trips CONTROL_LOOP_STALLED. A JVM pause
 * or a busy PC costs a short hold, not a run.
 */
final class LoopWatch {

    private static final Logger LOG = LoggerFactory.getLogger(LoopWatch.class);

    /** What the watch needs of its station. */
    interface Watched {
        long lastTickNanosForWatch();

        long periodNanosForWatch();

        ControlView control();

        Trip trip();

        DriverBinding binding();

        StationSettings settings();

        TimeSource time();

        boolean isClosed();

        void trip(InterlockKind kind, String why, double value, double limit, SafeAction action, long now);

        void event(StationEventType type, String message, Map<String, Object> props);

        /** Puts the device into HOLD through the bounded safe-state path. */
        void hold(DriverBinding b);
    }

    final AtomicBoolean lateHold = new AtomicBoolean();
    private final Watched station;
    private final ArrayDeque<Long> lateHolds = new ArrayDeque<>();
    private volatile long lateHoldSinceNanos;
    private volatile double loopSilenceS = Double.NaN;

    LoopWatch(Watched station) {
        this.station = station;
    }

    /** Late after this long the watch holds the actuator itself: loopStallHoldS, at least 3 periods. */
    long lateHoldNanos() {
        return Math.max(Math.round(station.settings().loopStallHoldS * 1e9), 3 * station.periodNanosForWatch());
    }

    private long stallTripNanos() {
        return Math.round(station.settings().loopStallTripS * 1e9);
    }

    /** The watch's schedule. Nothing escapes. */
    void tick() {
        try {
            long now = station.time().nanoTime();
            long silence = now - station.lastTickNanosForWatch();
            loopSilenceS = silence / 1e9;
            if (station.isClosed() || !station.control().controlling() || station.trip() != null) {
                return;
            }
            StationSettings s = station.settings();
            if (silence > stallTripNanos()) {
                station.trip(InterlockKind.CONTROL_LOOP_STALLED, String.format(Locale.ROOT,
                        "control loop has not run for %.3f s (limit loopStallTripS %.3f s)%s", silence / 1e9, s.loopStallTripS,
                        lateHold.get() ? "; the actuator was held since it was late" : ""), silence / 1e9, s.loopStallTripS,
                        s.config().safeAction(), now);
            } else if (silence > lateHoldNanos() && !lateHold.get()) {
                holdForLateLoop(now);
            }
        } catch (Throwable t) {
            try {
                LOG.error("Station '{}': loop watch failed", station.settings().config().id(), t);
            } catch (Throwable ignored) {
                // logging failed as well
            }
        }
    }

    private void holdForLateLoop(long now) {
        DriverBinding b = station.binding();
        if (b == null || b.actuator == null || !b.actuator.safeActions().contains(SafeAction.HOLD)) {
            return; // no HOLD on this device: only the latched trip applies
        }
        if (!lateHold.compareAndSet(false, true)) {
            return;
        }
        StationSettings s = station.settings();
        lateHoldSinceNanos = now;
        double lateS = (now - station.lastTickNanosForWatch()) / 1e9;
        int recent;
        synchronized (lateHolds) {
            lateHolds.addLast(now);
            long window = Math.round(s.loopStallRepeatWindowS * 1e9);
            while (!lateHolds.isEmpty() && now - lateHolds.peekFirst() > window) {
                lateHolds.pollFirst();
            }
            recent = lateHolds.size();
        }
        station.event(StationEventType.LOOP_LATE, String.format(Locale.ROOT,
                "control loop late: not run for %.3f s (hold after %.3f s): '%s' put in HOLD until the loop returns; trips"
                        + " CONTROL_LOOP_STALLED after %.3f s or after %d late loops within %.0f s (%d now)", lateS,
                lateHoldNanos() / 1e9, b.id, s.loopStallTripS, s.loopStallRepeatCount, s.loopStallRepeatWindowS, recent),
                Map.of("lateS", lateS, "action", "HOLD", "recent", recent));
        station.hold(b);
        if (recent >= s.loopStallRepeatCount) {
            station.trip(InterlockKind.CONTROL_LOOP_STALLED, String.format(Locale.ROOT, "control loop late %d times within %.0f s"
                    + " (limit loopStallRepeatCount %d): this machine cannot run the loop reliably", recent, s.loopStallRepeatWindowS,
                    s.loopStallRepeatCount), recent, s.loopStallRepeatCount, s.config().safeAction(), now);
        }
    }

    /** The loop thread is back after a late hold (owner). */
    void loopReturned(long now) {
        lateHold.set(false);
        double heldS = (now - lateHoldSinceNanos) / 1e9;
        boolean tripped = station.trip() != null;
        station.event(StationEventType.LOOP_LATE, String.format(Locale.ROOT, tripped
                ? "control loop back after %.3f s in HOLD; the station is tripped, the device stays in its safe state"
                : "control loop back after %.3f s in HOLD: control resumed (bumpless)", heldS), Map.of("heldS", heldS,
                        "action", tripped ? "TRIPPED" : "RESUMED"));
    }

    /** A reset: forget late loops counted so far. */
    void reset() {
        lateHold.set(false);
        synchronized (lateHolds) {
            lateHolds.clear();
        }
    }

    InterlockStatus status(boolean tripped) {
        StationSettings s = station.settings();
        return new InterlockStatus(InterlockKind.CONTROL_LOOP_STALLED, tripped, s.loopStallTripS, "s", loopSilenceS,
                String.format(Locale.ROOT, "time since the loop last ran, seen by the loop watch's own timer; while controlling,"
                        + " HOLD after %.3f s (not latched, resumes by itself), trip at the limit or after %d late loops in %.0f s%s",
                        lateHoldNanos() / 1e9, s.loopStallRepeatCount, s.loopStallRepeatWindowS,
                        lateHold.get() ? "; actuator held now: loop late" : ""));
    }
}
