package org.presslab.runs.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.type.TypeReference;

import org.presslab.impedance.api.FitResult;
import org.presslab.impedance.api.KkResult;
import org.presslab.impedance.api.Spectrum;
import org.presslab.impedance.api.SpectrumMetadata;
import org.presslab.runs.api.CyclingLog;
import org.presslab.runs.api.CyclingLogInfo;
import org.presslab.runs.api.RecordedSample;
import org.presslab.runs.api.Run;
import org.presslab.runs.api.RunStoreException;
import org.presslab.runs.api.RunSpectrum;
import org.presslab.runs.api.SpectrumEntry;

/**
 * Spectra and cycling logs attached to runs, written synchronously in one transaction each. The spectrum's
 * points and metadata, its fit and its Lin-KK result are kept as JSON (Jackson); cycling points in their
 * own table, one row per point.
 */
final class Attachments {

    static final Duration CONDITION_TOLERANCE = Duration.ofSeconds(5);
    private static final long OUTSIDE_RUN_SLACK_US = 60_000_000L;

    /** The stored form of a spectrum's points and metadata. */
    record SpectrumData(double[] f, double[] re, double[] im, String source, String instrument, String format,
            String measuredAt, double temperatureK, double cellDiameterM, double cellThicknessM, double stackPressurePa,
            Map<String, String> extra) {

        static SpectrumData of(Spectrum s) {
            SpectrumMetadata m = s.metadata();
            return new SpectrumData(s.frequencies(), s.reals(), s.imags(), m.source(), m.instrument(), m.format(),
                    m.measuredAt() == null ? null : m.measuredAt().toString(), m.temperatureK(), m.cellDiameterM(),
                    m.cellThicknessM(), m.stackPressurePa(), m.extra());
        }

        Spectrum spectrum() {
            return new Spectrum(f, re, im, new SpectrumMetadata(source, instrument, format,
                    measuredAt == null ? null : Instant.parse(measuredAt), temperatureK, cellDiameterM, cellThicknessM,
                    stackPressurePa, extra));
        }
    }

    private static final TypeReference<List<CyclingLog.ShortCircuit>> SHORTS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {
    };

    private final Db db;
    private final Queries queries;
    private final Recorder recorder;
    private final Supplier<Instant> now;

    /** {@code now} is the store's clock: an open run ends "now" by the clock its samples are stamped with. */
    Attachments(Db db, Queries queries, Recorder recorder, Supplier<Instant> now) {
        this.db = db;
        this.queries = queries;
        this.recorder = recorder;
        this.now = now;
    }

