package org.presslab.runs.imports.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.presslab.cycling.CyclingImporters;
import org.presslab.cycling.ShortCircuit;
import org.presslab.cycling.ShortCircuitDetector;
import org.presslab.impedance.io.SpectrumImporters;
import org.presslab.runs.api.CyclingLog;
import org.presslab.runs.api.Gap;
import org.presslab.runs.api.RunStoreException;
import org.presslab.runs.imports.ImportReport;

/**
 * The import of real file formats (a generated EC-Lab GCPL .mpt, a CSV spectrum) into runs held in memory:
 * the covering run is found, each cycling point gets the recorded stack pressure at its time (NaN in a gap),
 * a short circuit gets the pressure at its moment, a spectrum its pressure, force and temperature.
 */
class FileImportTest {

    static final Instant START = Instant.parse("2026-11-30T09:00:00Z");
    static final double DT = 10;
    static final int SHORT_AT = 1080; // 3 h into the charge

    @TempDir
    Path dir;

    static double pressure(Instant t) {
        double s = (t.toEpochMilli() - START.toEpochMilli()) / 1000.0;
        return 15e6 + 0.2e6 * Math.sin(2 * Math.PI * s / 3600);
    }

    /** A run from 1 h before START to 10 h after, samples every second, a 10-min driver gap 2 h after START. */
    static MemoryRuns store() {
        MemoryRuns m = new MemoryRuns();
        m.addRun("r1", "cell1", START.minusSeconds(3600), START.plusSeconds(36_000));
        m.record("r1", START.minusSeconds(3600), START.plusSeconds(36_000), Duration.ofSeconds(1), FileImportTest::pressure);
        Instant g0 = START.plusSeconds(7200);
        Instant g1 = g0.plusSeconds(600);
        m.samplesByRun.get("r1").removeIf(s -> s.time().isAfter(g0) && s.time().isBefore(g1));
        m.gapsByRun.get("r1").add(new Gap("cell1", g0, g1, Gap.Cause.DRIVER_LOST, 0, "driver away (test)"));
        return m;
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

    private FileImport importer(MemoryRuns m, ZoneId zone) {
        return new FileImport(SpectrumImporters.builtIn(), CyclingImporters.builtIn(), m, m, m, new ShortCircuitDetector(),
                zone, Duration.ofSeconds(2));
    }

    @Test
    void cyclingLogAlignedWithThePressureTrace() throws IOException {
        MemoryRuns m = store();
        Path file = Files.writeString(dir.resolve("cell1_GCPL.mpt"), gcpl(START, true), StandardCharsets.ISO_8859_1);
        ImportReport r = importer(m, ZoneOffset.UTC).importFile(file, null, null);
        assertEquals(ImportReport.Outcome.IMPORTED, r.outcome(), r.message());
        assertEquals(ImportReport.Kind.CYCLING, r.kind());
        assertEquals("r1", r.runId());
        assertEquals("header", r.timeFrom());
        assertEquals(START, r.measuredAt());
        CyclingLog log = m.cycling.get(0);
        assertEquals(2160, log.size());
        int inGap = 0;
        for (int i = 0; i < log.size(); i++) {
            Instant t = START.plusSeconds((long) (i * DT));
            boolean gap = !t.isBefore(START.plusSeconds(7200)) && !t.isAfter(START.plusSeconds(7800));
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
        MemoryRuns m = store();
        ZoneId berlin = ZoneId.of("Europe/Berlin"); // UTC+1 in November: the file says 10:00 for 09:00 UTC
        Instant local = LocalDateTime.ofInstant(START, berlin).toInstant(ZoneOffset.UTC);
        Path file = Files.writeString(dir.resolve("berlin.mpt"), gcpl(local, true), StandardCharsets.ISO_8859_1);
        ImportReport r = importer(m, berlin).importFile(file, null, "cell1");
        assertEquals(START, r.measuredAt());
        assertEquals(pressure(START), m.cycling.get(0).stackPressurePa(0), 1.0);
    }

    @Test
    void withoutATimeInTheFileTheModificationTimeIsTheLastPoint() throws IOException {
        MemoryRuns m = store();
        Path file = Files.writeString(dir.resolve("plain.mpt"), gcpl(START, false), StandardCharsets.ISO_8859_1);
        Instant lastPoint = START.plusSeconds((long) (2159 * DT));
        Files.setLastModifiedTime(file, FileTime.from(lastPoint));
        ImportReport r = importer(m, ZoneOffset.UTC).importFile(file, null, null);
        assertEquals("file mtime", r.timeFrom());
        assertEquals(START, r.measuredAt());
    }

    @Test
    void spectrumTaggedWithPressureForceAndTemperature() throws IOException {
        MemoryRuns m = store();
        Path file = Files.writeString(dir.resolve("eis.csv"), "1000,10,-1\n100,12,-3\n10,15,-4\n");
        Instant t = START.plusSeconds(1234).plusMillis(500);
        Files.setLastModifiedTime(file, FileTime.from(t));
        ImportReport r = importer(m, ZoneOffset.UTC).importFile(file, null, null);
        assertEquals(ImportReport.Kind.SPECTRA, r.kind(), r.message());
        assertEquals("file mtime", r.timeFrom());
        assertEquals(pressure(t), r.stackPressurePa(), 1.0);
        assertEquals(pressure(t) * 7.85e-5, r.forceN(), 1e-3);
        assertEquals(298.15, r.temperatureK(), 1e-9);
        assertEquals(pressure(t), m.spectra.get(0).stackPressurePa(), 1.0);
        assertEquals(t, m.spectra.get(0).measuredAt());
    }

    @Test
    void noCoveringRunAndAmbiguousRunsAttachNothing() throws IOException {
        MemoryRuns m = store();
        Path file = Files.writeString(dir.resolve("late.csv"), "1000,10,-1\n100,12,-3\n");
        Files.setLastModifiedTime(file, FileTime.from(START.plusSeconds(86_400)));
        ImportReport r = importer(m, ZoneOffset.UTC).importFile(file, null, null);
        assertEquals(ImportReport.Outcome.NO_RUN, r.outcome());
        assertTrue(m.spectra.isEmpty());
        m.addRun("r2", "cell2", START.minusSeconds(100), null);
        Files.setLastModifiedTime(file, FileTime.from(START.plusSeconds(60)));
        r = importer(m, ZoneOffset.UTC).importFile(file, null, null);
        assertEquals(ImportReport.Outcome.AMBIGUOUS, r.outcome());
        assertEquals("r1,r2", r.runId());
        assertTrue(m.spectra.isEmpty());
        assertEquals("r2", importer(m, ZoneOffset.UTC).importFile(file, null, "cell2").runId());
    }

    @Test
    void unknownRunAndUnreadableFile() throws IOException {
        MemoryRuns m = store();
        Path file = Files.writeString(dir.resolve("eis.csv"), "1000,10,-1\n");
        RunStoreException e = assertThrows(RunStoreException.class, () -> importer(m, ZoneOffset.UTC).importFile(file, "nope", null));
        assertEquals(RunStoreException.Reason.NOT_FOUND, e.reason());
        Path junk = Files.writeString(dir.resolve("notes.txt"), "hello\n");
        IOException io = assertThrows(IOException.class, () -> importer(m, ZoneOffset.UTC).importFile(junk, null, null));
        assertTrue(io.getMessage().contains("notes.txt"), io.getMessage());
    }
}
