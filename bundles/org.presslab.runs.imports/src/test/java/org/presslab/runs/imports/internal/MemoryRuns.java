package org.presslab.runs.imports.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.presslab.impedance.api.FitResult;
import org.presslab.impedance.api.KkResult;
import org.presslab.runs.api.CellInfo;
import org.presslab.runs.api.CommandRecord;
import org.presslab.runs.api.CyclingLog;
import org.presslab.runs.api.CyclingLogInfo;
import org.presslab.runs.api.Gap;
import org.presslab.runs.api.Note;
import org.presslab.runs.api.RecordedSample;
import org.presslab.runs.api.Run;
import org.presslab.runs.api.RunAttachments;
import org.presslab.runs.api.RunEvent;
import org.presslab.runs.api.RunFilter;
import org.presslab.runs.api.RunOutcome;
import org.presslab.runs.api.RunQuery;
import org.presslab.runs.api.RunService;
import org.presslab.runs.api.RunSpectrum;
import org.presslab.runs.api.RunStoreException;
import org.presslab.runs.api.SampleSeries;
import org.presslab.runs.api.SpectrumEntry;
import org.presslab.runs.api.StoreHealth;

/**
 * An in-memory stand-in for the run store (the store's implementation, org.presslab.runs, is being built on
 * another branch): runs with their raw samples and gaps, and what is attached. Only what the importer calls
 * is implemented; the rest throws.
 */
final class MemoryRuns implements RunService, RunQuery, RunAttachments {

    final List<Run> runs = new CopyOnWriteArrayList<>();
    final java.util.Map<String, List<RecordedSample>> samplesByRun = new java.util.concurrent.ConcurrentHashMap<>();
    final java.util.Map<String, List<Gap>> gapsByRun = new java.util.concurrent.ConcurrentHashMap<>();
    final List<CyclingLog> cycling = new CopyOnWriteArrayList<>();
    final List<SpectrumEntry> spectra = new CopyOnWriteArrayList<>();
    volatile boolean unavailable;

    Run addRun(String id, String station, Instant start, Instant end) {
        Run r = new Run(id, station, "", "", "", "", "", CellInfo.UNKNOWN, "tester", "SHELL", null, start, end,
                end == null ? RunOutcome.RUNNING : RunOutcome.COMPLETED, "");
        runs.add(r);
        samplesByRun.put(id, new ArrayList<>());
        gapsByRun.put(id, new ArrayList<>());
        return r;
    }

    /** Samples every {@code step} from start to end: pressure, force and temperature from the functions of time. */
    void record(String runId, Instant from, Instant to, Duration step, java.util.function.ToDoubleFunction<Instant> p) {
        List<RecordedSample> list = samplesByRun.get(runId);
        for (Instant t = from; !t.isAfter(to); t = t.plus(step)) {
            double pa = p.applyAsDouble(t);
            list.add(new RecordedSample(t, 0, pa, pa * 7.85e-5, 15e6, 0, 298.15, "HOLDING", "GOOD", false));
        }
    }

    @Override
    public List<Run> list(RunFilter filter) {
        List<Run> out = new ArrayList<>();
        for (Run r : runs) {
            boolean station = filter.stationId() == null || filter.stationId().equals(r.stationId());
            boolean since = filter.since() == null || r.end() == null || !r.end().isBefore(filter.since());
            boolean until = filter.until() == null || !r.start().isAfter(filter.until());
            if (station && since && until) {
                out.add(r);
            }
        }
        return out;
    }

    @Override
    public Optional<Run> get(String runId) {
        return runs.stream().filter(r -> r.id().equals(runId)).findFirst();
    }

    @Override
    public void forEachSample(String runId, Instant from, Instant to, Consumer<RecordedSample> sink) {
        check();
        for (RecordedSample s : samplesByRun.getOrDefault(runId, List.of())) {
            if (!s.time().isBefore(from) && !s.time().isAfter(to)) {
                sink.accept(s);
            }
        }
    }

    @Override
    public List<Gap> gaps(String runId) {
        check();
        return gapsByRun.getOrDefault(runId, List.of());
    }

    @Override
    public CyclingLogInfo attachCycling(String runId, CyclingLog log) {
        check();
        cycling.add(log);
        return new CyclingLogInfo("c" + cycling.size(), runId, log.source(), log.format(), log.start(), log.end(),
                log.size(), 0, log.shortCircuits());
    }

    @Override
    public RunSpectrum attachSpectrum(String runId, SpectrumEntry entry) {
        check();
        spectra.add(entry);
        return new RunSpectrum("s" + spectra.size(), runId, entry, false);
    }

    private void check() {
        if (unavailable) {
            throw new RunStoreException(RunStoreException.Reason.UNAVAILABLE, "database down (test)");
        }
    }

    // ---- not used by the importer ----

    @Override
    public Run start(String stationId, CellInfo cell, String operator, String source) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Run stop(String runId, String operator, String reason) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void prepareCell(String stationId, CellInfo cell) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Run updateCell(String runId, CellInfo cell, String operator) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Note note(String runId, String author, String text) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Run> current(String stationId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public StoreHealth health() {
        throw new UnsupportedOperationException();
    }

    @Override
    public SampleSeries samples(String runId, Instant from, Instant to, int maxPoints) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long sampleCount(String runId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<RecordedSample> sampleAt(String stationId, Instant time, Duration tolerance) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<RunEvent> events(String runId, Instant from, Instant to, int limit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<RunEvent> lastEvents(String runId, int n) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<CommandRecord> commands(String runId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Note> notes(String runId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<RunSpectrum> spectra(String runId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<CyclingLogInfo> cyclingLogs(String runId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CyclingLog cyclingLog(String logId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public RunSpectrum updateAnalysis(String spectrumId, FitResult fit, KkResult kk) {
        throw new UnsupportedOperationException();
    }
}
