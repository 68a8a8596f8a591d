package org.presslab.time;

import java.time.Duration;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Virtual time for tests, simulations and benchmarks; get one from {@link TimeSources#virtual()}.
 * Nothing happens until a caller advances time; then every task that falls due runs on the
 * caller's thread, in deadline order (ties in the order the tasks were first scheduled, so a plant
 * scheduled before its controller always steps first), and {@link #nanoTime()} reads each task's
 * own deadline while it runs. The result depends only on the tasks and the seed of any simulator:
 * it is deterministic.
 *
 * <p>Thread-safe: tasks may be scheduled and cancelled from any thread, but only one thread at a
 * time should advance time.
 */
@ProviderType
public interface VirtualTimeSource extends TimeSource {

    /**
     * Advances time by {@code nanos}, running every task that falls due, in order.
     *
     * @throws IllegalArgumentException when {@code nanos} is negative (time only moves forward)
     */
    void advanceNanos(long nanos);

    /** Advances time by {@code d}; see {@link #advanceNanos(long)}. */
    void advance(Duration d);

    /** Advances time by {@code seconds}, rounded to the nanosecond; see {@link #advanceNanos(long)}. */
    void advanceSeconds(double seconds);

    /** Number of tasks still scheduled (cancelled ones excluded). */
    int pendingTasks();
}
