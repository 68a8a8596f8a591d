package org.presslab.runs.imports.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.presslab.control.api.StationEventType;
import org.presslab.cycling.CyclingImporters;
import org.presslab.cycling.ShortCircuit;
import org.presslab.cycling.ShortCircuitDetector;
import org.presslab.impedance.io.SpectrumImporters;
import org.presslab.runs.api.CellInfo;
import org.presslab.runs.api.CyclingLog;
import org.presslab.runs.api.Gap;
import org.presslab.runs.api.Run;
import org.presslab.runs.api.RunSpectrum;
import org.presslab.runs.api.RunStoreException;
import org.presslab.runs.imports.ImportReport;

/**
 * The import of real file formats (a generated EC-Lab GCPL .mpt, a CSV spectrum) into runs recorded by the real run
 * store on an embedded H2 database ({@link RunStoreFixture}): the covering run is found, each cycling point gets the
 * recorded stack pressure at its time (NaN in a gap), a short circuit gets the pressure at its moment, a spectrum its
 * pressure, force and temperature; what is attached is read back from the store.
 */
class FileImportTest {

    static final Instant START = Instant.parse("2026-11-30T09:00:00Z");
    static final double DT = 10;
    static final int SHORT_AT = 1080; // 3 h into the charge
    static final Instant RUN_START = START.minusSeconds(3600);
    static final Instant RUN_END = START.plusSeconds(36_000);
    static final Instant GAP_START = START.plusSeconds(7200);
    static final Instant GAP_END = GAP_START.plusSeconds(600);

    @TempDir
    Path dir;

    @TempDir
    Path dbDir;

    private RunStoreFixture runs;
    private String r1;

    static double pressure(Instant t) {
        double s = (t.toEpochMilli() - START.toEpochMilli()) / 1000.0;
        return 15e6 + 0.2e6 * Math.sin(2 * Math.PI * s / 3600);
    }

    /**
     * Records run r1 of station cell1 as a station and an operator would: started by hand 1 h before START, a sample
     * every second to 10 h after START, the driver lost 2 h after START for 10 min (samples flagged as a gap, the
     * control core's events), stopped by hand. Returns the run's id.
     */
    static String recordRun(RunStoreFixture f) {
        f.at(RUN_START);
        Run run = f.store.start("cell1", CellInfo.UNKNOWN, "tester", "SHELL");
        for (Instant t = RUN_START; !t.isAfter(RUN_END); t = t.plusSeconds(1)) {
            f.at(t);
            if (t.equals(GAP_START)) {
                f.driverLost("cell1", "sim-press-1");
            } else if (t.equals(GAP_END)) {
                f.driverBound("cell1", "sim-press-1");
            }
            if (!t.isBefore(GAP_START) && t.isBefore(GAP_END)) {
                f.gapSample("cell1");
            } else {
                f.sample("cell1", pressure(t));
            }
        }
        f.store.stop(run.id(), "tester", "");
        f.flush();
        return run.id();
    }

    @BeforeEach
    void record() throws Exception {
        runs = new RunStoreFixture(dbDir, RUN_START);
        r1 = recordRun(runs);
    }

    @AfterEach
    void closeStore() throws Exception {
        runs.close();
    }

    @Test
    void theStoreHoldsTheRecordedRunAsFed() {
        Run run = runs.store.get(r1).orElseThrow();
        assertEquals("cell1", run.stationId());
        assertEquals(RUN_START, run.start());
        assertEquals(RUN_END, run.end());
        assertEquals(36_000 + 3600 + 1, runs.store.sampleCount(r1), "one sample a second, the gap's included");
        List<Gap> gaps = runs.store.gaps(r1);
        assertEquals(1, gaps.size(), gaps.toString());
        assertEquals(Gap.Cause.DRIVER_LOST, gaps.get(0).cause());
        assertEquals(GAP_START, gaps.get(0).start());
        assertEquals(GAP_END, gaps.get(0).end());
    }

    /** A 6-h GCPL charge logged every 10 s, a hard short at point {@value #SHORT_AT}; start in the header. */
    static String gcpl(Instant start, boolean header) {
        StringBuilder b = new StringBuilder();
        if (header) {
            b.append("EC-Lab ASCII FILE\r\nNb header lines : 6\r\n\r\nGalvanostatic Cycling with Potential Limitation\r\n");
            b.append("Acquisition started on : ").append(DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss.SSS", Locale.ROOT)
                    .format(LocalDateTime.ofInstant(start, ZoneOffset.UTC))).append("\r\n");
        }
        b.append("mode\ttime/s\tEwe/V\tI/mA\t(Q-Qo)/mA.h\tcycle number\r\n");
        java.util.Random rnd = new java.util.Random(3);
        for (int k = 0; k < 2160; k++) {
            double v = k >= SHORT_AT ? 0.02 : 3.3 + 0.3 * k / 2160.0 + 0.001 * rnd.nextGaussian();
            b.append(String.format(Locale.ROOT, "1\t%.4f\t%.6f\t0.25\t%.6f\t0\r\n", k * DT, v, 0.25 * k * DT / 3600));
        }
        return b.toString();
    }

