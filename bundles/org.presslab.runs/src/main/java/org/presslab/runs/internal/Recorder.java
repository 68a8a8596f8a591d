package org.presslab.runs.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.presslab.control.api.StationEvent;
import org.presslab.control.api.StationListener;
import org.presslab.control.api.StationSample;
import org.presslab.impedance.api.FitResult;
import org.presslab.impedance.api.KkResult;
import org.presslab.impedance.api.Spectrum;
import org.presslab.runs.api.CellInfo;
import org.presslab.runs.api.DeviceIdentity;
import org.presslab.runs.api.Gap;
import org.presslab.runs.api.Run;
import org.presslab.runs.api.RunOutcome;
import org.presslab.runs.api.RunStoreException;
import org.presslab.runs.internal.Rows.CommandRow;
import org.presslab.runs.internal.Rows.EventRow;
import org.presslab.runs.internal.Rows.GapEndRow;
import org.presslab.runs.internal.Rows.GapRow;
import org.presslab.runs.internal.Rows.NoteRow;
import org.presslab.runs.internal.Rows.Row;
import org.presslab.runs.internal.Rows.RunCellRow;
import org.presslab.runs.internal.Rows.RunEndRow;
import org.presslab.runs.internal.Rows.RunRecipeRow;
import org.presslab.runs.internal.Rows.RunStartRow;
import org.presslab.runs.internal.Rows.SampleRow;
import org.presslab.runs.internal.Rows.SpectrumRow;
import org.presslab.time.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns station samples and events into rows for the writer, and keeps the open run of each station. Called
 * by the stations' dispatcher threads (never a control loop) and by front ends; it only enqueues: a full queue
 * costs samples (counted, recorded as a gap), never a wait. Runs start on RECIPE_STARTED or by hand and end on
 * RECIPE_COMPLETED / ABORTED / FAILED or by hand; a recipe started inside a run started by hand is recorded in
 * that run and does not end it.
 *
 * <p>A SPECTRUM_MEASURED event of a station with an open run also becomes a spectrum of that run (a
 * {@link SpectrumRow} through the writer, so the database being down or a restart cannot lose or double it); at most
 * {@code spectra.queueMax} of them wait for the writer, the rest are counted as a QUEUE_OVERFLOW gap.
 *
 * <p>Samples outside any run are not kept raw: they feed the decimated tiers (1 s and 60 s buckets with
 * min/max/mean, {@code run_id} NULL), so a station's pressure between runs (a cell resting in its frame) is on
 * record at about 100 bytes per second, not the 100 rows per second of the loop. Events and commands outside
 * runs are kept in full.
 */
final class Recorder implements StationListener {

    private static final Logger LOG = LoggerFactory.getLogger(Recorder.class);
    static final long LIFECYCLE_WAIT_MS = 5_000;

    /** The open run of a station, as this process knows it. */
    record OpenRun(UUID id, boolean byRecipe, Run run) {
    }

    private static final class Station {
        final String id;
        volatile OpenRun open;
        CellInfo preparedCell;
        UUID driverGap;
        String driverId = "";
        DeviceIdentity device = DeviceIdentity.UNKNOWN;
        long lastDropped;
        long sampleCounter;

        Station(String id) {
            this.id = id;
        }
    }

    private final Writer writer;
    private final Losses losses;
    private final TimeSource time;
    private final StationLookup lookup;
    private final String instanceId;
    private final int sampleEvery;
    private final Map<String, Station> stations = new ConcurrentHashMap<>();
    private final AtomicBoolean spectraOverflowing = new AtomicBoolean();

    Recorder(Writer writer, Losses losses, TimeSource time, StationLookup lookup, String instanceId, int sampleEvery) {
        this.writer = writer;
        this.losses = losses;
        this.time = time;
        this.lookup = lookup;
        this.instanceId = instanceId;
        this.sampleEvery = sampleEvery;
    }

    private Station station(String id) {
        return stations.computeIfAbsent(id, Station::new);
    }

