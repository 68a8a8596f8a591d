package org.presslab.runs.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.presslab.control.api.StationEvent;
import org.presslab.control.api.StationListener;
import org.presslab.control.api.StationSample;
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
import org.presslab.runs.api.RunExporter;
import org.presslab.runs.api.RunFilter;
import org.presslab.runs.api.RunQuery;
import org.presslab.runs.api.RunService;
import org.presslab.runs.api.RunSpectrum;
import org.presslab.runs.api.RunStoreException;
import org.presslab.runs.api.SampleSeries;
import org.presslab.runs.api.SpectrumEntry;
import org.presslab.runs.api.StoreHealth;
import org.presslab.time.TimeSource;

/**
 * The run store, plain Java: recorder, writer, spool, queries, attachments and export wired together.
 * {@code RunStoreComponent} is its thin DS wrapper; tests and the benchmark use it directly.
 */
public final class RunStore implements org.presslab.runs.RunStores.Store {

    private static final int MAX_NOTE = 10_000;

    private final Settings settings;
    private final TimeSource time;
    private final Losses losses = new Losses();
    private final Writer writer;
    private final Recorder recorder;
    private final Queries queries;
    private final Attachments attachments;
    private final Exporter exporter;
    private final Retention retention;

    RunStore(Supplier<DataSource> dataSource, Settings settings, TimeSource time, StationLookup lookup) {
        this.settings = settings;
        this.time = time;
        Recorder[] rec = new Recorder[1];
        Spool spool = new Spool(settings.spoolDir(), settings.spoolMaxBytes());
        this.writer = new Writer(dataSource, spool, settings, time, losses, () -> rec[0].openRuns(),
                new Recovery(settings.instanceId(), time));
        this.recorder = new Recorder(writer, losses, time, lookup, settings.instanceId(), settings.sampleEvery());
        rec[0] = recorder;
        Db db = new Db(dataSource, settings.dataSourceTarget());
        this.queries = new Queries(db, recorder, time::now);
        this.attachments = new Attachments(db, queries, recorder, time::now);
        this.exporter = new Exporter(queries, attachments, settings.hdf5MaxRawSamples());
        this.retention = new Retention(db, settings, time);
    }

    RunStore start() {
        writer.start();
        retention.start();
        return this;
    }

    Writer writer() {
        return writer;
    }