    static FileImport importer(RunStoreFixture f, ZoneId zone) {
        return new FileImport(SpectrumImporters.builtIn(), CyclingImporters.builtIn(), f.store, f.store, f.store,
                new ShortCircuitDetector(), zone, Duration.ofSeconds(2));
    }

    /** The one cycling log attached to the run, read back from the store. */
    private CyclingLog storedCyclingLog(String runId) {
        var logs = runs.store.cyclingLogs(runId);
        assertEquals(1, logs.size(), logs.toString());
        return runs.store.cyclingLog(logs.get(0).id());
    }

    @Test
    void cyclingLogAlignedWithThePressureTrace() throws IOException {
        Path file = Files.writeString(dir.resolve("cell1_GCPL.mpt"), gcpl(START, true), StandardCharsets.ISO_8859_1);
        ImportReport r = importer(runs, ZoneOffset.UTC).importFile(file, null, null);
        assertEquals(ImportReport.Outcome.IMPORTED, r.outcome(), r.message());
        assertEquals(ImportReport.Kind.CYCLING, r.kind());
        assertEquals(r1, r.runId());
        assertEquals("header", r.timeFrom());
        assertEquals(START, r.measuredAt());
        CyclingLog log = storedCyclingLog(r1);
        assertEquals(2160, log.size());
        assertEquals(START, log.start());
        assertEquals("header", log.metadata().get("timeFrom"));
        int inGap = 0;
        for (int i = 0; i < log.size(); i++) {
            Instant t = START.plusSeconds((long) (i * DT));
            boolean gap = !t.isBefore(GAP_START) && !t.isAfter(GAP_END);
            if (gap) {
                assertTrue(Double.isNaN(log.stackPressurePa(i)), "point " + i + " is in the gap: " + log.stackPressurePa(i));
                inGap++;
            } else {
                assertEquals(pressure(t), log.stackPressurePa(i), 1.0, "point " + i);
            }
        }
        assertEquals(61, inGap);
        assertEquals(2160 - 61, r.withPressure());
        assertEquals(1, r.shortCircuits().size());
        ShortCircuit s = r.shortCircuits().get(0);
        assertEquals(ShortCircuit.Kind.HARD, s.kind());
        assertEquals(SHORT_AT, s.index());
        Instant at = START.plusSeconds((long) (SHORT_AT * DT));
        assertEquals(at, s.at());
        assertEquals(pressure(at), s.stackPressurePa(), 1.0);
        assertEquals(pressure(at), log.shortCircuits().get(0).stackPressurePa(), 1.0);
        assertEquals(SHORT_AT * DT, log.shortCircuits().get(0).elapsedS(), 1e-9);
        assertEquals(0.25e-3 * 6 * 3600 * (2159.0 / 2160) / 3600, log.capacityAh()[2159], 1e-9, "capacity in Ah");
    }

    @Test
    void instrumentLocalTimeIsConvertedWithItsZone() throws IOException {
        ZoneId berlin = ZoneId.of("Europe/Berlin"); // UTC+1 in November: the file says 10:00 for 09:00 UTC
        Instant local = LocalDateTime.ofInstant(START, berlin).toInstant(ZoneOffset.UTC);
        Path file = Files.writeString(dir.resolve("berlin.mpt"), gcpl(local, true), StandardCharsets.ISO_8859_1);
        ImportReport r = importer(runs, berlin).importFile(file, null, "cell1");
        assertEquals(START, r.measuredAt());
        assertEquals(pressure(START), storedCyclingLog(r1).stackPressurePa(0), 1.0);
    }

    @Test
    void withoutATimeInTheFileTheModificationTimeIsTheLastPoint() throws IOException {
        Path file = Files.writeString(dir.resolve("plain.mpt"), gcpl(START, false), StandardCharsets.ISO_8859_1);
        Instant lastPoint = START.plusSeconds((long) (2159 * DT));
        Files.setLastModifiedTime(file, FileTime.from(lastPoint));
        ImportReport r = importer(runs, ZoneOffset.UTC).importFile(file, null, null);
        assertEquals("file mtime", r.timeFrom());
        assertEquals(START, r.measuredAt());
        assertEquals(START, storedCyclingLog(r1).start());
    }

    @Test
    void spectrumTaggedWithPressureForceAndTemperature() throws IOException {
        Path file = Files.writeString(dir.resolve("eis.csv"), "1000,10,-1\n100,12,-3\n10,15,-4\n");
        Instant t = START.plusSeconds(1234).plusMillis(500);
        Files.setLastModifiedTime(file, FileTime.from(t));
        ImportReport r = importer(runs, ZoneOffset.UTC).importFile(file, null, null);
        assertEquals(ImportReport.Kind.SPECTRA, r.kind(), r.message());
        assertEquals("file mtime", r.timeFrom());
        assertEquals(pressure(t), r.stackPressurePa(), 1.0);
        assertEquals(pressure(t) * RunStoreFixture.AREA_M2, r.forceN(), 1e-3);
        assertEquals(RunStoreFixture.TEMPERATURE_K, r.temperatureK(), 1e-9);
        List<RunSpectrum> stored = runs.store.spectra(r1);
        assertEquals(1, stored.size());
        assertEquals(pressure(t), stored.get(0).entry().stackPressurePa(), 1.0);
        assertEquals(pressure(t) * RunStoreFixture.AREA_M2, stored.get(0).entry().forceN(), 1e-3);
        assertEquals(RunStoreFixture.TEMPERATURE_K, stored.get(0).entry().temperatureK(), 1e-9);
        assertEquals(t, stored.get(0).entry().measuredAt());
        assertFalse(stored.get(0).conditionsFromRecord(), "the importer's interpolated conditions, not the store's nearest sample");
    }

