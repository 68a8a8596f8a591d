package org.presslab.bench.runs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.presslab.control.api.StationEvent;
import org.presslab.control.api.StationEventType;
import org.presslab.control.api.StationSample;
import org.presslab.control.api.StationState;
import org.presslab.press.api.Quality;
import org.presslab.runs.RunStores;
import org.presslab.runs.api.CellInfo;
import org.presslab.runs.api.Run;
import org.presslab.runs.api.RunFilter;
import org.presslab.runs.api.SampleSeries;
import org.presslab.runs.api.StoreHealth;

/**
 * The run store's harness (issue 9). Not a test: run it by hand, figures go to the README with the command.
 *
 * <pre>
 * java -cp benchmarks/runs-bench/target/runs-bench.jar org.presslab.bench.runs.RunsBench ingest h2|pg STATIONS HZ SECONDS
 * java -cp ... RunsBench month h2|pg [DAYS] [HZ]
 * java -cp ... RunsBench jitter [STATIONS=8] [HZ=100] [WINDOW_SECONDS=20] [PAIRS=2]
 * </pre>
 *
 * ingest: STATIONS feeder threads each deliver HZ samples per second in real time for SECONDS, each station in its own
 * run, through the store's real StationListener path (queue, writer thread, JDBC batches, tiers); reports samples/s
 * committed, the writer lag (age of the oldest row in a batch: p50/max, sampled every 100 ms), rows lost, and bytes per
 * sample. month: a DAYS-day run at HZ is generated in the database with one INSERT ... SELECT (raw samples, then the
 * 1 s and 60 s tiers aggregated from them in SQL), then opened and decimated to 2,000 points five times; reports the
 * times and the database's size per raw sample. PostgreSQL: PRESSLAB_PG_URL/USER/PASSWORD; H2: a file under
 * target/runs-bench. jitter: real stations on simulated presses holding 15 MPa, loop jitter in alternating windows with
 * recording off and on (H2, then PostgreSQL when configured); see {@link LoopJitter}.
 */
public final class RunsBench {

    public static void main(String[] args) throws Exception {
        if (args.length >= 1 && args[0].equals("jitter")) {
            Path work = Path.of("target", "runs-bench", "jitter-" + System.currentTimeMillis());
            Files.createDirectories(work);
            LoopJitter.run(work, args.length > 1 ? Integer.parseInt(args[1]) : 8, args.length > 2 ? Double.parseDouble(args[2]) : 100,
                    args.length > 3 ? Double.parseDouble(args[3]) : 20, args.length > 4 ? Integer.parseInt(args[4]) : 2);
            return;
        }
        if (args.length < 2) {
            System.err.println("usage: RunsBench ingest h2|pg STATIONS HZ SECONDS | month h2|pg [DAYS] [HZ]"
                    + " | jitter [STATIONS] [HZ] [WINDOW_SECONDS] [PAIRS]");
            System.exit(2);
        }
        Path work = Path.of("target", "runs-bench", args[1] + "-" + System.currentTimeMillis());
        Files.createDirectories(work);
        try (HikariDataSource ds = dataSource(args[1], work)) {
            if (args[0].equals("ingest")) {
                ingest(ds, args[1], work, Integer.parseInt(args[2]), Double.parseDouble(args[3]), Integer.parseInt(args[4]));
            } else {
                month(ds, args[1], work, args.length > 2 ? Integer.parseInt(args[2]) : 30,
                        args.length > 3 ? Double.parseDouble(args[3]) : 10);
            }
        }
    }

