package org.presslab.runs.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import org.presslab.runs.api.CellInfo;
import org.presslab.runs.api.CommandRecord;
import org.presslab.runs.api.DeviceIdentity;
import org.presslab.runs.api.Gap;
import org.presslab.runs.api.Note;
import org.presslab.runs.api.RecordedSample;
import org.presslab.runs.api.Run;
import org.presslab.runs.api.RunEvent;
import org.presslab.runs.api.RunFilter;
import org.presslab.runs.api.RunOutcome;
import org.presslab.runs.api.RunStoreException;
import org.presslab.runs.api.SampleBucket;
import org.presslab.runs.api.SampleSeries;

/**
 * The read side: runs, samples decimated to N points, events, commands, gaps and notes. Long windows are
 * answered from the decimated tiers (60 s buckets when each asked-for point spans a minute or more, 1 s
 * buckets when it spans a second or more), short ones from the raw samples, aggregated in SQL when there
 * are more than asked for.
 */
final class Queries {

    static final String RUN_COLUMNS = "id, station_id, instance_id, recipe_name, recipe_json, recipe_sha256, recipe_run_id,"
            + " cell_id, electrolyte, anode, cathode, pellet_diameter_m, pellet_thickness_m, die_id, cell_notes, operator,"
            + " operator_source, device_vendor, device_model, device_serial, driver_id, driver_bundle, driver_bundle_version,"
            + " start_us, end_us, outcome, outcome_message";
    static final int MAX_POINTS = 100_000;

    private final Db db;
    private final Recorder recorder;
    private final java.util.function.Supplier<Instant> now;

    Queries(Db db, Recorder recorder, java.util.function.Supplier<Instant> now) {
        this.db = db;
        this.recorder = recorder;
        this.now = now;
    }

    static Run run(ResultSet rs) throws SQLException {
        long end = rs.getLong("end_us");
        boolean noEnd = rs.wasNull();
        return new Run(rs.getObject("id", UUID.class).toString(), rs.getString("station_id"), rs.getString("instance_id"),
                Db.str(rs, "recipe_name"), Db.str(rs, "recipe_json"), Db.str(rs, "recipe_sha256"), Db.str(rs, "recipe_run_id"),
                new CellInfo(Db.str(rs, "cell_id"), Db.str(rs, "electrolyte"), Db.str(rs, "anode"), Db.str(rs, "cathode"),
                        Db.dbl(rs, "pellet_diameter_m"), Db.dbl(rs, "pellet_thickness_m"), Db.str(rs, "die_id"),
                        Db.str(rs, "cell_notes")),
                Db.str(rs, "operator"), Db.str(rs, "operator_source"),
                new DeviceIdentity(Db.str(rs, "device_vendor"), Db.str(rs, "device_model"), Db.str(rs, "device_serial"),
                        Db.str(rs, "driver_id"), Db.str(rs, "driver_bundle"), Db.str(rs, "driver_bundle_version")),
                Writer.instant(rs.getLong("start_us")), noEnd ? null : Writer.instant(end),
                RunOutcome.valueOf(rs.getString("outcome")), Db.str(rs, "outcome_message"));
    }

    /** A run: the open one from memory (works while the database is down), else from the database. */
    Optional<Run> get(String runId) {
        UUID id;
        try {
            id = UUID.fromString(runId.trim());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        Optional<Run> open = recorder.open(id);
        if (open.isPresent()) {
            return open;
        }
        return db.read(c -> {
            try (PreparedStatement ps = Db.prepare(c, "SELECT " + RUN_COLUMNS + " FROM pl_run WHERE id = ?", id);
                    ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(run(rs)) : Optional.empty();
            }
        });
    }

    Run require(String runId) {
        return get(runId).orElseThrow(() -> new RunStoreException(RunStoreException.Reason.NOT_FOUND, "no run '" + runId + "'"));
    }

    List<Run> list(RunFilter f) {
        StringBuilder sql = new StringBuilder("SELECT " + RUN_COLUMNS + " FROM pl_run WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (f.stationId() != null && !f.stationId().isBlank()) {
            sql.append(" AND station_id = ?");
            args.add(f.stationId());
        }
        if (f.since() != null) {
            sql.append(" AND (end_us IS NULL OR end_us >= ?)");
            args.add(Writer.micros(f.since()));
        }
        if (f.until() != null) {
            sql.append(" AND start_us <= ?");
            args.add(Writer.micros(f.until()));
        }
        if (!f.outcomes().isEmpty()) {
            sql.append(" AND outcome IN (");
            String sep = "";
            for (RunOutcome o : f.outcomes()) {
                sql.append(sep).append('?');
                args.add(o.name());
                sep = ", ";
            }
            sql.append(')');
        }
        if (f.cellId() != null && !f.cellId().isBlank()) {
            sql.append(" AND cell_id = ?");
            args.add(f.cellId());
        }
        int limit = f.limit() == 0 ? 100 : f.limit();
        sql.append(" ORDER BY start_us DESC, id DESC");
        return db.read(c -> {
            List<Run> out = new ArrayList<>();
            try (PreparedStatement ps = Db.prepare(c, sql.toString(), args.toArray())) {
                ps.setMaxRows(limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next() && out.size() < limit) {
                        out.add(run(rs));
                    }
                }
            }
            return out;
        });
    }

