package org.presslab.runs.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.presslab.runs.api.Gap;
import org.presslab.runs.api.RunOutcome;
import org.presslab.runs.internal.Rows.EventRow;
import org.presslab.runs.internal.Rows.GapRow;
import org.presslab.runs.internal.Rows.Row;
import org.presslab.time.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crash recovery at start: this instance's runs still RUNNING from before this process (a crash, a power
 * cut, kill -9) are closed as INTERRUPTED at their last recorded sample, with a gap from there to now and
 * a RUN_INTERRUPTED event; each is logged at WARN. Runs of other instances sharing the database are left
 * alone: only their own instance knows whether they still run.
 */
final class Recovery {

    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    private final String instanceId;
    private final TimeSource time;

    Recovery(String instanceId, TimeSource time) {
        this.instanceId = instanceId;
        this.time = time;
    }

    /** Closes the interrupted runs in the caller's transaction (not committed); returns their ids. */
    List<UUID> recover(Connection c, long processStartUs, Collection<UUID> openHere) throws SQLException {
        record Open(UUID id, String station, long startUs) {
        }
        List<Open> open = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, station_id, start_us FROM pl_run WHERE outcome = 'RUNNING' AND instance_id = ? AND start_us < ?")) {
            ps.setString(1, instanceId);
            ps.setLong(2, processStartUs);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject(1, UUID.class);
                    if (!openHere.contains(id)) {
                        open.add(new Open(id, rs.getString(2), rs.getLong(3)));
                    }
                }
            }
        }
        List<UUID> done = new ArrayList<>();
        long nowUs = Writer.micros(time.now());
        for (Open o : open) {
            long last = lastRecorded(c, o.id());
            boolean none = last == Long.MIN_VALUE;
            long end = none ? o.startUs() : last;
            String msg = "Presslab stopped while the run was recording (crash, power cut or kill); closed at its last "
                    + (none ? "record (no sample was recorded)" : "sample") + " " + Writer.instant(end);
            try (PreparedStatement ps = c.prepareStatement(SqlWriter.END_RUN)) {
                ps.setLong(1, end);
                ps.setString(2, RunOutcome.INTERRUPTED.name());
                ps.setString(3, msg);
                ps.setObject(4, o.id());
                ps.executeUpdate();
            }
            List<Row> rows = List.of(
                    new GapRow(RunIds.next(), o.station(), o.id(), end, nowUs, Gap.Cause.INTERRUPTED.name(), -1,
                            "no record from the last sample to the restart of the run store"),
                    new EventRow(o.station(), o.id(), nowUs, time.nanoTime(), "RUN_INTERRUPTED",
                            "run " + o.id() + " was interrupted; " + msg, Json.properties(java.util.Map.of("lastSample",
                                    none ? "" : Writer.instant(last).toString()))));
            SqlWriter.write(c, rows);
            LOG.warn("Run {} on station {} was interrupted at {}; last sample {}; marked INTERRUPTED", o.id(), o.station(),
                    Writer.instant(end), none ? "none" : Writer.instant(last).toString());
            done.add(o.id());
        }
        return done;
    }

    private static long lastRecorded(Connection c, UUID run) throws SQLException {
        long last = Long.MIN_VALUE;
        for (String sql : new String[] {"SELECT MAX(t_us) FROM pl_sample WHERE run_id = ?",
                "SELECT MAX(t_us) FROM pl_bucket WHERE run_id = ? AND w = 1"}) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, run);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        long v = rs.getLong(1);
                        if (!rs.wasNull()) {
                            last = Math.max(last, v);
                        }
                    }
                }
            }
            if (last != Long.MIN_VALUE) {
                break;
            }
        }
        return last;
    }
}