    /** Open runs by station. */
    Map<String, UUID> openRuns() {
        Map<String, UUID> m = new LinkedHashMap<>();
        stations.forEach((k, s) -> {
            OpenRun o = s.open;
            if (o != null) {
                m.put(k, o.id());
            }
        });
        return m;
    }

    Optional<Run> current(String stationId) {
        Station s = stations.get(stationId);
        OpenRun o = s == null ? null : s.open;
        return o == null ? Optional.empty() : Optional.of(o.run());
    }

    Optional<Run> open(UUID runId) {
        for (Station s : stations.values()) {
            OpenRun o = s.open;
            if (o != null && o.id().equals(runId)) {
                return Optional.of(o.run());
            }
        }
        return Optional.empty();
    }

    // ---- StationListener ----

    @Override
    public void onSample(StationSample s) {
        Station st = station(s.stationId());
        if (sampleEvery > 1 && st.sampleCounter++ % sampleEvery != 0) {
            return;
        }
        OpenRun o = st.open;
        long tUs = Writer.micros(s.time());
        // A sample belongs to the run by its time, not by when it reaches the recorder: one taken a few ms before
        // the RECIPE_STARTED event was delivered is not part of the run (it would lie before the run's start).
        UUID run = o == null || tUs < Writer.micros(o.run().start()) ? null : o.id();
        SampleRow row = new SampleRow(s.stationId(), run, tUs, s.timeNanos(), s.pressurePa(), s.forceN(), s.setpointPa(),
                s.output(), s.temperatureK(), s.state() == null ? null : s.state().name(),
                s.quality() == null ? null : s.quality().name(), s.gap());
        if (!writer.offerSample(row)) {
            losses.lost(s.stationId(), run, Gap.Cause.QUEUE_OVERFLOW, tUs, 1);
        }
    }

    @Override
    public void onEvent(StationEvent e) {
        try {
            handle(e);
        } catch (RuntimeException x) {
            // A bad event must not stop the recording of the next ones.
            LOG.error("Run store: could not record event {} of station {}: {}", e.type(), e.stationId(), x.toString(), x);
        }
    }

    private void handle(StationEvent e) {
        Station st = station(e.stationId());
        long tUs = Writer.micros(e.time() == null ? time.now() : e.time());
        long mono = time.nanoTime();
        Map<String, Object> p = e.properties();
        String type = e.type().name();
        switch (type) {
            case "COMMAND" -> {
                OpenRun o = st.open;
                enqueue(st, new CommandRow(st.id, o == null ? null : o.id(), tUs, mono, str(p, "actor"), str(p, "source"),
                        str(p, "command"), num(p, "targetPa"), num(p, "ratePaPerS"), str(p, "recipe"), str(p, "reason"),
                        !"REFUSED".equals(str(p, "outcome")), str(p, "refusal")));
                return;
            }
            case "RECIPE_STARTED" -> recipeStarted(st, e, tUs);
            case "DRIVER_BOUND" -> {
                synchronized (st) {
                    st.driverId = str(p, "driver");
                    st.device = device(st.id, st.driverId, str(p, "device"));
                }
            }
            case "DRIVER_LOST", "GAP_STARTED" -> {
                synchronized (st) {
                    if (st.driverGap == null) {
                        st.driverGap = RunIds.next();
                        OpenRun o = st.open;
                        enqueue(st, new GapRow(st.driverGap, st.id, o == null ? null : o.id(), tUs, null,
                                Gap.Cause.DRIVER_LOST.name(), 0, e.message()));
                    }
                }
            }
            case "GAP_ENDED" -> {
                synchronized (st) {
                    if (st.driverGap != null) {
                        enqueue(st, new GapEndRow(st.driverGap, st.id, tUs));
                        st.driverGap = null;
                    }
                }
            }
            case "SAMPLES_DROPPED" -> {
                long total = (long) num(p, "dropped");
                long delta;
                synchronized (st) {
                    delta = total > st.lastDropped ? total - st.lastDropped : 0;
                    st.lastDropped = Math.max(total, st.lastDropped);
                }
                if (delta > 0) {
                    OpenRun o = st.open;
                    enqueue(st, new GapRow(RunIds.next(), st.id, o == null ? null : o.id(), tUs, tUs,
                            Gap.Cause.LISTENER_DROPPED.name(), delta, "the station dropped samples for slow consumers (" + total
                                    + " in all, every listener counted); the recorder may have lost up to " + delta));
                }
            }
            default -> {
                // recorded below
            }
        }
        OpenRun o = st.open;
        enqueue(st, new EventRow(st.id, o == null ? null : o.id(), tUs, mono, type, e.message(), Json.properties(p)));
        if ("SPECTRUM_MEASURED".equals(type)) {
            spectrumMeasured(st, o, e, tUs);
        }
        switch (type) {
            case "RECIPE_COMPLETED" -> recipeEnded(st, p, tUs, RunOutcome.COMPLETED, e.message());
            case "RECIPE_ABORTED" -> recipeEnded(st, p, tUs, RunOutcome.ABORTED, e.message());
            case "RECIPE_FAILED" -> recipeEnded(st, p, tUs, RunOutcome.TRIPPED, e.message());
            default -> {
                // nothing more
            }
        }
    }

