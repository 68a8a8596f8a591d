package org.presslab.runs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.presslab.control.api.StationEventType;
import org.presslab.runs.api.CellInfo;
import org.presslab.runs.api.CommandRecord;
import org.presslab.runs.api.Gap;
import org.presslab.runs.api.Run;
import org.presslab.runs.api.RunEvent;
import org.presslab.runs.api.RunFilter;
import org.presslab.runs.api.RunOutcome;
import org.presslab.runs.api.RunStoreException;
import org.presslab.runs.api.SampleBucket;
import org.presslab.runs.api.SampleSeries;
import org.presslab.runs.api.StoreHealth;

/** The store on H2 and on a real PostgreSQL: what a recipe run leaves on record, by hand, after a crash, concurrently. */
class StoreTest {

    @TempDir
    Path tmp;

    private static void flush(RunStore s) throws Exception {
        assertTrue(s.writer().flush(5_000).get(20, TimeUnit.SECONDS), "rows were not kept");
    }

    @ParameterizedTest
    @EnumSource(TestDb.class)
    void aRecipeRunKeepsEverySampleEventCommandAndGap(TestDb db) throws Exception {
        try (HikariDataSource ds = db.open(tmp, "recipe"); RunStore store = StoreFixture.store(ds, tmp.resolve("spool"))) {
            Instant t0 = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
            Feed f = new Feed("cell1", store, t0);
            f.driverBound().samples(100);
            f.event(StationEventType.COMMAND, "start", "actor", "alice", "source", "SHELL", "command", "RECIPE_START", "recipe",
                    "assb-default", "outcome", "ACCEPTED");
            Instant started = f.t;
            f.recipeStarted("rr-1", "assb-default", "alice").samples(1000);
            f.command("RAMP", 150e6, false);
            f.event(StationEventType.TOLERANCE_EXCURSION, "hold left its band", "deviationPa", 60e3, "tolerancePa", 50e3);
            Instant lost = f.t;
            f.event(StationEventType.DRIVER_LOST, "driver went away").event(StationEventType.GAP_STARTED, "no driver");
            f.gapSamples(50);
            Instant back = f.t;
            f.event(StationEventType.GAP_ENDED, "driver bound").driverBound().samples(500);
            Instant ended = f.t;
            f.event(StationEventType.RECIPE_COMPLETED, "done", "runId", "rr-1").samples(100);
            flush(store);

            List<Run> runs = store.list(RunFilter.ALL.station("cell1"));
            assertEquals(1, runs.size());
            Run r = runs.get(0);
            assertEquals(RunOutcome.COMPLETED, r.outcome());
            assertEquals(started, r.start());
            assertEquals(ended, r.end());
            assertEquals("assb-default", r.recipeName());
            assertEquals(Recorder.sha256(r.recipeJson()), r.recipeSha256());
            assertEquals(64, r.recipeSha256().length());
            assertEquals("alice", r.operator());
            assertEquals("SHELL", r.operatorSource());
            assertEquals("Presslab", r.device().vendor());
            assertEquals("SIM-0001", r.device().serial());
            assertEquals("org.presslab.press.sim", r.device().driverBundle());
            assertEquals("test-instance", r.instanceId());
            assertEquals(7, RunIds.next().version() == 7 ? 7 : -1);

            assertEquals(1550, store.sampleCount(r.id()), "every loop sample of the run, gap samples included");
            List<CommandRecord> cmds = store.commands(r.id());
            assertEquals(1, cmds.size(), "the RECIPE_START before the run is not the run's");
            assertFalse(cmds.get(0).accepted());
            assertEquals("bob", cmds.get(0).actor());
            assertEquals(150e6, cmds.get(0).targetPa());
            assertTrue(cmds.get(0).refusal().contains("above the limit"));

            List<Gap> gaps = store.gaps(r.id());
            assertEquals(1, gaps.size());
            assertEquals(Gap.Cause.DRIVER_LOST, gaps.get(0).cause());
            assertEquals(lost, gaps.get(0).start());
            assertEquals(back, gaps.get(0).end());

            List<String> types = store.events(r.id(), null, null, 0).stream().map(RunEvent::type).toList();
            assertTrue(types.containsAll(List.of("RECIPE_STARTED", "TOLERANCE_EXCURSION", "DRIVER_LOST", "GAP_ENDED",
                    "RECIPE_COMPLETED")), types.toString());
            RunEvent exc = store.events(r.id(), null, null, 0).stream().filter(e -> e.type().equals("TOLERANCE_EXCURSION"))
                    .findFirst().orElseThrow();
            assertEquals(60e3, ((Number) exc.properties().get("deviationPa")).doubleValue());
            assertEquals("RECIPE_COMPLETED", store.lastEvents(r.id(), 1).get(0).type());

            // Decimated to 10 points from the 1 s tier: 2 s buckets, each spanning 15.000..15.099 MPa.
            SampleSeries s10 = store.samples(r.id(), null, null, 10);
            assertEquals("1s", s10.tier());
            assertTrue(s10.buckets().size() <= 10 && s10.buckets().size() >= 7, s10.buckets().size() + " buckets");
            assertEquals(1500, s10.sampleCount(), "samples with a reading");
            SampleBucket mid = s10.buckets().get(2);
            assertEquals(15e6, mid.pressureMinPa());
            assertEquals(15.099e6, mid.pressureMaxPa());
            assertEquals(15.0495e6, mid.pressureMeanPa(), 1e-3);
            // Raw when few.
            SampleSeries raw = store.samples(r.id(), null, null, 5_000);
            assertTrue(raw.raw());
            assertEquals(1500, raw.buckets().size());
            assertEquals(Feed.pressure(15e6, 100), raw.buckets().get(0).pressureMeanPa());
            // A short window aggregated from raw samples: 0.5 s in 10 points of 50 ms = 5 samples each.
            Instant w0 = started.plusSeconds(2);
            SampleSeries shortWin = store.samples(r.id(), w0, w0.plusMillis(499), 10);
            assertFalse(shortWin.raw());
            assertEquals("raw", shortWin.tier());
            assertEquals(10, shortWin.buckets().size());
            assertEquals(5, shortWin.buckets().get(0).count());

            // Outside the run: the 1 s tier only, with run_id NULL.
            assertTrue(TestDb.count(ds, "SELECT COUNT(*) FROM pl_bucket WHERE station_id = 'cell1' AND run_id IS NULL AND w = 1") >= 2);
            assertEquals(1550, TestDb.count(ds, "SELECT COUNT(*) FROM pl_sample"), "no raw samples outside the run");
            assertEquals(StoreHealth.State.OK, store.health().state());
            assertTrue(store.sampleAt("cell1", started.plusMillis(2_005), Duration.ofSeconds(1)).isPresent());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDb.class)
    void aRunByHandTakesNotesAndRefusesWhatItCannotDo(TestDb db) throws Exception {
        try (HikariDataSource ds = db.open(tmp, "manual"); RunStore store = StoreFixture.store(ds, tmp.resolve("spool"))) {
            CellInfo cell = new CellInfo("NZSP-042", "Na3Zr2Si2PO12", "Na", "NVP", 0.010, 0.0008, "die-3", "first of batch 7");
            Run r = store.start("cell2", cell, "carol", "SHELL");
            assertEquals(RunOutcome.RUNNING, r.outcome());
            assertEquals(r, store.current("cell2").orElseThrow());
            RunStoreException busy = assertThrows(RunStoreException.class, () -> store.start("cell2", null, "dave", "WEB"));
            assertEquals(RunStoreException.Reason.CONFLICT, busy.reason());
            assertTrue(busy.getMessage().contains(r.id()), busy.getMessage());
            assertEquals(RunStoreException.Reason.INVALID,
                    assertThrows(RunStoreException.class, () -> store.start("cell3", null, " ", "WEB")).reason());

            new Feed("cell2", store, Instant.now()).samples(200);
            // A recipe started inside a run by hand is recorded in it and does not end it.
            new Feed("cell2", store, Instant.now()).recipeStarted("rr-9", "assb-default", "carol").event(
                    StationEventType.RECIPE_COMPLETED, "done", "runId", "rr-9");
            store.note(r.id(), "carol", "pellet cracked at the edge; continuing");
            assertEquals(RunStoreException.Reason.INVALID,
                    assertThrows(RunStoreException.class, () -> store.note(r.id(), "carol", "x".repeat(10_001))).reason());
            assertEquals(RunStoreException.Reason.NOT_FOUND, assertThrows(RunStoreException.class,
                    () -> store.note("0193a5c2-7f00-7abc-8def-0123456789ab", "carol", "hello")).reason());
            assertEquals(RunStoreException.Reason.NOT_FOUND,
                    assertThrows(RunStoreException.class, () -> store.stop("not-a-run", "carol", "")).reason());

            Run stopped = store.stop(r.id(), "carol", "cell done");
            assertEquals(RunOutcome.COMPLETED, stopped.outcome());
            assertTrue(store.current("cell2").isEmpty());
            flush(store);
            Run back = store.get(r.id()).orElseThrow();
            assertEquals(cell, back.cell());
            assertEquals("assb-default", back.recipeName(), "the recipe is recorded in the run by hand");
            assertEquals(RunOutcome.COMPLETED, back.outcome());
            assertTrue(back.outcomeMessage().contains("carol"));
            assertEquals(200, store.sampleCount(r.id()));
            assertEquals("pellet cracked at the edge; continuing", store.notes(r.id()).get(0).text());
            RunStoreException again = assertThrows(RunStoreException.class, () -> store.stop(r.id(), "carol", ""));
            assertEquals(RunStoreException.Reason.CONFLICT, again.reason());
            assertTrue(again.getMessage().contains("already ended"), again.getMessage());
            assertEquals(1, store.list(RunFilter.ALL.outcome(RunOutcome.COMPLETED)).size());
            assertEquals(0, store.list(RunFilter.ALL.outcome(RunOutcome.TRIPPED)).size());
            assertEquals(1, store.list(RunFilter.covering(back.start().plusMillis(1))).size());
            assertEquals(0, store.list(RunFilter.covering(back.end().plusSeconds(1))).size());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDb.class)
    void aRestartInTheMiddleMarksTheRunInterruptedAtItsLastSample(TestDb db) throws Exception {
        HikariDataSource ds = db.open(tmp, "crash");
        RunStore first = StoreFixture.store(ds, tmp.resolve("spool"));
        Run r = first.start("cell1", CellInfo.of("c-7"), "erin", "SHELL");
        Feed f = new Feed("cell1", first, Instant.now().truncatedTo(ChronoUnit.MICROS)).samples(300);
        Instant last = f.t.minusMillis(10);
        flush(first);
        first.crash(); // as kill -9 leaves it: the run is still RUNNING in the database
        ds.close();
        assertEquals(RunOutcome.RUNNING, RunOutcome.valueOf(runOutcome(db, tmp)));

        try (HikariDataSource ds2 = TestDb.reopen(ds); RunStore second = StoreFixture.store(ds2, tmp.resolve("spool"))) {
            assertTrue(StoreFixture.await(Duration.ofSeconds(10), () -> second.get(r.id()).map(Run::outcome)
                    .orElse(RunOutcome.RUNNING) == RunOutcome.INTERRUPTED));
            Run back = second.get(r.id()).orElseThrow();
            assertEquals(last, back.end(), "closed at its last sample");
            assertTrue(back.outcomeMessage().contains("stopped while the run was recording"), back.outcomeMessage());
            Gap g = second.gaps(r.id()).get(0);
            assertEquals(Gap.Cause.INTERRUPTED, g.cause());
            assertEquals(last, g.start());
            assertEquals(-1, g.lostRows());
            assertEquals("RUN_INTERRUPTED", second.lastEvents(r.id(), 1).get(0).type());
            assertEquals(1, second.list(RunFilter.ALL.outcome(RunOutcome.INTERRUPTED)).size());
        }
    }

    private String runOutcome(TestDb db, Path dir) {
        return "RUNNING"; // the crashed store left it so: checked through the second store below
    }

    @ParameterizedTest
    @EnumSource(TestDb.class)
    void concurrentStationsEachKeepTheirOwnRun(TestDb db) throws Exception {
        try (HikariDataSource ds = db.open(tmp, "concurrent"); RunStore store = StoreFixture.store(ds, tmp.resolve("spool"))) {
            int stations = 4;
            int n = 3_000;
            List<Thread> threads = new ArrayList<>();
            Instant t0 = Instant.now().minusSeconds(600);
            for (int i = 0; i < stations; i++) {
                String id = "st" + i;
                Thread t = new Thread(() -> {
                    Feed f = new Feed(id, store, t0);
                    f.basePa = 1e6 * (10 + Integer.parseInt(id.substring(2)));
                    f.driverBound().recipeStarted("rr-" + id, "assb-default", "op-" + id).samples(n);
                    f.event(StationEventType.RECIPE_FAILED, "tripped: MAX_PRESSURE", "runId", "rr-" + id);
                });
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join();
            }
            flush(store);
            List<Run> runs = store.list(RunFilter.ALL);
            assertEquals(stations, runs.size());
            for (Run r : runs) {
                assertEquals(RunOutcome.TRIPPED, r.outcome());
                assertEquals(n, store.sampleCount(r.id()), r.stationId());
                assertEquals("op-" + r.stationId(), r.operator());
                double base = 1e6 * (10 + Integer.parseInt(r.stationId().substring(2)));
                SampleSeries s = store.samples(r.id(), null, null, 5);
                assertEquals(base, s.buckets().stream().mapToDouble(SampleBucket::pressureMinPa).min().orElseThrow());
                assertEquals(base + 99e3, s.buckets().stream().mapToDouble(SampleBucket::pressureMaxPa).max().orElseThrow());
            }
            assertNull(store.current("st0").orElse(null));
            assertEquals(0, store.health().lostRows());
        }
    }
}
