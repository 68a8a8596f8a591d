package org.presslab.report.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.presslab.control.api.Recipe;
import org.presslab.control.api.RecipeStep;
import org.presslab.runs.api.CellInfo;
import org.presslab.runs.api.CommandRecord;
import org.presslab.runs.api.CyclingLog;
import org.presslab.runs.api.CyclingLogInfo;
import org.presslab.runs.api.DeviceIdentity;
import org.presslab.runs.api.Gap;
import org.presslab.runs.api.Note;
import org.presslab.runs.api.RecordedSample;
import org.presslab.runs.api.Run;
import org.presslab.runs.api.RunEvent;
import org.presslab.runs.api.RunOutcome;
import org.presslab.runs.api.RunQuery;
import org.presslab.runs.api.RunSpectrum;
import org.presslab.runs.api.SampleBucket;
import org.presslab.runs.api.SampleSeries;

/**
 * A run store whose samples are computed, not kept: sample i of a run is a function of i (the recipe's profile,
 * deterministic noise, one excursion and one gap), so a 24-hour run at 100 Hz costs no memory: the benchmark's
 * 24-hour run and the synthetic cases whose truth is known by construction (spectra at five pressures, a 3-s
 * excursion, a gap, three runs to compare). It only reads: it implements {@link RunQuery} as its Javadoc says
 * (decimation into min/max/mean buckets, streaming of raw samples, gaps excluded) and {@link #get}, which is all
 * the report engine reads ({@link org.presslab.report.Reports#builder(RunQuery, java.util.function.Function)}).
 * {@link RecordedRunReportTest} makes reports of a run the real JDBC store recorded.
 */
final class SyntheticStore implements RunQuery {

    /** One synthetic run. */
    static final class Spec {
        Run run;
        double rateHz;
        long samples;
        double holdPa = 15e6;
        double noisePa = 0.02e6;
        double offsetPa;
        List<RunEvent> events = new ArrayList<>();
        List<CommandRecord> commands = new ArrayList<>();
        List<Gap> gaps = new ArrayList<>();
        List<RunSpectrum> spectra = new ArrayList<>();
        List<Note> notes = new ArrayList<>();
        long gapFrom = -1;
        long gapTo = -1;
        long excursionFrom = -1;
        long excursionTo = -1;
    }

    final Map<String, Spec> runs = new HashMap<>();

    /** The recipe every synthetic run follows: ramp 74 MPa at 2 MPa/s, dwell 60 s, release to 15 MPa, hold the rest. */
    static Recipe recipe(double holdS) {
        return new Recipe("assb-default", 1, "assemble at 74 MPa, hold 15 MPa", 100e6, List.of(
                new RecipeStep.Ramp(74e6, 2e6, 0.2e6, List.of()), new RecipeStep.Dwell(60, List.of()),
                new RecipeStep.Release(15e6, 2e6, 0.2e6, List.of()), new RecipeStep.Hold(15e6, 0.05e6, holdS, List.of())));
    }

    static final double RAMP_S = 37;
    static final double DWELL_END_S = 97;
    static final double RELEASE_END_S = 97 + 29.5;