    /**
     * Makes the spectrum of a SPECTRUM_MEASURED event (as the control core's EIS job publishes it) a spectrum of the
     * station's open run. The event row is already queued: an event without a run or without a usable spectrum stays
     * an event only, and the log says why.
     */
    private void spectrumMeasured(Station st, OpenRun o, StationEvent e, long tUs) {
        Map<String, Object> p = e.properties();
        String step = str(p, "step");
        String what = "SPECTRUM_MEASURED of station " + st.id + (step.isEmpty() ? "" : " (step " + step + ")") + " at "
                + Writer.instant(tUs);
        Object value = p.get("spectrum");
        if (!(value instanceof Spectrum spectrum)) {
            LOG.warn("Run store: {} {}; recorded as an event only, not as a spectrum of a run", what, value == null
                    ? "carries no spectrum (property 'spectrum' missing or null)"
                    : "carries a 'spectrum' of type " + value.getClass().getName() + ", not " + Spectrum.class.getName());
            return;
        }
        if (o == null || tUs < Writer.micros(o.run().start())) {
            LOG.warn("Run store: {} came while no run was open on the station; recorded as an event only, not as a spectrum"
                    + " of a run", what);
            return;
        }
        FitResult fit = analysis(p, "fit", FitResult.class, what);
        KkResult kk = analysis(p, "kk", KkResult.class, what);
        double pressure = num(p, "pressurePa");
        double temperature = num(p, "temperatureK");
        SpectrumRow row = new SpectrumRow(RunIds.next(), st.id, o.id(), measuredAt(spectrum, p, tUs), source(st.id, step, p),
                Double.isNaN(pressure) ? spectrum.metadata().stackPressurePa() : pressure, num(p, "forceN"),
                Double.isNaN(temperature) ? spectrum.metadata().temperatureK() : temperature,
                Attachments.SpectrumData.of(spectrum), fit, kk);
        if (writer.offerSpectrum(row)) {
            spectraOverflowing.set(false);
            return;
        }
        losses.lostSpectra(st.id, o.id(), Gap.Cause.QUEUE_OVERFLOW, row.tUs(), 1);
        if (spectraOverflowing.compareAndSet(false, true)) {
            LOG.warn("Run store: {} is lost for run {}: {} spectra wait for the database (spectra.queueMax = {}) or the queue"
                    + " is full; it and the next ones until there is room are counted in a QUEUE_OVERFLOW gap", what, o.id(),
                    writer.queuedSpectra(), writer.spectrumQueueMax());
        }
    }

    /** The fit or KK result of the event, or null (a value of another type is left out, and logged). */
    private static <T> T analysis(Map<String, Object> p, String key, Class<T> type, String what) {
        Object v = p.get(key);
        if (v == null || type.isInstance(v)) {
            return type.cast(v);
        }
        LOG.warn("Run store: {} carries a '{}' of type {}, not {}; the spectrum is kept without it", what, key,
                v.getClass().getName(), type.getName());
        return null;
    }