    static HikariDataSource dataSource(String db, Path work) throws SQLException {
        HikariConfig c = new HikariConfig();
        if (db.equals("pg")) {
            String url = System.getenv("PRESSLAB_PG_URL");
            if (url == null) {
                throw new IllegalStateException("set PRESSLAB_PG_URL (and PRESSLAB_PG_USER, PRESSLAB_PG_PASSWORD)");
            }
            String schema = "bench_" + System.currentTimeMillis();
            try (Connection con = java.sql.DriverManager.getConnection(url, env("PRESSLAB_PG_USER"), env("PRESSLAB_PG_PASSWORD"));
                    Statement s = con.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
            }
            c.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema + "&reWriteBatchedInserts=true");
            c.setUsername(env("PRESSLAB_PG_USER"));
            c.setPassword(env("PRESSLAB_PG_PASSWORD"));
            c.setSchema(schema);
        } else {
            c.setJdbcUrl("jdbc:h2:file:" + work.toAbsolutePath().resolve("runs") + ";DB_CLOSE_ON_EXIT=FALSE");
            c.setUsername("sa");
            c.setPassword("");
        }
        c.setMaximumPoolSize(4);
        c.setConnectionTimeout(10_000);
        return new HikariDataSource(c);
    }

    private static String env(String k) {
        String v = System.getenv(k);
        return v == null ? "" : v;
    }

    static void ingest(HikariDataSource ds, String db, Path work, int stations, double hz, int seconds) throws Exception {
        RunStores.Store store = RunStores.builder(ds).instanceId("bench").spoolDir(work.resolve("spool")).open();
        while (store.health().state() != StoreHealth.State.OK) {
            Thread.sleep(50);
        }
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < stations; i++) {
            runs.add(store.start("st" + i, CellInfo.of("bench-" + i), "bench", "SYSTEM"));
        }
        long periodNanos = Math.round(1e9 / hz);
        long t0 = System.nanoTime();
        long end = t0 + seconds * 1_000_000_000L;
        List<Thread> feeders = new ArrayList<>();
        long[] fed = new long[stations];
        for (int i = 0; i < stations; i++) {
            int k = i;
            Thread t = new Thread(() -> {
                String id = "st" + k;
                long next = System.nanoTime();
                long n = 0;
                while (next < end) {
                    store.onSample(new StationSample(id, next, Instant.now(), 15e6 + 1e3 * (n % 100), 1178, 15e6, 0.5, 298.15,
                            StationState.HOLDING, Quality.GOOD, false));
                    if (n % 1000 == 0) {
                        store.onEvent(new StationEvent(id, Instant.now(), StationEventType.TOLERANCE_EXCURSION, "bench event",
                                java.util.Map.of("deviationPa", 1e3)));
                    }
                    n++;
                    next += periodNanos;
                    long sleep = next - System.nanoTime();
                    if (sleep > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(sleep);
                    }
                }
                fed[k] = n;
            }, "feeder-" + i);
            feeders.add(t);
        }
        feeders.forEach(Thread::start);
        List<Double> lags = new ArrayList<>();
        int maxQueued = 0;
        while (System.nanoTime() < end) {
            Thread.sleep(100);
            StoreHealth h = store.health();
            lags.add(h.writerLagS());
            maxQueued = Math.max(maxQueued, h.queued());
        }
        for (Thread t : feeders) {
            t.join();
        }
        long feedEnd = System.nanoTime();
        store.flush(Duration.ofMinutes(5));
        long drained = System.nanoTime();
        long total = 0;
        for (long n : fed) {
            total += n;
        }
        long stored;
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM pl_sample")) {
            rs.next();
            stored = rs.getLong(1);
        }
        lags.sort(Double::compare);
        double secs = (feedEnd - t0) / 1e9;
        System.out.printf(Locale.ROOT, "ingest %s: %d stations x %.0f Hz for %d s (load average %.1f at start)%n", db, stations,
                hz, seconds, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf(Locale.ROOT, "  offered %d samples (%.0f/s), stored %d (%.0f/s over the feed), lost %d%n", total,
                total / secs, stored, stored / secs, store.health().lostRows());
        System.out.printf(Locale.ROOT, "  writer lag p50 %.3f s, p99 %.3f s, max %.3f s; most rows queued %d; drain after the"
                + " feed %.2f s%n", pct(lags, 0.5), pct(lags, 0.99), lags.isEmpty() ? 0 : lags.get(lags.size() - 1), maxQueued,
                (drained - feedEnd) / 1e9);
        for (Run r : runs) {
            store.stop(r.id(), "bench", "");
        }
        store.flush(Duration.ofMinutes(1));
        System.out.printf(Locale.ROOT, "  database size %s, %.1f bytes per raw sample (all tables and indexes / raw rows)%n",
                human(size(ds, db, work)), size(ds, db, work) / (double) Math.max(1, stored));
        store.close();
    }

    private static double pct(List<Double> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p * sorted.size())));
    }

    static long size(DataSource ds, String db, Path work) throws Exception {
        if (db.equals("pg")) {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT SUM(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                            + " WHERE n.nspname = current_schema() AND c.relkind = 'r'")) {
                rs.next();
                return rs.getLong(1);
            }
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CHECKPOINT SYNC");
        }
        try (Stream<Path> files = Files.list(work)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".mv.db")).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    static String human(long bytes) {
        return bytes > 1 << 30 ? String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1 << 30))
                : String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1 << 20));
    }

    static void month(HikariDataSource ds, String db, Path work, int days, double hz) throws Exception {
        RunStores.Store store = RunStores.builder(ds).instanceId("bench").spoolDir(work.resolve("spool")).open();
        while (store.health().state() != StoreHealth.State.OK) {
            Thread.sleep(50);
        }
        long n = Math.round(days * 86400 * hz);
        long stepUs = Math.round(1e6 / hz);
        Instant start = Instant.now().minus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        long startUs = start.getEpochSecond() * 1_000_000L;
        UUID run = UUID.randomUUID();
        long t0 = System.nanoTime();
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO pl_run (id, station_id, instance_id, recipe_name,"
                    + " start_us, end_us, outcome, operator) VALUES (?, 'month', 'bench', 'hold-15MPa', ?, ?, 'COMPLETED', 'bench')")) {
                ps.setObject(1, run);
                ps.setLong(2, startUs);
                ps.setLong(3, startUs + (n - 1) * stepUs);
                ps.executeUpdate();
            }
            String sin = "SIN(x / 36000.0)";
            String rand = db.equals("pg") ? "random()" : "RAND()";
            long perDay = Math.round(86400 * hz);
            try (Statement s = c.createStatement()) {
                // One day per statement (autocommit), so neither database holds 26 million rows in one transaction.
                // 15 MPa held with a slow 0.05 MPa swing (the anode breathing) and +-0.01 MPa of noise.
                for (long a = 0; a < n; a += perDay) {
                    long b = Math.min(n, a + perDay) - 1;
                    String series = db.equals("pg") ? "generate_series(CAST(" + a + " AS BIGINT), CAST(" + b + " AS BIGINT)) AS g(x)"
                            : "SYSTEM_RANGE(" + a + ", " + b + ") AS g(x)";
                    s.executeUpdate("INSERT INTO pl_sample (run_id, t_us, mono_ns, pressure_pa, force_n, setpoint_pa, output,"
                            + " temperature_k, state, quality, gap) SELECT '" + run + "', " + startUs + " + x * " + stepUs + ", x * "
                            + stepUs * 1000 + ", 15000000 + 50000 * " + sin + " + 20000 * (" + rand + " - 0.5), 1178.1 + 3.9 * "
                            + sin + ", 15000000, 0.5, 298.15, 'HOLDING', 'GOOD', FALSE FROM " + series);
                }
                long raw = System.nanoTime();
                System.out.printf(Locale.ROOT, "month %s: %d raw samples generated in %.0f s%n", db, n, (raw - t0) / 1e9);
                for (int w : new int[] {1, 60}) {
                    long wUs = w * 1_000_000L;
                    for (long a = 0; a < n; a += perDay) {
                        long fromUs = startUs + a * stepUs;
                        long toUs = startUs + Math.min(n, a + perDay) * stepUs;
                        s.executeUpdate("INSERT INTO pl_bucket (station_id, run_id, w, t_us, n, p_min, p_max, p_mean, f_min,"
                                + " f_max, f_mean, sp_mean, temp_mean) SELECT 'month', run_id, " + w + ", (t_us / " + wUs + ") * "
                                + wUs + ", COUNT(*), MIN(pressure_pa), MAX(pressure_pa), AVG(pressure_pa), MIN(force_n),"
                                + " MAX(force_n), AVG(force_n), AVG(setpoint_pa), AVG(temperature_k) FROM pl_sample WHERE run_id = '"
                                + run + "' AND t_us >= " + fromUs + " AND t_us < " + toUs + " GROUP BY run_id, (t_us / " + wUs + ") * " + wUs);
                    }
                }
                System.out.printf(Locale.ROOT, "  tiers (1 s, 60 s) aggregated in %.0f s%n", (System.nanoTime() - raw) / 1e9);
                if (db.equals("pg")) {
                    s.execute("ANALYZE");
                }
            }
        }
        for (int i = 0; i < 5; i++) {
            long q0 = System.nanoTime();
            Run r = store.get(run.toString()).orElseThrow();
            SampleSeries ser = store.samples(r.id(), null, null, 2_000);
            long q1 = System.nanoTime();
            System.out.printf(Locale.ROOT, "  open + decimate to 2000 points: %.0f ms (%d buckets from the %s tier, %d samples)%n",
                    (q1 - q0) / 1e6, ser.buckets().size(), ser.tier(), ser.sampleCount());
        }
        long q0 = System.nanoTime();
        SampleSeries day = store.samples(run.toString(), start.plus(10, ChronoUnit.DAYS), start.plus(11, ChronoUnit.DAYS), 2_000);
        System.out.printf(Locale.ROOT, "  one day of it to 2000 points: %.0f ms (%s tier)%n", (System.nanoTime() - q0) / 1e6,
                day.tier());
        q0 = System.nanoTime();
        SampleSeries min = store.samples(run.toString(), start.plus(10, ChronoUnit.DAYS),
                start.plus(10, ChronoUnit.DAYS).plusSeconds(600), 2_000);
        System.out.printf(Locale.ROOT, "  ten minutes of it to 2000 points: %.0f ms (%s, %d samples)%n", (System.nanoTime() - q0) / 1e6,
                min.tier(), min.sampleCount());
        long bytes = size(ds, db, work);
        System.out.printf(Locale.ROOT, "  database size %s for %d raw samples: %.1f bytes per raw sample (raw table, its index and"
                + " the tiers)%n", human(bytes), n, bytes / (double) n);
        if (db.equals("pg")) {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT pg_total_relation_size('pl_sample'), pg_total_relation_size('pl_bucket')")) {
                rs.next();
                System.out.printf(Locale.ROOT, "  pl_sample %s (%.1f B/sample), pl_bucket %s%n", human(rs.getLong(1)),
                        rs.getLong(1) / (double) n, human(rs.getLong(2)));
            }
        }
        store.list(RunFilter.ALL);
        store.close();
    }
}
