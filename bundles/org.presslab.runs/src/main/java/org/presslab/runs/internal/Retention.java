package org.presslab.runs.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.presslab.runs.api.RunStoreException;
import org.presslab.time.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes raw samples of finished runs older than {@code retention.rawDays} (0: never), once an hour, run by
 * run, on its own thread (never the writer's). The decimated tiers, events, commands, gaps, notes, spectra and
 * cycling logs are kept forever; a run whose raw samples are gone still plots from its tiers.
 */
final class Retention implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
    private static final long PERIOD_MS = 3_600_000;

    private final Db db;
    private final Settings settings;
    private final TimeSource time;
    private final Thread thread;
    private volatile boolean stopping;

    Retention(Db db, Settings settings, TimeSource time) {
        this.db = db;
        this.settings = settings;
        this.time = time;
        this.thread = new Thread(this::loop, "presslab-runs-retention");
        this.thread.setDaemon(true);
    }

    void start() {
        if (settings.rawRetentionDays() > 0) {
            thread.start();
        }
    }

    private void loop() {
        while (!stopping) {
            try {
                Thread.sleep(PERIOD_MS);
                apply();
            } catch (InterruptedException e) {
                return;
            } catch (RunStoreException e) {
                LOG.warn("Run store retention skipped: {}", e.getMessage());
            }
        }
    }

    /** Deletes the raw samples older than the retention of runs that ended before it; returns rows deleted. */
    long apply() {
        long cutoff = Writer.micros(time.now()) - Math.round(settings.rawRetentionDays() * 86_400e6);
        List<UUID> runs = db.read(c -> {
            List<UUID> out = new ArrayList<>();
            try (PreparedStatement ps = Db.prepare(c, "SELECT id FROM pl_run WHERE end_us IS NOT NULL AND end_us < ?", cutoff);
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getObject(1, UUID.class));
                }
            }
            return out;
        });
        long deleted = 0;
        for (UUID run : runs) {
            if (stopping) {
                break;
            }
            deleted += db.write(c -> {
                try (PreparedStatement ps = Db.prepare(c, "DELETE FROM pl_sample WHERE run_id = ? AND t_us < ?", run, cutoff)) {
                    return (long) ps.executeUpdate();
                }
            });
        }
        if (deleted > 0) {
            LOG.info("Run store retention: deleted {} raw samples older than {} days", deleted, settings.rawRetentionDays());
        }
        return deleted;
    }

    @Override
    public void close() {
        stopping = true;
        thread.interrupt();
    }
}
