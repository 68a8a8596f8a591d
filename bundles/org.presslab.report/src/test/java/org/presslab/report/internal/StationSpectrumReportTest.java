package org.presslab.report.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.presslab.analyzer.api.MeasurementRequest;
import org.presslab.analyzer.sim.SimAnalyzerSpec;
import org.presslab.analyzer.sim.SimulatedAnalyzer;
import org.presslab.analyzer.sim.SimulatedAnalyzers;
import org.presslab.control.StandaloneStation;
import org.presslab.control.StationSpec;
import org.presslab.control.Stations;
import org.presslab.control.api.Actor;
import org.presslab.control.api.EisSettings;
import org.presslab.control.api.StationEventType;
import org.presslab.control.api.StationStatus;
import org.presslab.control.internal.StationEngine;
import org.presslab.impedance.ImpedanceAnalysis;
import org.presslab.impedance.api.FitResult;
import org.presslab.impedance.api.KkResult;
import org.presslab.impedance.api.Spectrum;
import org.presslab.press.sim.SimulatedDevice;
import org.presslab.press.sim.SimulatedDevices;
import org.presslab.report.Reports;
import org.presslab.report.api.Block;
import org.presslab.report.api.Report;
import org.presslab.runs.RunStores;
import org.presslab.runs.api.CellInfo;
import org.presslab.runs.api.Run;
import org.presslab.runs.api.RunSpectrum;
import org.presslab.runs.api.RunStoreException;
import org.presslab.time.TimeSource;
import org.presslab.time.TimeSources;

/**
 * A spectrum the station measured reaches the report through the run store alone, with no {@code attachSpectrum}: a
 * real station on the simulated press holds 5 MPa while the store (H2, opened by its exported factory) records a run;
 * the simulated analyzer measures the pressed cell, the real impedance analysis fits and Lin-KK-tests it, and the
 * station publishes SPECTRUM_MEASURED with the properties the control core's EIS job gives it, through the station's
 * own event dispatch ({@code StationEngine.event}, the method the EIS job calls; a standalone station cannot be given
 * an analyzer from outside the control bundle). The report's impedance section shows it with the station's pressure.
 */
class StationSpectrumReportTest {

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
        try (press; StandaloneStation station = Stations.create(StationSpec.of("rep2").cellDiameterMm(10).fixtureRatingMPa(60)
                .driverFilter("(presslab.driver.id=sim-eis-report)"), time);
                RunStores.Store store = RunStores.builder(h2).instanceId("report-test").spoolDir(tmp.resolve("spool")).time(time)
                        .open()) {
            station.addListener(store);
            station.start();
            station.bindDriver(press);
            Run[] run = new Run[1];
            RecordedRunReportTest.await("the store opens a run", 20, () -> {
                try {
                    run[0] = store.start("rep2", CELL, "alice", "SHELL");
                    return true;
                } catch (RunStoreException e) {
                    return false; // still migrating its schema
                }
            });
            station.as(new Actor("alice", Actor.Source.SHELL)).ramp(5e6, 5e6);
            RecordedRunReportTest.await("5 MPa held", 20, () -> Math.abs(station.status().pressurePa() - 5e6) < 0.2e6);

            long t0 = System.nanoTime();
            StationStatus before = station.status();
            Spectrum measured = analyzer.measure(new MeasurementRequest(MeasurementRequest.logSweep(1e6, 10, 8), 0.01, "step 1"))
                    .result().get(20, TimeUnit.SECONDS);
            FitResult fit = ImpedanceAnalysis.circuitFitter().fit(measured, EisSettings.DEFAULT_CIRCUIT);
            KkResult kk = ImpedanceAnalysis.kramersKronig().test(measured);
            StationStatus after = station.status();
            // as EisJob.publish: the station's pressure over the sweep, force and temperature as means of start and end
            double pressure = (before.pressurePa() + after.pressurePa()) / 2;
            double force = (before.forceN() + after.forceN()) / 2;
            double temperature = Double.isFinite(after.temperatureK()) ? after.temperatureK() : measured.metadata().temperatureK();
            Spectrum s = measured.withMetadata(measured.metadata().withStackPressurePa(pressure).withTemperatureK(temperature));
            Map<String, Object> p = new HashMap<>();
            p.put("spectrum", s);
            p.put("fit", fit);
            p.put("kk", kk);
            p.put("pressurePa", pressure);
            p.put("forceN", force);
            p.put("temperatureK", temperature);
            p.put("analyzer", analyzer.info().identity());
            p.put("analyzerId", analyzer.id());
            p.put("step", 1);
            p.put("durationS", (System.nanoTime() - t0) / 1e9);
            p.put("at", "step");
            ((StationEngine) station).event(StationEventType.SPECTRUM_MEASURED, "step 1: spectrum of " + s.size() + " points", p);

            RecordedRunReportTest.await("the spectrum is the run's", 20, () -> !store.spectra(run[0].id()).isEmpty());
            store.stop(run[0].id(), "alice", "");
            assertTrue(store.flush(Duration.ofSeconds(10)));
            List<RunSpectrum> spectra = store.spectra(run[0].id());
            assertEquals(1, spectra.size(), "once");
            assertEquals(pressure, spectra.get(0).entry().stackPressurePa());

            Report report;
            try (Reports.Engine e = Reports.builder(store, store).drt(ImpedanceAnalysis.drtAnalyzer()).software("Presslab test")
                    .build()) {
                report = ((ReportEngine) e).build(List.of(run[0].id()), x -> { });
            }
            Block.Table table = RecordedRunReportTest.table(report, "impedance", "Spectra");
            assertEquals(1, table.rows().size(), table.rows().toString());
            assertEquals(Format.mpa(pressure, 2), table.rows().get(0).get(2), "the station's pressure, not one from the record");
            assertEquals(5.0, pressure / 1e6, 0.3);
            assertEquals(EisSettings.DEFAULT_CIRCUIT, table.rows().get(0).get(4));
            assertEquals(Format.sig(fit.value("R0"), 4), table.rows().get(0).get(5));
            String source = "ANALYZER station rep2, step 1 (step), analyzer " + analyzer.id() + " (" + analyzer.info().identity() + ")";
            assertTrue(RecordedRunReportTest.section(report, "impedance").blocks().stream()
                    .anyMatch(b -> b instanceof Block.Heading h && h.text().contains(source)), "the heading names " + source);
            assertTrue(RecordedRunReportTest.section(report, "impedance").blocks().stream().anyMatch(b -> b instanceof Block.Notice n
                    && n.text().startsWith("Lin-KK: " + (kk.valid() ? "VALID" : "INVALID") + ", M = " + kk.m() + " ")));
        }
    }
}
