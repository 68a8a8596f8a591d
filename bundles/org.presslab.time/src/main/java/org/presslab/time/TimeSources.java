package org.presslab.time;

import java.time.Instant;
import java.util.Objects;

import org.presslab.time.internal.SystemClock;
import org.presslab.time.internal.VirtualClock;

/**
 * Creates time sources outside OSGi (the CLI, benchmarks, tests). Inside OSGi, take the
 * {@link TimeSource} service ({@code presslab.time=system}), which is {@link #system()}.
 */
public final class TimeSources {

    private TimeSources() {
    }

    /**
     * Real time: monotonic {@code System.nanoTime()} and a wall clock fixed to it at creation. Each
     * scheduled task gets its own daemon thread that sleeps to absolute deadlines
     * ({@code start + k·period}), so the rate does not drift with the task's own run time and one
     * task's slowness never delays another; skipped periods count as overruns.
     */
    public static TimeSource system() {
        return new SystemClock();
    }

    /** Virtual time starting at monotonic 0 = 2026-01-01T00:00:00Z. */
    public static VirtualTimeSource virtual() {
        return new VirtualClock();
    }

    /** Virtual time starting at monotonic 0 = {@code epoch}. */
    public static VirtualTimeSource virtual(Instant epoch) {
        return new VirtualClock(Objects.requireNonNull(epoch, "epoch"));
    }
}
