package org.presslab.press.conformance;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

import org.presslab.press.conformance.internal.ConformanceRun;

/**
 * Runs the conformance checks against a driver. Immutable; the {@code with...} methods return a
 * copy. Thread-safe. The checks, in order:
 * <ol>
 * <li>{@code start}: the fixture starts the driver within the settle time</li>
 * <li>{@code identity}: id, vendor, model, kind and at least one sensing capability</li>
 * <li>{@code service-properties}: presslab.driver.id/kind/capabilities match the driver (OSGi only)</li>
 * <li>{@code ranges}: the range and rating of every capability present, finite and plausible in SI</li>
 * <li>{@code capabilities}: ACTUATE iff an actuator, SET_TEMPERATURE iff temperature control; modes and safe actions listed</li>
 * <li>{@code first-reading}: read() never null, a usable reading within the settle time</li>
 * <li>{@code readings}: sequence and time never go back, age small on the platform clock, values in SI
 *     and within the declared ranges, unmeasured quantities NaN</li>
 * <li>{@code non-blocking}: read(), health(), info(), command() and safeState() return within the call
 *     budget over many calls (p99 and max, judged generously)</li>
 * <li>{@code refuses-over-rating}: setpoints above the rating and unsupported modes throw IllegalArgumentException</li>
 * <li>{@code safe-state}: every listed safe action takes effect at once; a later command leaves it</li>
 * <li>{@code device-silent}: with the device silenced readings go STALE with their original time,
 *     health DISCONNECTED or FAULT with a message, nothing blocks; after restore fresh readings return</li>
 * <li>{@code stop-releases}: stop returns in time, the driver's threads end, nothing is left over</li>
 * </ol>
 */
public final class ConformanceKit {

    private final LongSupplier nanoTime;
    private final Duration settle;
    private final Duration callP99;
    private final Duration callMax;
    private final int calls;

    private ConformanceKit(LongSupplier nanoTime, Duration settle, Duration callP99, Duration callMax, int calls) {
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.settle = requirePositive(settle, "settle");
        this.callP99 = requirePositive(callP99, "callP99");
        this.callMax = requirePositive(callMax, "callMax");
        if (calls < 100) {
            throw new IllegalArgumentException("calls must be at least 100, was " + calls);
        }
        this.calls = calls;
    }

    /**
     * System.nanoTime as the platform clock, 5 s to settle, 20 000 calls per method with a 99th
     * percentile of at most 1 ms and no call above 250 ms (generous: a driver that waits on I/O
     * takes milliseconds per call, a conforming one microseconds).
     */
    public static ConformanceKit defaults() {
        return new ConformanceKit(System::nanoTime, Duration.ofSeconds(5), Duration.ofMillis(1), Duration.ofMillis(250),
                20_000);
    }

    /** The platform clock the driver stamps readings with (TimeSource.nanoTime()). */
    public ConformanceKit withClock(LongSupplier nanoTime) {
        return new ConformanceKit(nanoTime, settle, callP99, callMax, calls);
    }

    /** How long the kit waits for a first reading, for staleness after silence, recovery, and the end of threads. */
    public ConformanceKit withSettleTime(Duration settle) {
        return new ConformanceKit(nanoTime, settle, callP99, callMax, calls);
    }

    /** The call-time budget: 99th percentile and maximum per call. */
    public ConformanceKit withCallBudget(Duration p99, Duration max) {
        return new ConformanceKit(nanoTime, settle, p99, max, calls);
    }

    /** How many timed calls per method. */
    public ConformanceKit withCalls(int calls) {
        return new ConformanceKit(nanoTime, settle, callP99, callMax, calls);
    }

    /** Starts the driver with the fixture, runs every check, stops it, and reports. Never throws for a failed check. */
    public ConformanceReport run(DriverFixture fixture) {
        return new ConformanceRun(fixture, nanoTime, settle, callP99, callMax, calls).run();
    }

    private static Duration requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
        return d;
    }
}
