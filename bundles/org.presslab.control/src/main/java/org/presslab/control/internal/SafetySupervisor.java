package org.presslab.control.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.presslab.control.api.InterlockKind;
import org.presslab.control.api.InterlockStatus;
import org.presslab.control.api.Trip;
import org.presslab.press.api.ConnectionState;
import org.presslab.press.api.DeviceHealth;
import org.presslab.press.api.Quality;
import org.presslab.press.api.Reading;

/**
 * The interlocks of one station. {@link #check} runs from the control loop before every output
 * and from the supervisor's own schedule ({@link #tick}), which reads the driver by itself, so a
 * stalled loop cannot hide a fault. Detection state is guarded by the station's lock; readings are
 * taken once per device sequence number. Allocation-free until something trips.
 */
final class SafetySupervisor {

    private static final int H = 4096;
    private static final double FILTER_TAU_S = 0.02;
    private static final double RATE_WINDOW_S = 0.2;
    private static final double TRAVEL_WINDOW_S = 1.0;

    private final StationEngine e;
    private final long[] hT = new long[H];
    private final double[] hP = new double[H];
    private final double[] hSp = new double[H];
    private final double[] hPos = new double[H];
    private int head = -1;
    private int size;
    private long lastSeq = Long.MIN_VALUE;
    private long lastSampleNanos;
    private double pFilt = Double.NaN;
    private long watchFrom;
    private long frozenBits;
    private long frozenSince;
    private boolean frozenArmed;

    // Last seen values, for status.
    private volatile double ageS = Double.NaN;
    private volatile double riseRate = Double.NaN;
    /** Last pressure fall within the force-drop window as a fraction of the target (the unit of its limit). */
    private volatile double dropFraction = Double.NaN;
    private volatile double travelM = Double.NaN;
    private volatile double frozenS = Double.NaN;
    private volatile double pressure = Double.NaN;
    private volatile String health = "";
    private volatile double loopSilenceS = Double.NaN;
    private long lastRateWarning = Long.MIN_VALUE / 2;

    SafetySupervisor(StationEngine engine) {
        this.e = engine;
    }

    void start(long now) {
        watchFrom = now;
    }

    void onBind(long now) {
        clearWindows(now);
    }

    void onReset(long now) {
        clearWindows(now);
    }

    private void clearWindows(long now) {
        head = -1;
        size = 0;
        lastSeq = Long.MIN_VALUE;
        pFilt = Double.NaN;
        watchFrom = now;
        frozenArmed = false;
    }

    /**
     * The supervisor's own schedule. First the loop watch, which needs no lock (a loop blocked inside
     * the station lock is exactly what it must see); then, if the lock is free within one period, its
     * own reading of the driver through every check.
     */
    void tick() {
        long now = e.time.nanoTime();
        DriverBinding b = e.binding();
        if (b == null || e.isClosed()) {
            return;
        }
        watchLoop(now);
        try {
            checkDriver(now, b);
            failures = 0;
        } catch (Throwable t) {
            // Never let a failure end the supervisor's thread: the loop watch above must run next period too.
            if (failures++ % 1000 == 0) {
                try {
                    org.slf4j.LoggerFactory.getLogger(SafetySupervisor.class).error(
                            "Station '{}': supervisor check failed ({} in a row); the loop watch goes on", e.cfg.id(),
                            failures, t);
                } catch (Throwable ignored) {
                    // logging failed as well
                }
            }
        }
    }

    private long failures;

