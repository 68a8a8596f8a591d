package org.presslab.runs.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.presslab.runs.api.SpectrumEntry;
import org.presslab.runs.internal.Rows.BucketRow;
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

/**
 * Writes one batch of rows with JDBC batch statements in the caller's transaction; the caller commits.
 * Rows are grouped by table in an order that keeps each row after what it refers to (a run before its
 * updates, a gap before its end). SQL is plain SQL-92 that H2 and PostgreSQL both run.
 */
final class SqlWriter {

    static final String INSERT_SAMPLE = "INSERT INTO pl_sample (run_id, t_us, mono_ns, pressure_pa, force_n, setpoint_pa, output,"
            + " temperature_k, state, quality, gap) VALUES (?,?,?,?,?,?,?,?,?,?,?)";
    static final String INSERT_BUCKET = "INSERT INTO pl_bucket (station_id, run_id, w, t_us, n, p_min, p_max, p_mean, f_min,"
            + " f_max, f_mean, sp_mean, temp_mean) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)";
    static final String INSERT_EVENT = "INSERT INTO pl_event (station_id, run_id, t_us, mono_ns, type, message, properties)"
            + " VALUES (?,?,?,?,?,?,?)";
    static final String INSERT_COMMAND = "INSERT INTO pl_command (station_id, run_id, t_us, mono_ns, actor, source, command,"
            + " target_pa, rate_pa_s, recipe, reason, accepted, refusal) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)";
    static final String INSERT_GAP = "INSERT INTO pl_gap (id, station_id, run_id, start_us, end_us, cause, lost_rows, message)"
            + " VALUES (?,?,?,?,?,?,?,?)";
    static final String END_GAP = "UPDATE pl_gap SET end_us = ? WHERE id = ? AND end_us IS NULL";
    static final String INSERT_RUN = "INSERT INTO pl_run (id, station_id, instance_id, recipe_name, recipe_json, recipe_sha256,"
            + " recipe_run_id, cell_id, electrolyte, anode, cathode, pellet_diameter_m, pellet_thickness_m, die_id, cell_notes,"
            + " operator, operator_source, device_vendor, device_model, device_serial, driver_id, driver_bundle,"
            + " driver_bundle_version, start_us, end_us, outcome, outcome_message)"
            + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,NULL,'RUNNING','')";
    static final String END_RUN = "UPDATE pl_run SET end_us = ?, outcome = ?, outcome_message = ? WHERE id = ? AND outcome = 'RUNNING'";
    static final String RECIPE_RUN = "UPDATE pl_run SET recipe_name = ?, recipe_json = ?, recipe_sha256 = ?, recipe_run_id = ?"
            + " WHERE id = ?";
    static final String CELL_RUN = "UPDATE pl_run SET cell_id = ?, electrolyte = ?, anode = ?, cathode = ?, pellet_diameter_m = ?,"
            + " pellet_thickness_m = ?, die_id = ?, cell_notes = ? WHERE id = ?";
    static final String INSERT_NOTE = "INSERT INTO pl_note (run_id, t_us, author, note_text) VALUES (?,?,?,?)";
    static final String INSERT_SPECTRUM = "INSERT INTO pl_spectrum (id, run_id, measured_us, source_kind, source,"
            + " stack_pressure_pa, force_n, temperature_k, from_record, points, data, fit, kk) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)";
    static final String SPECTRUM_EXISTS = "SELECT 1 FROM pl_spectrum WHERE id = ?";

    /** A spectrum row as {@link #INSERT_SPECTRUM} takes it; the JSON already written ({@code fit}, {@code kk} may be null). */
    record SpectrumInsert(UUID id, UUID run, long measuredUs, String sourceKind, String source, double p, double f,
            double temp, boolean fromRecord, int points, String data, String fit, String kk) {

        void bind(PreparedStatement ps) throws SQLException {
            ps.setObject(1, id);
            ps.setObject(2, run);
            ps.setLong(3, measuredUs);
            ps.setString(4, sourceKind);
            ps.setString(5, clip(source, 1000));
            dbl(ps, 6, p);
            dbl(ps, 7, f);
            dbl(ps, 8, temp);
            ps.setBoolean(9, fromRecord);
            ps.setInt(10, points);
            ps.setString(11, data);
            ps.setString(12, fit);
            ps.setString(13, kk);
        }

        static SpectrumInsert of(SpectrumRow r) {
            return new SpectrumInsert(r.id(), r.run(), r.tUs(), SpectrumEntry.SourceKind.ANALYZER.name(), r.source(), r.p(),
                    r.f(), r.temp(), false, r.data().f().length, Json.write(r.data()), r.fit() == null ? null : Json.write(r.fit()),
                    r.kk() == null ? null : Json.write(r.kk()));
        }
    }

    private SqlWriter() {
    }

    /** Writes the rows (not committed). Raw samples outside a run are skipped: only their buckets are kept. */
    static void write(Connection c, List<Row> rows) throws SQLException {
        List<RunStartRow> starts = new ArrayList<>();
        List<Row> runUpdates = new ArrayList<>();
        List<SampleRow> samples = new ArrayList<>();
        List<BucketRow> buckets = new ArrayList<>();
        List<EventRow> events = new ArrayList<>();
        List<CommandRow> commands = new ArrayList<>();
        List<GapRow> gaps = new ArrayList<>();
        List<GapEndRow> gapEnds = new ArrayList<>();
        List<NoteRow> notes = new ArrayList<>();
        List<SpectrumRow> spectra = new ArrayList<>();
        for (Row r : rows) {
            if (r instanceof SampleRow s) {
                if (s.run() != null) {
                    samples.add(s);
                }
            } else if (r instanceof BucketRow b) {
                buckets.add(b);
            } else if (r instanceof EventRow e) {
                events.add(e);
            } else if (r instanceof CommandRow x) {
                commands.add(x);
            } else if (r instanceof GapRow g) {
                gaps.add(g);
            } else if (r instanceof GapEndRow g) {
                gapEnds.add(g);
            } else if (r instanceof RunStartRow s) {
                starts.add(s);
            } else if (r instanceof NoteRow n) {
                notes.add(n);
            } else if (r instanceof SpectrumRow x) {
                spectra.add(x);
            } else {
                runUpdates.add(r);
            }
        }
        if (!starts.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(INSERT_RUN)) {
                for (RunStartRow r : starts) {
                    int i = 1;
                    ps.setObject(i++, r.id());
                    ps.setString(i++, r.st());
                    ps.setString(i++, r.instance());
                    ps.setString(i++, r.recipeName());
                    ps.setString(i++, r.recipeJson());
                    ps.setString(i++, r.recipeSha());
                    ps.setString(i++, r.recipeRunId());
                    ps.setString(i++, r.cellId());
                    ps.setString(i++, r.electrolyte());
                    ps.setString(i++, r.anode());
                    ps.setString(i++, r.cathode());
                    dbl(ps, i++, r.diameterM());
                    dbl(ps, i++, r.thicknessM());
                    ps.setString(i++, r.dieId());
                    ps.setString(i++, r.cellNotes());
                    ps.setString(i++, r.operator());
                    ps.setString(i++, r.source());
                    ps.setString(i++, r.vendor());
                    ps.setString(i++, r.model());
                    ps.setString(i++, r.serial());
                    ps.setString(i++, r.driverId());
                    ps.setString(i++, r.driverBundle());
                    ps.setString(i++, r.driverBundleVersion());
                    ps.setLong(i++, r.tUs());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        for (Row r : runUpdates) {
            if (r instanceof RunRecipeRow x) {
                try (PreparedStatement ps = c.prepareStatement(RECIPE_RUN)) {
                    ps.setString(1, x.recipeName());
                    ps.setString(2, x.recipeJson());
                    ps.setString(3, x.recipeSha());
                    ps.setString(4, x.recipeRunId());
                    ps.setObject(5, x.id());
                    ps.executeUpdate();
                }
            } else if (r instanceof RunCellRow x) {
                try (PreparedStatement ps = c.prepareStatement(CELL_RUN)) {
                    ps.setString(1, x.cellId());
                    ps.setString(2, x.electrolyte());
                    ps.setString(3, x.anode());
                    ps.setString(4, x.cathode());
                    dbl(ps, 5, x.diameterM());
                    dbl(ps, 6, x.thicknessM());
                    ps.setString(7, x.dieId());
                    ps.setString(8, x.cellNotes());
                    ps.setObject(9, x.id());
                    ps.executeUpdate();
                }
            }
        }
        if (!samples.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(INSERT_SAMPLE)) {
                for (SampleRow s : samples) {
                    ps.setObject(1, s.run());
                    ps.setLong(2, s.tUs());
                    ps.setLong(3, s.mono());
                    dbl(ps, 4, s.p());
                    dbl(ps, 5, s.f());
                    dbl(ps, 6, s.sp());
                    dbl(ps, 7, s.out());
                    dbl(ps, 8, s.temp());
                    ps.setString(9, s.state());
                    ps.setString(10, s.q());
                    ps.setBoolean(11, s.gap());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!buckets.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(INSERT_BUCKET)) {
                for (BucketRow b : buckets) {
                    ps.setString(1, b.st());
                    uuid(ps, 2, b.run());
                    ps.setInt(3, b.w());
                    ps.setLong(4, b.tUs());
                    ps.setInt(5, b.n());
                    dbl(ps, 6, b.pMin());
                    dbl(ps, 7, b.pMax());
                    dbl(ps, 8, b.pMean());
                    dbl(ps, 9, b.fMin());
                    dbl(ps, 10, b.fMax());
                    dbl(ps, 11, b.fMean());
                    dbl(ps, 12, b.spMean());
                    dbl(ps, 13, b.tempMean());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!events.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(INSERT_EVENT)) {
                for (EventRow e : events) {
                    ps.setString(1, e.st());
                    uuid(ps, 2, e.run());
                    ps.setLong(3, e.tUs());
                    ps.setLong(4, e.mono());
                    ps.setString(5, e.type());
                    ps.setString(6, clip(e.msg(), 4000));
                    ps.setString(7, e.props());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!commands.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(INSERT_COMMAND)) {
                for (CommandRow x : commands) {
                    ps.setString(1, x.st());
                    uuid(ps, 2, x.run());
                    ps.setLong(3, x.tUs());
                    ps.setLong(4, x.mono());
                    ps.setString(5, clip(x.actor(), 200));
                    ps.setString(6, clip(x.source(), 20));
                    ps.setString(7, clip(x.command(), 30));
                    dbl(ps, 8, x.targetPa());
                    dbl(ps, 9, x.rate());
                    ps.setString(10, clip(x.recipe(), 200));
                    ps.setString(11, clip(x.reason(), 4000));
                    ps.setBoolean(12, x.accepted());
                    ps.setString(13, clip(x.refusal(), 4000));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!gaps.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(INSERT_GAP)) {
                for (GapRow g : gaps) {
                    ps.setObject(1, g.id());
                    ps.setString(2, g.st());
                    uuid(ps, 3, g.run());
                    ps.setLong(4, g.tUs());
                    if (g.endUs() == null) {
                        ps.setNull(5, Types.BIGINT);
                    } else {
                        ps.setLong(5, g.endUs());
                    }
                    ps.setString(6, g.cause());
                    ps.setLong(7, g.lost());
                    ps.setString(8, clip(g.msg(), 4000));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!gapEnds.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(END_GAP)) {
                for (GapEndRow g : gapEnds) {
                    ps.setLong(1, g.tUs());
                    ps.setObject(2, g.id());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        for (Row r : runUpdates) {
            if (r instanceof RunEndRow x) {
                try (PreparedStatement ps = c.prepareStatement(END_RUN)) {
                    ps.setLong(1, x.tUs());
                    ps.setString(2, x.outcome());
                    ps.setString(3, clip(x.msg(), 4000));
                    ps.setObject(4, x.id());
                    ps.executeUpdate();
                }
            }
        }
        if (!notes.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(INSERT_NOTE)) {
                for (NoteRow n : notes) {
                    ps.setObject(1, n.run());
                    ps.setLong(2, n.tUs());
                    ps.setString(3, clip(n.author(), 200));
                    ps.setString(4, clip(n.text(), 10000));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!spectra.isEmpty()) {
            writeSpectra(c, spectra);
        }
    }

    /**
     * Inserts the station-measured spectra that are not in the table yet: a batch written again (its commit failed
     * after the database had it, then it came back from the spool) leaves each spectrum once.
     */
    private static void writeSpectra(Connection c, List<SpectrumRow> spectra) throws SQLException {
        int n = 0;
        try (PreparedStatement exists = c.prepareStatement(SPECTRUM_EXISTS); PreparedStatement ps = c.prepareStatement(INSERT_SPECTRUM)) {
            for (SpectrumRow r : spectra) {
                exists.setObject(1, r.id());
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        continue;
                    }
                }
                SpectrumInsert.of(r).bind(ps);
                ps.addBatch();
                n++;
            }
            if (n > 0) {
                ps.executeBatch();
            }
        }
    }

    static void dbl(PreparedStatement ps, int i, double v) throws SQLException {
        if (Double.isFinite(v)) {
            ps.setDouble(i, v);
        } else {
            ps.setNull(i, Types.DOUBLE);
        }
    }

    static void uuid(PreparedStatement ps, int i, UUID u) throws SQLException {
        if (u == null) {
            ps.setNull(i, Types.OTHER);
        } else {
            ps.setObject(i, u);
        }
    }

    static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
