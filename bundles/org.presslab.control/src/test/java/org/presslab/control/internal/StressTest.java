package org.presslab.control.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.presslab.time.TimeSources;
import org.presslab.control.api.CommandRefusedException;
import org.presslab.control.api.Recipe;
import org.presslab.control.api.RecipeRun;
import org.presslab.control.api.RecipeStep;
import org.presslab.control.api.StationEvent;
import org.presslab.control.api.StationEventType;
import org.presslab.control.api.StationListener;
import org.presslab.control.api.Trip;
import org.presslab.press.api.DeviceKind;
import org.presslab.press.sim.SimSpec;
import org.presslab.press.sim.SimulatedDevice;
import org.presslab.press.sim.SimulatedDevices;
import org.presslab.time.TimeSource;

/**
 * Three stations in REAL time ({@link TimeSource}), each on its own simulated automatic hydraulic press
 * and each starting with a recipe, hammered for 60 s by 8 threads issuing random commands: ramp, hold,
 * release, emergency stop, reset, acknowledge, recipe start/pause/resume/abort, configuration updates (live
 * keys, and plant keys that are refused under load) and status/interlock reads.
 *
 * <p>What it asserts, and why each bound is what it is:
 * <ul>
 * <li>no deadlock: {@link ThreadMXBean#findDeadlockedThreads()} and {@code findMonitorDeadlockedThreads()},
 * polled every 100 ms, never report one, and every worker ends;</li>
 * <li>every call returns within {@value #CALL_BOUND_MS} ms: a command waits at most
 * {@link StationEngine#COMMAND_WAIT_MS} (1 s) for the owner lock, an emergency stop waits at most
 * safeStateTimeoutS (0.5 s) per safe action it tries; the rest is allowance for a 2-core machine shared with
 * other builds (the measured maximum, 12..152 ms in four runs, is printed per call kind with the 99th
 * percentile), and the 99th percentile of every kind with at least 500 calls stays under {@value #P99_BOUND_MS} ms;</li>
 * <li>no exception but {@link CommandRefusedException} escapes a call. The one documented exception:
 * {@link RecipeRun#abort} throws IllegalStateException (caused by CommandRefusedException) when the owner lock
 * cannot be had within 1 s (RecipeExecutor.abort: "an abort must not be lost"); those are counted apart;</li>
 * <li>the plant's TRUE (noise-free) cell pressure, sampled every 2 ms from a monitoring thread, never exceeds
 * the fixture rating in force plus the overpressure margin on any station (ratings 30, 60 and 100 MPa, switched
 * to 80 % and back by configuration updates when unloaded; the random commands reach about two thirds of the
 * rating at most, so this checks for excursions under contention, not the behaviour at the limit);</li>
 * <li>the supervisor's longest tick gap stays below {@value #SUPERVISOR_GAP_BOUND_MS} ms: see the comment at
 * the assertion (real-time scheduling on a shared 2-core machine; measured figures there);</li>
 * <li>no internal failure is logged (a scheduled task, a loop tick, the loop watch or the supervisor that
 * threw), and after the storm every station's loop still runs and the station can be reset.</li>
 * </ul>
 * The station log of the run (refusals are logged, thousands of lines) goes to
 * {@code target/StressTest-station.log} instead of the console.
 */
class StressTest {

    static final double RUN_S = Double.parseDouble(System.getProperty("presslab.stress.seconds", "60"));
    static final int THREADS = 8;
    static final int STATIONS = 3;
    static final long CALL_BOUND_MS = 2500;
    static final long P99_BOUND_MS = 25;
    static final long SUPERVISOR_GAP_BOUND_MS = 1000;
    /** Fixture ratings of the three stations; configuration updates switch each between it and 80 % of it. */
    static final double[] RATINGS_MPA = { 30, 60, 100 };

    enum Kind {
        // Reads dominate, as with a web console polling; a few commands a second per station change its course, so
        // recipes get some way and the presses are loaded (the true-pressure check needs load).
        RAMP(12), HOLD(5), RELEASE(3), EMERGENCY_STOP(0.15), RESET(3), ACKNOWLEDGE(2), START(3), PAUSE(2), RESUME(2), ABORT(1.5),
        UPDATE_LIVE(5), UPDATE_PLANT(4), STATUS(35), INTERLOCKS(15);