    /** Adds a run of {@code seconds} at {@code rateHz} on the recipe above, with events, a gap and an excursion. */
    Spec add(String id, String recipeJson, double seconds, double rateHz, Instant start, String cellId, DeviceIdentity device) {
        Spec s = new Spec();
        Instant end = start.plusMillis(Math.round(seconds * 1000));
        s.run = new Run(id, "cell1", "lab-1", "assb-default", recipeJson, "9f2c" + "0".repeat(60), "r-" + id,
                new CellInfo(cellId, "Na3Zr2Si2PO12", "Na metal", "Na metal", 0.010, 0.0012, "die-10mm-A", ""), "alice", "SHELL",
                device, start, end, RunOutcome.COMPLETED, "all 4 steps done");
        s.rateHz = rateHz;
        s.samples = (long) Math.floor(seconds * rateHz);
        double holdStart = RELEASE_END_S;
        s.gapFrom = (long) ((holdStart + (seconds - holdStart) * 0.6) * rateHz);
        s.gapTo = s.gapFrom + (long) (20 * rateHz);
        s.excursionFrom = (long) ((holdStart + (seconds - holdStart) * 0.3) * rateHz);
        s.excursionTo = s.excursionFrom + (long) (3 * rateHz);
        s.gaps.add(new Gap("cell1", time(s, s.gapFrom), time(s, s.gapTo), Gap.Cause.DRIVER_LOST, 0, "driver sim-press-1 lost"));
        event(s, 0, "RECIPE_STARTED", "recipe 'assb-default' v1 started", Map.of("recipe", "assb-default", "actor", "alice", "source", "SHELL"));
        event(s, 0, "STEP_STARTED", "step 1/4: ramp", Map.of("step", 1, "type", "RAMP"));
        event(s, RAMP_S, "STEP_STARTED", "step 2/4: dwell", Map.of("step", 2, "type", "DWELL"));
        event(s, DWELL_END_S, "STEP_STARTED", "step 3/4: release", Map.of("step", 3, "type", "RELEASE"));
        event(s, RELEASE_END_S, "STEP_STARTED", "step 4/4: hold", Map.of("step", 4, "type", "HOLD"));
        event(s, seconds, "STEP_COMPLETED", "step 4 (hold) done", Map.of("step", 4, "maxMeanDeviationPa", 31000.0));
        event(s, seconds, "RECIPE_COMPLETED", "recipe 'assb-default' completed", Map.of());
        s.commands.add(new CommandRecord(start, 0, "alice", "SHELL", "RECIPE_START", Double.NaN, Double.NaN, "assb-default", "", true, ""));
        s.commands.add(new CommandRecord(start.plusSeconds(50), 0, "bob", "WEB", "RAMP", 120e6, 2e6, "", "", false,
                "ramp to 120.000 MPa refused: above the limit 100.000 MPa (fixture rating 100.0 MPa)"));
        runs.put(id, s);
        return s;
    }

    private static void event(Spec s, double atS, String type, String msg, Map<String, Object> props) {
        s.events.add(new RunEvent(s.run.start().plusMillis(Math.round(atS * 1000)), 0, type, msg, props));
    }

    static Instant time(Spec s, long i) {
        return s.run.start().plusNanos(Math.round(i * 1e9 / s.rateHz));
    }

    /** The setpoint at t seconds. */
    static double setpoint(Spec s, double t) {
        if (t < RAMP_S) {
            return 2e6 * t;
        }
        if (t < DWELL_END_S) {
            return 74e6;
        }
        if (t < RELEASE_END_S) {
            return 74e6 - 2e6 * (t - DWELL_END_S);
        }
        return s.holdPa;
    }

    /** Sample i: the setpoint with a small lag, deterministic noise, slow breathing, one excursion, one gap. */
    static RecordedSample sample(Spec s, long i) {
        Instant t = time(s, i);
        double ts = i / s.rateHz;
        if (i >= s.gapFrom && i < s.gapTo) {
            return new RecordedSample(t, i, Double.NaN, Double.NaN, setpoint(s, ts), 0, Double.NaN, "RUNNING", "BAD", true);
        }
        long h = i * 0x9E3779B97F4A7C15L;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 32;
        double noise = ((h >>> 11) * 0x1.0p-53 - 0.5) * 2 * s.noisePa;
        double p = setpoint(s, Math.max(0, ts - 0.2)) + noise + s.offsetPa + 0.01e6 * Math.sin(2 * Math.PI * ts / 3600);
        if (i >= s.excursionFrom && i < s.excursionTo) {
            p += 0.12e6;
        }
        double area = Math.PI * 0.010 * 0.010 / 4;
        return new RecordedSample(t, i, p, p * area, setpoint(s, ts), 0.5, 298.15 + 0.3 * Math.sin(ts / 600), "RUNNING", "GOOD", false);
    }

    private Spec spec(String runId) {
        Spec s = runs.get(runId);
        if (s == null) {
            throw new org.presslab.runs.api.RunStoreException(org.presslab.runs.api.RunStoreException.Reason.NOT_FOUND,
                    "no run " + runId);
        }
        return s;
    }

    private long index(Spec s, Instant t, boolean ceil) {
        double x = Duration.between(s.run.start(), t).toNanos() / 1e9 * s.rateHz;
        long i = ceil ? (long) Math.ceil(x) : (long) Math.floor(x);
        return Math.max(0, Math.min(s.samples, i));
    }

