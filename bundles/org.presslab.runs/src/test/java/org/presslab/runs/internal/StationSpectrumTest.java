package org.presslab.runs.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.presslab.control.api.StationEvent;
import org.presslab.control.api.StationEventType;
import org.presslab.impedance.api.FitResult;
import org.presslab.impedance.api.KkResult;
import org.presslab.impedance.api.Spectrum;
import org.presslab.impedance.api.SpectrumMetadata;
import org.presslab.runs.api.Gap;
import org.presslab.runs.api.Run;
import org.presslab.runs.api.RunEvent;
import org.presslab.runs.api.RunFilter;
import org.presslab.runs.api.RunOutcome;
import org.presslab.runs.api.RunSpectrum;
import org.presslab.runs.api.SpectrumEntry;
import org.presslab.runs.api.StoreHealth;
import org.presslab.runs.internal.Rows.Row;
import org.presslab.runs.internal.Rows.SpectrumRow;

/**
 * Spectra the station measures itself (SPECTRUM_MEASURED, as the control core's EIS job publishes it) become spectra
 * of the station's run, through the writer: once each, with the database down and across a restart, within a bounded
 * number waiting in memory; an event without a run or without a spectrum stays an event. Real store, real H2 (and
 * PostgreSQL where the test can have one), real threads.
 */
class StationSpectrumTest {

    static final String ANALYZER = "Presslab|Simulated EIS|SIM-EIS-01";

    @TempDir
    Path tmp;

    /** A spectrum as the simulated analyzer returns it: the sweep's start and the instrument in its metadata, no pressure. */
    static Spectrum analyzed(Instant startedAt, String label) {
        Spectrum s = AttachExportTest.rc(100, 2500, 1e-9);
        return s.withMetadata(new SpectrumMetadata("analyzer:sim-eis-1 " + label, "Presslab Simulated EIS SIM-EIS-01", null,
                startedAt, 298.15, 0.010, 0.0009, Double.NaN, Map.of("amplitudeV", "0.01")));
    }

    /** A Lin-KK result with an infinite series capacitance and a NaN resistance (both must survive the JSON). */
    static KkResult kk(Spectrum s) {
        return new KkResult(3, 0.7, new double[] {1e-6, 1e-4, 1e-2}, new double[] {1, 2, Double.NaN}, 100, 1e-7,
                Double.POSITIVE_INFINITY, s.frequencies(), new double[s.size()], new double[s.size()], 0.01);
    }

    /** The properties of a SPECTRUM_MEASURED event exactly as {@code EisJob.publish} builds them. */
    static Map<String, Object> measured(Spectrum raw, FitResult fit, KkResult kk, double pressurePa, double forceN,
            double temperatureK, int step, String at, double durationS, String recipeRunId) {
        Spectrum s = raw.withMetadata(raw.metadata().withStackPressurePa(pressurePa).withTemperatureK(temperatureK));
        Map<String, Object> p = new HashMap<>();
        p.put("spectrum", s);
        if (fit != null) {
            p.put("fit", fit);
        }
        if (kk != null) {
            p.put("kk", kk);
        }
        p.put("pressurePa", pressurePa);
        p.put("forceN", forceN);
        p.put("temperatureK", temperatureK);
        p.put("analyzer", ANALYZER);
        p.put("analyzerId", "sim-eis-1");
        p.put("step", step);
        p.put("durationS", durationS);
        p.put("run", recipeRunId);
        p.put("recipe", "assb-default");
        p.put("at", at);
        return p;
    }

    static StationEvent event(String station, Instant t, Map<String, Object> p) {
        return new StationEvent(station, t, StationEventType.SPECTRUM_MEASURED, "step " + p.get("step")
                + ": spectrum of 30 points on 'sim-eis-1'", p);
    }

    private static void flush(RunStore s) throws Exception {
        assertTrue(s.writer().flush(5_000).get(60, TimeUnit.SECONDS), "rows were not kept");
    }

    private static void awaitState(RunStore s, StoreHealth.State state, int seconds) throws InterruptedException {
        assertTrue(StoreFixture.await(Duration.ofSeconds(seconds), () -> s.health().state() == state),
                "not " + state + " within " + seconds + " s: " + s.health());
    }

