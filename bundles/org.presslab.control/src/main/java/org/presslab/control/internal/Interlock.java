package org.presslab.control.internal;

import java.util.Map;

import org.presslab.control.api.InterlockKind;
import org.presslab.control.api.InterlockStatus;
import org.presslab.control.api.StationEventType;
import org.presslab.control.api.Trip;
import org.presslab.press.api.DeviceHealth;
import org.presslab.press.api.Reading;
import org.presslab.press.api.SafeAction;

/**
 * One interlock of a station: its check, its status, whether its cause persists, and its safe action.
 * Adding an interlock is adding one subclass to {@link SafetySupervisor#interlocks}. {@link #check} runs
 * on the supervisor's own thread only (so detection state needs no lock); {@link #status} and
 * {@link #persistingCause} may run on any thread and read only what {@code check} published in
 * volatile fields.
 */
abstract class Interlock {

    /** A tripped check: what happened, with the value and the limit in SI units (NaN where none). */
    record Violation(String message, double value, double limit) {
    }

    /** What the supervisor observed in one tick, and the control state it was observed in. */
    record Observation(long now, DriverBinding binding, Reading reading, DeviceHealth health, double pressurePa,
            ControlView control, double limitPa, String limitSource, boolean newSample) {

        /** The raw channel the pressure on the cell comes from (force or line/vessel pressure). */
        double raw() {
            return binding.source == DriverBinding.PressureSource.FORCE ? reading.forceN() : reading.pressurePa();
        }
    }

    /** What an interlock may use of its station: settings, events, the history the supervisor keeps. */
    interface Context {
        StationSettings settings();

        SensorHistory history();

        void event(StationEventType type, String message, Map<String, Object> props);

        /** Time the present latch tripped (nanoTime), or Long.MIN_VALUE. */
        long tripTimeNanos();
    }

    final InterlockKind kind;
    final Context ctx;
    /** The value last checked against the limit, SI units; NaN until seen. */
    volatile double value = Double.NaN;

    Interlock(InterlockKind kind, Context ctx) {
        this.kind = kind;
        this.ctx = ctx;
    }

    /** Checks one observation; null when fine. Runs while tripped too (status keeps updating). */
    abstract Violation check(Observation o);

    /** The limit in force, in the unit of {@link #unit()}; NaN where there is none. */
    abstract double limit();

    abstract String unit();

    abstract String detail();

    /** Why a latched trip of this kind cannot be reset yet (given a fresh observation), or null. */
    String persistingCause(Observation o) {
        return null;
    }

    /** The safe action this interlock takes, given the station's configured one. */
    SafeAction action(SafeAction configured) {
        return configured;
    }

    /** Restarts detection windows (after a reset or a new binding); supervisor thread. */
    void clear(long now) {
    }

    InterlockStatus status(Trip t) {
        return new InterlockStatus(kind, t != null && t.interlock() == kind, limit(), unit(), value, detail());
    }

    static Violation violation(String message, double value, double limit) {
        return new Violation(message, value, limit);
    }
}