    RunSpectrum attachSpectrum(String runId, SpectrumEntry e) {
        Run run = queries.require(runId);
        checkWithin(run, e.measuredAt(), "spectrum measured at");
        boolean fromRecord = false;
        double p = e.stackPressurePa();
        double f = e.forceN();
        double t = e.temperatureK();
        if (Double.isNaN(p) || Double.isNaN(f) || Double.isNaN(t)) {
            Optional<RecordedSample> s = queries.sampleAt(run.stationId(), e.measuredAt(), CONDITION_TOLERANCE);
            if (s.isPresent()) {
                if (Double.isNaN(p) && !Double.isNaN(s.get().pressurePa())) {
                    p = s.get().pressurePa();
                    fromRecord = true;
                }
                if (Double.isNaN(f) && !Double.isNaN(s.get().forceN())) {
                    f = s.get().forceN();
                    fromRecord = true;
                }
                if (Double.isNaN(t) && !Double.isNaN(s.get().temperatureK())) {
                    t = s.get().temperatureK();
                    fromRecord = true;
                }
            }
        }
        SpectrumEntry stored = new SpectrumEntry(e.measuredAt(), e.spectrum(), e.fit(), e.kk(), p, f, t, e.sourceKind(),
                e.source());
        UUID id = RunIds.next();
        UUID rid = UUID.fromString(run.id());
        SqlWriter.SpectrumInsert row = new SqlWriter.SpectrumInsert(id, rid, Writer.micros(e.measuredAt()), e.sourceKind().name(),
                e.source(), p, f, t, fromRecord, e.spectrum().size(), Json.write(SpectrumData.of(e.spectrum())),
                e.fit() == null ? null : Json.write(e.fit()), e.kk() == null ? null : Json.write(e.kk()));
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(SqlWriter.INSERT_SPECTRUM)) {
                row.bind(ps);
                ps.executeUpdate();
            }
            return null;
        });
        return new RunSpectrum(id.toString(), run.id(), stored, fromRecord);
    }

    RunSpectrum updateAnalysis(String spectrumId, FitResult fit, KkResult kk) {
        UUID id;
        try {
            id = UUID.fromString(spectrumId.trim());
        } catch (RuntimeException x) {
            throw new RunStoreException(RunStoreException.Reason.NOT_FOUND, "no spectrum '" + spectrumId + "'");
        }
        RunSpectrum old = spectrum(id).orElseThrow(
                () -> new RunStoreException(RunStoreException.Reason.NOT_FOUND, "no spectrum '" + spectrumId + "'"));
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE pl_spectrum SET fit = ?, kk = ? WHERE id = ?")) {
                ps.setString(1, fit == null ? null : Json.write(fit));
                ps.setString(2, kk == null ? null : Json.write(kk));
                ps.setObject(3, id);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO pl_note (run_id, t_us, author, note_text) VALUES (?,?,?,?)")) {
                ps.setObject(1, UUID.fromString(old.runId()));
                ps.setLong(2, Writer.micros(now.get()));
                ps.setString(3, "run store");
                ps.setString(4, SqlWriter.clip("spectrum " + spectrumId + " re-analysed; previous fit "
                        + (old.entry().fit() == null ? "none" : old.entry().fit().circuit() + " chi2 " + old.entry().fit().chiSquare())
                        + ", previous Lin-KK " + (old.entry().kk() == null ? "none" : "valid=" + old.entry().kk().valid()), 10000));
                ps.executeUpdate();
            }
            return null;
        });
        return new RunSpectrum(old.id(), old.runId(), old.entry().withAnalysis(fit, kk), old.conditionsFromRecord());
    }

    private static final String SPECTRUM_COLUMNS = "id, run_id, measured_us, source_kind, source, stack_pressure_pa, force_n,"
            + " temperature_k, from_record, data, fit, kk";

    private static RunSpectrum spectrum(ResultSet rs) throws SQLException {
        SpectrumData d = Json.read(rs.getString("data"), SpectrumData.class);
        String fit = rs.getString("fit");
        String kk = rs.getString("kk");
        SpectrumEntry e = new SpectrumEntry(Writer.instant(rs.getLong("measured_us")), d.spectrum(),
                fit == null ? null : Json.read(fit, FitResult.class), kk == null ? null : Json.read(kk, KkResult.class),
                Db.dbl(rs, "stack_pressure_pa"), Db.dbl(rs, "force_n"), Db.dbl(rs, "temperature_k"),
                SpectrumEntry.SourceKind.valueOf(rs.getString("source_kind")), Db.str(rs, "source"));
        return new RunSpectrum(rs.getObject("id", UUID.class).toString(), rs.getObject("run_id", UUID.class).toString(), e,
                rs.getBoolean("from_record"));
    }

    private Optional<RunSpectrum> spectrum(UUID id) {
        return db.read(c -> {
            try (PreparedStatement ps = Db.prepare(c, "SELECT " + SPECTRUM_COLUMNS + " FROM pl_spectrum WHERE id = ?", id);
                    ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(spectrum(rs)) : Optional.empty();
            }
        });
    }

    List<RunSpectrum> spectra(String runId) {
        UUID rid = UUID.fromString(queries.require(runId).id());
        return db.read(c -> {
            List<RunSpectrum> out = new ArrayList<>();
            try (PreparedStatement ps = Db.prepare(c, "SELECT " + SPECTRUM_COLUMNS + " FROM pl_spectrum WHERE run_id = ?"
                    + " ORDER BY measured_us, id", rid); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(spectrum(rs));
                }
            }
            return out;
        });
    }

    CyclingLogInfo attachCycling(String runId, CyclingLog log) {
        Run run = queries.require(runId);
        long runStart = Writer.micros(run.start());
        long runEnd = Writer.micros(run.end() == null ? now.get() : run.end());
        long logStart = Writer.micros(log.start());
        long logEnd = Writer.micros(log.end());
        if (logEnd < runStart - OUTSIDE_RUN_SLACK_US || logStart > runEnd + OUTSIDE_RUN_SLACK_US) {
            throw new RunStoreException(RunStoreException.Reason.INVALID, "cycling log '" + log.source() + "' (" + log.start()
                    + " to " + log.end() + ") does not overlap run " + run.id() + " (" + run.start() + " to "
                    + (run.end() == null ? "now" : run.end()) + ")");
        }
        List<CyclingLog.ShortCircuit> shorts = new ArrayList<>();
        for (CyclingLog.ShortCircuit s : log.shortCircuits()) {
            double p = s.stackPressurePa();
            if (Double.isNaN(p)) {
                Instant at = log.start().plusNanos(Math.round(s.elapsedS() * 1e9));
                p = queries.sampleAt(run.stationId(), at, CONDITION_TOLERANCE).map(RecordedSample::pressurePa).orElse(Double.NaN);
            }
            shorts.add(new CyclingLog.ShortCircuit(s.elapsedS(), s.voltageBeforeV(), s.voltageAfterV(), p, s.description()));
        }
        int[] cyc = log.cycleIndex();
        Set<Integer> cycles = new HashSet<>();
        for (int x : cyc) {
            cycles.add(x);
        }
        UUID id = RunIds.next();
        UUID rid = UUID.fromString(run.id());
        double[] el = log.elapsedS();
        double[] cur = log.currentA();
        double[] v = log.voltageV();
        double[] cap = log.capacityAh();
        double[] pressure = log.stackPressurePa();
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO pl_cycling_log (id, run_id, source, format, start_us, end_us,"
                    + " points, cycles, metadata, short_circuits) VALUES (?,?,?,?,?,?,?,?,?,?)")) {
                ps.setObject(1, id);
                ps.setObject(2, rid);
                ps.setString(3, SqlWriter.clip(log.source(), 1000));
                ps.setString(4, SqlWriter.clip(log.format(), 100));
                ps.setLong(5, logStart);
                ps.setLong(6, logEnd);
                ps.setInt(7, log.size());
                ps.setInt(8, cycles.size());
                ps.setString(9, Json.write(new LinkedHashMap<>(log.metadata())));
                ps.setString(10, Json.write(shorts));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO pl_cycling_point (log_id, seq, elapsed_s, current_a,"
                    + " voltage_v, capacity_ah, cycle, stack_pressure_pa) VALUES (?,?,?,?,?,?,?,?)")) {
                for (int i = 0; i < el.length; i++) {
                    ps.setObject(1, id);
                    ps.setInt(2, i);
                    ps.setDouble(3, el[i]);
                    SqlWriter.dbl(ps, 4, cur[i]);
                    SqlWriter.dbl(ps, 5, v[i]);
                    SqlWriter.dbl(ps, 6, cap[i]);
                    ps.setInt(7, cyc[i]);
                    SqlWriter.dbl(ps, 8, pressure[i]);
                    ps.addBatch();
                    if (i % 5_000 == 4_999) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            return null;
        });
        return new CyclingLogInfo(id.toString(), run.id(), log.source(), log.format(), log.start(), log.end(), log.size(),
                cycles.size(), shorts);
    }

    private static CyclingLogInfo info(ResultSet rs) throws SQLException {
        return new CyclingLogInfo(rs.getObject("id", UUID.class).toString(), rs.getObject("run_id", UUID.class).toString(),
                Db.str(rs, "source"), Db.str(rs, "format"), Writer.instant(rs.getLong("start_us")),
                Writer.instant(rs.getLong("end_us")), rs.getInt("points"), rs.getInt("cycles"),
                readShorts(rs.getString("short_circuits")));
    }

    private static List<CyclingLog.ShortCircuit> readShorts(String json) {
        if (json == null || json.isEmpty()) {
            return List.of();
        }
        try {
            return Json.MAPPER.readValue(json, SHORTS);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored short circuits are not readable: " + e.getMessage(), e);
        }
    }

    List<CyclingLogInfo> cyclingLogs(String runId) {
        UUID rid = UUID.fromString(queries.require(runId).id());
        return db.read(c -> {
            List<CyclingLogInfo> out = new ArrayList<>();
            try (PreparedStatement ps = Db.prepare(c, "SELECT id, run_id, source, format, start_us, end_us, points, cycles,"
                    + " short_circuits FROM pl_cycling_log WHERE run_id = ? ORDER BY start_us, id", rid);
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(info(rs));
                }
            }
            return out;
        });
    }

    CyclingLog cyclingLog(String logId) {
        UUID id;
        try {
            id = UUID.fromString(logId.trim());
        } catch (RuntimeException x) {
            throw new RunStoreException(RunStoreException.Reason.NOT_FOUND, "no cycling log '" + logId + "'");
        }
        return db.read(c -> {
            String source;
            String format;
            long start;
            int n;
            String meta;
            String shorts;
            try (PreparedStatement ps = Db.prepare(c, "SELECT source, format, start_us, points, metadata, short_circuits"
                    + " FROM pl_cycling_log WHERE id = ?", id); ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new RunStoreException(RunStoreException.Reason.NOT_FOUND, "no cycling log '" + logId + "'");
                }
                source = Db.str(rs, "source");
                format = Db.str(rs, "format");
                start = rs.getLong("start_us");
                n = rs.getInt("points");
                meta = rs.getString("metadata");
                shorts = rs.getString("short_circuits");
            }
            double[] el = new double[n];
            double[] cur = new double[n];
            double[] v = new double[n];
            double[] cap = new double[n];
            int[] cyc = new int[n];
            double[] pressure = new double[n];
            int i = 0;
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = Db.prepare(c, "SELECT elapsed_s, current_a, voltage_v, capacity_ah, cycle,"
                    + " stack_pressure_pa FROM pl_cycling_point WHERE log_id = ? ORDER BY seq", id)) {
                ps.setFetchSize(10_000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next() && i < n) {
                        el[i] = rs.getDouble(1);
                        cur[i] = Db.dbl(rs, 2);
                        v[i] = Db.dbl(rs, 3);
                        cap[i] = Db.dbl(rs, 4);
                        cyc[i] = rs.getInt(5);
                        pressure[i] = Db.dbl(rs, 6);
                        i++;
                    }
                }
            } finally {
                c.commit();
                c.setAutoCommit(auto);
            }
            Map<String, String> metadata;
            try {
                metadata = meta == null ? Map.of() : Json.MAPPER.readValue(meta, STRINGS);
            } catch (java.io.IOException e) {
                metadata = Map.of();
            }
            return new CyclingLog(source, format, Writer.instant(start), el, cur, v, cap, cyc, pressure, readShorts(shorts),
                    metadata);
        });
    }

    private void checkWithin(Run run, Instant t, String what) {
        long u = Writer.micros(t);
        long s = Writer.micros(run.start());
        long e = Writer.micros(run.end() == null ? now.get() : run.end());
        if (u < s - OUTSIDE_RUN_SLACK_US || u > e + OUTSIDE_RUN_SLACK_US) {
            throw new RunStoreException(RunStoreException.Reason.INVALID, what + " " + t + " is outside run " + run.id() + " ("
                    + run.start() + " to " + (run.end() == null ? "now" : run.end()) + ") by more than a minute");
        }
    }
}
