package org.presslab.runs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.presslab.control.api.StationSample;
import org.presslab.control.api.StationState;
import org.presslab.press.api.Quality;
import org.presslab.runs.api.CellInfo;
import org.presslab.runs.api.Gap;
import org.presslab.runs.api.Run;
import org.presslab.runs.api.StoreHealth;

/**
 * A commit whose answer never arrives: the database may have applied it and then dropped the connection (an H2 or
 * PostgreSQL server stopped at that instant), or it may not have. The writer cannot tell, so it spools the batch
 * and asks the database on its return. Every sample must end up stored exactly once, or counted in a gap; never
 * twice. A real server cannot be stopped at exactly that instant on demand, so the real database's connection is
 * wrapped: on the armed commit it commits (or rolls back) for real and then throws as a dropped link does.
 */
class UnconfirmedCommitTest {

    @TempDir
    Path tmp;

    /** What the wrapped connection does on the armed commit. */
    enum Fault {
        /** Commits, then reports the link lost: the rows are in the database. */
        AFTER_COMMIT,
        /** Rolls back, then reports the link lost: the rows are not. */
        BEFORE_COMMIT,
        /**
         * Reports the link lost at once while the server still works on the commit, which lands 1.5 s later: the
         * store must not decide before it has (the mark row's lock).
         */
        LATE_COMMIT
    }

    /** Wraps a real pool; the first commit of a transaction that inserted samples after {@link #arm} fails as asked. */
    static final class FlakyLink {
        final HikariDataSource real;
        final Fault fault;
        final AtomicBoolean armed = new AtomicBoolean();
        final AtomicInteger fired = new AtomicInteger();
        /** The monotonic times of the samples in the transaction the fault struck. */
        final List<Long> struck = new CopyOnWriteArrayList<>();
        final java.util.concurrent.atomic.AtomicReference<Exception> lateCommitFailure = new java.util.concurrent.atomic.AtomicReference<>();

        FlakyLink(HikariDataSource real, Fault fault) {
            this.real = real;
            this.fault = fault;
        }

        void arm() {
            armed.set(true);
        }

