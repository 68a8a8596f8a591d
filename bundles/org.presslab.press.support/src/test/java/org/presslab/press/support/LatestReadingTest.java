package org.presslab.press.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.presslab.press.api.Capability;
import org.presslab.press.api.Quality;
import org.presslab.press.api.Reading;

class LatestReadingTest {

    private static final long MS = 1_000_000L;
    private static final Set<Capability> FORCE = Set.of(Capability.SENSE_FORCE);

    @Test
    void beforeTheFirstMeasurementItIsAStalePlaceholder() {
        LatestReading l = new LatestReading(FORCE, Duration.ofMillis(200), 5 * MS);
        Reading r = l.read(5 * MS);
        assertEquals(Quality.STALE, r.quality());
        assertEquals(0, r.sequence());
        assertTrue(Double.isNaN(r.forceN()));
        assertEquals(5 * MS, r.timeNanos());
        assertTrue(!l.fresh(5 * MS));
    }

    @Test
    void freshUpToTheLimitThenStaleWithItsOriginalTimeAndSequence() {
        LatestReading l = new LatestReading(FORCE, Duration.ofMillis(200), 0);
        Reading set = l.set(1000 * MS, 1500, Double.NaN, Double.NaN, Double.NaN, Quality.GOOD);
        assertEquals(1, set.sequence());
        assertEquals(Quality.GOOD, l.read(1000 * MS).quality());
        assertEquals(Quality.GOOD, l.read(1200 * MS).quality(), "at the limit exactly it is still fresh");
        assertTrue(l.fresh(1200 * MS));
        Reading stale = l.read(1200 * MS + 1);
        assertEquals(Quality.STALE, stale.quality(), "one nanosecond beyond the limit");
        assertEquals(1000 * MS, stale.timeNanos(), "the original time, so its age keeps growing");
        assertEquals(1, stale.sequence(), "no new sequence: the same measurement");
        assertEquals(1500, stale.forceN());
        assertEquals(200 * MS + 1, l.ageNanos(1200 * MS + 1));
        assertEquals(Quality.GOOD, l.latest().quality(), "the age check does not change what is stored");

        Reading next = l.set(1300 * MS, 1510, Double.NaN, Double.NaN, Double.NaN, Quality.UNSTABLE);
        assertEquals(2, next.sequence());
        assertEquals(Quality.UNSTABLE, l.read(1301 * MS).quality());
    }

    @Test
    void markStaleIsImmediateAndTheNextMeasurementIsFreshAgain() {
        LatestReading l = new LatestReading(FORCE, Duration.ofMillis(200), 0);
        l.set(10 * MS, 100, Double.NaN, Double.NaN, Double.NaN, Quality.GOOD);
        Reading marked = l.markStale();
        assertEquals(Quality.STALE, marked.quality());
        assertEquals(Quality.STALE, l.read(10 * MS).quality(), "stale although young: the port failed");
        assertEquals(10 * MS, l.read(10 * MS).timeNanos());
        assertEquals(1, l.sequence());
        assertEquals(2, l.set(20 * MS, 101, Double.NaN, Double.NaN, Double.NaN, Quality.GOOD).sequence());
        assertEquals(Quality.GOOD, l.read(20 * MS).quality());
    }