    private record Window(UUID run, long fromUs, long toUs) {
    }

    private Window window(String runId, Instant from, Instant to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw new RunStoreException(RunStoreException.Reason.INVALID, "from " + from + " is after to " + to);
        }
        Run r = require(runId);
        long start = Writer.micros(r.start());
        long end = Writer.micros(r.end() == null ? now.get() : r.end());
        long f = from == null ? start : Math.max(start, Writer.micros(from));
        long t = to == null ? end : Math.min(end, Writer.micros(to));
        return new Window(UUID.fromString(r.id()), f, Math.max(f, t));
    }

    SampleSeries samples(String runId, Instant from, Instant to, int maxPoints) {
        if (maxPoints < 1 || maxPoints > MAX_POINTS) {
            throw new RunStoreException(RunStoreException.Reason.INVALID, "maxPoints must be 1.." + MAX_POINTS + ", was " + maxPoints);
        }
        Window w = window(runId, from, to);
        long span = w.toUs() - w.fromUs() + 1;
        long widthUs = Math.max(1, (span + maxPoints - 1) / maxPoints);
        return db.read(c -> {
            if (widthUs >= 60_000_000L || widthUs >= 1_000_000L) {
                int tier = widthUs >= 60_000_000L ? 60 : 1;
                long tierUs = tier * 1_000_000L;
                // Whole tier buckets only: each output bucket is a multiple of the tier width, aligned to it.
                long width = (widthUs + tierUs - 1) / tierUs * tierUs;
                long origin = Math.floorDiv(w.fromUs(), tierUs) * tierUs;
                List<SampleBucket> b = aggregate(c, "pl_bucket", "run_id = ? AND w = ?", new Object[] {w.run(), tier},
                        origin, w.toUs() + 1, width, true);
                long count = b.stream().mapToLong(SampleBucket::count).sum();
                return new SampleSeries(runId, Writer.instant(w.fromUs()), Writer.instant(w.toUs()), count, false, tier + "s", b);
            }
            long count;
            try (PreparedStatement ps = Db.prepare(c,
                    "SELECT COUNT(*) FROM pl_sample WHERE run_id = ? AND t_us >= ? AND t_us <= ? AND gap = FALSE", w.run(),
                    w.fromUs(), w.toUs()); ResultSet rs = ps.executeQuery()) {
                rs.next();
                count = rs.getLong(1);
            }
            if (count <= maxPoints) {
                List<SampleBucket> raw = new ArrayList<>();
                forEach(c, w, s -> {
                    if (!s.gap()) {
                        raw.add(new SampleBucket(s.time(), s.time(), 1, s.pressurePa(), s.pressurePa(), s.pressurePa(),
                                s.forceN(), s.forceN(), s.forceN(), s.setpointPa(), s.temperatureK()));
                    }
                });
                return new SampleSeries(runId, Writer.instant(w.fromUs()), Writer.instant(w.toUs()), count, true, "raw", raw);
            }
            List<SampleBucket> b = aggregate(c, "pl_sample", "run_id = ? AND gap = FALSE", new Object[] {w.run()}, w.fromUs(),
                    w.toUs() + 1, widthUs, false);
            return new SampleSeries(runId, Writer.instant(w.fromUs()), Writer.instant(w.toUs()), count, false, "raw", b);
        });
    }

    /**
     * Buckets of {@code widthUs} from {@code originUs}: from the tier table (count-weighted means) or the raw table.
     * A subquery names the bucket index, so H2 and PostgreSQL group by the same column.
     */
    private static List<SampleBucket> aggregate(Connection c, String table, String where, Object[] whereArgs, long originUs,
            long endUs, long widthUs, boolean tier) throws SQLException {
        String inner = tier
                ? "SELECT (t_us - ?) / ? AS b, t_us, n, p_min, p_max, p_mean, f_min, f_max, f_mean, sp_mean, temp_mean FROM pl_bucket"
                : "SELECT (t_us - ?) / ? AS b, t_us, 1 AS n, pressure_pa AS p_min, pressure_pa AS p_max, pressure_pa AS p_mean,"
                        + " force_n AS f_min, force_n AS f_max, force_n AS f_mean, setpoint_pa AS sp_mean,"
                        + " temperature_k AS temp_mean FROM pl_sample";
        String sql = "SELECT b, SUM(n), MIN(p_min), MAX(p_max),"
                + " SUM(p_mean * n) / NULLIF(SUM(CASE WHEN p_mean IS NULL THEN 0 ELSE n END), 0),"
                + " MIN(f_min), MAX(f_max), SUM(f_mean * n) / NULLIF(SUM(CASE WHEN f_mean IS NULL THEN 0 ELSE n END), 0),"
                + " SUM(sp_mean * n) / NULLIF(SUM(CASE WHEN sp_mean IS NULL THEN 0 ELSE n END), 0),"
                + " SUM(temp_mean * n) / NULLIF(SUM(CASE WHEN temp_mean IS NULL THEN 0 ELSE n END), 0)"
                + " FROM (" + inner + " WHERE " + where + " AND t_us >= ? AND t_us < ?) x GROUP BY b ORDER BY b";
        Object[] args = new Object[whereArgs.length + 4];
        args[0] = originUs;
        args[1] = widthUs;
        System.arraycopy(whereArgs, 0, args, 2, whereArgs.length);
        args[whereArgs.length + 2] = originUs;
        args[whereArgs.length + 3] = endUs;
        List<SampleBucket> out = new ArrayList<>();
        try (PreparedStatement ps = Db.prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long b = rs.getLong(1);
                long start = originUs + b * widthUs;
                out.add(new SampleBucket(Writer.instant(start), Writer.instant(start + widthUs), rs.getLong(2), Db.dbl(rs, 3),
                        Db.dbl(rs, 4), Db.dbl(rs, 5), Db.dbl(rs, 6), Db.dbl(rs, 7), Db.dbl(rs, 8), Db.dbl(rs, 9),
                        Db.dbl(rs, 10)));
            }
        }
        return out;
    }

    static final String SAMPLE_COLUMNS = "t_us, mono_ns, pressure_pa, force_n, setpoint_pa, output, temperature_k, state,"
            + " quality, gap";

    static RecordedSample sample(ResultSet rs) throws SQLException {
        return new RecordedSample(Writer.instant(rs.getLong(1)), rs.getLong(2), Db.dbl(rs, 3), Db.dbl(rs, 4), Db.dbl(rs, 5),
                Db.dbl(rs, 6), Db.dbl(rs, 7), rs.getString(8), rs.getString(9), rs.getBoolean(10));
    }

    private static void forEach(Connection c, Window w, Consumer<RecordedSample> sink) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
        try (PreparedStatement ps = Db.prepare(c, "SELECT " + SAMPLE_COLUMNS
                + " FROM pl_sample WHERE run_id = ? AND t_us >= ? AND t_us <= ? ORDER BY t_us", w.run(), w.fromUs(), w.toUs())) {
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(sample(rs));
                }
            }
        } finally {
            c.commit();
            c.setAutoCommit(auto);
        }
    }

    void forEachSample(String runId, Instant from, Instant to, Consumer<RecordedSample> sink) {
        Window w = window(runId, from, to);
        db.read(c -> {
            forEach(c, w, sink);
            return null;
        });
    }

    long sampleCount(String runId) {
        UUID id = UUID.fromString(require(runId).id());
        return db.read(c -> {
            try (PreparedStatement ps = Db.prepare(c, "SELECT COUNT(*) FROM pl_sample WHERE run_id = ?", id);
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    Optional<RecordedSample> sampleAt(String stationId, Instant time, Duration tolerance) {
        long t = Writer.micros(time);
        long tol = Math.max(0, tolerance.toNanos() / 1000);
        return db.read(c -> {
            try (PreparedStatement ps = Db.prepare(c, "SELECT " + SAMPLE_COLUMNS + " FROM pl_sample WHERE run_id IN"
                    + " (SELECT id FROM pl_run WHERE station_id = ? AND start_us <= ? AND (end_us IS NULL OR end_us >= ?))"
                    + " AND t_us >= ? AND t_us <= ? AND gap = FALSE ORDER BY ABS(t_us - ?), t_us", stationId, t + tol, t - tol,
                    t - tol, t + tol, t)) {
                ps.setMaxRows(1);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return Optional.of(sample(rs));
                    }
                }
            }
            try (PreparedStatement ps = Db.prepare(c, "SELECT t_us, p_mean, f_mean, sp_mean, temp_mean FROM pl_bucket"
                    + " WHERE station_id = ? AND w = 1 AND t_us >= ? AND t_us <= ? ORDER BY ABS(t_us + 500000 - ?), t_us",
                    stationId, t - tol - 1_000_000, t + tol, t)) {
                ps.setMaxRows(1);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return Optional.of(new RecordedSample(Writer.instant(rs.getLong(1) + 500_000), 0, Db.dbl(rs, 2),
                                Db.dbl(rs, 3), Db.dbl(rs, 4), Double.NaN, Db.dbl(rs, 5), "", "MEAN_1S", false));
                    }
                }
            }
            return Optional.empty();
        });
    }

    private static RunEvent event(ResultSet rs) throws SQLException {
        return new RunEvent(Writer.instant(rs.getLong(1)), rs.getLong(2), rs.getString(3), Db.str(rs, "message"),
                Json.readMap(rs.getString(5)));
    }

    List<RunEvent> events(String runId, Instant from, Instant to, int limit) {
        Window w = window(runId, from, to);
        return db.read(c -> {
            List<RunEvent> out = new ArrayList<>();
            try (PreparedStatement ps = Db.prepare(c, "SELECT t_us, mono_ns, type, message, properties FROM pl_event"
                    + " WHERE run_id = ? AND t_us >= ? AND t_us <= ? ORDER BY t_us, id", w.run(), w.fromUs(),
                    from == null && to == null ? Long.MAX_VALUE : w.toUs())) {
                if (limit > 0) {
                    ps.setMaxRows(limit);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(event(rs));
                    }
                }
            }
            return out;
        });
    }

    List<RunEvent> lastEvents(String runId, int n) {
        UUID id = UUID.fromString(require(runId).id());
        return db.read(c -> {
            List<RunEvent> out = new ArrayList<>();
            try (PreparedStatement ps = Db.prepare(c, "SELECT t_us, mono_ns, type, message, properties FROM pl_event"
                    + " WHERE run_id = ? ORDER BY t_us DESC, id DESC", id)) {
                ps.setMaxRows(Math.max(1, n));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(event(rs));
                    }
                }
            }
            Collections.reverse(out);
            return out;
        });
    }

    List<CommandRecord> commands(String runId) {
        UUID id = UUID.fromString(require(runId).id());
        return db.read(c -> {
            List<CommandRecord> out = new ArrayList<>();
            try (PreparedStatement ps = Db.prepare(c, "SELECT t_us, mono_ns, actor, source, command, target_pa, rate_pa_s,"
                    + " recipe, reason, accepted, refusal FROM pl_command WHERE run_id = ? ORDER BY t_us, id", id);
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new CommandRecord(Writer.instant(rs.getLong(1)), rs.getLong(2), Db.str(rs, "actor"),
                            Db.str(rs, "source"), rs.getString(5), Db.dbl(rs, 6), Db.dbl(rs, 7), Db.str(rs, "recipe"),
                            Db.str(rs, "reason"), rs.getBoolean(10), Db.str(rs, "refusal")));
                }
            }
            return out;
        });
    }

    List<Gap> gaps(String runId) {
        UUID id = UUID.fromString(require(runId).id());
        return db.read(c -> {
            List<Gap> out = new ArrayList<>();
            try (PreparedStatement ps = Db.prepare(c, "SELECT station_id, start_us, end_us, cause, lost_rows, message FROM pl_gap"
                    + " WHERE run_id = ? ORDER BY start_us", id); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long end = rs.getLong(3);
                    boolean open = rs.wasNull();
                    out.add(new Gap(rs.getString(1), Writer.instant(rs.getLong(2)), open ? null : Writer.instant(end),
                            Gap.Cause.valueOf(rs.getString(4)), rs.getLong(5), Db.str(rs, "message")));
                }
            }
            return out;
        });
    }

    List<Note> notes(String runId) {
        UUID id = UUID.fromString(require(runId).id());
        return db.read(c -> {
            List<Note> out = new ArrayList<>();
            try (PreparedStatement ps = Db.prepare(c, "SELECT t_us, author, note_text FROM pl_note WHERE run_id = ?"
                    + " ORDER BY t_us, id", id); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Note(Writer.instant(rs.getLong(1)), Db.str(rs, "author"), Db.str(rs, "note_text")));
                }
            }
            return out;
        });
    }
}