        final double weight;

        Kind(double weight) {
            this.weight = weight;
        }
    }

    /** Durations and outcomes of one call kind, merged from every worker. */
    static final class KindStats {
        final LongAdder calls = new LongAdder();
        final LongAdder accepted = new LongAdder();
        final LongAdder refused = new LongAdder();
        final LongAdder abortRefused = new LongAdder();
        final LongAdder skipped = new LongAdder();
        final List<long[]> durations = Collections.synchronizedList(new ArrayList<>());
        final AtomicLong maxNanos = new AtomicLong();
    }

    private final Map<Kind, KindStats> stats = new EnumMap<>(Kind.class);
    private final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
    private final List<String> tooSlow = Collections.synchronizedList(new ArrayList<>());
    private final List<String> deadlocks = Collections.synchronizedList(new ArrayList<>());
    private final List<String> overLimit = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, LongAdder> tripsByKind = new ConcurrentHashMap<>();
    private final AtomicLong deadlockPolls = new AtomicLong();
    private final AtomicLong referenceGap = new AtomicLong();
    private final AtomicLong plantSamples = new AtomicLong();
    private final AtomicLong recipesStarted = new AtomicLong();
    private volatile boolean stop;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void threeStationsUnderRandomCommandsFromEightThreads() throws Exception {
        for (Kind k : Kind.values()) {
            stats.put(k, new KindStats());
        }
        LogTap tap = new LogTap(Path.of("target", "StressTest-station.log"));
        PrintStream originalErr = System.err;
        System.setErr(new PrintStream(tap, true, StandardCharsets.UTF_8));
        TimeSource time = TimeSources.system();
        StationEngine[] stations = new StationEngine[STATIONS];
        SimulatedDevice[] presses = new SimulatedDevice[STATIONS];
        double[] maxTrue = new double[STATIONS];
        long[] supervisorGap = new long[STATIONS];
        List<Thread> helpers = new ArrayList<>();
        Thread[] workers = new Thread[THREADS];
        long[] inFlightSince = new long[THREADS];
        Kind[] inFlightKind = new Kind[THREADS];
        long callsTotal;
        double wallS;
        try {
            for (int i = 0; i < STATIONS; i++) {
                String driver = "sim-press-" + (i + 1);
                SimSpec spec = SimSpec.defaults(DeviceKind.AUTOMATIC_HYDRAULIC_PRESS).id(driver).seed(100 + i);
                spec.hydraulics().initialGapM(50e-6);
                presses[i] = SimulatedDevices.create(time, spec);
                StationSettings settings = StationSettings.builder("stress-" + (i + 1)).cellDiameterMm(10).fixtureRatingMPa(RATINGS_MPA[i])
                        .driverFilter("(presslab.driver.id=" + driver + ")").build();
                stations[i] = new StationEngine(settings, time);
                StationEngine st = stations[i];
                st.addListener(new StationListener() {
                    @Override
                    public void onEvent(StationEvent e) {
                        if (e.type() == StationEventType.INTERLOCK_TRIPPED) {
                            tripsByKind.computeIfAbsent(String.valueOf(e.properties().get("interlock")), k -> new LongAdder()).increment();
                        }
                    }
                });
                st.start();
                st.bindDriver(presses[i]);
            }
            for (int i = 0; i < STATIONS; i++) {
                StationEngine st = stations[i];
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!Double.isFinite(st.status().pressurePa()) && System.nanoTime() < until) {
                    Thread.sleep(20);
                }
                Recipe first = new Recipe("stress-start-" + (i + 1), 1, "", 90e6, List.of(
                        new RecipeStep.Ramp(0.6 * RATINGS_MPA[i] * 1e6, 2e6, 0.3e6, List.of()),
                        new RecipeStep.Hold(0.6 * RATINGS_MPA[i] * 1e6, 0.2e6, 20, List.of()),
                        new RecipeStep.Release(5e6, 2e6, 0.3e6, List.of()), new RecipeStep.Dwell(5, List.of())));
                RecipeRun run = st.start(first);
                recipesStarted.incrementAndGet();
                assertEquals(RecipeRun.State.RUNNING, run.state(), run.message());
            }

            helpers.add(daemon("stress-deadlock-poll", () -> pollDeadlocks()));
            helpers.add(daemon("stress-jitter-reference", () -> referenceJitter()));
            helpers.add(daemon("stress-plant-monitor", () -> monitorPlants(stations, presses, maxTrue, workers, inFlightSince,
                    inFlightKind)));
            for (StationEngine st : stations) {
                st.supervisor.resetTickGap();
            }
            long t0 = System.nanoTime();
            long end = t0 + TimeSource.seconds(RUN_S);
            for (int w = 0; w < THREADS; w++) {
                int id = w;
                workers[w] = new Thread(() -> work(id, stations, end, inFlightSince, inFlightKind), "stress-worker-" + w);
                workers[w].setDaemon(true);
                workers[w].start();
            }
            for (Thread t : workers) {
                t.join(TimeUnit.SECONDS.toMillis((long) RUN_S + 30));
            }
            wallS = (System.nanoTime() - t0) / 1e9;
            for (int i = 0; i < STATIONS; i++) {
                supervisorGap[i] = stations[i].supervisor.maxTickGapNanos();
            }
            stop = true;
            for (Thread t : helpers) {
                t.join(2000);
            }
            for (Thread t : workers) {
                assertTrue(!t.isAlive(), "worker " + t.getName() + " still running (a call hangs):\n" + dump(t));
            }

            // After the storm: every loop still runs, every station can be reset and commanded.
            for (int i = 0; i < STATIONS; i++) {
                StationEngine st = stations[i];
                long runs = st.loopTask.runs();
                Thread.sleep(200);
                assertTrue(st.loopTask.runs() - runs >= 10, "loop of " + st.id() + " still runs: " + (st.loopTask.runs() - runs));
                Optional<RecipeRun> r = st.run();
                if (r.isPresent() && !r.get().state().isFinished()) {
                    r.get().abort("end of the stress test");
                }
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (st.trip() != null && System.nanoTime() < until) {
                    try {
                        st.reset();
                    } catch (CommandRefusedException e) {
                        Thread.sleep(50);
                    }
                }
                assertNull(st.trip(), "station " + st.id() + " can be reset after the stress");
                st.release(0, 5e6);
            }
        } finally {
            stop = true;
            for (StationEngine st : stations) {
                if (st != null) {
                    st.close();
                }
            }
            System.setErr(originalErr);
            tap.close();
        }

