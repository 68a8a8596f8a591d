package org.presslab.control.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.presslab.control.api.InterlockKind;
import org.presslab.control.api.InterlockStatus;
import org.presslab.control.api.PressureLimits;
import org.presslab.control.api.StationEventType;
import org.presslab.control.api.Trip;
import org.presslab.press.api.DeviceHealth;
import org.presslab.press.api.Reading;
import org.presslab.press.api.SafeAction;
import org.presslab.time.TimeSource;

/**
 * The interlocks of one station, on the supervisor's own schedule. Each tick it reads the driver
 * itself (so a stalled loop cannot hide a fault), builds one {@link Interlock.Observation} and runs every
 * {@link Interlock}; the first violation trips. It never takes the station's lock: it sees the control
 * state through the immutable {@link ControlView} the owner publishes, and trips through
 * {@link Supervised#trip}, which needs no lock either. Detection state lives on this thread only.
 */
final class SafetySupervisor implements Interlock.Context {

    /** Below this pressure the cell is not under load. */
    static final double UNDER_LOAD_PA = 1e6;

    /** What the supervisor needs of its station: a narrow view, no fields. */
    interface Supervised {
        StationSettings settings();

        DriverBinding binding();

        ControlView control();

        PressureLimits limits();

        Trip trip();

        long tripTimeNanos();

        TimeSource time();

        boolean isClosed();

        void trip(InterlockKind kind, String why, double value, double limit, SafeAction action, long now);

        void event(StationEventType type, String message, Map<String, Object> props);
    }

    private final Supervised station;
    private final SensorHistory history = new SensorHistory();
    private final List<Interlock> checks = new ArrayList<>();
    private final Map<InterlockKind, Interlock> byKind = new EnumMap<>(InterlockKind.class);
    private volatile boolean clearRequested = true;
    private long lastSeq = Long.MIN_VALUE;
    private long failures;

    SafetySupervisor(Supervised station) {
        this.station = station;
        // Order matters only for which of two simultaneous faults is named: the device's own word first,
        // then what makes a reading meaningless, then limits.
        add(new DeviceFaultInterlock(this));
        add(new ImplausibleReadingInterlock(this));
        add(new StaleSensorInterlock(this));
        add(new FrozenSensorInterlock(this));
        add(new MaxPressureInterlock(this));
        add(new OverTemperatureInterlock(this));
        add(new NoResponseInterlock(this));
        add(new MaxRateInterlock(this));
        add(new ForceDropInterlock(this));
        add(new RunawayTravelInterlock(this));
    }

    private void add(Interlock i) {
        checks.add(i);
        byKind.put(i.kind, i);
    }

    /** Restart every detection window on the supervisor's next tick (a reset, a new binding). */
    void requestClear() {
        clearRequested = true;
    }

    private volatile long lastTickNanos = Long.MIN_VALUE;
    private volatile long maxTickGapNanos;

    /** Longest interval between two supervisor ticks since the last {@link #resetTickGap()}, ns (diagnosis, stress tests). */
    long maxTickGapNanos() {
        return maxTickGapNanos;
    }

    void resetTickGap() {
        maxTickGapNanos = 0;
        lastTickNanos = Long.MIN_VALUE;
    }

    /** The supervisor's schedule. Nothing escapes: a failing check must not end this thread. */
    void tick() {
        long at = station.time().nanoTime();
        long last = lastTickNanos;
        if (last != Long.MIN_VALUE && at - last > maxTickGapNanos) {
            maxTickGapNanos = at - last;
        }
        lastTickNanos = at;
        try {
            check();
            failures = 0;
        } catch (Throwable t) {
            if (failures++ % 1000 == 0) {
                try {
                    org.slf4j.LoggerFactory.getLogger(SafetySupervisor.class).error(
                            "Station '{}': supervisor check failed ({} in a row)", station.settings().config().id(), failures, t);
                } catch (Throwable ignored) {
                    // logging failed as well
                }
            }
        }
    }

    private void check() {
        long now = station.time().nanoTime();
        DriverBinding b = station.binding();
        if (b == null || station.isClosed()) {
            return;
        }
        if (clearRequested) {
            clearRequested = false;
            history.clear();
            lastSeq = Long.MIN_VALUE;
            for (Interlock i : checks) {
                i.clear(now);
            }
        }
        Reading r;
        DeviceHealth h;
        try {
            r = b.driver.read();
            h = b.driver.health();
        } catch (RuntimeException ex) {
            if (station.trip() == null) {
                station.trip(InterlockKind.DEVICE_FAULT, "driver '" + b.id + "' threw " + ex, Double.NaN, Double.NaN,
                        station.settings().config().safeAction(), now);
            }
            return;
        }
        if (r == null || h == null) {
            if (station.trip() == null) {
                station.trip(InterlockKind.DEVICE_FAULT, "driver '" + b.id + "' returned no " + (r == null ? "reading" : "health"),
                        Double.NaN, Double.NaN, station.settings().config().safeAction(), now);
            }
            return;
        }
        Interlock.Observation o = observe(now, b, r, h, true);
        boolean armed = station.trip() == null;
        for (Interlock i : checks) {
            Interlock.Violation v = i.check(o);
            if (v != null && armed) {
                armed = false;
                station.trip(i.kind, v.message(), v.value(), v.limit(), i.action(station.settings().config().safeAction()), now);
            }
        }
    }

    private Interlock.Observation observe(long now, DriverBinding b, Reading r, DeviceHealth h, boolean record) {
        double p = b.pressureOf(r);
        ControlView v = station.control();
        boolean fresh = r.quality().usableForControl() && Double.isFinite(p) && r.sequence() != lastSeq;
        if (record && fresh) {
            lastSeq = r.sequence();
            history.add(r.timeNanos(), p, v.controlling() ? v.targetPa() : Double.NaN, r.positionM());
        }
        PressureLimits lim = station.limits();
        return new Interlock.Observation(now, b, r, h, p, v, lim.maxPressurePa(), lim.maxPressureSource(), record && fresh);
    }

    /**
     * Why a latched trip of {@code kind} cannot be reset yet, or null. Reads the driver afresh on the
     * calling thread; detection state is only read.
     */
    String persistingCause(InterlockKind kind, DriverBinding b) {
        Interlock i = byKind.get(kind);
        if (i == null || b == null) {
            return null;
        }
        Reading r = b.driver.read();
        DeviceHealth h = b.driver.health();
        return i.persistingCause(observe(station.time().nanoTime(), b, r, h, false));
    }

    /** The status of the interlocks this supervisor checks, by kind. */
    InterlockStatus status(InterlockKind kind, Trip t) {
        Interlock i = byKind.get(kind);
        return i == null ? null : i.status(t);
    }

    List<Interlock> checks() {
        return checks;
    }

    // Interlock.Context

    @Override
    public StationSettings settings() {
        return station.settings();
    }

    @Override
    public SensorHistory history() {
        return history;
    }

    @Override
    public void event(StationEventType type, String message, Map<String, Object> props) {
        station.event(type, message, props);
    }

    @Override
    public long tripTimeNanos() {
        return station.tripTimeNanos();
    }
}
