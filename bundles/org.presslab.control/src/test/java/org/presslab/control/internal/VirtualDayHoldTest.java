package org.presslab.control.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.presslab.time.Scheduled;
import org.presslab.time.TimeSources;
import org.presslab.control.api.StationEvent;
import org.presslab.control.api.StationEventType;
import org.presslab.control.api.StationListener;
import org.presslab.control.api.StationState;
import org.presslab.press.api.DeviceKind;
import org.presslab.press.sim.PlantState;
import org.presslab.press.sim.SimSpec;
import org.presslab.press.sim.SimulatedDevice;
import org.presslab.press.sim.SimulatedDevices;
import org.presslab.time.TimeSource;
import org.presslab.time.VirtualTimeSource;

/**
 * A day at 15 MPa on the simulated automatic press in virtual time, while the control loop is not
 * scheduled for 50..300 ms every 2..5 simulated minutes (random with a fixed seed): the stall is a
 * {@link TimeSource} wrapper that skips the runs of the {@code presslab-loop-} task inside a stall window,
 * as a descheduled thread would; the supervisor, the loop watch and the dispatcher keep their schedules.
 * The station must come through with no operator action: no trip, HOLDING at the end, one late-loop hold
 * (LOOP_LATE/HOLD) and one return (LOOP_LATE/RESUMED) for each stall in which the loop was silent longer than
 * loopStallHoldS, and the plant's true (noise-free) pressure within bounds the whole time.
 *
 * <p>Everything here is deterministic (virtual time, seeded plant noise, seeded stalls): the bounds below
 * sit just above the figures measured with these seeds (see the comments), so a change in the
 * controller's or the late-hold's behaviour shows. Set {@code -Dpresslab.dayhold.hours=H} for a shorter run
 * while diagnosing; CI runs the full 24 h: 66 s of CPU on one thread
 * (measured; 213 s of wall time on a 2-core machine at a load average of 17 from other builds).
 */
class VirtualDayHoldTest {