        DataSource dataSource() {
            InvocationHandler h = (proxy, m, args) -> {
                if (m.getName().equals("getConnection")) {
                    return connection((Connection) call(real, m, args));
                }
                return call(real, m, args);
            };
            return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class}, h);
        }

        private Connection connection(Connection c) {
            List<Long> monos = new CopyOnWriteArrayList<>(); // of the samples inserted in the open transaction
            AtomicBoolean detached = new AtomicBoolean();
            InvocationHandler h = (proxy, m, args) -> {
                if (m.getName().equals("prepareStatement") && args != null && args[0] instanceof String sql
                        && sql.startsWith("INSERT INTO pl_sample")) {
                    return sampleInsert((PreparedStatement) call(c, m, args), monos);
                }
                if (detached.get()) {
                    // the client's side of a dropped link: closing and rolling back do nothing, anything else fails
                    if (m.getName().equals("close") || m.getName().equals("rollback") || m.getName().equals("isClosed")) {
                        return m.getName().equals("isClosed") ? Boolean.TRUE : null;
                    }
                    throw new SQLRecoverableException("test: connection reset");
                }
                if (m.getName().equals("commit") && !monos.isEmpty() && armed.compareAndSet(true, false)) {
                    if (fault == Fault.AFTER_COMMIT) {
                        c.commit();
                    } else if (fault == Fault.BEFORE_COMMIT) {
                        c.rollback();
                    } else {
                        detached.set(true);
                        Thread server = new Thread(() -> {
                            try {
                                Thread.sleep(1_500);
                                c.commit();
                                c.close();
                            } catch (InterruptedException | SQLException e) {
                                lateCommitFailure.set(e);
                            }
                        }, "late-commit");
                        server.start();
                    }
                    struck.addAll(monos);
                    monos.clear();
                    fired.incrementAndGet();
                    throw new SQLRecoverableException("test: connection reset while waiting for the commit's answer");
                }
                if (m.getName().equals("commit") || m.getName().equals("rollback")) {
                    monos.clear();
                }
                return call(c, m, args);
            };
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, h);
        }

        /** Notes each sample's mono_ns (the INSERT's third parameter). */
        private PreparedStatement sampleInsert(PreparedStatement ps, List<Long> monos) {
            InvocationHandler h = (proxy, m, args) -> {
                if (m.getName().equals("setLong") && (Integer) args[0] == 3) {
                    monos.add((Long) args[1]);
                }
                return call(ps, m, args);
            };
            return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {PreparedStatement.class},
                    h);
        }

        /** How many rows of pl_sample hold each sample the fault struck (each must be 1). */
        long storedOfStruck(DataSource ds, Run run) throws SQLException {
            long total = 0;
            for (long mono : struck) {
                long k = TestDb.count(ds, "SELECT COUNT(*) FROM pl_sample WHERE run_id = ? AND mono_ns = ?",
                        java.util.UUID.fromString(run.id()), mono);
                assertEquals(1, k, "sample at mono " + mono + " of the unanswered batch is stored once");
                total += k;
            }
            return total;
        }

        private static Object call(Object target, java.lang.reflect.Method m, Object[] args) throws Throwable {
            try {
                return m.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    private static void feed(RunStore store, int n, Runnable atHalf) throws InterruptedException {
        long mono = System.nanoTime();
        for (int i = 0; i < n; i++) {
            if (i == n / 2) {
                atHalf.run();
            }
            store.onSample(new StationSample("cell1", mono, Instant.now().truncatedTo(ChronoUnit.MICROS), 15e6, 1178, 15e6,
                    0.5, 298, StationState.HOLDING, Quality.GOOD, false));
            mono += 10_000_000;
            Thread.sleep(2);
        }
    }

    private static long duplicates(DataSource ds, Run run) throws SQLException {
        return TestDb.count(ds, "SELECT COUNT(*) FROM (SELECT mono_ns FROM pl_sample WHERE run_id = ? GROUP BY mono_ns"
                + " HAVING COUNT(*) > 1) d", java.util.UUID.fromString(run.id()));
    }

    private static long duplicateBuckets(DataSource ds, Run run) throws SQLException {
        return TestDb.count(ds, "SELECT COUNT(*) FROM (SELECT w, t_us FROM pl_bucket WHERE run_id = ? GROUP BY w, t_us"
                + " HAVING COUNT(*) > 1) d", java.util.UUID.fromString(run.id()));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"H2, AFTER_COMMIT", "H2, BEFORE_COMMIT", "H2, LATE_COMMIT", "POSTGRES, AFTER_COMMIT", "POSTGRES, BEFORE_COMMIT",
        "POSTGRES, LATE_COMMIT"})
    void aCommitWithoutAnAnswerIsStoredExactlyOnce(TestDb db, Fault fault) throws Exception {
        int n = 400;
        try (HikariDataSource real = db.open(tmp, "unconfirmed")) {
            FlakyLink link = new FlakyLink(real, fault);
            try (RunStore store = StoreFixture.store(link.dataSource(),
                    Settings.defaults("test-instance", tmp.resolve("spool")).withProbeIntervalMs(300))) {
                assertTrue(StoreFixture.await(Duration.ofSeconds(60), () -> store.health().state() == StoreHealth.State.OK));
                Run run = store.start("cell1", CellInfo.of("unconfirmed-1"), "ida", "SHELL");
                feed(store, n, link::arm);
                assertTrue(StoreFixture.await(Duration.ofSeconds(30), () -> link.fired.get() == 1), "the fault struck");
                assertTrue(StoreFixture.await(Duration.ofSeconds(60), () -> store.health().state() == StoreHealth.State.OK),
                        "the spooled batch is backfilled: " + store.health());
                store.stop(run.id(), "ida", "");
                assertTrue(store.flush(Duration.ofSeconds(30)));
                assertEquals(0, duplicates(real, run), "no sample stored twice");
                assertEquals(0, duplicateBuckets(real, run), "no decimated bucket stored twice");
                assertEquals(null, link.lateCommitFailure.get(), "the late commit itself went through");
                assertEquals(n, store.sampleCount(run.id()), "every sample stored once");
                assertTrue(link.struck.size() > 0);
                assertEquals(link.struck.size(), link.storedOfStruck(real, run));
                assertTrue(store.gaps(run.id()).isEmpty(), () -> "nothing lost: " + store.gaps(run.id()));
                assertTrue(store.events(run.id(), null, null, 0).stream().anyMatch(e -> e.type().equals("STORE_ALARM")),
                        "the outage is on record");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"AFTER_COMMIT", "BEFORE_COMMIT"})
    void withTheSpoolBrokenTooTheUnansweredBatchIsKeptUntilTheDatabaseSays(Fault fault) throws Exception {
        int n = 400;
        Path notADir = Files.writeString(tmp.resolve("spool-is-a-file"), "x");
        try (HikariDataSource real = TestDb.H2.open(tmp, "unconfirmed-nospool")) {
            FlakyLink link = new FlakyLink(real, fault);
            try (RunStore store = StoreFixture.store(link.dataSource(),
                    Settings.defaults("test-instance", notADir).withProbeIntervalMs(300))) {
                assertTrue(StoreFixture.await(Duration.ofSeconds(60), () -> store.health().state() == StoreHealth.State.OK));
                Run run = store.start("cell1", CellInfo.of("unconfirmed-2"), "ida", "SHELL");
                feed(store, n, link::arm);
                assertTrue(StoreFixture.await(Duration.ofSeconds(30), () -> link.fired.get() == 1), "the fault struck");
                assertTrue(StoreFixture.await(Duration.ofSeconds(60), () -> store.health().state() == StoreHealth.State.OK),
                        "back to direct writes: " + store.health());
                store.stop(run.id(), "ida", "");
                store.writer().flush(5_000).get(30, TimeUnit.SECONDS);
                long stored = store.sampleCount(run.id());
                long lost = store.gaps(run.id()).stream().mapToLong(Gap::lostRows).sum();
                assertEquals(0, duplicates(real, run), "no sample stored twice");
                assertEquals(n, stored + lost, () -> "stored " + stored + " + lost " + lost + ": every sample once");
                assertTrue(link.struck.size() > 0);
                assertEquals(link.struck.size(), link.storedOfStruck(real, run), "the unanswered batch is kept, not lost");
            }
        }
    }
}