    private static long spectrumEvents(RunStore s, String runId) {
        return s.events(runId, null, null, 0).stream().filter(e -> e.type().equals("SPECTRUM_MEASURED")).count();
    }

    /** The spectrum rows in the spool files of {@code dir}, read back through their frames and checksums. */
    static List<SpectrumRow> spooledSpectra(Path dir) throws Exception {
        List<SpectrumRow> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                for (Row r : Spool.readAll(f, 0)) {
                    if (r instanceof SpectrumRow sp) {
                        out.add(sp);
                    }
                }
            }
        }
        return out;
    }

    /**
     * A recipe run recorded while the database is up, then the database stopped and, once the store spools, the
     * spectrum of step 2 measured (15.2 MPa, 1190.5 N, 298.4 K) and spooled; returns the run's feed and the spectrum.
     */
    private static Map.Entry<Feed, Spectrum> spectrumWhileDown(StoppableDb server, RunStore store, String recipeRun)
            throws Exception {
        awaitState(store, StoreHealth.State.OK, 60);
        Feed f = new Feed("cell1", store, Instant.now().truncatedTo(ChronoUnit.MICROS));
        f.driverBound().recipeStarted(recipeRun, "assb-default", "ivy").samples(200);
        flush(store);
        server.stop();
        f.samples(50); // the writer finds the database gone when it writes these
        awaitState(store, StoreHealth.State.SPOOLING, 30);
        Spectrum raw = analyzed(f.t.minusSeconds(5), "step 2");
        store.onEvent(event("cell1", f.t, measured(raw, AttachExportTest.fit(raw), kk(raw), 15.2e6, 1190.5, 298.4, 2, "step",
                5.2, recipeRun)));
        f.samples(50);
        flush(store);
        return Map.entry(f, raw);
    }

    /** The conditions, analysis and source of the spectrum {@link #spectrumWhileDown} measured. */
    private static void assertStep2(Spectrum raw, RunSpectrum got) {
        FitResult fit = AttachExportTest.fit(raw);
        SpectrumEntry e = got.entry();
        assertEquals(raw.metadata().measuredAt(), e.measuredAt());
        assertEquals(15.2e6, e.stackPressurePa());
        assertEquals(1190.5, e.forceN());
        assertEquals(298.4, e.temperatureK());
        assertEquals("station cell1, step 2 (step), analyzer sim-eis-1 (" + ANALYZER + ")", e.source());
        assertArrayEquals(raw.imags(), e.spectrum().imags());
        assertEquals(Json.write(fit), Json.write(e.fit()));
        assertEquals(Double.POSITIVE_INFINITY, e.kk().seriesCapacitance());
    }

    @ParameterizedTest
    @EnumSource(TestDb.class)
    void aSpectrumTheStationMeasuredIsASpectrumOfItsRunOnce(TestDb db) throws Exception {
        try (HikariDataSource ds = db.open(tmp, "measured"); RunStore store = StoreFixture.store(ds, tmp.resolve("spool"))) {
            Instant t0 = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
            Feed f = new Feed("cell1", store, t0);
            f.driverBound().recipeStarted("rr-eis", "assb-default", "ivy").samples(2_000);
            Instant sweepStart = f.t.minusMillis(8_000);
            Spectrum raw = analyzed(sweepStart, "step 2");
            FitResult fit = AttachExportTest.fit(raw);
            KkResult kk = kk(raw);
            // 15.0412 MPa is the station's mean over the sweep; no recorded sample has exactly that value
            store.onEvent(event("cell1", f.t, measured(raw, fit, kk, 15.0412e6, 1181.6, 298.6, 2, "step", 8.4, "rr-eis")));
            f.samples(500);
            Instant second = f.t;
            Spectrum plain = AttachExportTest.rc(120, 3000, 2e-9); // no start time in its metadata, no fit, no Lin-KK
            store.onEvent(event("cell1", second, measured(plain, null, null, 20.5e6, 1610.2, 299.0, 3, "end", 2.5, "rr-eis")));
            f.samples(100).event(StationEventType.RECIPE_COMPLETED, "done", "runId", "rr-eis");
            flush(store);

            Run run = store.list(RunFilter.ALL).get(0);
            assertEquals(RunOutcome.COMPLETED, run.outcome());
            List<RunSpectrum> spectra = store.spectra(run.id());
            assertEquals(2, spectra.size(), spectra.toString());

            RunSpectrum a = spectra.get(0);
            SpectrumEntry e = a.entry();
            assertEquals(run.id(), a.runId());
            assertEquals(sweepStart, e.measuredAt(), "the sweep's start, as the analyzer timed it");
            assertEquals(SpectrumEntry.SourceKind.ANALYZER, e.sourceKind());
            assertEquals("station cell1, step 2 (step), analyzer sim-eis-1 (" + ANALYZER + ")", e.source());
            assertEquals(15.0412e6, e.stackPressurePa(), "the station's pressure over the sweep, not a recorded sample");
            assertEquals(1181.6, e.forceN());
            assertEquals(298.6, e.temperatureK());
            assertFalse(a.conditionsFromRecord());
            assertArrayEquals(raw.frequencies(), e.spectrum().frequencies());
            assertArrayEquals(raw.reals(), e.spectrum().reals());
            assertArrayEquals(raw.imags(), e.spectrum().imags());
            assertEquals(15.0412e6, e.spectrum().metadata().stackPressurePa());
            assertEquals(298.6, e.spectrum().metadata().temperatureK());
            assertEquals(sweepStart, e.spectrum().metadata().measuredAt());
            assertEquals("0.01", e.spectrum().metadata().extra().get("amplitudeV"));
            assertNotNull(e.fit());
            assertEquals(Json.write(fit), Json.write(e.fit()), "the fit round-trips");
            assertEquals(2480, e.fit().value("R1"));
            assertEquals(3, e.kk().m());
            assertEquals(Double.POSITIVE_INFINITY, e.kk().seriesCapacitance());
            assertTrue(Double.isNaN(e.kk().resistance()[2]));

            RunSpectrum b = spectra.get(1);
            assertEquals(second.minusMillis(2_500), b.entry().measuredAt(), "no analyzer time: the event's less the duration");
            assertEquals("station cell1, step 3 (end), analyzer sim-eis-1 (" + ANALYZER + ")", b.entry().source());
            assertEquals(20.5e6, b.entry().stackPressurePa());
            assertEquals(1610.2, b.entry().forceN());
            assertEquals(299.0, b.entry().temperatureK());
            assertNull(b.entry().fit());
            assertNull(b.entry().kk());
            assertArrayEquals(plain.reals(), b.entry().spectrum().reals());

            assertEquals(2, TestDb.count(ds, "SELECT COUNT(*) FROM pl_spectrum"), "each spectrum once");
            assertEquals(2, spectrumEvents(store, run.id()), "and each event recorded as before");
            RunEvent ev = store.events(run.id(), null, null, 0).stream().filter(x -> x.type().equals("SPECTRUM_MEASURED"))
                    .findFirst().orElseThrow();
            assertEquals(15.0412e6, ((Number) ev.properties().get("pressurePa")).doubleValue());
        }
    }

    @Test
    void aSpectrumMeasuredWhileTheDatabaseIsDownIsStoredOnceItIsBack() throws Exception {
        Path spool = tmp.resolve("spool");
        try (StoppableDb server = StoppableDb.h2(tmp); RunStore store = StoreFixture.store(server.ds(), spool)) {
            Map.Entry<Feed, Spectrum> down = spectrumWhileDown(server, store, "rr-down");
            Feed f = down.getKey();
            List<SpectrumRow> spooled = spooledSpectra(spool);
            assertEquals(1, spooled.size(), "the spool carries the spectrum");
            assertEquals(15.2e6, spooled.get(0).p());

            server.start();
            awaitState(store, StoreHealth.State.OK, 90);
            f.samples(10).event(StationEventType.RECIPE_COMPLETED, "done", "runId", "rr-down");
            flush(store);
            Run run = store.list(RunFilter.ALL).get(0);
            List<RunSpectrum> spectra = store.spectra(run.id());
            assertEquals(1, spectra.size(), spectra.toString());
            assertStep2(down.getValue(), spectra.get(0));
            assertEquals(1, TestDb.count(server.ds(), "SELECT COUNT(*) FROM pl_spectrum"), "once");
            assertEquals(1, spectrumEvents(store, run.id()));
            assertTrue(store.events(run.id(), null, null, 0).stream().anyMatch(x -> x.type().equals("STORE_RECOVERED")));
            assertEquals(0, store.health().lostRows());
            assertEquals(List.of(), spooledSpectra(spool), "the spool is emptied once backfilled");
        }
    }

    @Test
    void aSpooledSpectrumSurvivesARestartAndIsBackfilledOnce() throws Exception {
        Path spool = tmp.resolve("spool");
        try (StoppableDb server = StoppableDb.h2(tmp)) {
            RunStore first = StoreFixture.store(server.ds(), spool);
            Spectrum raw = spectrumWhileDown(server, first, "rr-crash").getValue();
            first.crash(); // as kill -9 leaves it: the spectrum is in the spool only
            assertEquals(1, spooledSpectra(spool).size());

            server.start();
            String runId;
            try (RunStore second = StoreFixture.store(server.ds(), spool)) {
                awaitState(second, StoreHealth.State.OK, 90); // the spool is backfilled, the run recovered
                flush(second);
                Run run = second.list(RunFilter.ALL).get(0);
                runId = run.id();
                assertEquals(RunOutcome.INTERRUPTED, run.outcome());
                List<RunSpectrum> spectra = second.spectra(runId);
                assertEquals(1, spectra.size(), spectra.toString());
                assertStep2(raw, spectra.get(0));
            }
            assertEquals(List.of(), spooledSpectra(spool));
            try (RunStore third = StoreFixture.store(server.ds(), spool)) {
                awaitState(third, StoreHealth.State.OK, 60);
                assertEquals(1, third.spectra(runId).size(), "a later start backfills nothing again");
            }
            assertEquals(1, TestDb.count(server.ds(), "SELECT COUNT(*) FROM pl_spectrum"));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDb.class)
    void aSpectrumRowWrittenAgainFromTheSpoolIsStoredOnce(TestDb db) throws Exception {
        try (HikariDataSource ds = db.open(tmp, "twice"); RunStore store = StoreFixture.store(ds, tmp.resolve("spool"))) {
            awaitState(store, StoreHealth.State.OK, 60); // the schema is there
            Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
            Spectrum raw = analyzed(at, "step 1");
            FitResult fit = AttachExportTest.fit(raw);
            SpectrumRow row = new SpectrumRow(RunIds.next(), "cell1", RunIds.next(), Writer.micros(at), "station cell1, step 1",
                    15e6, 1178, 298.15, Attachments.SpectrumData.of(raw), fit, kk(raw));
            // The spool's frame round-trips it (CRC-framed JSON) ...
            Spool s = new Spool(tmp.resolve("frames"), 1 << 20);
            s.append(List.of(row));
            SpectrumRow back = (SpectrumRow) Spool.readAll(s.files().get(0), 0).get(0);
            s.close();
            assertEquals(row.id(), back.id());
            assertEquals(row.run(), back.run());
            assertEquals(row.tUs(), back.tUs());
            assertArrayEquals(raw.reals(), back.data().re());
            assertEquals(Json.write(fit), Json.write(back.fit()));
            assertEquals(Double.POSITIVE_INFINITY, back.kk().seriesCapacitance());
            // ... and a batch written twice (its commit reached the database but was reported failed, so it was spooled
            // and backfilled) leaves the spectrum once.
            for (Row r : List.of(row, back)) {
                try (Connection c = ds.getConnection()) {
                    c.setAutoCommit(false);
                    SqlWriter.write(c, List.of(r));
                    c.commit();
                }
            }
            assertEquals(1, TestDb.count(ds, "SELECT COUNT(*) FROM pl_spectrum WHERE id = ?", row.id()));
        }
    }

    @Test
    void aFloodOfSpectraBeyondTheCapIsARecordedLossNotMemory() throws Exception {
        int cap = 8;
        int stations = 4;
        int each = 50;
        HoldingTrigger.arm();
        try (LogCapture log = new LogCapture(); HikariDataSource ds = TestDb.H2.open(tmp, "flood");
                RunStore store = StoreFixture.store(ds, Settings.defaults("test-instance", tmp.resolve("spool"))
                        .withProbeIntervalMs(700).withSpectrumQueueMax(cap))) {
            awaitState(store, StoreHealth.State.OK, 60);
            Instant t0 = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
            List<Feed> feeds = new ArrayList<>();
            for (int i = 0; i < stations; i++) {
                Feed f = new Feed("cell" + i, store, t0);
                f.driverBound().recipeStarted("rr-" + i, "assb-default", "ivy").samples(100);
                feeds.add(f);
            }
            flush(store);
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TRIGGER hold_spectrum BEFORE INSERT ON pl_spectrum FOR EACH ROW CALL '"
                        + HoldingTrigger.class.getName() + "'");
            }
            try {
                // The writer takes the first spectrum and is held inside its insert: nothing leaves the queue meanwhile.
                Spectrum first = analyzed(feeds.get(0).t.minusSeconds(3), "step 1");
                store.onEvent(event("cell0", feeds.get(0).t, measured(first, AttachExportTest.fit(first), kk(first), 15e6, 1178,
                        298.15, 1, "step", 3.2, "rr-0")));
                assertTrue(HoldingTrigger.entered.await(30, TimeUnit.SECONDS), "the writer reached the spectrum's insert");
                // Four stations' dispatchers at once, 50 spectra each.
                CountDownLatch go = new CountDownLatch(1);
                List<Thread> threads = new ArrayList<>();
                for (int i = 0; i < stations; i++) {
                    String station = "cell" + i;
                    String recipeRun = "rr-" + i;
                    Instant at = feeds.get(i).t;
                    Thread t = new Thread(() -> {
                        try {
                            go.await();
                        } catch (InterruptedException x) {
                            return;
                        }
                        for (int k = 0; k < each; k++) {
                            Spectrum sp = analyzed(at.plusMillis(k), "sweep point " + k);
                            store.onEvent(event(station, at.plusMillis(k + 1), measured(sp, AttachExportTest.fit(sp), kk(sp),
                                    15e6 + k, 1178, 298.15, 2 + k, "sweep", 0.001, recipeRun)));
                        }
                    }, "dispatcher-" + station);
                    threads.add(t);
                    t.start();
                }
                go.countDown();
                for (Thread t : threads) {
                    t.join(30_000);
                    assertFalse(t.isAlive(), t.getName() + " still delivering after 30 s: a listener callback blocked");
                }
                assertEquals(cap, store.writer().queuedSpectra(), "the cap is reached, never passed");
                assertEquals(cap, store.writer().mostQueuedSpectra());
            } finally {
                HoldingTrigger.release.countDown();
            }
            for (int i = 0; i < stations; i++) {
                feeds.get(i).samples(100).event(StationEventType.RECIPE_COMPLETED, "done", "runId", "rr-" + i);
            }
            flush(store);

            long stored = 0;
            long lost = 0;
            for (Run run : store.list(RunFilter.ALL)) {
                long s = store.spectra(run.id()).size();
                List<Gap> gaps = store.gaps(run.id()).stream().filter(g -> g.cause() == Gap.Cause.QUEUE_OVERFLOW).toList();
                long l = gaps.stream().mapToLong(Gap::lostRows).sum();
                gaps.forEach(g -> assertTrue(g.message().contains("spectra lost"), g.message()));
                long fed = each + (run.stationId().equals("cell0") ? 1 : 0);
                assertEquals(fed, s + l, run.stationId() + ": every spectrum is stored or counted in a gap");
                assertEquals(fed, spectrumEvents(store, run.id()), "every event is recorded, the dropped spectra's too");
                stored += s;
                lost += l;
            }
            assertEquals(1 + cap, stored, "the one being written and the capped queue");
            assertEquals(stations * each - cap, lost);
            assertEquals(lost, store.health().lostRows());
            assertEquals(1 + cap, TestDb.count(ds, "SELECT COUNT(*) FROM pl_spectrum"));
            assertEquals(0, store.writer().queuedSpectra());
            List<String> warns = log.lines("WARN", "spectra.queueMax");
            assertTrue(!warns.isEmpty() && warns.size() <= cap, "a WARN for the overflow, not one per spectrum: " + warns);
        }
    }

    @Test
    void aSpectrumEventWithoutARunOrWithoutASpectrumIsRecordedAsAnEventOnly() throws Exception {
        try (LogCapture log = new LogCapture(); HikariDataSource ds = TestDb.H2.open(tmp, "malformed");
                RunStore store = StoreFixture.store(ds, tmp.resolve("spool"))) {
            Instant t0 = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
            Feed f = new Feed("cell1", store, t0);
            f.driverBound().samples(100);
            Spectrum before = analyzed(f.t.minusSeconds(3), "step 1");
            store.onEvent(event("cell1", f.t, measured(before, AttachExportTest.fit(before), null, 15e6, 1178, 298.15, 1, "step",
                    3.1, "rr-old"))); // no run is open on the station
            f.recipeStarted("rr-m", "assb-default", "ivy").samples(300);

            Map<String, Object> missing = measured(analyzed(f.t.minusSeconds(2), "step 2"), null, null, 15e6, 1178, 298.15, 2,
                    "step", 2, "rr-m");
            missing.remove("spectrum");
            store.onEvent(event("cell1", f.t, missing));
            f.samples(10);
            Map<String, Object> text = measured(analyzed(f.t.minusSeconds(2), "step 3"), null, null, 15e6, 1178, 298.15, 3,
                    "step", 2, "rr-m");
            text.put("spectrum", "Spectrum[30 points, analyzer:sim-eis-1 step 3]"); // as after a hop through JSON
            store.onEvent(event("cell1", f.t, text));
            f.samples(10);
            Spectrum badFit = analyzed(f.t.minusSeconds(2), "step 4");
            Map<String, Object> wrongFit = measured(badFit, null, kk(badFit), 16e6, 1250, 298.15, 4, "step", 2, "rr-m");
            wrongFit.put("fit", Map.of("circuit", "R0-p(R1,C1)"));
            store.onEvent(event("cell1", f.t, wrongFit));
            f.samples(10);
            Spectrum good = analyzed(f.t.minusSeconds(2), "step 5");
            store.onEvent(event("cell1", f.t, measured(good, AttachExportTest.fit(good), kk(good), 17e6, 1330, 298.15, 5, "step",
                    2, "rr-m")));
            f.samples(10).event(StationEventType.RECIPE_COMPLETED, "done", "runId", "rr-m");
            flush(store);

            Run run = store.list(RunFilter.ALL).get(0);
            assertEquals(RunOutcome.COMPLETED, run.outcome(), "the events after the bad ones were recorded");
            assertEquals(4, spectrumEvents(store, run.id()), "every SPECTRUM_MEASURED of the run is an event");
            assertEquals(1, TestDb.count(ds, "SELECT COUNT(*) FROM pl_event WHERE type = 'SPECTRUM_MEASURED' AND run_id IS NULL"),
                    "the one without a run too");
            List<RunSpectrum> spectra = store.spectra(run.id());
            assertEquals(2, spectra.size(), spectra.toString());
            assertEquals(16e6, spectra.get(0).entry().stackPressurePa());
            assertNull(spectra.get(0).entry().fit(), "a fit of the wrong type is left out");
            assertEquals(3, spectra.get(0).entry().kk().m(), "the Lin-KK result is kept");
            assertEquals(17e6, spectra.get(1).entry().stackPressurePa());
            assertEquals(Json.write(AttachExportTest.fit(good)), Json.write(spectra.get(1).entry().fit()));
            assertEquals(2, TestDb.count(ds, "SELECT COUNT(*) FROM pl_spectrum"));

            assertEquals(1, log.lines("WARN", "SPECTRUM_MEASURED of station cell1 (step 1)", "no run was open").size());
            assertEquals(1, log.lines("WARN", "(step 2)", "carries no spectrum", "recorded as an event only").size());
            assertEquals(1, log.lines("WARN", "(step 3)", "of type java.lang.String", "recorded as an event only").size());
            assertEquals(1, log.lines("WARN", "(step 4)", "'fit' of type", "kept without it").size());
            assertEquals(List.of(), log.lines("(step 5)"), "a good spectrum logs nothing");
        }
    }
}