    @Override
    public boolean flush(Duration timeout) {
        try {
            return writer.flush(timeout.toMillis()).get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    @Override
    public long committedRows() {
        return writer.committedRows();
    }

    /** Tells the writer the DataSource changed (rebound or replaced). */
    void dataSourceChanged() {
        writer.dataSourceChanged();
    }

    /** Closes open runs as INTERRUPTED, writes what is queued, stops the threads. */
    @Override
    public void close() {
        recorder.closeAll("the run store stopped while the run was recording (bundle stopped or Presslab shut down)");
        retention.close();
        writer.close();
    }

    /**
     * Simulates a crash for tests: stops the threads without closing the open runs, as kill -9 would leave
     * them (queued rows are still written, as the last commit before a kill would have been).
     */
    void crash() {
        retention.close();
        writer.close();
    }

    // ---- StationListener ----

    @Override
    public void onSample(StationSample sample) {
        recorder.onSample(sample);
    }

    @Override
    public void onEvent(StationEvent event) {
        recorder.onEvent(event);
    }

    // ---- RunService ----

    @Override
    public Run start(String stationId, CellInfo cell, String operator, String source) {
        return recorder.start(stationId, cell, operator, source);
    }

    @Override
    public Run stop(String runId, String operator, String reason) {
        UUID id = Db.uuid(runId);
        Run stopped = recorder.stop(id, operator, reason);
        if (stopped != null) {
            return stopped;
        }
        Run r = queries.require(runId);
        if (r.running()) {
            throw new RunStoreException(RunStoreException.Reason.CONFLICT, "run " + runId + " is recorded by instance '"
                    + r.instanceId() + "', not this one ('" + settings.instanceId() + "'): stop it there");
        }
        throw new RunStoreException(RunStoreException.Reason.CONFLICT, "run " + runId + " has already ended: " + r.outcome()
                + " at " + r.end());
    }

    @Override
    public void prepareCell(String stationId, CellInfo cell) {
        if (stationId == null || stationId.isBlank()) {
            throw new RunStoreException(RunStoreException.Reason.INVALID, "prepareCell needs a station id");
        }
        recorder.prepareCell(stationId, cell);
    }

    @Override
    public Run updateCell(String runId, CellInfo cell, String operator) {
        if (cell == null) {
            throw new RunStoreException(RunStoreException.Reason.INVALID, "updateCell needs the cell metadata");
        }
        Run r = queries.require(runId);
        recorder.updateCell(Db.uuid(runId), r.stationId(), cell);
        recorder.note(Db.uuid(runId), r.stationId(), nz(operator), "cell metadata changed from " + r.cell() + " to " + cell);
        return queries.require(runId);
    }

    @Override
    public Note note(String runId, String author, String text) {
        if (text == null || text.isBlank()) {
            throw new RunStoreException(RunStoreException.Reason.INVALID, "a note needs text");
        }
        if (text.length() > MAX_NOTE) {
            throw new RunStoreException(RunStoreException.Reason.INVALID, "a note holds at most " + MAX_NOTE
                    + " characters; this one has " + text.length());
        }
        Run r = queries.require(runId);
        Instant t = time.now();
        recorder.note(Db.uuid(runId), r.stationId(), nz(author), text);
        return new Note(t, nz(author), text);
    }

    private static String nz(String s) {
        return s == null || s.isBlank() ? "unknown" : s;
    }

    @Override
    public List<Run> list(RunFilter filter) {
        return queries.list(filter == null ? RunFilter.ALL : filter);
    }

    @Override
    public Optional<Run> get(String runId) {
        return queries.get(runId);
    }

    @Override
    public Optional<Run> current(String stationId) {
        return recorder.current(stationId);
    }

    @Override
    public StoreHealth health() {
        return writer.health();
    }

    // ---- RunQuery ----

    @Override
    public SampleSeries samples(String runId, Instant from, Instant to, int maxPoints) {
        return queries.samples(runId, from, to, maxPoints);
    }

    @Override
    public void forEachSample(String runId, Instant from, Instant to, Consumer<RecordedSample> sink) {
        queries.forEachSample(runId, from, to, sink);
    }

    @Override
    public long sampleCount(String runId) {
        return queries.sampleCount(runId);
    }

    @Override
    public Optional<RecordedSample> sampleAt(String stationId, Instant time, Duration tolerance) {
        return queries.sampleAt(stationId, time, tolerance);
    }

    @Override
    public List<RunEvent> events(String runId, Instant from, Instant to, int limit) {
        return queries.events(runId, from, to, limit);
    }

    @Override
    public List<RunEvent> lastEvents(String runId, int n) {
        return queries.lastEvents(runId, n);
    }

    @Override
    public List<org.presslab.runs.api.StationCommand> recentCommands(int limit) {
        return queries.recentCommands(limit);
    }

    @Override
    public List<CommandRecord> commands(String runId) {
        return queries.commands(runId);
    }

    @Override
    public List<Gap> gaps(String runId) {
        return queries.gaps(runId);
    }

    @Override
    public List<Note> notes(String runId) {
        return queries.notes(runId);
    }

    @Override
    public List<RunSpectrum> spectra(String runId) {
        return attachments.spectra(runId);
    }

    @Override
    public List<CyclingLogInfo> cyclingLogs(String runId) {
        return attachments.cyclingLogs(runId);
    }

    @Override
    public CyclingLog cyclingLog(String logId) {
        return attachments.cyclingLog(logId);
    }

    // ---- RunAttachments ----

    @Override
    public RunSpectrum attachSpectrum(String runId, SpectrumEntry entry) {
        if (entry == null) {
            throw new RunStoreException(RunStoreException.Reason.INVALID, "attachSpectrum needs a spectrum entry");
        }
        return attachments.attachSpectrum(runId, entry);
    }

    @Override
    public RunSpectrum updateAnalysis(String spectrumId, FitResult fit, KkResult kk) {
        return attachments.updateAnalysis(spectrumId, fit, kk);
    }

    @Override
    public CyclingLogInfo attachCycling(String runId, CyclingLog log) {
        if (log == null) {
            throw new RunStoreException(RunStoreException.Reason.INVALID, "attachCycling needs a cycling log");
        }
        return attachments.attachCycling(runId, log);
    }

    // ---- RunExporter ----

    @Override
    public List<Path> export(String runId, Format format, Path directory) {
        if (format == null || directory == null) {
            throw new RunStoreException(RunStoreException.Reason.INVALID, "export needs a format and a directory");
        }
        return exporter.export(runId, format, directory);
    }
}
