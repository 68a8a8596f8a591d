package org.presslab.runs.imports.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

import org.presslab.cycling.Aligner;
import org.presslab.cycling.CyclingImporter;
import org.presslab.cycling.CyclingLog;
import org.presslab.cycling.ShortCircuit;
import org.presslab.cycling.ShortCircuitDetector;
import org.presslab.cycling.Trace;
import org.presslab.impedance.api.Spectrum;
import org.presslab.impedance.api.SpectrumImporter;
import org.presslab.runs.api.Gap;
import org.presslab.runs.api.RecordedSample;
import org.presslab.runs.api.Run;
import org.presslab.runs.api.RunAttachments;
import org.presslab.runs.api.RunFilter;
import org.presslab.runs.api.RunQuery;
import org.presslab.runs.api.RunService;
import org.presslab.runs.api.RunStoreException;
import org.presslab.runs.api.SpectrumEntry;
import org.presslab.runs.imports.FileImporter;
import org.presslab.runs.imports.ImportReport;

/**
 * The import of one file (plain Java; {@link ImportService} is its DS wrapper). A file the cycling importer
 * claims (its probe) is a cycling log, anything else goes to the spectrum importer.
 *
 * <p>Times: instrument files hold local wall-clock time without a zone, which the readers return as if it
 * were UTC; it is converted with the instrument PC's zone ({@code instrumentZone}, by default this machine's)
 * to a true instant before the run is looked up. Without a time in the file the file's modification time is
 * used: for a spectrum as its measurement time, for a cycling log as the time of its last point.
 *
 * <p>Conditions come from the run's raw samples with the rule of {@link Trace}: linear between the samples
 * around a time, NaN inside a recorded gap, across a sample flagged as a gap, between samples further apart
 * than {@code maxSpacing}, and outside the record (never extrapolated).
 */
public final class FileImport implements FileImporter {

    static final int HEAD = 64 * 1024;

    private final SpectrumImporter spectra;
    private final CyclingImporter cycling;
    private final RunService runs;
    private final RunQuery query;
    private final RunAttachments attachments;
    private final ShortCircuitDetector detector;
    private final ZoneId instrumentZone;
    private final Duration maxSpacing;

    public FileImport(SpectrumImporter spectra, CyclingImporter cycling, RunService runs, RunQuery query,
            RunAttachments attachments, ShortCircuitDetector detector, ZoneId instrumentZone, Duration maxSpacing) {
        this.spectra = Objects.requireNonNull(spectra, "spectra");
        this.cycling = Objects.requireNonNull(cycling, "cycling");
        this.runs = Objects.requireNonNull(runs, "runs");
        this.query = Objects.requireNonNull(query, "query");
        this.attachments = Objects.requireNonNull(attachments, "attachments");
        this.detector = Objects.requireNonNull(detector, "detector");
        this.instrumentZone = Objects.requireNonNull(instrumentZone, "instrumentZone");
        this.maxSpacing = Objects.requireNonNull(maxSpacing, "maxSpacing");
    }

