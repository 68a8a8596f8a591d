package org.presslab.runs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.presslab.control.api.StationSample;
import org.presslab.control.api.StationState;
import org.presslab.press.api.Quality;
import org.presslab.runs.api.CellInfo;
import org.presslab.runs.api.Gap;
import org.presslab.runs.api.Run;
import org.presslab.runs.api.RunEvent;
import org.presslab.runs.api.StoreHealth;

/**
 * The store's faults, for real: the database server stopped mid-run (H2 over TCP, PostgreSQL with pg_ctl),
 * a spool that cannot be written, a database too slow for the sample rate. Samples come from a thread at
 * 100 Hz in real time where the fault is about time.
 */
class FaultTest {

    @TempDir
    Path tmp;

    private StoppableDb server(TestDb db) throws Exception {
        if (db == TestDb.H2) {
            return StoppableDb.h2(tmp);
        }
        Postgres pg = Postgres.get().orElse(null);
        Assumptions.assumeTrue(pg != null, () -> "PostgreSQL test skipped: " + Postgres.skipReason());
        Assumptions.assumeTrue(pg.canRestart(), "PostgreSQL fault test skipped: PRESSLAB_PG_CTL is not set, so the test"
                + " cannot stop and restart the server");
        return StoppableDb.of(db.open(tmp, "fault"), pg::stopServer, pg::startServer);
    }

    /** Samples for one station at 100 Hz in real time, on its own thread, until stopped. */
    private static final class Feeder implements AutoCloseable {
        final AtomicLong fed = new AtomicLong();
        final AtomicBoolean running = new AtomicBoolean(true);
        final Thread thread;