    private void checkDriver(long now, DriverBinding b) {
        boolean locked;
        try {
            locked = e.lock.tryLock(e.periodNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            return;
        }
        if (!locked) {
            // Held by the loop or a command: a blocked loop shows in watchLoop, which needs no lock.
            return;
        }
        try {
            if (e.binding() != b) {
                return;
            }
            Reading r;
            DeviceHealth h;
            try {
                r = b.driver.read();
                h = b.driver.health();
            } catch (RuntimeException ex) {
                e.trip(InterlockKind.DEVICE_FAULT, "driver '" + b.id + "' threw " + ex, Double.NaN, Double.NaN, now);
                return;
            }
            check(now, b, r, b.pressureOf(r));
            health = h.state() + (h.message().isEmpty() ? "" : ": " + h.message())
                    + (h.faults().isEmpty() ? "" : " faults " + h.faults());
            if (e.trip.get() != null) {
                return;
            }
            if (h.state() == ConnectionState.FAULT || h.state() == ConnectionState.DISCONNECTED) {
                e.trip(InterlockKind.DEVICE_FAULT, "driver '" + b.id + "' reports " + h.state()
                        + (h.message().isEmpty() ? "" : " (" + h.message() + ")")
                        + (h.faults().isEmpty() ? "" : " faults " + h.faults()), Double.NaN, Double.NaN, now);
            }
        } finally {
            e.lock.unlock();
        }
    }

    /** Late after this long the supervisor holds the actuator itself: loopStallHoldS, at least 3 periods. */
    long lateHoldNanos() {
        return Math.max(Math.round(e.settings.loopStallHoldS * 1e9), 3 * e.periodNanos);
    }

    long stallTripNanos() {
        return Math.round(e.settings.loopStallTripS * 1e9);
    }

    /**
     * Late loop while controlling: HOLD (not latched) after {@link #lateHoldNanos}, the latched
     * CONTROL_LOOP_STALLED trip after loopStallTripS. A scheduling gap of a loaded machine or of JVM
     * warm-up costs a short hold, not a trip; a loop that does not come back is tripped.
     */
    void watchLoop(long now) {
        long silence = now - e.lastTickNanos();
        loopSilenceS = silence / 1e9;
        if (!e.controlling || e.trip.get() != null) {
            return;
        }
        if (silence > stallTripNanos()) {
            e.trip(InterlockKind.CONTROL_LOOP_STALLED, String.format(Locale.ROOT,
                    "control loop has not run for %.3f s (limit loopStallTripS %.3f s)%s", silence / 1e9,
                    e.settings.loopStallTripS, e.lateHold ? "; the actuator was held since it was late" : ""),
                    silence / 1e9, e.settings.loopStallTripS, now);
        } else if (silence > lateHoldNanos() && !e.lateHold) {
            e.holdForLateLoop(now, lateHoldNanos());
        }
    }

    /** All checks on one reading; called under the station lock. */
    void check(long now, DriverBinding b, Reading r, double p) {
        // While tripped the values are still observed (status shows them); only new trips are off.
        boolean armed = e.trip.get() == null;
        StationSettings s = e.settings;
        Quality q = r.quality();
        long ref = Math.max(r.timeNanos(), watchFrom);
        double age = (now - ref) / 1e9;
        ageS = age;
        if (q.usableForControl() && !Double.isNaN(p)) {
            pressure = p;
        }
        if (!armed) {
            observeHistory(b, r, p, q);
            return;
        }
        if (q == Quality.FAULT) {
            e.trip(InterlockKind.DEVICE_FAULT, "driver '" + b.id + "' reading has quality FAULT (device fault)", Double.NaN,
                    Double.NaN, now);
            return;
        }
        if (q == Quality.OVERLOAD) {
            e.trip(InterlockKind.DEVICE_FAULT, "driver '" + b.id + "' sensor overload (reading beyond its range)",
                    Double.NaN, Double.NaN, now);
            return;
        }
        if (age > s.staleTimeoutS) {
            e.trip(InterlockKind.STALE_SENSOR, String.format(Locale.ROOT,
                    "newest reading from driver '%s' is %.3f s old (watchdog %.3f s, quality %s)", b.id, age,
                    s.staleTimeoutS, q), age, s.staleTimeoutS, now);
            return;
        }
        if (!q.usableForControl() || Double.isNaN(p)) {
            return;
        }
        observeHistory(b, r, p, q);
        if (s.frozenTimeoutS > 0 && frozenArmed) {
            double frozen = (now - frozenSince) / 1e9;
            frozenS = frozen;
            if (frozen >= s.frozenTimeoutS) {
                e.trip(InterlockKind.FROZEN_SENSOR, String.format(Locale.ROOT,
                        "driver '%s' sensor value unchanged for %.3f s while new readings arrive (limit %.3f s)", b.id,
                        frozen, s.frozenTimeoutS), frozen, s.frozenTimeoutS, now);
                return;
            }
        }
        double limit = e.maxPressurePa(b);
        if (p > limit + s.overpressureMarginPa) {
            e.trip(InterlockKind.MAX_PRESSURE, String.format(Locale.ROOT,
                    "pressure %.3f MPa above the limit %.3f MPa (%s) plus margin %.3f MPa", p / 1e6, limit / 1e6,
                    e.limits().maxPressureSource(), s.overpressureMarginPa / 1e6), p, limit, now);
            return;
        }
        int back = indexAgo(RATE_WINDOW_S);
        if (back >= 0) {
            double span = (hT[head] - hT[back]) / 1e9;
            double rise = (hP[head] - hP[back]) / span;
            riseRate = rise;
            double rateLimit = s.rateTripFactor * e.cfg.maxRatePaPerS();
            if (rise > rateLimit && !b.canActuate()) {
                // A person pumps this press: warn and instruct, do not latch (there is nothing to make safe).
                if (now - lastRateWarning > 5_000_000_000L) {
                    lastRateWarning = now;
                    String text = String.format(Locale.ROOT, "pressure rising at %.2f MPa/s, above %.1f x the limit %.2f MPa/s:"
                            + " pump slower", rise / 1e6, s.rateTripFactor, e.cfg.maxRatePaPerS() / 1e6);
                    e.event(org.presslab.control.api.StationEventType.OPERATOR_PROMPT, text,
                            java.util.Map.of("interlock", InterlockKind.MAX_RATE.name(), "value", rise, "limit", rateLimit));
                }
            } else if (rise > rateLimit) {
                e.trip(InterlockKind.MAX_RATE, String.format(Locale.ROOT,
                        "pressure rising at %.2f MPa/s, above %.1f x the limit %.2f MPa/s (maxRateMPaPerS)", rise / 1e6,
                        s.rateTripFactor, e.cfg.maxRatePaPerS() / 1e6), rise, rateLimit, now);
                return;
            }
        }
        if (!e.controlling) {
            return;
        }
        // Targets, not the ramped setpoint: the setpoint follows a falling pressure on recovery, the target does not.
        double sp = e.setpoint.target();
        if (s.forceDropFraction > 0 && sp > StationEngine.UNDER_LOAD_PA) {
            int d = indexAgo(s.forceDropWindowS);
            if (d >= 0 && !Double.isNaN(hSp[d])) {
                double drop = hP[d] - hP[head];
                double spDrop = hSp[d] - sp;
                dropFraction = drop / Math.max(sp, hP[d]);
                double threshold = s.forceDropFraction * Math.max(sp, hP[d]);
                if (drop > threshold && spDrop < 0.5 * drop) {
                    e.trip(InterlockKind.FORCE_DROP, String.format(Locale.ROOT,
                            "pressure fell %.3f MPa in %.2f s under load control (limit %.0f %% of %.3f MPa): cracked pellet, "
                                    + "extruded sodium or short; not chasing the setpoint",
                            drop / 1e6, s.forceDropWindowS, 100 * s.forceDropFraction, Math.max(sp, hP[d]) / 1e6),
                            drop, threshold, now);
                    return;
                }
            }
        }
        if (s.runawayTravelM > 0 && p > StationEngine.UNDER_LOAD_PA && !Double.isNaN(r.positionM())) {
            int t = indexAgo(TRAVEL_WINDOW_S);
            int first = t >= 0 ? t : oldest();
            if (first >= 0 && !Double.isNaN(hPos[first])) {
                double travel = hPos[head] - hPos[first];
                double rise = hP[head] - hP[first];
                travelM = travel;
                // Travel the force does not follow: a stiff stack turns travel into pressure, a failed one does not.
                // (A compliant frame moves a lot per MPa while loading; its pressure rises with it.)
                if (travel > s.runawayTravelM && rise < Math.max(0.2e6, 0.01 * sp)) {
                    e.trip(InterlockKind.RUNAWAY_TRAVEL, String.format(Locale.ROOT,
                            "platen closed %.3f mm within %.1f s under load while the pressure rose only %.3f MPa (limit %.3f mm):"
                                    + " sample failure suspected", travel * 1e3, TRAVEL_WINDOW_S, rise / 1e6, s.runawayTravelM * 1e3), travel, s.runawayTravelM, now);
                }
            }
        }
    }

    /**
     * Records a new usable reading (once per device sequence number) in the filtered history the rate,
     * drop and travel checks use, and updates the rise rate shown in status. Runs while tripped too.
     */
    private void observeHistory(DriverBinding b, Reading r, double p, Quality q) {
        if (!q.usableForControl() || Double.isNaN(p) || r.sequence() == lastSeq) {
            return;
        }
        StationSettings s = e.settings;
        lastSeq = r.sequence();
        double dtS = Double.isNaN(pFilt) ? 0 : (r.timeNanos() - lastSampleNanos) / 1e9;
        lastSampleNanos = r.timeNanos();
        pFilt = Double.isNaN(pFilt) ? p : pFilt + (p - pFilt) * Math.min(1, dtS / FILTER_TAU_S);
        head = (head + 1) & (H - 1);
        hT[head] = r.timeNanos();
        hP[head] = pFilt;
        hSp[head] = e.controlling ? e.setpoint.target() : Double.NaN;
        hPos[head] = r.positionM();
        if (size < H) {
            size++;
        }
        if (s.frozenTimeoutS > 0 && p < StationEngine.UNDER_LOAD_PA) {
            // Unloaded, a quantized sensor may legitimately repeat its zero: watch only under load.
            frozenArmed = false;
        } else if (s.frozenTimeoutS > 0) {
            double raw = b.source == DriverBinding.PressureSource.FORCE ? r.forceN() : r.pressurePa();
            long bits = Double.doubleToLongBits(raw);
            if (!frozenArmed || bits != frozenBits) {
                frozenArmed = true;
                frozenBits = bits;
                frozenSince = r.timeNanos();
            }
        }
        int back = indexAgo(RATE_WINDOW_S);
        if (back >= 0) {
            riseRate = (hP[head] - hP[back]) / ((hT[head] - hT[back]) / 1e9);
        }
    }

    /** Index of the newest history entry at least {@code seconds} older than the newest, or -1. */
    private int indexAgo(double seconds) {
        if (size < 2) {
            return -1;
        }
        long want = hT[head] - TimeUnit.NANOSECONDS.convert(Math.round(seconds * 1e9), TimeUnit.NANOSECONDS);
        for (int k = 1; k < size; k++) {
            int i = (head - k) & (H - 1);
            if (hT[i] <= want) {
                return i;
            }
        }
        return -1;
    }

    private int oldest() {
        return size == 0 ? -1 : (head - size + 1) & (H - 1);
    }

    /** Why a latched trip cannot be reset yet, or null. */
    String persistingCause(InterlockKind kind, DriverBinding b) {
        if (b == null) {
            return null;
        }
        DeviceHealth h = b.driver.health();
        Reading r = b.driver.read();
        switch (kind) {
            case DEVICE_FAULT:
                if (!h.state().isUp()) {
                    return "driver '" + b.id + "' still reports " + h.state() + (h.message().isEmpty() ? "" : " (" + h.message() + ")");
                }
                if (r.quality() == Quality.FAULT || r.quality() == Quality.OVERLOAD) {
                    return "driver '" + b.id + "' readings still have quality " + r.quality();
                }
                return null;
            case STALE_SENSOR: {
                double age = (e.time.nanoTime() - r.timeNanos()) / 1e9;
                return age > e.settings.staleTimeoutS
                        ? String.format(Locale.ROOT, "sensor still stale (newest reading %.3f s old)", age) : null;
            }
            case MAX_PRESSURE: {
                double p = b.pressureOf(r);
                double limit = e.maxPressurePa(b);
                return p > limit ? String.format(Locale.ROOT, "pressure %.3f MPa still above the limit %.3f MPa", p / 1e6,
                        limit / 1e6) : null;
            }
            default:
                return null;
        }
    }

    List<InterlockStatus> statuses() {
        Trip t = e.trip.get();
        StationSettings s = e.settings;
        double limit = e.maxPressurePa(e.binding());
        List<InterlockStatus> out = new ArrayList<>();
        out.add(st(t, InterlockKind.MAX_PRESSURE, limit + s.overpressureMarginPa, "Pa", pressure,
                "measured pressure vs " + e.limits().maxPressureSource() + " plus margin; commands above the limit are refused"));
        out.add(st(t, InterlockKind.MAX_RATE, s.rateTripFactor * e.cfg.maxRatePaPerS(), "Pa/s", riseRate,
                "pressure rise over " + RATE_WINDOW_S + " s; command rates above maxRateMPaPerS are refused"));
        out.add(st(t, InterlockKind.STALE_SENSOR, s.staleTimeoutS, "s", ageS, "age of the newest reading"));
        out.add(st(t, InterlockKind.FROZEN_SENSOR, s.frozenTimeoutS, "s", frozenS,
                "time the sensor value stayed bit-identical while new readings arrived (0 = off)"));
        out.add(st(t, InterlockKind.DRIVER_LOST, Double.NaN, "", Double.NaN,
                e.binding() == null ? "no driver bound" : "driver '" + e.binding().id + "' bound"));
        DriverBinding b = e.binding();
        String h = health;
        out.add(st(t, InterlockKind.DEVICE_FAULT, Double.NaN, "", Double.NaN, b == null ? "no driver bound"
                : "driver '" + b.id + "' health: " + (h.isEmpty() ? "not read yet" : h)));
        out.add(st(t, InterlockKind.FORCE_DROP, s.forceDropFraction, "fraction", dropFraction,
                "pressure fall within " + s.forceDropWindowS + " s under load control"));
        out.add(st(t, InterlockKind.RUNAWAY_TRAVEL, s.runawayTravelM, "m", travelM,
                "closing travel within " + TRAVEL_WINDOW_S + " s under load"));
        out.add(st(t, InterlockKind.EMERGENCY_STOP, Double.NaN, "", Double.NaN, "operator or front end"));
        out.add(st(t, InterlockKind.CONTROL_LOOP_STALLED, e.settings.loopStallTripS, "s", loopSilenceS, String.format(
                Locale.ROOT, "time since the loop last ran, seen by the supervisor's own timer; while controlling, HOLD after"
                        + " %.3f s (not latched), trip at the limit%s", lateHoldNanos() / 1e9,
                e.lateHold ? "; actuator held now: loop late" : "")));
        return out;
    }

    private static InterlockStatus st(Trip t, InterlockKind k, double limit, String unit, double value, String detail) {
        return new InterlockStatus(k, t != null && t.interlock() == k, limit, unit, value, detail);
    }
}