    /** True if the cycling importer claims the file (else it is taken as an impedance file). */
    boolean isCycling(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(HEAD);
        }
        return cycling.probe(head, file.getFileName().toString()) > 0;
    }

    @Override
    public ImportReport importFile(Path file, String runId, String stationId) throws IOException {
        Objects.requireNonNull(file, "file");
        return isCycling(file) ? importCycling(file, runId, stationId) : importSpectra(file, runId, stationId);
    }

    /** An instrument's local wall-clock time (returned as if UTC) as a true instant. */
    Instant fromInstrument(Instant asIfUtc) {
        return LocalDateTime.ofInstant(asIfUtc, ZoneOffset.UTC).atZone(instrumentZone).toInstant();
    }

    private ImportReport importCycling(Path file, String runId, String stationId) throws IOException {
        CyclingLog log = cycling.read(file);
        Instant zero;
        String timeFrom;
        if (log.start() != null) {
            zero = fromInstrument(log.start());
            timeFrom = "header";
        } else {
            Instant mtime = Files.getLastModifiedTime(file).toInstant();
            zero = mtime.minusNanos(Math.round(log.time(log.size() - 1) * 1e9));
            timeFrom = "file mtime";
        }
        long[] times = log.epochNanos(zero);
        Instant first = at(times[0]);
        Instant last = at(times[times.length - 1]);
        List<ShortCircuit> shorts = new ArrayList<>();
        for (ShortCircuit s : detector.detect(log)) {
            shorts.add(s.withTime(at(times[s.index()])));
        }
        Run run;
        try {
            run = findRun(runId, stationId, first, last);
        } catch (Unmatched u) {
            return new ImportReport(file, u.outcome, ImportReport.Kind.CYCLING, log.format(), u.candidates, first,
                    timeFrom, log.size(), 0, Double.NaN, Double.NaN, Double.NaN, shorts, u.getMessage());
        }
        double[] pressure = align(run.id(), times, RecordedSample::pressurePa);
        int withPressure = 0;
        for (double p : pressure) {
            withPressure += Double.isFinite(p) ? 1 : 0;
        }
        List<org.presslab.runs.api.CyclingLog.ShortCircuit> stored = new ArrayList<>();
        for (int k = 0; k < shorts.size(); k++) {
            ShortCircuit s = shorts.get(k).withStackPressurePa(pressure[shorts.get(k).index()]);
            shorts.set(k, s);
            stored.add(new org.presslab.runs.api.CyclingLog.ShortCircuit(s.timeS() - log.time(0), s.voltageBeforeV(),
                    s.voltageV(), s.stackPressurePa(), s.toString()));
        }
        int n = log.size();
        double[] elapsed = new double[n];
        double[] current = new double[n];
        double[] voltage = new double[n];
        double[] capacityAh = new double[n];
        int[] cycles = new int[n];
        for (int i = 0; i < n; i++) {
            elapsed[i] = log.time(i) - log.time(0);
            current[i] = log.current(i);
            voltage[i] = log.voltage(i);
            capacityAh[i] = log.capacity(i) / 3600;
            cycles[i] = log.cycle(i);
        }
        Map<String, String> meta = new LinkedHashMap<>(log.extra());
        meta.put("instrument", log.instrument());
        meta.put("timeFrom", timeFrom);
        meta.put("startText", log.startText());
        meta.put("instrumentZone", instrumentZone.getId());
        meta.put("capacity", "charge passed in the point's half cycle"
                + (log.chargeFromFile() ? " (from the file's capacity columns)" : " (integrated from the current)"));
        meta.put("shortCircuitSettings", detector.settings().toString());
        attachments.attachCycling(run.id(), new org.presslab.runs.api.CyclingLog(file.getFileName().toString(),
                log.format(), at(times[0]), elapsed, current, voltage, capacityAh, cycles, pressure, stored, meta));
        double p0 = pressure[0];
        return new ImportReport(file, ImportReport.Outcome.IMPORTED, ImportReport.Kind.CYCLING, log.format(), run.id(),
                first, timeFrom, n, withPressure, p0, Double.NaN, Double.NaN, shorts,
                String.format(java.util.Locale.ROOT, "%s: cycling log (%s, %d points, time from %s) attached to run %s; "
                        + "%d points with a stack pressure; %d short circuit(s)", file.getFileName(), log.format(), n,
                        timeFrom, run.id(), withPressure, shorts.size()));
    }

    private ImportReport importSpectra(Path file, String runId, String stationId) throws IOException {
        List<Spectrum> list = spectra.read(file);
        Instant mtime = Files.getLastModifiedTime(file).toInstant();
        Instant firstAt = null;
        String timeFrom = "header";
        List<Instant> when = new ArrayList<>();
        for (Spectrum s : list) {
            Instant t = s.metadata().measuredAt() != null ? fromInstrument(s.metadata().measuredAt()) : null;
            if (t == null) {
                t = mtime;
                timeFrom = "file mtime";
            }
            when.add(t);
            firstAt = firstAt == null || t.isBefore(firstAt) ? t : firstAt;
        }
        String format = list.get(0).metadata().format();
        Run run;
        try {
            run = findRun(runId, stationId, firstAt, firstAt);
        } catch (Unmatched u) {
            return new ImportReport(file, u.outcome, ImportReport.Kind.SPECTRA, format, u.candidates, firstAt, timeFrom,
                    list.size(), 0, Double.NaN, Double.NaN, Double.NaN, List.of(), u.getMessage());
        }
        int withPressure = 0;
        double p0 = Double.NaN;
        double f0 = Double.NaN;
        double t0 = Double.NaN;
        for (int k = 0; k < list.size(); k++) {
            long t = nanos(when.get(k));
            double p = align(run.id(), new long[] {t}, RecordedSample::pressurePa)[0];
            double f = align(run.id(), new long[] {t}, RecordedSample::forceN)[0];
            double temp = align(run.id(), new long[] {t}, RecordedSample::temperatureK)[0];
            withPressure += Double.isFinite(p) ? 1 : 0;
            if (k == 0) {
                p0 = p;
                f0 = f;
                t0 = temp;
            }
            attachments.attachSpectrum(run.id(), new SpectrumEntry(when.get(k), list.get(k), null, null, p, f, temp,
                    SpectrumEntry.SourceKind.FILE, file.getFileName().toString()));
        }
        return new ImportReport(file, ImportReport.Outcome.IMPORTED, ImportReport.Kind.SPECTRA, format, run.id(), firstAt,
                timeFrom, list.size(), withPressure, p0, f0, t0, List.of(),
                String.format(java.util.Locale.ROOT, "%s: %d spectrum/spectra (%s, time from %s) attached to run %s at "
                        + "%s MPa", file.getFileName(), list.size(), format, timeFrom, run.id(),
                        Double.isFinite(p0) ? String.format(java.util.Locale.ROOT, "%.3f", p0 / 1e6) : "unknown"));
    }

    /** Why no run was chosen. */
    private static final class Unmatched extends Exception {
        private static final long serialVersionUID = 1L;
        final ImportReport.Outcome outcome;
        final String candidates;

        Unmatched(ImportReport.Outcome outcome, String candidates, String message) {
            super(message, null, false, false);
            this.outcome = outcome;
            this.candidates = candidates;
        }
    }

    private Run findRun(String runId, String stationId, Instant first, Instant last) throws Unmatched {
        if (runId != null && !runId.isBlank()) {
            return runs.get(runId).orElseThrow(() -> new RunStoreException(RunStoreException.Reason.NOT_FOUND,
                    "no run with id '" + runId + "'"));
        }
        List<Run> covering = covering(first, stationId);
        if (covering.isEmpty() && !last.equals(first)) {
            covering = covering(last, stationId);
        }
        if (covering.isEmpty()) {
            throw new Unmatched(ImportReport.Outcome.NO_RUN, "", "no run" + (stationId == null ? "" : " of station "
                    + stationId) + " covers " + first + (last.equals(first) ? "" : " or " + last));
        }
        if (covering.size() > 1) {
            String ids = covering.stream().map(r -> r.id() + " (" + r.stationId() + ")").collect(Collectors.joining(", "));
            throw new Unmatched(ImportReport.Outcome.AMBIGUOUS, covering.stream().map(Run::id)
                    .collect(Collectors.joining(",")), covering.size() + " runs cover " + first + ": " + ids
                            + "; configure the watch folder's station or import with the run id");
        }
        return covering.get(0);
    }

    private List<Run> covering(Instant t, String stationId) {
        RunFilter f = RunFilter.covering(t);
        return runs.list(stationId == null || stationId.isBlank() ? f : f.station(stationId));
    }

    /** One quantity of the run's record at the given (non-decreasing) times. */
    private double[] align(String runId, long[] times, ToDoubleFunction<RecordedSample> value) {
        List<Trace.Gap> gaps = new ArrayList<>();
        for (Gap g : query.gaps(runId)) {
            gaps.add(new Trace.Gap(nanos(g.start()), g.end() == null ? Long.MAX_VALUE : nanos(g.end())));
        }
        Aligner aligner = new Aligner(times, gaps, maxSpacing.toNanos());
        Instant from = at(times[0]).minus(maxSpacing);
        Instant to = at(times[times.length - 1]).plus(maxSpacing);
        query.forEachSample(runId, from, to, s -> {
            if (s.gap()) {
                aligner.breakHere();
            } else {
                aligner.accept(nanos(s.time()), value.applyAsDouble(s));
            }
        });
        return aligner.result();
    }

    static long nanos(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }

    static Instant at(long nanos) {
        return Instant.ofEpochSecond(0, nanos);
    }
}
