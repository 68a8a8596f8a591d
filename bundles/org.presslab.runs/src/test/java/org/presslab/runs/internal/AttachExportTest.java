package org.presslab.runs.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;

import io.jhdf.HdfFile;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.presslab.control.api.StationEventType;
import org.presslab.impedance.api.FitResult;
import org.presslab.impedance.api.FittedParameter;
import org.presslab.impedance.api.KkResult;
import org.presslab.impedance.api.Spectrum;
import org.presslab.impedance.api.SpectrumMetadata;
import org.presslab.impedance.api.Weighting;
import org.presslab.runs.api.CellInfo;
import org.presslab.runs.api.CyclingLog;
import org.presslab.runs.api.CyclingLogInfo;
import org.presslab.runs.api.Run;
import org.presslab.runs.api.RunExporter;
import org.presslab.runs.api.RunSpectrum;
import org.presslab.runs.api.RunStoreException;
import org.presslab.runs.api.Note;
import org.presslab.runs.api.SpectrumEntry;
import org.presslab.time.TimeSources;
import org.presslab.time.VirtualTimeSource;

/** Spectra and cycling logs attached to a run and tagged from its record; the run exported to CSV and HDF5 and read back. */
class AttachExportTest {

    @TempDir
    Path tmp;

    /** An R0 + (R1 || C1) cell: 30 frequencies from 1 MHz to 0.1 Hz. */
    static Spectrum rc(double r0, double r1, double c1) {
        int n = 30;
        double[] f = new double[n];
        double[] re = new double[n];
        double[] im = new double[n];
        for (int i = 0; i < n; i++) {
            f[i] = 1e6 * Math.pow(1e-7, i / (n - 1.0));
            double w = 2 * Math.PI * f[i];
            double d = 1 + Math.pow(w * r1 * c1, 2);
            re[i] = r0 + r1 / d;
            im[i] = -w * r1 * r1 * c1 / d;
        }
        return new Spectrum(f, re, im, SpectrumMetadata.ofSource("synthetic").withTemperatureK(298.15));
    }

    static FitResult fit(Spectrum s) {
        return new FitResult("R0-p(R1,C1)", Weighting.MODULUS, List.of(
                new FittedParameter("R0", "Ohm", 100.2, 0.3, 99.6, 100.8, false, true, false),
                new FittedParameter("R1", "Ohm", 2480, 12, 2456, 2504, false, true, false),
                new FittedParameter("C1", "F", 1.01e-9, 2e-11, 0.97e-9, 1.05e-9, false, true, false)),
                1.2e-4, 2.2e-6, s.frequencies(), s.reals(), s.imags(), new double[s.size()], new double[s.size()], true, 12, 1,
                List.of(), List.of("blocks in canonical order"));
    }

