package org.presslab.runs.imports.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.h2.jdbcx.JdbcDataSource;
import org.presslab.control.api.StationEvent;
import org.presslab.control.api.StationEventType;
import org.presslab.control.api.StationSample;
import org.presslab.control.api.StationState;
import org.presslab.press.api.Quality;
import org.presslab.runs.RunStores;
import org.presslab.runs.api.StoreHealth;
import org.presslab.time.TimeSources;
import org.presslab.time.VirtualTimeSource;

/**
 * The real run store ({@code org.presslab.runs}, opened through its exported factory {@link RunStores}, the code its
 * DS component runs) on an embedded H2 file database, on a virtual clock the test moves. It is fed the way a station
 * feeds it: {@link StationSample}s and {@link StationEvent}s through its listener methods, stamped with the clock's
 * time; runs are started and stopped through its {@code RunService}.
 *
 * <p>The database can be taken down for real: {@code SHUTDOWN} and its file moved away, so that no connection can
 * open it again (the store's DataSource insists on an existing database, {@code IFEXISTS=TRUE}), and brought back by
 * moving the file back.
 */
final class RunStoreFixture implements AutoCloseable {

    /** A 10 mm cell: force = pressure × area. */
    static final double AREA_M2 = 7.85e-5;
    static final double TEMPERATURE_K = 298.15;

    private static final Duration READY = Duration.ofSeconds(60);
    private static final Duration FLUSH = Duration.ofSeconds(60);

    final RunStores.Store store;
    final VirtualTimeSource clock;
    private final String url;
    private final Path file;
    private final Path away;

    /** Opens the store on a new database in {@code dir}, its clock at {@code clockStart}, and waits until it is ready. */
    RunStoreFixture(Path dir, Instant clockStart) throws SQLException, InterruptedException {
        clock = TimeSources.virtual(clockStart);
        file = dir.resolve("runs.mv.db");
        away = dir.resolve("runs.mv.db.away");
        // The distribution's URL options (WRITE_DELAY=0: each commit is written when it commits); no pool here, so
        // DB_CLOSE_DELAY=-1 keeps the database open between connections until SHUTDOWN.
        url = "jdbc:h2:file:" + dir.resolve("runs").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE;DB_CLOSE_DELAY=-1;WRITE_DELAY=0";
        dataSource(url).getConnection().close(); // creates the (empty) database
        store = RunStores.builder(dataSource(url + ";IFEXISTS=TRUE")).instanceId("imports-test").spoolDir(dir.resolve("spool"))
                .time(clock).open();
        // The store migrates its schema on its writer thread; until then reads fail.
        awaitHealth(StoreHealth.State.OK);
    }

    private static JdbcDataSource dataSource(String url) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        ds.setUser("sa");
        ds.setPassword("");
        return ds;
    }

    private void awaitHealth(StoreHealth.State state) throws InterruptedException {
        long deadline = System.nanoTime() + READY.toNanos();
        while (store.health().state() != state && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(state, store.health().state(), () -> "the run store within " + READY + ": " + store.health());
    }

    /** Moves the clock forward to {@code t}. */
    void at(Instant t) {
        clock.advance(Duration.between(clock.now(), t));
    }

    /** A loop sample now: {@code pressurePa} on the cell, holding, good reading. */
    void sample(String station, double pressurePa) {
        store.onSample(new StationSample(station, clock.nanoTime(), clock.now(), pressurePa, pressurePa * AREA_M2, 15e6, 0,
                TEMPERATURE_K, StationState.HOLDING, Quality.GOOD, false));
    }

    /** A loop sample now while the station has no driver: no values, marked as a gap. */
    void gapSample(String station) {
        store.onSample(new StationSample(station, clock.nanoTime(), clock.now(), Double.NaN, Double.NaN, 15e6, Double.NaN,
                Double.NaN, StationState.NO_DRIVER, Quality.STALE, true));
    }

    /** The events the control core sends when the station's driver goes away, now. */
    void driverLost(String station, String driver) {
        event(station, clock.now(), StationEventType.DRIVER_LOST, "driver '" + driver + "' went away (test)",
                Map.of("driver", driver));
        event(station, clock.now(), StationEventType.GAP_STARTED, "no driver: samples are marked as a gap",
                Map.of("driver", driver));
    }

    /** The events the control core sends when a driver is bound again after a loss, now. */
    void driverBound(String station, String driver) {
        Map<String, Object> p = Map.of("driver", driver, "ratingMPa", 100.0, "device", "Presslab|Simulated press|SIM-1");
        event(station, clock.now(), StationEventType.GAP_ENDED, "driver '" + driver + "' bound: recording resumes", p);
        event(station, clock.now(), StationEventType.DRIVER_BOUND, "driver '" + driver + "' bound", p);
    }

    /** A station event at {@code time} (a station's events carry their own time). */
    void event(String station, Instant time, StationEventType type, String message, Map<String, Object> properties) {
        store.onEvent(new StationEvent(station, time, type, message, properties));
    }

    /** Waits until everything fed so far is committed; fails if the store lost anything. */
    void flush() {
        assertTrue(store.flush(FLUSH), () -> "the store committed what it was fed within " + FLUSH + ": " + store.health());
        assertEquals(0, store.health().lostRows(), () -> "rows lost: " + store.health());
    }

    /** Shuts the database down and moves its file away: no connection can open it until {@link #databaseUp()}. */
    void databaseDown() throws Exception {
        try (Connection c = dataSource(url + ";IFEXISTS=TRUE").getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        }
        Files.move(file, away);
    }

    /** Puts the database file back: the next connection opens it again. */
    void databaseUp() throws Exception {
        Files.move(away, file);
    }

    /** Closes the store (open runs end as INTERRUPTED) and then the database. */
    @Override
    public void close() throws Exception {
        try {
            store.close();
        } finally {
            if (Files.exists(file)) {
                try (Connection c = dataSource(url + ";IFEXISTS=TRUE").getConnection(); Statement s = c.createStatement()) {
                    s.execute("SHUTDOWN");
                }
            }
        }
    }
}