    @Test
    void aNonFiniteMeasuredQuantityIsAFaultWhateverTheDriverSaid() {
        LatestReading l = new LatestReading(EnumSet.of(Capability.SENSE_FORCE, Capability.SENSE_POSITION,
                Capability.SENSE_TEMPERATURE), Duration.ofMillis(200), 0);
        double[] bad = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double v : bad) {
            for (Quality q : new Quality[] {Quality.GOOD, Quality.UNSTABLE, Quality.OVERLOAD, Quality.FAULT}) {
                assertEquals(Quality.FAULT, l.set(1, v, Double.NaN, 0.001, 300, q).quality(), "force " + v + " given as " + q);
                assertEquals(Quality.FAULT, l.read(1).quality());
                assertTrue(!l.read(1).quality().usableForControl());
                assertEquals(Quality.FAULT, l.set(1, 10, Double.NaN, v, 300, q).quality(), "position " + v + " given as " + q);
                assertEquals(Quality.FAULT, l.set(1, 10, Double.NaN, 0.001, v, q).quality(), "temperature " + v + " given as " + q);
            }
            assertEquals(Quality.STALE, l.set(1, v, Double.NaN, 0.001, 300, Quality.STALE).quality(), "STALE stays STALE");
        }
        // unmeasured quantities are NaN by contract, and finite values pass as given
        assertEquals(Quality.GOOD, l.set(1, 10, Double.NaN, 0.001, 300, Quality.GOOD).quality());
        assertEquals(Quality.GOOD, l.set(1, 10, Double.POSITIVE_INFINITY, 0.001, 300, Quality.GOOD).quality(),
                "pressure is not measured by this device: not checked");
        assertEquals(Quality.OVERLOAD, l.set(1, 1e9, Double.NaN, 0.001, 300, Quality.OVERLOAD).quality());
    }

    @Test
    void aPressureOnlyGaugeIsCheckedOnItsPressure() {
        LatestReading l = new LatestReading(Set.of(Capability.SENSE_PRESSURE), Duration.ofMillis(200), 0);
        assertEquals(Quality.GOOD, l.set(1, Double.NaN, 20e6, Double.NaN, Double.NaN, Quality.GOOD).quality());
        assertEquals(Quality.FAULT, l.set(1, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Quality.GOOD).quality());
        assertEquals(Quality.FAULT, l.set(1, 5.0, Double.NEGATIVE_INFINITY, Double.NaN, Double.NaN, Quality.UNSTABLE).quality());
    }

    @Test
    void aClockThatGoesBackwardsNeverKeepsAReadingFreshBeyondTheLimit() {
        LatestReading l = new LatestReading(FORCE, Duration.ofMillis(200), 0);
        l.set(5000 * MS, 100, Double.NaN, Double.NaN, Double.NaN, Quality.GOOD);
        // the clock went back a little: still fresh (within the limit either way), age negative
        assertEquals(Quality.GOOD, l.read(4900 * MS).quality());
        assertEquals(-100 * MS, l.ageNanos(4900 * MS));
        assertEquals(Quality.GOOD, l.read(4800 * MS).quality(), "exactly the limit ahead");
        // the clock went back far: the reading is dated beyond the limit ahead and is stale, not fresh for 4 s
        Reading r = l.read(1000 * MS);
        assertEquals(Quality.STALE, r.quality());
        assertEquals(5000 * MS, r.timeNanos());
        assertTrue(!l.fresh(4800 * MS - 1));
        // and a measurement on the new clock is taken, newer by sequence though older by time
        Reading after = l.set(1001 * MS, 101, Double.NaN, Double.NaN, Double.NaN, Quality.GOOD);
        assertEquals(2, after.sequence());
        assertEquals(Quality.GOOD, l.read(1002 * MS).quality());
    }

    @Test
    void ageIsRightAcrossTheWrapOfTheNanosecondClock() {
        LatestReading l = new LatestReading(FORCE, Duration.ofMillis(200), Long.MAX_VALUE - 100);
        l.set(Long.MAX_VALUE - 10, 100, Double.NaN, Double.NaN, Double.NaN, Quality.GOOD);
        long wrapped = Long.MIN_VALUE + 10; // 21 ns later
        assertEquals(21, l.ageNanos(wrapped));
        assertEquals(Quality.GOOD, l.read(wrapped).quality());
        assertEquals(Quality.STALE, l.read(wrapped + 200 * MS).quality());
    }

    @Test
    void theLimitMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new LatestReading(FORCE, Duration.ZERO, 0));
        assertThrows(IllegalArgumentException.class, () -> new LatestReading(FORCE, Duration.ofMillis(-1), 0));
        assertThrows(NullPointerException.class, () -> new LatestReading(FORCE, null, 0));
        LatestReading forever = new LatestReading(FORCE, Duration.ofDays(365L * 1000), 0);
        forever.set(0, 1, Double.NaN, Double.NaN, Double.NaN, Quality.GOOD);
        assertEquals(Quality.GOOD, forever.read(Long.MAX_VALUE / 4).quality(), "a limit beyond the nanosecond range saturates");
        assertThrows(NullPointerException.class, () -> forever.set(0, 1, Double.NaN, Double.NaN, Double.NaN, null));
    }

    /**
     * Writers on several threads, readers on others, all at once: each reader sees the sequence never go
     * back and never a torn reading (force, time and pressure of one measurement always together); every
     * set gets its own sequence and none is lost.
     */
    @Test
    void concurrentSetAndReadFromRealThreads() throws Exception {
        LatestReading l = new LatestReading(FORCE, Duration.ofSeconds(1000), 0);
        int writers = 4;
        int perWriter = 20_000;
        Set<Long> sequences = ConcurrentHashMap.newKeySet();
        AtomicInteger writing = new AtomicInteger(writers);
        AtomicInteger ids = new AtomicInteger();
        RealThreads.Task writer = () -> {
            long id = ids.getAndIncrement();
            try {
                for (int i = 1; i <= perWriter; i++) {
                    long marker = id * 1_000_000 + i; // unique per set
                    Reading r = l.set(marker, marker, -marker, Double.NaN, Double.NaN, Quality.GOOD);
                    if (!sequences.add(r.sequence())) {
                        throw new AssertionError("sequence " + r.sequence() + " given twice");
                    }
                }
            } finally {
                writing.decrementAndGet();
            }
        };
        RealThreads.Task reader = () -> {
            long last = -1;
            while (writing.get() > 0) {
                Reading r = l.read(0);
                if (r.sequence() < last) {
                    throw new AssertionError("sequence went back from " + last + " to " + r.sequence());
                }
                last = r.sequence();
                if (r.sequence() > 0 && (r.forceN() != r.timeNanos() || r.pressurePa() != -r.timeNanos() || r.quality() != Quality.GOOD)) {
                    throw new AssertionError("torn or changed reading " + r);
                }
            }
        };
        RealThreads.race(Duration.ofSeconds(30), RealThreads.all(RealThreads.times(writers, writer), reader, reader, reader));
        assertEquals((long) writers * perWriter, sequences.size(), "every set got its own sequence");
        assertEquals((long) writers * perWriter, l.sequence(), "no set was lost: the last sequence counts them all");
        assertSame(l.latest(), l.read(0), "a fresh reading is handed out as stored, no copy");
    }

    /** markStale() racing set(): the result is always one of the two, never a reading that mixes them or goes back. */
    @Test
    void markStaleRacingSetNeverLosesTheSequence() throws Exception {
        LatestReading l = new LatestReading(FORCE, Duration.ofSeconds(1000), 0);
        int n = 20_000;
        RealThreads.Task writer = () -> {
            for (int i = 1; i <= n; i++) {
                l.set(i, i, Double.NaN, Double.NaN, Double.NaN, Quality.GOOD);
            }
        };
        RealThreads.Task marker = () -> {
            long last = 0;
            for (int i = 0; i < n; i++) {
                Reading r = l.markStale();
                if (r.quality() != Quality.STALE || r.sequence() < last || r.sequence() > 0 && r.forceN() != r.timeNanos()) {
                    throw new AssertionError("markStale gave " + r + " after sequence " + last);
                }
                last = r.sequence();
            }
        };
        RealThreads.race(Duration.ofSeconds(30), List.of(writer, marker));
        assertEquals(n, l.sequence());
        assertEquals(n, l.latest().forceN());
    }
}
