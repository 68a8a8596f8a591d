package org.presslab.press.support;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.osgi.annotation.versioning.ProviderType;
import org.presslab.press.api.Capability;
import org.presslab.press.api.PressDriver;
import org.presslab.press.api.Quality;
import org.presslab.press.api.Reading;

/**
 * The latest measurement of a device, as {@link PressDriver#read()} must return it: never blocking,
 * never null, never an old value presented as fresh.
 *
 * <ul>
 * <li>{@link #set} stores a new measurement with the next sequence number (one more than the
 * reading before, so a reader that sees the same sequence sees the same measurement).</li>
 * <li>{@link #read(long)} returns it as stored while it is fresh, and marked
 * {@link Quality#STALE} with its original time once its age is beyond the stale limit. A reading
 * dated further <em>ahead</em> of the clock than the limit is stale too: when the clock goes
 * backwards (a reset virtual clock, a timestamp from another clock) the last reading does not stay
 * fresh until the clock catches up, it is stale at most twice the limit after it was measured.</li>
 * <li>{@link #markStale()} marks the stored reading stale at once (the port failed, the device
 * answered with an exception, the driver stopped); the next {@link #set} is fresh again.</li>
 * <li>A quantity the device measures (by its capabilities: {@code SENSE_FORCE} force,
 * {@code SENSE_PRESSURE} pressure, {@code SENSE_POSITION} position, {@code SENSE_TEMPERATURE}
 * temperature) that is NaN or infinite is no measurement: such a reading is stored as
 * {@link Quality#FAULT} whatever quality the driver gave it, so it is never usable for control.
 * Quantities the device does not measure are NaN, as the SPI says, and are not checked.</li>
 * </ul>
 *
 * <p>{@link #read(long)} holds even when the acquisition thread is stuck, but a reader may see a reading
 * turn STALE a moment before the acquisition thread notices the silence and publishes its health. A
 * driver whose acquisition thread decides the silence itself, publishes the health first and then
 * calls {@link #markStale()}, may hand out {@link #latest()} instead: whoever sees the stale reading
 * then also sees why (the vendor example, {@code examples/vendor-driver}, does this).
 *
 * <p>Thread-safe and lock-free: one acquisition thread usually calls {@link #set}, any thread calls
 * {@link #read(long)}. Concurrent {@link #set} calls are safe too: each gets its own sequence and
 * none is torn. Times are on the platform's monotonic clock ({@code TimeSource.nanoTime()}), the
 * same clock the caller passes as {@code nowNanos}.
 */
@ProviderType
public final class LatestReading {

    private final long staleAfterNanos;
    private final boolean force;
    private final boolean pressure;
    private final boolean position;
    private final boolean temperature;
    private final AtomicReference<Reading> latest;

    /**
     * @param capabilities the device's capabilities: which quantities it measures
     * @param staleAfter the age beyond which a reading is stale ({@code stale.after.ms}); positive
     * @param nowNanos the time now: the placeholder before the first measurement ({@link Reading#none}) carries it
     * @throws IllegalArgumentException when {@code staleAfter} is not positive
     */
    public LatestReading(Set<Capability> capabilities, Duration staleAfter, long nowNanos) {
        Objects.requireNonNull(capabilities, "capabilities");
        Objects.requireNonNull(staleAfter, "staleAfter");
        if (staleAfter.isNegative() || staleAfter.isZero()) {
            throw new IllegalArgumentException("the stale limit must be positive, was " + staleAfter);
        }
        this.staleAfterNanos = saturatedNanos(staleAfter);
        this.force = capabilities.contains(Capability.SENSE_FORCE);
        this.pressure = capabilities.contains(Capability.SENSE_PRESSURE);
        this.position = capabilities.contains(Capability.SENSE_POSITION);
        this.temperature = capabilities.contains(Capability.SENSE_TEMPERATURE);
        this.latest = new AtomicReference<>(Reading.none(nowNanos));
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE / 2; // about 146 years: never stale by age
        }
    }

    /**
     * Stores a new measurement, with the next sequence number.
     *
     * @param timeNanos when the device measured it (not when it was parsed)
     * @param quality the driver's verdict; {@link Quality#FAULT} instead when a measured quantity is not finite
     * @return the reading as stored
     */
    public Reading set(long timeNanos, double forceN, double pressurePa, double positionM, double temperatureK, Quality quality) {
        Objects.requireNonNull(quality, "quality");
        Quality q = notFinite(forceN, pressurePa, positionM, temperatureK) && quality != Quality.STALE ? Quality.FAULT : quality;
        while (true) {
            Reading before = latest.get();
            Reading next = new Reading(timeNanos, before.sequence() + 1, forceN, pressurePa, positionM, temperatureK, q);
            if (latest.compareAndSet(before, next)) {
                return next;
            }
        }
    }

    private boolean notFinite(double forceN, double pressurePa, double positionM, double temperatureK) {
        return force && !Double.isFinite(forceN) || pressure && !Double.isFinite(pressurePa)
                || position && !Double.isFinite(positionM) || temperature && !Double.isFinite(temperatureK);
    }

    /**
     * The reading for {@link PressDriver#read()}: as stored while fresh, otherwise marked
     * {@link Quality#STALE} with its original time and sequence.
     */
    public Reading read(long nowNanos) {
        Reading r = latest.get();
        return r.quality() == Quality.STALE || within(r, nowNanos) ? r : r.stale();
    }

    /** True when the stored reading is not stale and its age is within the limit (either way). */
    public boolean fresh(long nowNanos) {
        Reading r = latest.get();
        return r.quality() != Quality.STALE && within(r, nowNanos);
    }

    private boolean within(Reading r, long nowNanos) {
        long age = nowNanos - r.timeNanos(); // overflow-safe on a nanoTime() clock, as System.nanoTime() documents
        return age <= staleAfterNanos && age >= -staleAfterNanos;
    }

    /** How long ago the stored reading was measured; negative when the clock went back past it. */
    public long ageNanos(long nowNanos) {
        return nowNanos - latest.get().timeNanos();
    }

    /** Marks the stored reading stale now, whatever its age. Returns it. */
    public Reading markStale() {
        return latest.updateAndGet(Reading::stale);
    }

    /** The stored reading, without the age check (for the driver itself; control calls {@link #read(long)}). */
    public Reading latest() {
        return latest.get();
    }

    /** The sequence of the stored reading: 0 before the first measurement. */
    public long sequence() {
        return latest.get().sequence();
    }

    /** The stale limit, nanoseconds. */
    public long staleAfterNanos() {
        return staleAfterNanos;
    }
}