    /**
     * When the sweep started: the analyzer's start time when it lies within the measurement as the station timed it
     * (a minute of slack), else the event's time less the measurement's duration, else the event's time.
     */
    static long measuredAt(Spectrum s, Map<String, Object> p, long eventUs) {
        double durationS = num(p, "durationS");
        long startUs = Double.isFinite(durationS) && durationS >= 0 ? eventUs - Math.round(durationS * 1e6) : eventUs;
        Instant analyzer = s.metadata().measuredAt();
        if (analyzer != null) {
            long a = Writer.micros(analyzer);
            if (a <= eventUs && a >= startUs - 60_000_000L) {
                return a;
            }
        }
        return startUs;
    }

    /** Names the station, the step and the analyzer: "station cell1, step 3 (sweep), analyzer sim-eis-1 (vendor|model|serial)". */
    static String source(String stationId, String step, Map<String, Object> p) {
        String at = str(p, "at");
        String id = str(p, "analyzerId");
        String identity = str(p, "analyzer");
        String analyzer = id.isEmpty() ? identity : identity.isEmpty() || identity.equals(id) ? id : id + " (" + identity + ")";
        return "station " + stationId + (step.isEmpty() ? "" : ", step " + step) + (at.isEmpty() ? "" : " (" + at + ")")
                + (analyzer.isEmpty() ? "" : ", analyzer " + analyzer);
    }

    private DeviceIdentity device(String stationId, String driverId, String identity) {
        DeviceIdentity d = lookup.device(stationId, driverId);
        if (!d.vendor().isEmpty() || !d.model().isEmpty() || identity == null || identity.isEmpty()) {
            return d;
        }
        // The control core's identity string: vendor|model|serial (serial "driver:<id>" when the device has none).
        String[] parts = identity.split("\\|", -1);
        String serial = parts.length > 2 && !parts[2].startsWith("driver:") ? parts[2] : "";
        return new DeviceIdentity(parts[0], parts.length > 1 ? parts[1] : "", serial, driverId, d.driverBundle(),
                d.driverBundleVersion());
    }

    private void recipeStarted(Station st, StationEvent e, long tUs) {
        Map<String, Object> p = e.properties();
        String recipeRunId = str(p, "runId");
        String recipe = str(p, "recipe");
        String actor = str(p, "actor");
        String source = str(p, "source");
        String json = lookup.recipeJson(st.id, recipeRunId).orElse("");
        String sha = json.isEmpty() ? "" : sha256(json);
        synchronized (st) {
            OpenRun o = st.open;
            if (o != null && !o.byRecipe()) {
                enqueue(st, new RunRecipeRow(o.id(), st.id, tUs, recipe, json, sha, recipeRunId));
                Run r = o.run();
                st.open = new OpenRun(o.id(), false, new Run(r.id(), r.stationId(), r.instanceId(), recipe, json, sha,
                        recipeRunId, r.cell(), r.operator(), r.operatorSource(), r.device(), r.start(), null,
                        RunOutcome.RUNNING, ""));
                return;
            }
            if (o != null) {
                end(st, o, tUs, RunOutcome.ABORTED, "superseded: recipe run " + recipeRunId + " started on the station");
            }
            CellInfo cell = st.preparedCell == null ? CellInfo.UNKNOWN : st.preparedCell;
            st.preparedCell = null;
            begin(st, true, tUs, recipe, json, sha, recipeRunId, cell, actor.isEmpty() ? "unknown" : actor,
                    source.isEmpty() ? "SYSTEM" : source);
        }
    }