        // Figures.
        callsTotal = 0;
        long maxCall = 0;
        long maxP99 = 0;
        Kind maxKind = null;
        System.out.printf(Locale.ROOT, "STRESS per call kind (%d threads, %d stations, %.0f s, real time):%n", THREADS, STATIONS, wallS);
        System.out.printf(Locale.ROOT, "  %-15s %7s %8s %8s %7s %9s %9s %9s%n", "kind", "calls", "accepted", "refused", "no-run",
                "p50 ms", "p99 ms", "max ms");
        for (Kind k : Kind.values()) {
            KindStats s = stats.get(k);
            long[] d = merge(s.durations);
            Arrays.sort(d);
            callsTotal += d.length;
            long max = d.length == 0 ? 0 : d[d.length - 1];
            if (max > maxCall) {
                maxCall = max;
                maxKind = k;
            }
            System.out.printf(Locale.ROOT, "  %-15s %7d %8d %8d %7d %9.3f %9.3f %9.3f%s%n", k, d.length, s.accepted.sum(), s.refused.sum(),
                    s.skipped.sum(), pct(d, 0.5) / 1e6, pct(d, 0.99) / 1e6, max / 1e6, s.abortRefused.sum() == 0 ? ""
                            : "  (" + s.abortRefused.sum() + " IllegalStateException: owner busy, documented)");
            if (d.length >= 500) {
                maxP99 = Math.max(maxP99, pct(d, 0.99));
            }
        }
        double maxTrueAll = Arrays.stream(maxTrue).max().orElse(Double.NaN);
        long maxGap = Arrays.stream(supervisorGap).max().orElse(0);
        System.out.printf(Locale.ROOT, "  trips by interlock: %s; recipes started %d; plant samples %d; deadlock polls %d;"
                + " max true pressure per station %s MPa (ratings %s MPa); supervisor max gap per station %s ms (a bare 10 ms sleeper thread: %.1f ms); station log: %d lines (%d WARN, %d ERROR) in %s%n",
                new java.util.TreeMap<>(tripsByKind), recipesStarted.get(), plantSamples.get(), deadlockPolls.get(),
                Arrays.toString(Arrays.stream(maxTrue).mapToObj(p -> String.format(Locale.ROOT, "%.3f", p / 1e6)).toArray()),
                Arrays.toString(RATINGS_MPA),
                Arrays.toString(Arrays.stream(supervisorGap).mapToObj(g -> String.format(Locale.ROOT, "%.1f", g / 1e6)).toArray()),
                referenceGap.get() / 1e6,
                tap.lines, tap.warn, tap.error, tap.file.toAbsolutePath());
        System.out.printf(Locale.ROOT, "STRESS: %d calls, deadlocks %d, max call %.1f ms (%s), supervisor max gap %.1f ms, max true"
                + " pressure %.3f MPa%n", callsTotal, deadlocks.size(), maxCall / 1e6, maxKind, maxGap / 1e6, maxTrueAll / 1e6);