    static final double HOLD_PA = 15e6;
    static final double FIXTURE_RATING_PA = 100e6;
    static final double STALL_MIN_S = 0.05;
    static final double STALL_MAX_S = 0.30;
    static final double GAP_MIN_S = 120;
    static final double GAP_MAX_S = 300;
    /** The true plant is probed at this rate (4 integration steps of the hydraulic model at 250 µs). */
    static final long PROBE_PERIOD_NANOS = Long.getLong("presslab.dayhold.probeNanos", 1_000_000L);

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void holds15MPaForADayThroughInjectedLoopStallsWithoutAnOperator() throws Exception {
        double hours = Double.parseDouble(System.getProperty("presslab.dayhold.hours", "24"));
        long wall0 = System.nanoTime();
        long cpu0 = cpuNanos();
        VirtualTimeSource vt = TimeSources.virtual();
        StallingTime time = new StallingTime(vt);
        SimSpec spec = SimSpec.defaults(DeviceKind.AUTOMATIC_HYDRAULIC_PRESS).id("sim-press-1").seed(24);
        spec.hydraulics().initialGapM(50e-6);
        // The plant runs on the undisturbed clock: it is the station's loop that stalls, not physics.
        SimulatedDevice press = SimulatedDevices.create(vt, spec);
        StationSettings settings = Harness.settings("sim-press-1").build();
        StationEngine station = new StationEngine(settings, time);
        EventCounter events = new EventCounter();
        station.addListener(events);
        station.start();
        try {
            station.bindDriver(press);
            vt.advanceSeconds(0.5);
            station.ramp(HOLD_PA, 1e6);
            vt.advanceSeconds(30);
            assertEquals(StationState.HOLDING, station.status().state(), station.status().message());
            long holdFrom = vt.nanoTime();
            long holdTo = holdFrom + TimeSource.seconds(hours * 3600);

            // Stall windows, fixed seed: the first after one gap, none in the last 10 s (the final state is
            // read after the loop has been back for a while).
            Random rnd = new Random(20260101L);
            List<long[]> windows = new ArrayList<>();
            long t = holdFrom;
            while (true) {
                t += TimeSource.seconds(GAP_MIN_S + rnd.nextDouble() * (GAP_MAX_S - GAP_MIN_S));
                long d = TimeSource.seconds(STALL_MIN_S + rnd.nextDouble() * (STALL_MAX_S - STALL_MIN_S));
                if (t + d > holdTo - TimeSource.seconds(10)) {
                    break;
                }
                windows.add(new long[] { t, t + d });
            }
            time.setWindows(windows);
            TrueProbe probe = new TrueProbe(press, holdFrom, HOLD_PA, windows);
            Scheduled probeTask = vt.scheduleAtFixedRate("test-true-probe", PROBE_PERIOD_NANOS, probe);

            // An hour at a time, so a trip fails the test at once instead of after a day of simulation.
            while (vt.nanoTime() < holdTo) {
                vt.advanceNanos(Math.min(TimeSource.seconds(3600), holdTo - vt.nanoTime()));
                assertNull(station.trip(), () -> "tripped after " + (vt.nanoTime() - holdFrom) / 3.6e12 + " h of the hold");
            }
            probeTask.cancel();
            probe.finish();
            vt.advanceSeconds(0.1); // let the dispatcher and the listener deliver the last events
            double wallS = (System.nanoTime() - wall0) / 1e9;
            double cpuS = (cpuNanos() - cpu0) / 1e9;

            long periodNanos = station.periodNanos();
            long holdAfter = station.lateHoldNanos();
            int expectedHolds = 0;
            long longestSilence = 0;
            for (int i = 0; i < windows.size(); i++) {
                longestSilence = Math.max(longestSilence, time.silence[i]);
                if (time.silence[i] > holdAfter) {
                    expectedHolds++;
                }
            }
            int stalls = windows.size();
            long holds = events.count("HOLD");
            long resumed = events.count("RESUMED");
            long trips = events.count(StationEventType.INTERLOCK_TRIPPED);
            double worstMeanDev = probe.maxMeanDeviationPa;
            System.out.printf(Locale.ROOT, "DAY HOLD: %s h, %d stalls (50-300 ms), %d late-loop holds, %d trips, true pressure"
                    + " %.4f/%.4f MPa min/max, worst true 1-s mean deviation %.4f MPa (%.4f MPa in seconds without a stall)%n",
                    hours == Math.rint(hours) ? String.valueOf((long) hours) : String.valueOf(hours),
                    stalls, holds, trips, probe.min / 1e6, probe.max / 1e6, worstMeanDev / 1e6, probe.maxCalmMeanDeviationPa / 1e6);
            System.out.printf(Locale.ROOT, "  %d loop runs skipped, longest loop silence %.0f ms, %d stalls long enough to hold"
                    + " (silence > %.0f ms), %d resumes, %d true 1-s means, probe %d samples; %.1f s wall time, %.1f s cpu%n", time.skipped,
                    longestSilence / 1e6, expectedHolds, holdAfter / 1e6, resumed, probe.seconds, probe.samples, wallS, cpuS);

            // No operator action: nothing latched, nothing tripped, holding at the end.
            assertNull(station.trip(), "no trip latched");
            assertEquals(0, trips, "no INTERLOCK_TRIPPED event: " + events.tripMessages);
            StationState end = station.status().state();
            assertEquals(StationState.HOLDING, end, station.status().message());
            assertEquals(HOLD_PA, station.status().pressurePa(), 0.1e6, "measured pressure at the end");

            // The stalls happened (the wrapper did skip the loop) and each long one was seen by the watch.
            assertTrue(stalls >= hours * 3600 / GAP_MAX_S - 1, "stalls scheduled: " + stalls);
            assertTrue(time.skipped >= stalls * 5L, "loop runs skipped: " + time.skipped);
            assertTrue(longestSilence <= TimeSource.seconds(STALL_MAX_S) + periodNanos, "silence " + longestSilence);
            assertTrue(expectedHolds >= stalls * 0.9, "almost every 50..300 ms stall exceeds loopStallHoldS: " + expectedHolds);
            assertEquals(expectedHolds, holds, "one LOOP_LATE/HOLD per stall whose silence exceeded loopStallHoldS");
            assertEquals(holds, resumed, "every late-loop hold ended with LOOP_LATE/RESUMED");
            assertEquals(holds + resumed, events.count(StationEventType.LOOP_LATE), "no other LOOP_LATE events");

            // The true plant: never beyond the fixture rating, and close to 15 MPa in every second.
            assertTrue(probe.max < FIXTURE_RATING_PA, "true pressure above the fixture rating: " + probe.max / 1e6);
            assertTrue(probe.seconds >= (long) (hours * 3600) - 1, "true 1-s means: " + probe.seconds);
            // Measured with these seeds (24 h, 420 stalls): true pressure 14.9766..15.0284 MPa, worst true 1-s mean
            // 0.0101 MPa off 15 MPa, the same in seconds with and without a stall. Bounds: about twice the measured
            // excursions, well inside the station's hold tolerance (settleTolerance: 0.075 MPa at 15 MPa) and the
            // ±0.05 MPa a hold step promises for 1-s means.
            assertTrue(probe.min >= HOLD_PA - 0.05e6 && probe.max <= HOLD_PA + 0.05e6,
                    String.format(Locale.ROOT, "true pressure %.4f..%.4f MPa", probe.min / 1e6, probe.max / 1e6));
            assertTrue(worstMeanDev <= 0.02e6, "worst true 1-s mean deviation " + worstMeanDev / 1e6 + " MPa");
        } finally {
            station.close();
        }
    }