    private void recipeEnded(Station st, Map<String, Object> p, long tUs, RunOutcome outcome, String message) {
        synchronized (st) {
            OpenRun o = st.open;
            String recipeRunId = str(p, "runId");
            if (o == null || !o.byRecipe()) {
                return;
            }
            if (!recipeRunId.isEmpty() && !recipeRunId.equals(o.run().recipeRunId())) {
                LOG.warn("Run store: station {} ended recipe run {} but run {} records recipe run {}; the run ends anyway",
                        st.id, recipeRunId, o.id(), o.run().recipeRunId());
            }
            end(st, o, tUs, outcome, message);
        }
    }

    /** Opens a run (the caller holds the station's lock). */
    private Run begin(Station st, boolean byRecipe, long tUs, String recipe, String json, String sha, String recipeRunId,
            CellInfo cell, String operator, String source) {
        UUID id = RunIds.next(tUs / 1000);
        DeviceIdentity d = st.device;
        if (d.vendor().isEmpty() && d.model().isEmpty()) {
            d = lookup.device(st.id, st.driverId);
        }
        Run run = new Run(id.toString(), st.id, instanceId, recipe, json, sha, recipeRunId, cell, operator, source, d,
                Writer.instant(tUs), null, RunOutcome.RUNNING, "");
        RunStartRow row = new RunStartRow(id, st.id, instanceId, tUs, recipe, json, sha, recipeRunId, cell.cellId(),
                cell.electrolyte(), cell.anode(), cell.cathode(), cell.pelletDiameterM(), cell.pelletThicknessM(), cell.dieId(),
                cell.notes(), operator, source, d.vendor(), d.model(), d.serial(), d.driverId(), d.driverBundle(),
                d.driverBundleVersion());
        putLifecycle(st, row);
        st.open = new OpenRun(id, byRecipe, run);
        if (st.driverGap != null) {
            // The station has no driver as the run starts: the run's record has a hole from its first moment.
            enqueue(st, new GapRow(RunIds.next(), st.id, id, tUs, null, Gap.Cause.DRIVER_LOST.name(), 0,
                    "the run started while the station had no driver"));
        }
        LOG.info("Run {} started on station {} ({}, operator {})", id, st.id, recipe.isEmpty() ? "by hand" : "recipe " + recipe,
                operator);
        return run;
    }

    private void end(Station st, OpenRun o, long tUs, RunOutcome outcome, String message) {
        putLifecycle(st, new RunEndRow(o.id(), st.id, tUs, outcome.name(), message == null ? "" : message));
        st.open = null;
        LOG.info("Run {} on station {} ended: {} {}", o.id(), st.id, outcome, message == null ? "" : message);
    }

    // ---- RunService (writes) ----

    Run start(String stationId, CellInfo cell, String operator, String source) {
        if (stationId == null || stationId.isBlank()) {
            throw new RunStoreException(RunStoreException.Reason.INVALID, "a run needs a station id");
        }
        if (operator == null || operator.isBlank()) {
            throw new RunStoreException(RunStoreException.Reason.INVALID, "a run needs an operator (who starts it)");
        }
        Station st = station(stationId);
        Run run;
        synchronized (st) {
            OpenRun o = st.open;
            if (o != null) {
                throw new RunStoreException(RunStoreException.Reason.CONFLICT, "station " + stationId + " already records run "
                        + o.id() + " (started " + o.run().start() + "); stop it first with run:stop " + o.id());
            }
            run = begin(st, false, Writer.micros(time.now()), "", "", "", "", cell == null ? CellInfo.UNKNOWN : cell,
                    operator, source == null || source.isBlank() ? "SYSTEM" : source);
        }
        awaitKept("start run " + run.id());
        return run;
    }

    Run stop(UUID runId, String operator, String reason) {
        for (Station st : stations.values()) {
            synchronized (st) {
                OpenRun o = st.open;
                if (o != null && o.id().equals(runId)) {
                    long tUs = Writer.micros(time.now());
                    String msg = "stopped by " + (operator == null || operator.isBlank() ? "unknown" : operator)
                            + (reason == null || reason.isBlank() ? "" : ": " + reason);
                    end(st, o, tUs, RunOutcome.COMPLETED, msg);
                    Run r = o.run();
                    awaitKept("stop run " + runId);
                    return new Run(r.id(), r.stationId(), r.instanceId(), r.recipeName(), r.recipeJson(), r.recipeSha256(),
                            r.recipeRunId(), r.cell(), r.operator(), r.operatorSource(), r.device(), r.start(),
                            Writer.instant(tUs), RunOutcome.COMPLETED, msg);
                }
            }
        }
        return null;
    }