    @Override
    public SampleSeries samples(String runId, Instant from, Instant to, int maxPoints) {
        Spec s = spec(runId);
        Instant f = from == null || from.isBefore(s.run.start()) ? s.run.start() : from;
        Instant e = to == null || to.isAfter(s.run.end()) ? s.run.end() : to;
        long a = index(s, f, true);
        long b = index(s, e, false);
        long n = Math.max(0, b - a);
        List<SampleBucket> out = new ArrayList<>();
        if (n <= maxPoints) {
            for (long i = a; i < b; i++) {
                RecordedSample x = sample(s, i);
                out.add(x.gap() ? new SampleBucket(x.time(), x.time(), 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                        Double.NaN, x.setpointPa(), Double.NaN)
                        : new SampleBucket(x.time(), x.time(), 1, x.pressurePa(), x.pressurePa(), x.pressurePa(), x.forceN(), x.forceN(),
                                x.forceN(), x.setpointPa(), x.temperatureK()));
            }
            return new SampleSeries(runId, f, e, n, true, "raw", out);
        }
        long per = (n + maxPoints - 1) / maxPoints;
        for (long i = a; i < b; i += per) {
            long end = Math.min(b, i + per);
            double pmin = Double.POSITIVE_INFINITY, pmax = Double.NEGATIVE_INFINITY, psum = 0, fmin = Double.POSITIVE_INFINITY,
                    fmax = Double.NEGATIVE_INFINITY, fsum = 0, spsum = 0, tsum = 0;
            long c = 0;
            for (long j = i; j < end; j++) {
                RecordedSample x = sample(s, j);
                spsum += x.setpointPa();
                if (x.gap()) {
                    continue;
                }
                c++;
                pmin = Math.min(pmin, x.pressurePa());
                pmax = Math.max(pmax, x.pressurePa());
                psum += x.pressurePa();
                fmin = Math.min(fmin, x.forceN());
                fmax = Math.max(fmax, x.forceN());
                fsum += x.forceN();
                tsum += x.temperatureK();
            }
            out.add(c == 0 ? new SampleBucket(time(s, i), time(s, end), 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, spsum / (end - i), Double.NaN)
                    : new SampleBucket(time(s, i), time(s, end), c, pmin, pmax, psum / c, fmin, fmax, fsum / c, spsum / (end - i), tsum / c));
        }
        return new SampleSeries(runId, f, e, n, false, "raw", out);
    }

    @Override
    public void forEachSample(String runId, Instant from, Instant to, Consumer<RecordedSample> sink) {
        Spec s = spec(runId);
        long a = index(s, from == null ? s.run.start() : from, true);
        long b = index(s, to == null ? s.run.end() : to, false);
        for (long i = a; i < b; i++) {
            sink.accept(sample(s, i));
        }
    }

    @Override
    public long sampleCount(String runId) {
        return spec(runId).samples;
    }

    @Override
    public Optional<RecordedSample> sampleAt(String stationId, Instant time, Duration tolerance) {
        return Optional.empty();
    }

    @Override
    public List<RunEvent> events(String runId, Instant from, Instant to, int limit) {
        List<RunEvent> in = spec(runId).events.stream().filter(e -> (from == null || !e.time().isBefore(from))
                && (to == null || !e.time().isAfter(to))).toList();
        return limit > 0 && in.size() > limit ? in.subList(0, limit) : in;
    }

    @Override
    public List<RunEvent> lastEvents(String runId, int n) {
        List<RunEvent> e = spec(runId).events;
        return e.subList(Math.max(0, e.size() - n), e.size());
    }

    @Override
    public List<org.presslab.runs.api.StationCommand> recentCommands(int limit) {
        return List.of();
    }

    @Override
    public List<CommandRecord> commands(String runId) {
        return spec(runId).commands;
    }

    @Override
    public List<Gap> gaps(String runId) {
        return spec(runId).gaps;
    }

    @Override
    public List<Note> notes(String runId) {
        return spec(runId).notes;
    }

    @Override
    public List<RunSpectrum> spectra(String runId) {
        return spec(runId).spectra;
    }

    @Override
    public List<CyclingLogInfo> cyclingLogs(String runId) {
        return List.of();
    }

    @Override
    public CyclingLog cyclingLog(String logId) {
        throw new org.presslab.runs.api.RunStoreException(org.presslab.runs.api.RunStoreException.Reason.NOT_FOUND, logId);
    }

    /** A run by id: with {@link RunQuery}, all the report engine reads of a run store. */
    Optional<Run> get(String runId) {
        Spec s = runs.get(runId);
        return s == null ? Optional.empty() : Optional.of(s.run);
    }
}
