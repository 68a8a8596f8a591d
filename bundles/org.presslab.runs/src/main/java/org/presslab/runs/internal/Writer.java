package org.presslab.runs.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.presslab.runs.api.Gap;
import org.presslab.runs.api.StoreHealth;
import org.presslab.runs.internal.Rows.BatchMark;
import org.presslab.runs.internal.Rows.EventRow;
import org.presslab.runs.internal.Rows.GapRow;
import org.presslab.runs.internal.Rows.Row;
import org.presslab.runs.internal.Rows.RunEndRow;
import org.presslab.runs.internal.Rows.SampleRow;
import org.presslab.runs.internal.Rows.SpectrumRow;
import org.presslab.time.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's one writer thread. It takes rows from a bounded queue, builds the decimated tiers, and writes
 * batches with JDBC batch statements, one transaction per batch, at least every {@code commitIntervalMs}.
 * When the database cannot be written it raises the alarm (ERROR log, a STORE_ALARM event row, health
 * SPOOLING) and appends the batches to the {@link Spool}; a prober thread watches for the database, and the
 * writer then backfills the spool in order, committing each spool frame together with the spool position,
 * before it writes to the database directly again. Whatever cannot be kept is counted in {@link Losses} and
 * written as a gap. A batch whose commit failed may have been committed all the same (the database can apply a commit
 * and drop the connection before it answers): each direct batch therefore also writes its number into
 * {@code pl_writer_mark}, its spooled copy is headed by a {@link BatchMark}, and the backfill writes the copy only if
 * that number is not in the database, so nothing is stored twice. Station-measured spectra share the queue, the batches and the spool, but at most
 * {@code spectrumQueueMax} of them wait in the queue at once (they weigh tens of kB each).
 */