        Feeder(RunStore to, String station) {
            thread = new Thread(() -> {
                long mono = System.nanoTime();
                while (running.get()) {
                    to.onSample(new StationSample(station, mono, Instant.now().truncatedTo(ChronoUnit.MICROS), 15e6, 1178, 15e6,
                            0.5, 298, StationState.HOLDING, Quality.GOOD, false));
                    fed.incrementAndGet();
                    mono += 10_000_000;
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "feeder-" + station);
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }

    private static void flush(RunStore s) throws Exception {
        s.writer().flush(5_000).get(30, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @EnumSource(TestDb.class)
    void theDatabaseGoesDownMidRunAndNothingIsLost(TestDb db) throws Exception {
        try (StoppableDb server = server(db); RunStore store = StoreFixture.store(server.ds(), tmp.resolve("spool"))) {
            assertTrue(StoreFixture.await(Duration.ofSeconds(60), () -> store.health().state() == StoreHealth.State.OK));
            Run run = store.start("cell1", CellInfo.of("down-1"), "frank", "SHELL");
            Feeder feeder = new Feeder(store, "cell1");
            Thread.sleep(1_000);
            server.stop();
            assertTrue(StoreFixture.await(Duration.ofSeconds(30), () -> store.health().state() == StoreHealth.State.SPOOLING),
                    "the store noticed: " + store.health());
            assertTrue(store.health().cause().contains("database"), store.health().cause());
            Thread.sleep(1_500); // the hold goes on: samples keep coming and are spooled
            long spooled = store.health().spooledRows();
            assertTrue(spooled > 20, "rows spooled while down: " + spooled);
            server.start();
            assertTrue(StoreFixture.await(Duration.ofSeconds(90), () -> store.health().state() == StoreHealth.State.OK),
                    "backfilled: " + store.health());
            Thread.sleep(500);
            feeder.close();
            store.stop(run.id(), "frank", "");
            flush(store);
            assertEquals(feeder.fed.get(), store.sampleCount(run.id()), "every sample, spooled ones included");
            assertEquals(0, store.health().lostRows());
            assertTrue(store.gaps(run.id()).isEmpty(), "nothing lost, so no gap: " + store.gaps(run.id()));
            List<String> types = store.events(run.id(), null, null, 0).stream().map(RunEvent::type).toList();
            assertTrue(types.contains("STORE_ALARM") && types.contains("STORE_RECOVERED"), types.toString());
            try (var files = Files.list(tmp.resolve("spool"))) {
                assertEquals(0, files.count(), "the spool is emptied once backfilled");
            }
        }
    }

    @Test
    void aSpoolThatCannotBeWrittenLosesRowsAsARecordedGap() throws Exception {
        // No tmpfs without root: the spool "directory" is a regular file, so every spool write fails (as on a full disk).
        Path notADir = Files.writeString(tmp.resolve("spool-is-a-file"), "x");
        try (StoppableDb server = server(TestDb.H2); RunStore store = StoreFixture.store(server.ds(), notADir)) {
            assertTrue(StoreFixture.await(Duration.ofSeconds(60), () -> store.health().state() == StoreHealth.State.OK));
            Run run = store.start("cell1", CellInfo.of("full-1"), "gina", "SHELL");
            Feeder feeder = new Feeder(store, "cell1");
            Thread.sleep(500);
            server.stop();
            assertTrue(StoreFixture.await(Duration.ofSeconds(30), () -> store.health().state() == StoreHealth.State.DOWN),
                    "rows are being lost: " + store.health());
            assertTrue(store.health().cause().contains("spool failed"), store.health().cause());
            Thread.sleep(1_000);
            server.start();
            assertTrue(StoreFixture.await(Duration.ofSeconds(90), () -> store.health().state() == StoreHealth.State.OK));
            Thread.sleep(300);
            feeder.close();
            store.stop(run.id(), "gina", "");
            assertTrue(StoreFixture.await(Duration.ofSeconds(30), () -> !store.gaps(run.id()).isEmpty()));
            flush(store);
            Gap g = store.gaps(run.id()).get(0);
            assertEquals(Gap.Cause.SPOOL_FAILED, g.cause());
            long stored = store.sampleCount(run.id());
            assertTrue(g.lostRows() > 20, "lost while down: " + g.lostRows());
            assertEquals(feeder.fed.get(), stored + g.lostRows(), "every sample is either stored or counted in the gap");
            assertEquals(g.lostRows(), store.health().lostRows());
            assertTrue(store.events(run.id(), null, null, 0).stream().anyMatch(e -> e.type().equals("STORE_RECOVERED")
                    && e.message().contains("lost")));
        }
    }

    @Test
    void aFullSpoolKeepsWhatFitsAndCountsTheRest() throws Exception {
        try (StoppableDb server = server(TestDb.H2);
                RunStore store = StoreFixture.store(server.ds(),
                        Settings.defaults("test-instance", tmp.resolve("spool")).withProbeIntervalMs(700).withSpoolMaxBytes(40_000))) {
            assertTrue(StoreFixture.await(Duration.ofSeconds(60), () -> store.health().state() == StoreHealth.State.OK));
            Run run = store.start("cell1", CellInfo.of("full-2"), "gina", "SHELL");
            Feeder feeder = new Feeder(store, "cell1");
            Thread.sleep(300);
            server.stop();
            assertTrue(StoreFixture.await(Duration.ofSeconds(30), () -> store.health().state() == StoreHealth.State.DOWN),
                    "the 40 kB spool fills up: " + store.health());
            assertTrue(store.health().cause().contains("spool full"), store.health().cause());
            server.start();
            assertTrue(StoreFixture.await(Duration.ofSeconds(90), () -> store.health().state() == StoreHealth.State.OK));
            feeder.close();
            store.stop(run.id(), "gina", "");
            assertTrue(StoreFixture.await(Duration.ofSeconds(30), () -> !store.gaps(run.id()).isEmpty()));
            flush(store);
            long lost = store.gaps(run.id()).stream().mapToLong(Gap::lostRows).sum();
            long stored = store.sampleCount(run.id());
            assertTrue(lost > 0 && stored > 0);
            assertEquals(feeder.fed.get(), stored + lost);
        }
    }

    @Test
    void aDatabaseTooSlowForTheSampleRateCostsAGapWithItsCount() throws Exception {
        try (HikariDataSource ds = TestDb.H2.open(tmp, "slow");
                RunStore store = StoreFixture.store(ds,
                        Settings.defaults("test-instance", tmp.resolve("spool")).withQueueCapacity(1_000).withBatchSize(200))) {
            assertTrue(StoreFixture.await(Duration.ofSeconds(60), () -> store.health().state() == StoreHealth.State.OK));
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TRIGGER slow_sample BEFORE INSERT ON pl_sample FOR EACH ROW CALL '"
                        + SlowTrigger.class.getName() + "'");
            }
            Run run = store.start("cell1", CellInfo.of("slow-1"), "hank", "SHELL");
            int n = 20_000;
            Feed f = new Feed("cell1", store, Instant.now().truncatedTo(ChronoUnit.MICROS));
            f.samples(n); // as fast as the thread can: 2 ms per row in the database cannot keep up
            assertTrue(store.health().queued() > 0);
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP TRIGGER slow_sample");
            }
            store.stop(run.id(), "hank", "");
            assertTrue(StoreFixture.await(Duration.ofSeconds(90), () -> !store.gaps(run.id()).isEmpty()));
            flush(store);
            Gap g = store.gaps(run.id()).get(0);
            assertEquals(Gap.Cause.QUEUE_OVERFLOW, g.cause());
            long stored = store.sampleCount(run.id());
            assertTrue(g.lostRows() > n / 2, "most were dropped: " + g.lostRows());
            assertEquals(n, stored + g.lostRows(), "stored + counted in the gap = fed");
            assertTrue(g.message().contains("queue was full"), g.message());
        }
    }

    static void unused() throws IOException {
        // keeps the imports honest if a test is disabled
    }
}