    void prepareCell(String stationId, CellInfo cell) {
        Station st = station(stationId);
        synchronized (st) {
            st.preparedCell = cell;
        }
    }

    /** Enqueues a note (and waits until it is kept). */
    void note(UUID runId, String stationId, String author, String text) {
        Station st = station(stationId);
        putLifecycle(st, new NoteRow(runId, stationId, Writer.micros(time.now()), author, text));
        awaitKept("note on run " + runId);
    }

    void updateCell(UUID runId, String stationId, CellInfo cell) {
        Station st = station(stationId);
        synchronized (st) {
            putLifecycle(st, new RunCellRow(runId, stationId, Writer.micros(time.now()), cell.cellId(), cell.electrolyte(),
                    cell.anode(), cell.cathode(), cell.pelletDiameterM(), cell.pelletThicknessM(), cell.dieId(), cell.notes()));
            OpenRun o = st.open;
            if (o != null && o.id().equals(runId)) {
                Run r = o.run();
                st.open = new OpenRun(o.id(), o.byRecipe(), new Run(r.id(), r.stationId(), r.instanceId(), r.recipeName(),
                        r.recipeJson(), r.recipeSha256(), r.recipeRunId(), cell, r.operator(), r.operatorSource(), r.device(),
                        r.start(), null, RunOutcome.RUNNING, ""));
            }
        }
    }

    /** Closes every open run as INTERRUPTED: the store is stopping while they record. */
    void closeAll(String why) {
        for (Station st : stations.values()) {
            synchronized (st) {
                OpenRun o = st.open;
                if (o != null) {
                    end(st, o, Writer.micros(time.now()), RunOutcome.INTERRUPTED, why);
                }
            }
        }
    }

    // ---- helpers ----

    private void enqueue(Station st, Row r) {
        if (!writer.offer(r)) {
            OpenRun o = st.open;
            losses.lost(st.id, o == null ? null : o.id(), Gap.Cause.QUEUE_OVERFLOW, r.tUs(), 1);
        }
    }

    private void putLifecycle(Station st, Row r) {
        try {
            if (!writer.put(r, LIFECYCLE_WAIT_MS)) {
                throw new RunStoreException(RunStoreException.Reason.UNAVAILABLE, "the run store's queue stayed full for "
                        + LIFECYCLE_WAIT_MS + " ms; station " + st.id + " was not changed");
            }
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
            throw new RunStoreException(RunStoreException.Reason.UNAVAILABLE, "interrupted");
        }
    }

    private void awaitKept(String what) {
        try {
            boolean kept = writer.flush(LIFECYCLE_WAIT_MS).get(LIFECYCLE_WAIT_MS * 4, TimeUnit.MILLISECONDS);
            if (!kept) {
                throw new RunStoreException(RunStoreException.Reason.UNAVAILABLE, what + ": the database is down and the"
                        + " spool cannot be written (" + writer.health().cause() + "); it is not on record");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunStoreException(RunStoreException.Reason.UNAVAILABLE, what + ": interrupted");
        } catch (ExecutionException | TimeoutException e) {
            throw new RunStoreException(RunStoreException.Reason.UNAVAILABLE, what + ": the writer did not confirm within "
                    + LIFECYCLE_WAIT_MS * 4 + " ms (" + writer.health().state() + " " + writer.health().cause() + ")");
        }
    }

    static String str(Map<String, Object> p, String k) {
        Object v = p.get(k);
        return v == null ? "" : String.valueOf(v);
    }

    static double num(Map<String, Object> p, String k) {
        Object v = p.get(k);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s && !s.isBlank()) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    static Instant nowOf(TimeSource t) {
        return t.now();
    }
}