final class Writer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Writer.class);
    private static final long BACKFILL_SLICE_NANOS = 200_000_000L;
    private static final long START_GRACE_NANOS = 10_000_000_000L;
    private static final long LINGER_SLICE_NANOS = 10_000_000L;
    private static final int MARK_WAIT_S = 15;

    /** Waits for everything enqueued before it to be committed or spooled; completes false if it was lost. */
    record Flush(CompletableFuture<Boolean> done) {
    }

    private final Supplier<DataSource> dataSource;
    private final Spool spool;
    private final Settings settings;
    private final TimeSource time;
    private final Losses losses;
    private final Supplier<Map<String, UUID>> openRuns;
    private final Recovery recovery;
    private final ArrayBlockingQueue<Object> queue;
    private final int sampleLimit;
    private final AtomicInteger spectraQueued = new AtomicInteger();
    private final AtomicInteger spectraQueuedMost = new AtomicInteger();
    private final Decimator decimator = new Decimator();
    private final List<Row> pendingGaps = new ArrayList<>();
    private final long processStartUs;
    // Numbers the direct batches (pl_writer_mark); random start, so two processes of one instance never reuse one.
    private long batchSeq = java.util.concurrent.ThreadLocalRandom.current().nextLong(1L << 62);
    // A batch whose commit failed and which the spool could not take either: kept (not counted lost) until the
    // database can say whether its commit happened. At most one: the direct batch in flight when the database went.
    private List<Row> unconfirmed;
    private long unconfirmedBatch;

    private final Thread thread;
    private final Thread prober;
    private volatile boolean stopping;
    private volatile boolean dbAvailable;
    private volatile StoreHealth.State state = StoreHealth.State.SPOOLING;
    private volatile String cause = "starting";
    private volatile Instant since;
    private volatile Instant lastCommit;
    private volatile double lagS;
    private volatile String database = "";
    private volatile long committedRows;
    private boolean migrated;
    private volatile boolean reconnect;
    private volatile boolean initDone;
    private boolean recovered;
    private Connection conn;
    // The outage being spooled through: start, cause, rows spooled, rows lost at its start.
    private long outageStartUs = -1;
    private long lastDeliverNanos = System.nanoTime();
    private String outageCause;
    private long outageSpooled;
    private long outageLostAt;

    Writer(Supplier<DataSource> dataSource, Spool spool, Settings settings, TimeSource time, Losses losses,
            Supplier<Map<String, UUID>> openRuns, Recovery recovery) {
        this.dataSource = dataSource;
        this.spool = spool;
        this.settings = settings;
        this.time = time;
        this.losses = losses;
        this.openRuns = openRuns;
        this.recovery = recovery;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.sampleLimit = settings.queueCapacity() - Math.max(100, settings.queueCapacity() / 10);
        this.since = time.now();
        this.processStartUs = micros(time.now());
        this.thread = new Thread(this::loop, "presslab-runs-writer");
        this.thread.setDaemon(true);
        this.prober = new Thread(this::probe, "presslab-runs-prober");
        this.prober.setDaemon(true);
    }

    static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
    }

    static Instant instant(long us) {
        return Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1000L);
    }

    void start() {
        thread.start();
        prober.start();
    }

    // ---- ingest (any thread) ----

    /** Offers a sample; false (and nothing waits) when the queue is above its sample limit. */
    boolean offerSample(SampleRow r) {
        return queue.size() < sampleLimit && queue.offer(r);
    }

    /** Offers an event, command or gap row, which may use the queue's reserve; false when full. */
    boolean offer(Row r) {
        return queue.offer(r);
    }

    /**
     * Offers a station-measured spectrum; false (and nothing waits) when {@code spectrumQueueMax} spectra are already
     * queued or the queue is full.
     */
    boolean offerSpectrum(SpectrumRow r) {
        int n = spectraQueued.incrementAndGet();
        if (n > settings.spectrumQueueMax() || !queue.offer(r)) {
            spectraQueued.decrementAndGet();
            return false;
        }
        spectraQueuedMost.accumulateAndGet(n, Math::max);
        return true;
    }

    /** The most spectra the queue may hold ({@code spectra.queueMax}). */
    int spectrumQueueMax() {
        return settings.spectrumQueueMax();
    }

    /** Spectra in the queue now. */
    int queuedSpectra() {
        return spectraQueued.get();
    }

    /** The most spectra that were in the queue at once. */
    int mostQueuedSpectra() {
        return spectraQueuedMost.get();
    }

    /** Enqueues a row, waiting up to {@code timeoutMs} for room. */
    boolean put(Row r, long timeoutMs) throws InterruptedException {
        return queue.offer(r, timeoutMs, TimeUnit.MILLISECONDS);
    }

    /** A future completed once everything enqueued so far is committed or spooled (true) or lost (false). */
    CompletableFuture<Boolean> flush(long timeoutMs) throws InterruptedException {
        Flush f = new Flush(new CompletableFuture<>());
        if (!queue.offer(f, timeoutMs, TimeUnit.MILLISECONDS)) {
            f.done().complete(false);
        } else {
            LockSupport.unpark(thread); // it may be gathering a batch: someone waits
        }
        return f.done();
    }

    boolean dbAvailable() {
        return state == StoreHealth.State.OK;
    }

    long committedRows() {
        return committedRows;
    }

    StoreHealth health() {
        return new StoreHealth(state, cause, since, queue.size(), spool.rowsAppended(), losses.total(), lastCommit, lagS,
                database);
    }

    // ---- the writer thread ----

    private void loop() {
        init();
        initDone = true;
        List<Object> items = new ArrayList<>(settings.batchSize());
        List<Row> rows = new ArrayList<>(settings.batchSize() * 2);
        List<Flush> flushes = new ArrayList<>();
        long pollMs = Math.max(1, Math.min(100, settings.commitIntervalMs() / 2));
        while (true) {
            items.clear();
            rows.clear();
            flushes.clear();
            try {
                Object first = queue.poll(pollMs, TimeUnit.MILLISECONDS);
                if (first != null) {
                    items.add(first);
                    queue.drainTo(items, settings.batchSize() - 1);
                    linger(items, lastDeliverNanos + settings.commitIntervalMs() * 1_000_000L);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
            }
            boolean last = stopping && queue.isEmpty();
            long nowUs = micros(time.now());
            long oldestUs = Long.MAX_VALUE;
            for (Object o : items) {
                if (o instanceof Flush f) {
                    flushes.add(f);
                } else if (o instanceof SampleRow s) {
                    decimator.accept(s, rows);
                    if (s.run() != null) {
                        rows.add(s);
                    }
                    oldestUs = Math.min(oldestUs, s.tUs());
                } else if (o instanceof RunEndRow e) {
                    decimator.flushRun(e.id(), rows);
                    rows.add(e);
                } else if (o instanceof SpectrumRow sp) {
                    spectraQueued.decrementAndGet();
                    rows.add(sp);
                } else {
                    rows.add((Row) o);
                }
            }
            if (last) {
                decimator.flushAll(rows);
            } else {
                decimator.flushOlderThan(nowUs, rows);
            }
            rows.addAll(pendingGaps);
            pendingGaps.clear();
            // A flush waits for everything so far: losses still being counted are written as gaps now.
            rows.addAll(losses.closed(nowUs, last || !flushes.isEmpty()));
            boolean kept = true;
            if (!rows.isEmpty()) {
                kept = deliver(rows);
                lastDeliverNanos = System.nanoTime();
            }
            lagS = oldestUs == Long.MAX_VALUE ? 0 : Math.max(0, (nowUs - oldestUs) / 1e6);
            for (Flush f : flushes) {
                f.done().complete(kept);
            }
            if (state != StoreHealth.State.OK && dbAvailable && !stopping) {
                backfill();
            }
            if (last) {
                if (unconfirmed != null && dbAvailable) {
                    try {
                        resolveUnconfirmed();
                    } catch (SQLException | RuntimeException e) {
                        rollbackQuietly();
                        LOG.warn("Run store: stopping; the database could not say whether the last batch was committed: {}",
                                message(e));
                    }
                }
                if (unconfirmed != null) {
                    try {
                        spoolUnconfirmed();
                    } catch (IOException | RuntimeException e) {
                        LOG.error("Run store: stopping with the database down and the spool failing: the {} rows of the last"
                                + " batch are counted lost, though the database may hold them", unconfirmed.size());
                        List<Row> gone = unconfirmed;
                        unconfirmed = null;
                        lose(gone, e);
                    }
                }
                break;
            }
        }
        closeConnection();
        try {
            spool.close();
        } catch (IOException e) {
            LOG.warn("Run store: closing the spool failed: {}", e.getMessage());
        }
    }

    /**
     * Gathers rows until one commit interval has passed since the last batch, the batch is full, or someone waits
     * (a flush, or the store stopping): one transaction per interval rather than one per handful of rows. At 50
     * stations x 100 Hz this cut the writer from hundreds of commits a second to ten, and with them the CPU it takes
     * from the stations' loops on a small machine; a kill -9 still loses at most one interval plus the queue's lag.
     */
    private void linger(List<Object> items, long untilNanos) {
        int scanned = 0;
        while (true) {
            for (; scanned < items.size(); scanned++) {
                if (items.get(scanned) instanceof Flush) {
                    return;
                }
            }
            long left = untilNanos - System.nanoTime();
            if (items.size() >= settings.batchSize() || stopping || left <= 0) {
                return;
            }
            // Woken early by a flush or close; else it looks at the queue every slice (a full batch ends the wait).
            LockSupport.parkNanos(this, Math.min(left, LINGER_SLICE_NANOS));
            queue.drainTo(items, settings.batchSize() - items.size());
        }
    }

    /** Migrates the schema; then backfills a spool left by an earlier process, then recovers interrupted runs. */
    private void init() {
        // In OSGi the DataSource is bound just after the store is built: give it a moment before spooling.
        long deadline = System.nanoTime() + START_GRACE_NANOS;
        while (dataSource.get() == null && System.nanoTime() < deadline && !stopping) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        DataSource ds = dataSource.get();
        if (ds == null) {
            enterSpooling("no database bound (DataSource " + settings.dataSourceTarget() + ")");
            return;
        }
        try {
            connection();
            if (!spool.files().isEmpty()) {
                LOG.warn("Run store: {} spool file(s) left in {} by an earlier process; backfilling them", spool.files().size(),
                        spool.dir());
                state = StoreHealth.State.SPOOLING;
                cause = "backfilling the spool left by an earlier process";
                since = time.now();
                dbAvailable = true;
                return;
            }
            recover();
            setState(StoreHealth.State.OK, "");
        } catch (SQLException | IOException | RuntimeException e) {
            enterSpooling("database unavailable at start: " + message(e));
        }
    }

    private void recover() {
        if (recovered) {
            return;
        }
        try {
            recovery.recover(connection(), processStartUs, openRuns.get().values());
            connection().commit();
            recovered = true;
        } catch (SQLException e) {
            rollbackQuietly();
            closeConnection();
            throw new IllegalStateException("crash recovery failed: " + message(e), e);
        }
    }

    private static String describe(Connection c) throws SQLException {
        String url = c.getMetaData().getURL();
        int semi = url == null ? -1 : url.indexOf('?');
        return c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion() + " "
                + (semi < 0 ? url : url.substring(0, semi));
    }

    /** Writes rows to the database, or to the spool; false when they were lost (and counted) or are not yet on disk. */
    private boolean deliver(List<Row> rows) {
        List<Row> toSpool = rows;
        if (state == StoreHealth.State.OK) {
            long batch = ++batchSeq;
            try {
                Connection c = connection();
                SqlWriter.write(c, rows);
                mark(c, batch);
                c.commit();
                lastCommit = time.now();
                committedRows += rows.size();
                return true;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly();
                closeConnection();
                enterSpooling("database write failed: " + message(e));
                // The commit may have reached the database: held, then spooled under its mark (the backfill asks).
                unconfirmed = List.copyOf(rows);
                unconfirmedBatch = batch;
                toSpool = List.of();
            }
        }
        try {
            spoolUnconfirmed();
            spool.append(toSpool);
            outageSpooled += toSpool.size();
            if (state == StoreHealth.State.DOWN) {
                LOG.error("Run store: the spool in {} accepts rows again; still spooling ({})", spool.dir(), outageCause);
                setState(StoreHealth.State.SPOOLING, outageCause);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            // The held batch stays held (counting it lost could count rows the database has); anything else is lost.
            lose(toSpool, e);
            return false;
        }
    }

    /** Spools the batch kept since its commit failed, headed by its mark, once the spool takes rows again. */
    private void spoolUnconfirmed() throws IOException {
        if (unconfirmed == null) {
            return;
        }
        List<Row> frame = new ArrayList<>(unconfirmed.size() + 1);
        frame.add(new BatchMark(unconfirmedBatch));
        frame.addAll(unconfirmed);
        spool.append(frame);
        outageSpooled += unconfirmed.size();
        unconfirmed = null;
    }

    /**
     * Records in the batch's own transaction that batch {@code batch} of this instance is committed. Only ever an update
     * of the row {@link #ensureMarkRow} made: a row inserted here could not be locked by {@link #committed}.
     */
    private void mark(Connection c, long batch) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE pl_writer_mark SET batch = ? WHERE instance_id = ?")) {
            ps.setLong(1, batch);
            ps.setString(2, settings.instanceId());
            if (ps.executeUpdate() != 1) {
                throw new SQLException("no pl_writer_mark row for instance " + settings.instanceId());
            }
        }
    }

    /**
     * Whether batch {@code batch} of this instance was committed (it is the last direct batch when this is asked). FOR
     * UPDATE: the unanswered transaction may still be running on the server, holding the mark row's lock; the read
     * waits for it to end instead of seeing the old number and writing a copy the late commit then duplicates. The
     * wait is bounded: a timeout fails the backfill, which tries again later.
     */
    private boolean committed(Connection c, long batch) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT batch FROM pl_writer_mark WHERE instance_id = ? FOR UPDATE")) {
            ps.setString(1, settings.instanceId());
            ps.setQueryTimeout(MARK_WAIT_S);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getLong(1) == batch;
            }
        }
    }

    /**
     * Creates this instance's mark row, committed, before any batch: a row that a batch inserts could not be locked by
     * {@link #committed} while that batch's commit is in doubt.
     */
    private void ensureMarkRow(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO pl_writer_mark (instance_id, batch) SELECT ?, 0"
                + " WHERE NOT EXISTS (SELECT 1 FROM pl_writer_mark WHERE instance_id = ?)")) {
            ps.setString(1, settings.instanceId());
            ps.setString(2, settings.instanceId());
            ps.executeUpdate();
        }
    }

    /** Writes the batch kept since its commit failed, unless that commit happened; the first thing the backfill does. */
    private void resolveUnconfirmed() throws SQLException {
        if (unconfirmed == null) {
            return;
        }
        Connection c = connection();
        if (committed(c, unconfirmedBatch)) {
            LOG.warn("Run store: the batch whose commit went unanswered when the database went had been committed ({} rows)",
                    unconfirmed.size());
            c.commit();
        } else {
            SqlWriter.write(c, unconfirmed);
            mark(c, unconfirmedBatch); // same number: if this commit goes unanswered too, the next try asks again
            c.commit();
            committedRows += unconfirmed.size();
        }
        lastCommit = time.now();
        unconfirmed = null;
    }

    private void lose(List<Row> rows, Exception e) {
        markDown(e);
        for (Row r : rows) {
            if (r instanceof GapRow g) {
                pendingGaps.add(g); // gaps are kept in memory until they can be written
            } else if (r instanceof SpectrumRow sp) {
                losses.lostSpectra(sp.st(), sp.run(), Gap.Cause.SPOOL_FAILED, sp.tUs(), 1);
            } else if (!(r instanceof Rows.BucketRow)) { // buckets are derived from samples: not counted twice
                losses.lost(r.st(), runOf(r), Gap.Cause.SPOOL_FAILED, r.tUs(), 1);
            }
        }
    }

    private void markDown(Exception e) {
        if (state != StoreHealth.State.DOWN) {
            LOG.error("Run store: the database is unavailable ({}) and the spool in {} cannot be written ({}): rows are being"
                    + " lost and recorded as gaps", outageCause, spool.dir(), message(e));
            setState(StoreHealth.State.DOWN, outageCause + "; spool failed: " + message(e));
        }
    }

    private static UUID runOf(Row r) {
        if (r instanceof SampleRow s) {
            return s.run();
        }
        if (r instanceof Rows.BucketRow b) {
            return b.run();
        }
        if (r instanceof EventRow e) {
            return e.run();
        }
        if (r instanceof Rows.CommandRow c) {
            return c.run();
        }
        return null;
    }

    private void enterSpooling(String why) {
        dbAvailable = false;
        if (state == StoreHealth.State.OK || outageStartUs < 0) {
            outageStartUs = micros(time.now());
            outageCause = why;
            outageSpooled = 0;
            outageLostAt = losses.total();
            LOG.error("Run store: {}; spooling rows to {} until the database is back", why, spool.dir());
            setState(StoreHealth.State.SPOOLING, why);
            // The alarm goes on record with the spooled rows, so it reaches the database with them.
            try {
                spool.append(alarmRows("STORE_ALARM", "run store: " + why + "; rows are spooled to " + spool.dir(),
                        Map.of("cause", why, "spool", spool.dir().toString())));
            } catch (IOException | RuntimeException e) {
                LOG.error("Run store: cannot write the alarm to the spool either: {}", message(e));
            }
        }
    }

    private List<Row> alarmRows(String type, String msg, Map<String, Object> props) {
        long now = micros(time.now());
        long mono = time.nanoTime();
        List<Row> out = new ArrayList<>();
        String json = Json.properties(props);
        out.add(new EventRow("", null, now, mono, type, msg, json));
        for (Map.Entry<String, UUID> e : openRuns.get().entrySet()) {
            out.add(new EventRow(e.getKey(), e.getValue(), now, mono, type, msg, json));
        }
        return out;
    }

    /** Backfills the spool for up to 200 ms; returns to direct writes once it is empty. */
    private void backfill() {
        long t0 = System.nanoTime();
        try {
            resolveUnconfirmed(); // it is older than anything in the spool
            while (System.nanoTime() - t0 < BACKFILL_SLICE_NANOS) {
                List<Path> files = spool.files();
                if (files.isEmpty()) {
                    recover();
                    long lost = losses.total() - outageLostAt;
                    if (outageStartUs >= 0) {
                        String msg = "run store: database back after " + String.format(java.util.Locale.ROOT, "%.1f",
                                (micros(time.now()) - outageStartUs) / 1e6) + " s (" + outageCause + "); " + outageSpooled
                                + " rows spooled and backfilled, " + lost + " lost (recorded as gaps)";
                        Map<String, Object> props = new LinkedHashMap<>();
                        props.put("outageStart", instant(outageStartUs).toString());
                        props.put("cause", outageCause);
                        props.put("spooled", outageSpooled);
                        props.put("lost", lost);
                        Connection c = connection();
                        SqlWriter.write(c, alarmRows("STORE_RECOVERED", msg, props));
                        c.commit();
                        LOG.warn("{}", msg);
                    }
                    outageStartUs = -1;
                    setState(StoreHealth.State.OK, "");
                    return;
                }
                Path file = files.get(0);
                if (!backfillFile(file, t0)) {
                    return;
                }
            }
        } catch (SQLException | IOException | RuntimeException e) {
            rollbackQuietly();
            closeConnection();
            dbAvailable = false;
            LOG.warn("Run store: backfill interrupted, still spooling: {}", message(e));
        }
    }

    /** Backfills one file; true when it was finished and deleted. */
    private boolean backfillFile(Path file, long t0) throws SQLException, IOException {
        Connection c = connection();
        String name = file.getFileName().toString();
        long pos = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT pos FROM pl_spool_progress WHERE spool_file = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    pos = rs.getLong(1);
                }
            }
        }
        c.commit();
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            while (System.nanoTime() - t0 < BACKFILL_SLICE_NANOS) {
                Spool.Frame f;
                try {
                    f = Spool.read(in, file, pos);
                } catch (Spool.CorruptSpoolException e) {
                    LOG.error("Run store: {}; the rest of that file is lost and recorded as a gap", e.getMessage());
                    long nowUs = micros(time.now());
                    SqlWriter.write(c, List.of(new GapRow(RunIds.next(), "", null, nowUs, nowUs, Gap.Cause.SPOOL_CORRUPT.name(),
                            -1, e.getMessage())));
                    f = null;
                }
                if (f == null) {
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM pl_spool_progress WHERE spool_file = ?")) {
                        ps.setString(1, name);
                        ps.executeUpdate();
                    }
                    c.commit();
                    spool.delete(file);
                    return true;
                }
                List<Row> rows = f.rows();
                int written = rows.size();
                if (!rows.isEmpty() && rows.get(0) instanceof BatchMark m) {
                    rows = rows.subList(1, rows.size());
                    if (committed(c, m.batch())) {
                        LOG.warn("Run store: the batch whose commit went unanswered when the database went had been"
                                + " committed; its spooled copy ({} rows) is skipped", rows.size());
                        written = 0;
                    } else {
                        written = rows.size();
                        mark(c, m.batch()); // with the rows: a second copy of this batch is then skipped
                    }
                }
                if (written > 0) {
                    SqlWriter.write(c, rows);
                }
                int n;
                try (PreparedStatement ps = c.prepareStatement("UPDATE pl_spool_progress SET pos = ? WHERE spool_file = ?")) {
                    ps.setLong(1, f.endPos());
                    ps.setString(2, name);
                    n = ps.executeUpdate();
                }
                if (n == 0) {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO pl_spool_progress (spool_file, pos) VALUES (?, ?)")) {
                        ps.setString(1, name);
                        ps.setLong(2, f.endPos());
                        ps.executeUpdate();
                    }
                }
                c.commit();
                lastCommit = time.now();
                committedRows += written;
                spool.backfilled(rows.size());
                pos = f.endPos();
            }
        }
        return false;
    }

    private void probe() {
        while (!stopping) {
            try {
                Thread.sleep(settings.probeIntervalMs());
            } catch (InterruptedException e) {
                return;
            }
            if (!initDone || state == StoreHealth.State.OK || dbAvailable) {
                continue;
            }
            DataSource ds = dataSource.get();
            if (ds == null) {
                continue;
            }
            // A pool may hand out a connection the database has dropped (HikariCP trusts one used in the last
            // 500 ms): only a valid one counts, and the probe interval should exceed that window.
            try (Connection c = ds.getConnection()) {
                if (c.isValid(2)) {
                    LOG.info("Run store: the database answers again; backfilling the spool");
                    dbAvailable = true;
                }
            } catch (SQLException | RuntimeException e) {
                LOG.debug("Run store: database still unavailable: {}", e.getMessage());
            }
        }
    }

    private Connection connection() throws SQLException {
        if (reconnect) {
            reconnect = false;
            closeConnection();
            migrated = false;
        }
        if (conn == null) {
            DataSource ds = dataSource.get();
            if (ds == null) {
                throw new SQLException("no database bound (DataSource " + settings.dataSourceTarget() + ")");
            }
            if (!migrated) {
                try (Connection c = ds.getConnection()) {
                    database = describe(c);
                    Schema.migrate(c); // Liquibase closes this connection when it is done
                }
                try (Connection c = ds.getConnection()) {
                    c.setAutoCommit(true);
                    ensureMarkRow(c);
                }
                migrated = true;
            }
            conn = ds.getConnection();
            conn.setAutoCommit(false);
        }
        return conn;
    }

    private void rollbackQuietly() {
        if (conn != null) {
            try {
                conn.rollback();
            } catch (SQLException | RuntimeException ignored) {
                // the connection is closed next
            }
        }
    }

    private void closeConnection() {
        if (conn != null) {
            try {
                conn.close();
            } catch (SQLException | RuntimeException ignored) {
                // broken anyway
            }
            conn = null;
        }
    }

    /** Forgets the database connection (the DataSource went away or changed). */
    void dataSourceChanged() {
        reconnect = true;
    }

    private void setState(StoreHealth.State s, String why) {
        if (s != state) {
            since = time.now();
        }
        state = s;
        cause = why;
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        Throwable c = e.getCause();
        if ((m == null || m.isBlank()) && c != null) {
            return message(c);
        }
        return m == null ? e.getClass().getSimpleName() : m.replace('\n', ' ');
    }

    /** Stops taking rows, writes what is queued (to the database or the spool), and stops the threads. */
    @Override
    public void close() {
        stopping = true;
        LockSupport.unpark(thread);
        prober.interrupt();
        try {
            thread.join(settings.closeTimeoutMs());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.error("Run store: the writer did not finish within {} ms; {} queued rows are lost", settings.closeTimeoutMs(),
                    queue.size());
            thread.interrupt();
        }
    }
}