    @Test
    void anOpenRunEndsNowByTheStoresClockNotTheComputers() throws Exception {
        // the store's clock a day behind the computer's (virtual time, as a replayed or simulated record has)
        VirtualTimeSource clock = TimeSources.virtual(Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MILLIS));
        try (HikariDataSource ds = TestDb.H2.open(tmp, "clock");
                RunStore store = new RunStore(() -> ds, Settings.defaults("test-instance", tmp.resolve("spool")), clock,
                        StoreFixture.LOOKUP).start()) {
            Instant now = clock.now();
            Instant t0 = now.minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
            Feed f = new Feed("cell1", store, t0);
            f.driverBound().recipeStarted("rr-c", "assb-default", "ivy").samples(3_000);
            assertTrue(store.writer().flush(5_000).get(20, TimeUnit.SECONDS));
            Run run = store.list(null).get(0);
            assertEquals(null, run.end(), "the run is open");
            Spectrum s = rc(100, 2500, 1e-9);
            // An hour after the store's "now" is in the open run's future, though long before the computer's clock.
            Instant later = now.plus(1, ChronoUnit.HOURS);
            RunStoreException e = assertThrows(RunStoreException.class, () -> store.attachSpectrum(run.id(),
                    new SpectrumEntry(later, s, null, null, 1, 1, 1, SpectrumEntry.SourceKind.ANALYZER, "sim")));
            assertTrue(e.getMessage().contains("outside run"), e.getMessage());
            double[] one = {0.0, 1.0};
            RunStoreException c = assertThrows(RunStoreException.class, () -> store.attachCycling(run.id(), new CyclingLog("later.csv",
                    "CSV", later, one, one, one, one, new int[] {0, 0}, List.of(), null)));
            assertTrue(c.getMessage().contains("does not overlap run") && c.getMessage().endsWith(" to now)"), c.getMessage());
            RunSpectrum within = store.attachSpectrum(run.id(), new SpectrumEntry(t0.plusSeconds(5), s, null, null, Double.NaN,
                    Double.NaN, Double.NaN, SpectrumEntry.SourceKind.FILE, "cell7_eis.mpt"));
            store.updateAnalysis(within.id(), fit(s), null);
            List<Note> notes = store.notes(run.id());
            assertEquals(1, notes.size(), notes::toString);
            assertEquals(clock.now(), notes.get(0).time(), "the re-analysis note is stamped by the store's clock");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDb.class)
    void spectraAndCyclingAreTaggedWithTheRecordedPressureAndExported(TestDb db) throws Exception {
        try (HikariDataSource ds = db.open(tmp, "attach"); RunStore store = StoreFixture.store(ds, tmp.resolve("spool"))) {
            Instant t0 = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
            Feed f = new Feed("cell1", store, t0);
            store.prepareCell("cell1", new CellInfo("NZSP-7", "Na3Zr2Si2PO12", "Na", "NVP", 0.010, 0.0009, "die-1", ""));
            f.driverBound().recipeStarted("rr-a", "assb-default", "ivy").samples(3_000);
            f.command("HOLD", 15e6, true);
            f.event(StationEventType.RECIPE_ABORTED, "aborted by ivy: cell cracked", "runId", "rr-a");
            assertTrue(store.writer().flush(5_000).get(20, TimeUnit.SECONDS));
            Run run = store.list(null).get(0);
            assertEquals("NZSP-7", run.cell().cellId(), "the prepared cell went into the recipe's run");

            Spectrum s = rc(100, 2500, 1e-9);
            Instant at = t0.plusMillis(12_345);
            RunSpectrum stored = store.attachSpectrum(run.id(), new SpectrumEntry(at, s, fit(s), null, Double.NaN, Double.NaN,
                    Double.NaN, SpectrumEntry.SourceKind.FILE, "cell7_eis.mpt"));
            assertTrue(stored.conditionsFromRecord());
            assertEquals(Feed.pressure(15e6, 1234), stored.entry().stackPressurePa(), 1.0,
                    "the recorded sample at the measurement time");
            assertEquals(298.15, stored.entry().temperatureK(), 1e-9);
            RunSpectrum back = store.spectra(run.id()).get(0);
            assertArrayEquals(s.reals(), back.entry().spectrum().reals());
            assertEquals(Json.write(fit(s)), Json.write(back.entry().fit()), "the fit round-trips");
            assertEquals(298.15, back.entry().spectrum().metadata().temperatureK());
            KkResult kk = new KkResult(3, 0.7, new double[] {1e-6, 1e-4, 1e-2}, new double[] {1, 2, Double.NaN}, 100, 1e-7,
                    Double.POSITIVE_INFINITY, s.frequencies(), new double[s.size()], new double[s.size()], 0.01);
            RunSpectrum re = store.updateAnalysis(back.id(), fit(s), kk);
            assertEquals(3, re.entry().kk().m());
            RunSpectrum reBack = store.spectra(run.id()).get(0);
            assertEquals(Double.POSITIVE_INFINITY, reBack.entry().kk().seriesCapacitance());
            assertTrue(Double.isNaN(reBack.entry().kk().resistance()[2]));
            assertThrows(RunStoreException.class, () -> store.attachSpectrum(run.id(), new SpectrumEntry(t0.minusSeconds(3600), s,
                    null, null, 1, 1, 1, SpectrumEntry.SourceKind.ANALYZER, "sim")));

            int n = 2_000;
            double[] el = new double[n];
            double[] cur = new double[n];
            double[] v = new double[n];
            double[] cap = new double[n];
            int[] cyc = new int[n];
            double[] pressure = new double[n];
            for (int i = 0; i < n; i++) {
                pressure[i] = i % 7 == 0 ? Double.NaN : 15e6 + i; // NaN: a point inside a gap of the record
                el[i] = i * 0.01;
                cur[i] = i % 500 < 250 ? 1e-3 : -1e-3;
                v[i] = i < 1500 ? 3.0 + 0.1 * Math.sin(i / 50.0) : 0.02;
                cap[i] = (i % 250) * 1e-3 * 0.01 / 3600;
                cyc[i] = i / 500;
            }
            CyclingLog log = new CyclingLog("cell7.mpr", "BioLogic .mpr", t0.plusSeconds(1), el, cur, v, cap, cyc, pressure,
                    List.of(new CyclingLog.ShortCircuit(15.0, 3.05, 0.02, Double.NaN, "voltage fell 3.03 V in 10 ms")),
                    Map.of("channel", "3"));
            CyclingLogInfo info = store.attachCycling(run.id(), log);
            assertEquals(4, info.cycles());
            assertEquals(Feed.pressure(15e6, 1600), info.shortCircuits().get(0).stackPressurePa(), 1.0,
                    "the stack pressure at the short circuit, from the record");
            CyclingLog logBack = store.cyclingLog(info.id());
            assertArrayEquals(v, logBack.voltageV());
            assertArrayEquals(pressure, logBack.stackPressurePa(), "each point's stack pressure, NaN kept");
            assertEquals("3", logBack.metadata().get("channel"));
            assertThrows(RunStoreException.class, () -> store.attachCycling(run.id(), new CyclingLog("old.csv", "CSV",
                    t0.minusSeconds(86_400), el, cur, v, cap, cyc, List.of(), null)));

            List<Path> csv = store.export(run.id(), RunExporter.Format.CSV, tmp.resolve("csv"));
            Path samples = csv.stream().filter(p -> p.toString().endsWith("-samples.csv")).findFirst().orElseThrow();
            try (Reader r = Files.newBufferedReader(samples)) {
                List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
                assertEquals(3_000, rows.size());
                assertEquals(Feed.pressure(15e6, 7), Double.parseDouble(rows.get(7).get("pressure_Pa")));
            }
            Path commands = csv.stream().filter(p -> p.toString().endsWith("-commands.csv")).findFirst().orElseThrow();
            assertTrue(Files.readString(commands).contains("alice,SHELL,HOLD"));
            Path meta = csv.stream().filter(p -> p.toString().endsWith("-run.csv")).findFirst().orElseThrow();
            assertTrue(Files.readString(meta).contains("recipe_sha256," + run.recipeSha256()));

            Path h5 = store.export(run.id(), RunExporter.Format.HDF5, tmp.resolve("h5")).get(0);
            try (HdfFile h = new HdfFile(h5)) {
                double[] p = (double[]) h.getDatasetByPath("/samples/pressure_Pa").getData();
                assertEquals(3_000, p.length);
                assertEquals(Feed.pressure(15e6, 42), p[42]);
                assertEquals(run.id(), h.getAttribute("run_id").getData());
                assertEquals("ABORTED", h.getAttribute("outcome").getData());
                double[] z = (double[]) h.getDatasetByPath("/spectra/0000/z_real_Ohm").getData();
                assertArrayEquals(s.reals(), z);
                assertNotNull(h.getDatasetByPath("/commands/actor"));
                assertArrayEquals(v, (double[]) h.getDatasetByPath("/cycling/0000/voltage_V").getData());
                String[] types = (String[]) h.getDatasetByPath("/events/type").getData();
                assertTrue(List.of(types).contains("RECIPE_ABORTED"));
            }
        }
    }
}