    @Test
    void noCoveringRunAndAmbiguousRunsAttachNothing() throws IOException {
        Path file = Files.writeString(dir.resolve("late.csv"), "1000,10,-1\n100,12,-3\n");
        Files.setLastModifiedTime(file, FileTime.from(START.plusSeconds(86_400)));
        ImportReport r = importer(runs, ZoneOffset.UTC).importFile(file, null, null);
        assertEquals(ImportReport.Outcome.NO_RUN, r.outcome());
        assertTrue(runs.store.spectra(r1).isEmpty());
        // A recipe run on a second station, started 100 s before START and still running (a station's event carries
        // its own time).
        runs.event("cell2", START.minusSeconds(100), StationEventType.RECIPE_STARTED, "recipe hold started",
                Map.of("runId", "recipe-run-2", "recipe", "hold", "actor", "tester", "source", "SHELL"));
        runs.flush();
        String r2 = runs.store.current("cell2").orElseThrow().id();
        assertEquals(START.minusSeconds(100), runs.store.get(r2).orElseThrow().start());
        Files.setLastModifiedTime(file, FileTime.from(START.plusSeconds(60)));
        r = importer(runs, ZoneOffset.UTC).importFile(file, null, null);
        assertEquals(ImportReport.Outcome.AMBIGUOUS, r.outcome());
        assertEquals(r2 + "," + r1, r.runId(), "both covering runs, newest first as the store lists them");
        assertTrue(runs.store.spectra(r1).isEmpty());
        assertTrue(runs.store.spectra(r2).isEmpty());
        assertEquals(r2, importer(runs, ZoneOffset.UTC).importFile(file, null, "cell2").runId());
        assertEquals(1, runs.store.spectra(r2).size());
        assertTrue(runs.store.spectra(r1).isEmpty());
    }

    @Test
    void unknownRunAndUnreadableFile() throws IOException {
        Path file = Files.writeString(dir.resolve("eis.csv"), "1000,10,-1\n");
        RunStoreException e = assertThrows(RunStoreException.class,
                () -> importer(runs, ZoneOffset.UTC).importFile(file, "nope", null));
        assertEquals(RunStoreException.Reason.NOT_FOUND, e.reason());
        assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
        String unknown = "0193a5c2-7f00-7abc-8def-0123456789ab"; // well formed, but no such run in the database
        e = assertThrows(RunStoreException.class, () -> importer(runs, ZoneOffset.UTC).importFile(file, unknown, null));
        assertEquals(RunStoreException.Reason.NOT_FOUND, e.reason());
        assertTrue(e.getMessage().contains(unknown), e.getMessage());
        Path junk = Files.writeString(dir.resolve("notes.txt"), "hello\n");
        IOException io = assertThrows(IOException.class, () -> importer(runs, ZoneOffset.UTC).importFile(junk, null, null));
        assertTrue(io.getMessage().contains("notes.txt"), io.getMessage());
        assertTrue(runs.store.spectra(r1).isEmpty());
    }

    @Test
    void whileTheDatabaseIsDownAnImportFailsAsUnavailableAndAttachesNothing() throws Exception {
        Path file = Files.writeString(dir.resolve("eis.csv"), "1000,10,-1\n100,12,-3\n");
        Instant t = START.plusSeconds(100);
        Files.setLastModifiedTime(file, FileTime.from(t));
        runs.databaseDown();
        RunStoreException e = assertThrows(RunStoreException.class,
                () -> importer(runs, ZoneOffset.UTC).importFile(file, null, null));
        assertEquals(RunStoreException.Reason.UNAVAILABLE, e.reason(), e.getMessage());
        assertTrue(e.getMessage().startsWith("database unavailable: "), e.getMessage());
        e = assertThrows(RunStoreException.class, () -> importer(runs, ZoneOffset.UTC).importFile(file, r1, null));
        assertEquals(RunStoreException.Reason.UNAVAILABLE, e.reason(), "with the run's id too: " + e.getMessage());
        runs.databaseUp();
        ImportReport r = importer(runs, ZoneOffset.UTC).importFile(file, null, null);
        assertEquals(ImportReport.Outcome.IMPORTED, r.outcome(), r.message());
        List<RunSpectrum> stored = runs.store.spectra(r1);
        assertEquals(1, stored.size(), "attached once: nothing left over from the failed attempts");
        assertEquals(pressure(t), stored.get(0).entry().stackPressurePa(), 1.0);
    }
}