        assertTrue(deadlockPolls.get() >= RUN_S * 10 * 0.5, "deadlock polls: " + deadlockPolls.get());
        assertEquals(List.of(), deadlocks, "deadlocked threads");
        assertEquals(List.of(), unexpected, "exceptions other than CommandRefusedException escaped");
        assertEquals(List.of(), tooSlow, "calls slower than " + CALL_BOUND_MS + " ms");
        assertTrue(maxCall <= TimeUnit.MILLISECONDS.toNanos(CALL_BOUND_MS), "max call " + maxCall / 1e6 + " ms");
        // The usual call takes microseconds (p50 3..150 µs). The 99th percentile of every kind with at least 500 calls
        // (all but the ~70 emergency stops, whose p99 is their maximum) stays under 25 ms: measured at most 2.0 ms
        // (configuration updates) in four runs at load averages of 5..17.
        assertTrue(maxP99 <= TimeUnit.MILLISECONDS.toNanos(P99_BOUND_MS), "largest p99 " + maxP99 / 1e6 + " ms");
        assertTrue(plantSamples.get() >= RUN_S * 100, "plant samples: " + plantSamples.get());
        assertEquals(List.of(), overLimit, "true pressure above the fixture rating plus margin");
        for (int i = 0; i < STATIONS; i++) {
            assertTrue(maxTrue[i] <= (RATINGS_MPA[i] + 0.5) * 1e6, "max true pressure " + maxTrue[i] / 1e6 + " MPa on stress-" + (i + 1));
        }
        assertEquals(List.of(), tap.failures, "internal failures logged");
        // Coverage: every kind of call was made many times, and the commands did reach the stations.
        for (Kind k : Kind.values()) {
            long min = k == Kind.EMERGENCY_STOP ? 20 : 200;
            assertTrue(stats.get(k).calls.sum() >= min, k + " calls: " + stats.get(k).calls.sum());
        }
        for (Kind k : new Kind[] { Kind.RAMP, Kind.HOLD, Kind.RELEASE, Kind.EMERGENCY_STOP, Kind.RESET, Kind.START, Kind.PAUSE,
                Kind.RESUME, Kind.ABORT, Kind.UPDATE_LIVE, Kind.UPDATE_PLANT, Kind.ACKNOWLEDGE }) {
            assertTrue(stats.get(k).accepted.sum() > 0, k + " never accepted");
        }
        // The supervisor's schedule, in real time: its period is 10 ms (100 Hz). "Never late by more than one period"
        // (gap <= 20 ms) needs a real-time scheduler. This shared 2-core machine cannot give it: with the 3 stations' 15
        // periodic threads, 8 workers, the monitors and other builds running, the OS leaves threads unscheduled for tens
        // to hundreds of ms. Measured in four 60 s runs (load average 5..17): supervisor max gap 102, 229, 333 and 525 ms,
        // while a bare thread that only sleeps to 10 ms deadlines saw 62 and 252 ms in the two runs that measured it (the
        // "bare sleeper" figure printed above): the gap is the machine's, not a lock or a driver call in the supervisor's
        // path. So this asserts 1 s, about twice the worst measured: it still catches a supervisor blocked behind the owner
        // lock or a driver call (>= 1 s: the command wait, or two safe-state timeouts), and is not a real-time guarantee.
        assertTrue(maxGap <= TimeUnit.MILLISECONDS.toNanos(SUPERVISOR_GAP_BOUND_MS), "supervisor max tick gap " + maxGap / 1e6 + " ms");
    }

    // ------------------------------------------------------------------ workers

    private void work(int id, StationEngine[] stations, long end, long[] inFlightSince, Kind[] inFlightKind) {
        Random rnd = new Random(1000 + id);
        double total = Arrays.stream(Kind.values()).mapToDouble(k -> k.weight).sum();
        while (System.nanoTime() < end) {
            StationEngine st = stations[rnd.nextInt(stations.length)];
            double x = rnd.nextDouble() * total;
            Kind kind = Kind.RAMP;
            for (Kind k : Kind.values()) {
                x -= k.weight;
                if (x < 0) {
                    kind = k;
                    break;
                }
            }
            KindStats s = stats.get(kind);
            long t0 = System.nanoTime();
            inFlightKind[id] = kind;
            inFlightSince[id] = t0;
            try {
                if (call(kind, st, rnd)) {
                    s.accepted.increment();
                } else {
                    s.skipped.increment();
                }
            } catch (CommandRefusedException e) {
                s.refused.increment();
            } catch (IllegalStateException e) {
                if (kind == Kind.ABORT && e.getCause() instanceof CommandRefusedException) {
                    s.abortRefused.increment(); // documented: RecipeExecutor.abort when the owner lock cannot be had
                } else {
                    unexpected.add(kind + " on " + st.id() + ": " + e);
                }
            } catch (Throwable e) {
                unexpected.add(kind + " on " + st.id() + ": " + e);
            }
            long d = System.nanoTime() - t0;
            inFlightSince[id] = 0;
            s.calls.increment();
            record(kind, d);
            if (d > TimeUnit.MILLISECONDS.toNanos(CALL_BOUND_MS)) {
                tooSlow.add(String.format(Locale.ROOT, "%s on %s took %.1f ms", kind, st.id(), d / 1e6));
            }
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(2000 + rnd.nextInt(18000)));
        }
    }

    private final ThreadLocal<long[][]> local = new ThreadLocal<>();

    /** Records a duration in this worker's own buffer (no shared lock in the measured path). */
    private void record(Kind kind, long d) {
        KindStats s = stats.get(kind);
        s.maxNanos.accumulateAndGet(d, Math::max);
        long[][] bufs = local.get();
        if (bufs == null) {
            bufs = new long[Kind.values().length][];
            local.set(bufs);
        }
        int k = kind.ordinal();
        long[] b = bufs[k];
        if (b == null || b[0] + 1 >= b.length) {
            long[] n = new long[b == null ? 1024 : b.length * 2];
            if (b != null) {
                System.arraycopy(b, 0, n, 0, b.length);
                s.durations.remove(b);
            }
            s.durations.add(n);
            bufs[k] = n;
            b = n;
        }
        b[0]++;
        b[(int) b[0]] = d;
    }

    private static long[] merge(List<long[]> bufs) {
        synchronized (bufs) {
            int n = 0;
            for (long[] b : bufs) {
                n += (int) b[0];
            }
            long[] out = new long[n];
            int i = 0;
            for (long[] b : bufs) {
                System.arraycopy(b, 1, out, i, (int) b[0]);
                i += (int) b[0];
            }
            return out;
        }
    }

    private static long pct(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))];
    }

    /** One random call; true when it was made and accepted, false when there was nothing to call it on. */
    private boolean call(Kind kind, StationEngine st, Random rnd) throws CommandRefusedException {
        double rating = st.settings().config().fixtureRatingPa();
        switch (kind) {
            case RAMP: {
                // Mostly valid, sometimes beyond the rating or the rate limit (refused), sometimes right at the rating.
                // Biased upwards (the storm should load the presses, the true-pressure check needs it).
                double target = rnd.nextInt(10) == 0 ? rating * (0.95 + 0.15 * rnd.nextDouble())
                        : (0.5 + 0.45 * rnd.nextDouble()) * rating;
                double rate = rnd.nextInt(10) == 0 ? 8e6 : (2 + 3 * rnd.nextDouble()) * 1e6;
                st.ramp(target, rate);
                return true;
            }
            case HOLD:
                st.hold((0.3 + 0.7 * rnd.nextDouble()) * rating);
                return true;
            case RELEASE: {
                double p = st.status().pressurePa();
                double target = Double.isFinite(p) ? Math.max(0, p * (0.6 + 0.4 * rnd.nextDouble())) : 0;
                st.release(target, (0.5 + 4.5 * rnd.nextDouble()) * 1e6);
                return true;
            }
            case EMERGENCY_STOP:
                st.emergencyStop("stress test");
                return true;
            case RESET:
                st.reset();
                return true;
            case ACKNOWLEDGE:
                st.acknowledgeOperator();
                return true;
            case START: {
                st.start(randomRecipe(st, rnd));
                recipesStarted.incrementAndGet();
                return true;
            }
            case PAUSE: {
                Optional<RecipeRun> r = st.run();
                if (r.isEmpty()) {
                    return false;
                }
                r.get().pause(rnd.nextBoolean() ? RecipeRun.PauseMode.IMMEDIATE : RecipeRun.PauseMode.AT_STEP_BOUNDARY);
                return true;
            }
            case RESUME: {
                Optional<RecipeRun> r = st.run();
                if (r.isEmpty()) {
                    return false;
                }
                r.get().resume();
                return true;
            }
            case ABORT: {
                Optional<RecipeRun> r = st.run();
                if (r.isEmpty() || r.get().state().isFinished()) {
                    return false;
                }
                r.get().abort("stress test");
                return true;
            }
            case UPDATE_LIVE: {
                StationSettings.Builder b = st.settings().toBuilder().description("stress " + rnd.nextInt(1000))
                        .maxStepMPa(0.3 + 0.1 * rnd.nextInt(8)).staleTimeoutS(0.25 + 0.05 * rnd.nextInt(6));
                st.update(b.build());
                return true;
            }
            case UPDATE_PLANT: {
                // A plant key: refused while a recipe runs or the press is loaded.
                double base = RATINGS_MPA[Integer.parseInt(st.id().substring("stress-".length())) - 1];
                double next = rating / 1e6 == base ? 0.8 * base : base;
                st.update(st.settings().toBuilder().fixtureRatingMPa(next).build());
                return true;
            }
            case STATUS:
                st.status();
                st.limits();
                return true;
            case INTERLOCKS:
                st.interlocks();
                return true;
            default:
                throw new AssertionError(kind);
        }
    }

    private static Recipe randomRecipe(StationEngine st, Random rnd) {
        double p = st.status().pressurePa();
        double now = Double.isFinite(p) ? Math.max(0, p) : 0;
        double a = (0.3 + 0.65 * rnd.nextDouble()) * st.settings().config().fixtureRatingPa();
        double rate = (2 + 3 * rnd.nextDouble()) * 1e6;
        List<RecipeStep> steps = new ArrayList<>();
        if (rnd.nextInt(3) == 0) {
            // First, so that it is reached before a random abort ends the run: something to acknowledge.
            steps.add(new RecipeStep.Operator("check the cell", Double.NaN, 0.1e6, Double.NaN, 20, List.of()));
        }
        steps.add(a >= now ? new RecipeStep.Ramp(a, rate, 0.3e6, List.of()) : new RecipeStep.Release(a, rate, 0.3e6, List.of()));
        steps.add(new RecipeStep.Hold(a, 0.2e6, 2 + 8 * rnd.nextDouble(), List.of()));
        steps.add(new RecipeStep.Release(a * (0.5 + 0.5 * rnd.nextDouble()), 2e6, 0.3e6, List.of()));
        steps.add(new RecipeStep.Dwell(1 + 3 * rnd.nextDouble(), List.of()));
        return new Recipe("stress-random", 1, "", 90e6, steps);
    }

    // ------------------------------------------------------------------ monitors

    private Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** A thread that only sleeps to 10 ms deadlines: how late the OS wakes a thread here (reference for the supervisor). */
    private void referenceJitter() {
        long next = System.nanoTime();
        long last = next;
        while (!stop) {
            next += 10_000_000L;
            long wait;
            while ((wait = next - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            long now = System.nanoTime();
            referenceGap.accumulateAndGet(now - last, Math::max);
            last = now;
            if (now - next > 10_000_000L) {
                next = now;
            }
        }
    }

    private void pollDeadlocks() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        while (!stop) {
            long[] a = mx.findDeadlockedThreads();
            long[] b = mx.findMonitorDeadlockedThreads();
            deadlockPolls.incrementAndGet();
            for (long[] ids : new long[][] { a, b }) {
                if (ids != null && deadlocks.size() < 10) {
                    StringBuilder sb = new StringBuilder();
                    for (ThreadInfo ti : mx.getThreadInfo(ids, true, true)) {
                        sb.append(ti);
                    }
                    deadlocks.add(sb.toString());
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    /** Samples the plants' true pressure every 2 ms and watches for calls that hang. */
    private void monitorPlants(StationEngine[] stations, SimulatedDevice[] presses, double[] maxTrue, Thread[] workers,
            long[] inFlightSince, Kind[] inFlightKind) {
        while (!stop) {
            for (int i = 0; i < presses.length; i++) {
                StationSettings s = stations[i].settings();
                double limit = s.config().fixtureRatingPa() + s.overpressureMarginPa;
                double p = presses[i].plantState().cellPressurePa();
                plantSamples.incrementAndGet();
                if (p > maxTrue[i]) {
                    maxTrue[i] = p;
                }
                if (p > limit && overLimit.size() < 20) {
                    Trip t = stations[i].trip();
                    overLimit.add(String.format(Locale.ROOT, "%s: true %.3f MPa > %.3f MPa (state %s, trip %s)", stations[i].id(),
                            p / 1e6, limit / 1e6, stations[i].status().state(), t == null ? "none" : t.interlock()));
                }
            }
            long now = System.nanoTime();
            for (int w = 0; w < inFlightSince.length; w++) {
                long since = inFlightSince[w];
                if (since != 0 && now - since > TimeUnit.MILLISECONDS.toNanos(CALL_BOUND_MS + 2000) && tooSlow.size() < 20) {
                    tooSlow.add(String.format(Locale.ROOT, "%s in flight for %.0f ms:%n%s", inFlightKind[w], (now - since) / 1e6,
                            dump(workers[w])));
                    inFlightSince[w] = 0;
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }

    private static String dump(Thread t) {
        if (t == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(t.getName()).append(' ').append(t.getState()).append('\n');
        for (StackTraceElement e : t.getStackTrace()) {
            sb.append("    at ").append(e).append('\n');
        }
        return sb.toString();
    }

    /**
     * The station log during the run (slf4j-simple writes to {@code System.err} on each call): every line goes to a
     * file; lines that show an internal failure are kept for the assertion and also shown on the console.
     */
    static final class LogTap extends OutputStream {
        static final List<String> FAILURE_MARKS = List.of("it keeps its schedule", "supervisor check failed", "loop watch failed",
                "control loop tick failed", "threw on an event", "threw on a sample", "Exception", "Error:");
        final Path file;
        private final BufferedWriter out;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        private final AtomicReference<PrintStream> console = new AtomicReference<>(System.err);
        long lines;
        long warn;
        long error;

        LogTap(Path file) throws IOException {
            this.file = file;
            Files.createDirectories(file.getParent());
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        }

        @Override
        public synchronized void write(int b) throws IOException {
            if (b == '\n') {
                String s = line.toString(StandardCharsets.UTF_8);
                line.reset();
                lines++;
                if (s.contains(" WARN ")) {
                    warn++;
                } else if (s.contains(" ERROR ")) {
                    error++;
                }
                out.write(s);
                out.newLine();
                for (String m : FAILURE_MARKS) {
                    if (s.contains(m) && !s.contains("CommandRefusedException")) {
                        if (failures.size() < 20) {
                            failures.add(s);
                        }
                        console.get().println(s);
                        break;
                    }
                }
            } else {
                line.write(b);
            }
        }

        @Override
        public synchronized void close() throws IOException {
            out.close();
        }
    }

}
