package org.presslab.report.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.presslab.analyzer.sim.SimAnalyzerSpec;
import org.presslab.analyzer.sim.SimulatedAnalyzer;
import org.presslab.analyzer.sim.SimulatedAnalyzers;
import org.presslab.control.Recipes;
import org.presslab.control.StandaloneStation;
import org.presslab.control.StationSpec;
import org.presslab.control.Stations;
import org.presslab.control.api.Actor;
import org.presslab.control.api.EisSettings;
import org.presslab.control.api.RecipeRun;
import org.presslab.control.api.RecipeService;
import org.presslab.impedance.ImpedanceAnalysis;
import org.presslab.impedance.api.FitResult;
import org.presslab.impedance.api.KkResult;
import org.presslab.press.sim.SimulatedDevice;
import org.presslab.press.sim.SimulatedDevices;
import org.presslab.report.Reports;
import org.presslab.report.api.Block;
import org.presslab.report.api.Report;
import org.presslab.runs.RunStores;
import org.presslab.runs.api.CellInfo;
import org.presslab.runs.api.Run;
import org.presslab.runs.api.RunFilter;
import org.presslab.runs.api.RunSpectrum;
import org.presslab.runs.api.RunStoreException;
import org.presslab.time.TimeSource;
import org.presslab.time.TimeSources;

/**
 * A spectrum the station measured reaches the report through the run store alone, with no {@code attachSpectrum}: a
 * real station on the simulated press, with the simulated analyzer and the real impedance analysis bound through its
 * public face, runs a recipe with an {@code eis} step while the store (H2, opened by its exported factory) records the
 * run; the station's EIS job measures at 5 MPa, fits, Lin-KK-tests and publishes SPECTRUM_MEASURED. The report's
 * impedance section shows it with the station's pressure.
 */
class StationSpectrumReportTest {

    static final String RECIPE = """
            {"name": "eis-report", "version": 1, "description": "hold 5 MPa and measure", "maxPressureMPa": 60,
             "steps": [
              {"type": "ramp", "targetMPa": 5, "rateMPaPerS": 5},
              {"type": "hold", "targetMPa": 5, "toleranceMPa": 0.5, "durationS": 1},
              {"type": "eis", "minFrequencyHz": 10, "pointsPerDecade": 8, "amplitudeMV": 10, "circuit": "R0-p(R1,CPE1)-p(R2,CPE2)", "kk": true},
              {"type": "release", "targetMPa": 1, "rateMPaPerS": 5}
            ]}""";
    static final CellInfo CELL = new CellInfo("LLZO-EIS-3", "Li7La3Zr2O12", "Li metal", "NMC811 composite", 0.010, 0.0011,
            "die-10mm-C", "");

    @Test
    void aSpectrumTheStationMeasuredIsInTheReport(@TempDir Path tmp) throws Exception {
        TimeSource time = TimeSources.system();
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + tmp.resolve("runs").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE");
        h2.setUser("sa");
        h2.setPassword("");
        SimulatedDevice press = SimulatedDevices.hydraulicPress(time, "sim-eis-report", 13);
        SimulatedAnalyzer analyzer = SimulatedAnalyzers.create(time, SimAnalyzerSpec.defaults().minPointS(0.02), press);
        Files.createDirectories(tmp.resolve("recipes"));
        Files.writeString(tmp.resolve("recipes").resolve("eis-report.json"), RECIPE);
        RecipeService recipes = Recipes.service(tmp.resolve("recipes"));
        try (press; StandaloneStation station = Stations.create(StationSpec.of("rep2").cellDiameterMm(10).fixtureRatingMPa(60)
                .driverFilter("(presslab.driver.id=sim-eis-report)"), time);
                RunStores.Store store = RunStores.builder(h2).instanceId("report-test").spoolDir(tmp.resolve("spool")).time(time)
                        .open()) {
            station.addListener(store);
            station.start();
            station.bindDriver(press);
            station.bindAnalyzer(analyzer);
            station.useImpedanceAnalysis(ImpedanceAnalysis.circuitFitter(), ImpedanceAnalysis.kramersKronig());
            // The store migrates its schema on its writer thread: it takes the cell once it can.
            RecordedRunReportTest.await("the store is ready", 20, () -> {
                try {
                    store.prepareCell("rep2", CELL);
                    return true;
                } catch (RunStoreException e) {
                    return false;
                }
            });
            // A recipe with an impedance step, run by the station itself: the EIS job measures on the bound analyzer,
            // fits and Lin-KK-tests with the bound analysis, and publishes SPECTRUM_MEASURED; the store takes it from there.
            RecipeRun rr = station.as(new Actor("alice", Actor.Source.SHELL)).start(recipes.get("eis-report"));
            RecordedRunReportTest.await("the recipe's end", 60, () -> rr.state().isFinished());
            assertEquals(RecipeRun.State.COMPLETED, rr.state(), rr.message());
            RecordedRunReportTest.await("the run closed in the store", 20, () -> {
                List<Run> runs = store.list(RunFilter.ALL);
                return !runs.isEmpty() && !runs.get(0).running();
            });
            assertTrue(store.flush(Duration.ofSeconds(10)));
            Run run = store.list(RunFilter.ALL).get(0);
            List<RunSpectrum> spectra = store.spectra(run.id());
            assertEquals(1, spectra.size(), "once");
            double pressure = spectra.get(0).entry().stackPressurePa();
            FitResult fit = spectra.get(0).entry().fit();
            KkResult kk = spectra.get(0).entry().kk();
            assertTrue(fit != null && kk != null, "the station's fit and Lin-KK result are kept with the spectrum");
            assertEquals(EisSettings.DEFAULT_CIRCUIT, fit.circuit());

            Report report;
            try (Reports.Engine e = Reports.builder(store, store).drt(ImpedanceAnalysis.drtAnalyzer()).software("Presslab test")
                    .build()) {
                report = ((ReportEngine) e).build(List.of(run.id()), x -> { });
            }
            Block.Table table = RecordedRunReportTest.table(report, "impedance", "Spectra");
            assertEquals(1, table.rows().size(), table.rows().toString());
            assertEquals(Format.mpa(pressure, 2), table.rows().get(0).get(2), "the station's pressure, not one from the record");
            assertEquals(5.0, pressure / 1e6, 0.3);
            assertEquals(EisSettings.DEFAULT_CIRCUIT, table.rows().get(0).get(4));
            assertEquals(Format.sig(fit.value("R0"), 4), table.rows().get(0).get(5));
            // the eis step is the recipe's third
            String source = "ANALYZER station rep2, step 3";
            String analyzerName = "analyzer " + analyzer.id() + " (" + analyzer.info().identity() + ")";
            List<String> headings = RecordedRunReportTest.section(report, "impedance").blocks().stream()
                    .filter(b -> b instanceof Block.Heading).map(b -> ((Block.Heading) b).text()).toList();
            assertTrue(headings.stream().anyMatch(h -> h.contains(source) && h.contains(analyzerName)),
                    "a heading names " + source + " and " + analyzerName + ": " + headings);
            assertTrue(RecordedRunReportTest.section(report, "impedance").blocks().stream().anyMatch(b -> b instanceof Block.Notice n
                    && n.text().startsWith("Lin-KK: " + (kk.valid() ? "VALID" : "INVALID") + ", M = " + kk.m() + " ")));
        }
    }
}
