package org.presslab.time;

import java.time.Instant;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The clock and scheduler of the platform.
 *
 * <p>Times are monotonic nanoseconds ({@link #nanoTime()}); {@link #now()} gives the wall-clock
 * instant that corresponds to the same moment, for records and reports. A task scheduled here
 * must not block for long: in real time it runs on its own thread, so blocking only delays
 * that task; in virtual time every task shares the thread that advances time.
 */
@ProviderType
public interface TimeSource {

    /** Monotonic time in nanoseconds; only differences are meaningful. */
    long nanoTime();

    /** Wall-clock time of this moment. */
    Instant now();

    /**
     * Runs {@code task} every {@code periodNanos}, first after one period. Deadlines are absolute
     * (start + k·period), so a late run does not shift the runs after it; runs that would overlap
     * a still-running one are skipped and counted in {@link Scheduled#overruns()}.
     *
     * @param name a name for the task's thread and for diagnostics
     */
    Scheduled scheduleAtFixedRate(String name, long periodNanos, Runnable task);

    /** Runs {@code task} once after {@code delayNanos}. */
    Scheduled schedule(String name, long delayNanos, Runnable task);

    /** Convenience: seconds to nanoseconds. */
    static long seconds(double s) {
        return Math.round(s * 1e9);
    }
}