    /** CPU time of this thread: in virtual time everything runs on it. */
    private static long cpuNanos() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /**
     * The station's clock with stall windows: runs of a task named {@code presslab-loop-*} that fall inside a
     * window are skipped (the loop is not scheduled); every other task runs as usual. Records, per window,
     * the longest loop silence a watcher on the same period could see: the time from the loop's last run
     * before the window to its last skipped run.
     */
    static final class StallingTime implements TimeSource {
        final VirtualTimeSource v;
        private long[][] windows = new long[0][];
        long[] silence = new long[0];
        long skipped;
        private int next;
        private long lastRun = Long.MIN_VALUE;

        StallingTime(VirtualTimeSource v) {
            this.v = v;
        }

        /** Sorted, disjoint [from, to) windows in nanoseconds. Set before time advances into them. */
        void setWindows(List<long[]> w) {
            windows = w.toArray(new long[0][]);
            silence = new long[windows.length];
            next = 0;
        }

        @Override
        public long nanoTime() {
            return v.nanoTime();
        }

        @Override
        public Instant now() {
            return v.now();
        }

        @Override
        public Scheduled scheduleAtFixedRate(String name, long periodNanos, Runnable task) {
            if (!name.startsWith("presslab-loop-")) {
                return v.scheduleAtFixedRate(name, periodNanos, task);
            }
            return v.scheduleAtFixedRate(name, periodNanos, () -> {
                long now = v.nanoTime();
                while (next < windows.length && now >= windows[next][1]) {
                    next++;
                }
                if (next < windows.length && now >= windows[next][0]) {
                    skipped++;
                    if (lastRun != Long.MIN_VALUE) {
                        silence[next] = Math.max(silence[next], now - lastRun);
                    }
                    return;
                }
                lastRun = now;
                task.run();
            });
        }

        @Override
        public Scheduled schedule(String name, long delayNanos, Runnable task) {
            return v.schedule(name, delayNanos, task);
        }
    }

    /** The plant's true cell pressure, probed on its own schedule: extremes and 1-s means from a start time. */
    static final class TrueProbe implements Runnable {
        private final SimulatedDevice device;
        private final long from;
        private final double reference;
        private final List<long[]> stalls;
        private int stallIndex;
        private long second = -1;
        private double sum;
        private int count;
        private boolean stallInSecond;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double maxMeanDeviationPa;
        double maxCalmMeanDeviationPa;
        long seconds;
        long samples;

        TrueProbe(SimulatedDevice device, long from, double reference, List<long[]> stalls) {
            this.device = device;
            this.from = from;
            this.reference = reference;
            this.stalls = stalls;
        }

        @Override
        public void run() {
            PlantState s = device.plantState();
            double p = s.cellPressurePa();
            long t = s.timeNanos();
            samples++;
            min = Math.min(min, p);
            max = Math.max(max, p);
            long k = (t - from) / 1_000_000_000L;
            if (k != second) {
                close();
                second = k;
            }
            while (stallIndex < stalls.size() && stalls.get(stallIndex)[1] <= t - 1_000_000_000L) {
                stallIndex++;
            }
            // A second counts as disturbed from a stall's start until 1 s after its end (recovery).
            if (stallIndex < stalls.size() && t >= stalls.get(stallIndex)[0]) {
                stallInSecond = true;
            }
            sum += p;
            count++;
        }

        private void close() {
            if (count > 0) {
                double dev = Math.abs(sum / count - reference);
                seconds++;
                maxMeanDeviationPa = Math.max(maxMeanDeviationPa, dev);
                if (!stallInSecond) {
                    maxCalmMeanDeviationPa = Math.max(maxCalmMeanDeviationPa, dev);
                }
            }
            sum = 0;
            count = 0;
            stallInSecond = false;
        }

        /** Closes the last whole second; a partial one is left out. */
        void finish() {
            if (count >= 1_000_000_000L / PROBE_PERIOD_NANOS) {
                close();
            }
            sum = 0;
            count = 0;
        }
    }

    /** Counts events only (no samples are kept). */
    static final class EventCounter implements StationListener {
        private final List<StationEvent> events = new ArrayList<>();
        final List<String> tripMessages = new ArrayList<>();

        @Override
        public synchronized void onEvent(StationEvent e) {
            if (e.type() == StationEventType.LOOP_LATE || e.type() == StationEventType.INTERLOCK_TRIPPED) {
                events.add(e);
            }
            if (e.type() == StationEventType.INTERLOCK_TRIPPED) {
                tripMessages.add(e.message());
            }
        }

        synchronized long count(StationEventType type) {
            return events.stream().filter(e -> e.type() == type).count();
        }

        /** LOOP_LATE events with this action (HOLD, RESUMED, TRIPPED). */
        synchronized long count(String action) {
            return events.stream().filter(e -> e.type() == StationEventType.LOOP_LATE && action.equals(e.properties().get("action")))
                    .count();
        }
    }
}
