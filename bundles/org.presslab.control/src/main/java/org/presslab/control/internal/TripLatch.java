package org.presslab.control.internal;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import org.presslab.control.api.InterlockKind;
import org.presslab.control.api.Trip;

/**
 * A station's latch as a record, not a field: the trip in force (the first wins, except that an
 * emergency stop supersedes a lesser trip), the superseded trip, and the identity of the device the
 * station was commissioned on, all persisted through a {@link LatchStore} and restored at start. Setting
 * the latch is a compare-and-set: no lock, callable from any thread.
 */
final class TripLatch {

    private final LatchStore store;
    private final AtomicReference<Trip> trip = new AtomicReference<>();
    private volatile Trip superseded;
    private volatile String deviceIdentity;
    private volatile long tripTimeNanos = Long.MIN_VALUE;

    TripLatch(LatchStore store) {
        this.store = store;
        LatchStore.Record r = store.load();
        trip.set(r.trip());
        superseded = r.superseded();
        deviceIdentity = r.deviceIdentity();
    }

    Trip get() {
        return trip.get();
    }

    Trip superseded() {
        return superseded;
    }

    long tripTimeNanos() {
        return tripTimeNanos;
    }

    Path file() {
        return store.file();
    }

    String deviceIdentity() {
        return deviceIdentity;
    }

    /**
     * Latches {@code t}. Returns the trip now in force when {@code t} took effect (possibly reworded
     * when it superseded a lesser one), or null when an earlier trip stays in force.
     */
    Trip set(Trip t, long nowNanos) {
        if (trip.compareAndSet(null, t)) {
            tripTimeNanos = nowNanos;
            persist();
            return t;
        }
        Trip earlier = trip.get();
        if (t.interlock() != InterlockKind.EMERGENCY_STOP || earlier == null || earlier.interlock() == InterlockKind.EMERGENCY_STOP) {
            return null;
        }
        Trip stop = new Trip(t.interlock(), t.message() + " (station was already tripped: " + earlier.interlock() + ": "
                + earlier.message() + ")", t.action(), t.time());
        if (!trip.compareAndSet(earlier, stop)) {
            return null;
        }
        superseded = earlier;
        tripTimeNanos = nowNanos;
        persist();
        return stop;
    }

    /** Clears the latch (a reset whose causes are gone). */
    void clear() {
        trip.set(null);
        superseded = null;
        tripTimeNanos = Long.MIN_VALUE;
        persist();
    }

    void commission(String identity) {
        deviceIdentity = identity;
        persist();
    }

    private void persist() {
        store.save(new LatchStore.Record(trip.get(), superseded, deviceIdentity));
    }
}
