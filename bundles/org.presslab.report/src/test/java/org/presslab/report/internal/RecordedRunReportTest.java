package org.presslab.report.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.presslab.analyzer.api.MeasurementRequest;
import org.presslab.analyzer.sim.SimAnalyzerSpec;
import org.presslab.analyzer.sim.SimulatedAnalyzer;
import org.presslab.analyzer.sim.SimulatedAnalyzers;
import org.presslab.control.Recipes;
import org.presslab.control.StandaloneStation;
import org.presslab.control.StationSpec;
import org.presslab.control.Stations;
import org.presslab.control.api.Actor;
import org.presslab.control.api.CommandRefusedException;
import org.presslab.control.api.EisSettings;
import org.presslab.control.api.RecipeRun;
import org.presslab.control.api.RecipeService;
import org.presslab.control.api.Station;
import org.presslab.control.api.StationRegistry;
import org.presslab.impedance.ImpedanceAnalysis;
import org.presslab.impedance.api.Spectrum;
import org.presslab.press.sim.SimulatedDevice;
import org.presslab.press.sim.SimulatedDevices;
import org.presslab.report.Reports;
import org.presslab.report.api.Block;
import org.presslab.report.api.Report;
import org.presslab.report.api.ReportContext;
import org.presslab.report.api.ReportRequest;
import org.presslab.report.api.SectionContent;
import org.presslab.runs.RunStores;
import org.presslab.runs.api.CellInfo;
import org.presslab.runs.api.CyclingLog;
import org.presslab.runs.api.CyclingLogInfo;
import org.presslab.runs.api.Run;
import org.presslab.runs.api.RunFilter;
import org.presslab.runs.api.RunSpectrum;
import org.presslab.runs.api.SpectrumEntry;
import org.presslab.time.TimeSource;
import org.presslab.time.TimeSources;

/**
 * Reports of a run the real run store recorded: control's real station on the simulated press runs a short recipe
 * (ramp, hold, release; about 12 s of wall time) while the store, an H2 file database opened through its exported
 * factory, listens; the simulated analyzer measures one spectrum on the pressed cell during the hold, which is fitted
 * and attached to the run, and an operator adds a note. The reports are made by the engine that {@link Reports}
 * builds, so everything they show was read back from the database.
 */
class RecordedRunReportTest {

    static final String RECIPE = """
            {"name": "report-real", "version": 2, "description": "short press for the report test", "maxPressureMPa": 60,
             "steps": [
              {"type": "ramp", "targetMPa": 5, "rateMPaPerS": 2.5},
              {"type": "hold", "targetMPa": 5, "toleranceMPa": 0.5, "durationS": 7},
              {"type": "release", "targetMPa": 1, "rateMPaPerS": 4}
            ]}""";
    static final CellInfo CELL = new CellInfo("LLZO-REAL-7", "Li7La3Zr2O12", "Li metal", "NMC811 composite", 0.010, 0.0011,
            "die-10mm-B", "");

    static TimeSource time;
    static SimulatedDevice press;
    static SimulatedAnalyzer analyzer;
    static StandaloneStation station;
    static RunStores.Store store;
    static RecipeService recipes;
    static Run run;
    static RunSpectrum spectrum;
    static CyclingLogInfo cycling;

    @BeforeAll
    static void record(@TempDir Path tmp) throws Exception {
        time = TimeSources.system();
        press = SimulatedDevices.hydraulicPress(time, "sim-report", 11);
        analyzer = SimulatedAnalyzers.create(time, SimAnalyzerSpec.defaults().minPointS(0.02), press);
        station = Stations.create(StationSpec.of("rep1").cellDiameterMm(10).fixtureRatingMPa(60)
                .driverFilter("(presslab.driver.id=sim-report)"), time, tmp.resolve("latches"));
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + tmp.resolve("runs").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE;DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        h2.setPassword("");
        Files.createDirectories(tmp.resolve("recipes"));
        Files.writeString(tmp.resolve("recipes").resolve("report-real.json"), RECIPE);
        recipes = Recipes.service(tmp.resolve("recipes"));
        StationRegistry registry = new StationRegistry() {
            @Override
            public List<Station> stations() {
                return List.of(station);
            }

            @Override
            public Optional<Station> station(String id) {
                return station.id().equals(id) ? Optional.of(station) : Optional.empty();
            }
        };
        // the control core as the DS component sees it: the store records the recipe's JSON and hash
        store = RunStores.builder(h2).instanceId("report-test").spoolDir(tmp.resolve("spool")).time(time).stations(registry)
                .recipes(recipes).open();
        station.addListener(store);
        station.start();
        station.bindDriver(press);
        // The store migrates its schema on its writer thread: it takes the cell once it can.
        await("the store is ready", 20, () -> {
            try {
                store.prepareCell("rep1", CELL);
                return true;
            } catch (org.presslab.runs.api.RunStoreException e) {
                return false;
            }
        });

        RecipeRun rr = station.as(new Actor("alice", Actor.Source.SHELL)).start(recipes.get("report-real"));
        await("the hold step", 20, () -> rr.stepIndex() >= 1 && rr.stepElapsedS() > 0.5);
        Instant measuredAt = Instant.now();
        Spectrum sp = analyzer.measure(new MeasurementRequest(MeasurementRequest.logSweep(1e6, 10, 8), 0.01, "hold"))
                .result().get(20, TimeUnit.SECONDS);
        try {
            // out of the fixture's rating: refused, and recorded with who asked
            station.as(new Actor("bob", Actor.Source.WEB)).ramp(75e6, 2e6);
        } catch (CommandRefusedException expected) {
            // recorded as REFUSED
        }
        await("the recipe's end", 40, () -> rr.state().isFinished());
        assertEquals(RecipeRun.State.COMPLETED, rr.state(), rr.message());
        await("the run closed in the store", 20, () -> {
            List<Run> runs = store.list(RunFilter.ALL);
            return !runs.isEmpty() && !runs.get(0).running();
        });
        assertTrue(store.flush(Duration.ofSeconds(10)), "the store committed the run");
        run = store.list(RunFilter.ALL).get(0);
        // the spectrum, fitted and Lin-KK-tested; its stack pressure and temperature left for the store to fill in
        spectrum = store.attachSpectrum(run.id(), new SpectrumEntry(measuredAt, sp,
                ImpedanceAnalysis.circuitFitter().fit(sp, EisSettings.DEFAULT_CIRCUIT), ImpedanceAnalysis.kramersKronig().test(sp),
                Double.NaN, Double.NaN, Double.NaN, SpectrumEntry.SourceKind.ANALYZER, analyzer.id()));
        // a galvanostatic log taken during the hold, as a cycler's export imported afterwards: 6 s at 100 Hz, one
        // charge and one discharge, a short circuit 3 s in (3.5 s into the 7-s hold, so at about 5 MPa)
        int n = 600;
        double[] el = new double[n];
        double[] cur = new double[n];
        double[] v = new double[n];
        double[] cap = new double[n];
        int[] cyc = new int[n];
        for (int i = 0; i < n; i++) {
            el[i] = i * 0.01;
            cur[i] = i < 300 ? 1e-4 : -1e-4;
            cap[i] = (i < 300 ? i : 600 - i) * 0.01 * 1e-4 / 3600;
            v[i] = i >= 300 ? (i >= 301 ? 0.01 : 3.2) : 2.9 + 0.3 * i / 300.0;
            cyc[i] = i < 300 ? 0 : 1;
        }
        cycling = store.attachCycling(run.id(), new CyclingLog("cell7-gcpl.mpr", "BioLogic .mpr", measuredAt, el, cur, v, cap, cyc,
                List.of(new CyclingLog.ShortCircuit(3.0, 3.2, 0.01, Double.NaN, "voltage fell 3.19 V in 10 ms")), Map.of()));
        store.note(run.id(), "alice", "pellet intact after release, no edge cracks");
        assertTrue(store.flush(Duration.ofSeconds(10)));
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void await(String what, double seconds, Check c) throws Exception {
        long until = System.nanoTime() + (long) (seconds * 1e9);
        while (!c.ok()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("not within " + seconds + " s: " + what);
            }
            Thread.sleep(50);
        }
    }

    @AfterAll
    static void stop() {
        if (station != null) {
            station.close();
        }
        if (store != null) {
            store.close();
        }
        if (press != null) {
            press.close();
        }
    }

    static Reports.Engine reports() {
        return Reports.builder(store, store).recipes(recipes).drt(ImpedanceAnalysis.drtAnalyzer()).exporter(store)
                .software("Presslab test").build();
    }

    /** The value of a key in a section's key-value blocks. */
    static String value(Report r, String section, String key) {
        for (Block b : section(r, section).blocks()) {
            if (b instanceof Block.KeyValues kv) {
                for (Block.KeyValue e : kv.rows()) {
                    if (e.key().equals(key)) {
                        return e.value();
                    }
                }
            }
        }
        throw new AssertionError("no '" + key + "' in section " + section);
    }

    static SectionContent section(Report r, String id) {
        return r.sections().stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no section " + id + " in " + r.sections().stream().map(SectionContent::id).toList()));
    }

    static Block.Table table(Report r, String section, String captionStart) {
        return section(r, section).blocks().stream().filter(b -> b instanceof Block.Table t && t.caption().startsWith(captionStart))
                .map(b -> (Block.Table) b).findFirst().orElseThrow(() -> new AssertionError("no table '" + captionStart + "' in " + section));
    }

    /** The imported cycling log drawn against capacity with the stack pressure the store recorded at each point. */
    @Test
    void theCyclingLogIsShownWithTheRecordedStackPressure() throws Exception {
        Report report;
        try (Reports.Engine e = reports()) {
            report = ((ReportEngine) e).build(List.of(run.id()), x -> { });
        }
        SectionContent c = section(report, "cycling");
        Block.Figure f = c.blocks().stream().filter(b -> b instanceof Block.Figure).map(b -> (Block.Figure) b).findFirst()
                .orElseThrow(() -> new AssertionError("no cycling figure: " + c.blocks()));
        assertTrue(f.caption().startsWith("Voltage and stack pressure against capacity, log 'cell7-gcpl.mpr' (BioLogic .mpr, 600"
                + " points"), f.caption());
        assertEquals(List.of("capacity (mAh)", "voltage (V)", "pressure (MPa)"), f.axes());
        double stored = cycling.shortCircuits().get(0).stackPressurePa();
        assertEquals(5e6, stored, 0.5e6, "the store tagged the short circuit with the hold's pressure");
        Block.Notice shorted = c.blocks().stream().filter(b -> b instanceof Block.Notice).map(b -> (Block.Notice) b).findFirst()
                .orElseThrow(() -> new AssertionError("no short-circuit notice: " + c.blocks()));
        assertEquals(Block.Level.WARNING, shorted.level());
        assertTrue(shorted.text().startsWith("Short circuit at 3.00 s into the log: 3.200 V to 0.010 V at "
                + Format.mpa(stored, 2) + "."), shorted.text());
    }

    /**
     * What the report says comes from the database: the run, cell, operator and device as recorded, the number of
     * samples the store holds, the recipe's plan (its JSON as the store kept it) against the steps as they ran, the
     * commands with their actors (one refused), the note, the spectrum with the pressure the store filled in and its
     * fit; the same report as HTML and as a PDF that parses, and the run's data as CSV beside them.
     */
    @Test
    void theRecordedRunIsReportedFromTheStore(@TempDir Path dir) throws Exception {
        long samples = store.sampleCount(run.id());
        assertTrue(samples > 500, "about 100 samples a second for about 11 s, got " + samples);
        Report report;
        List<String> progress = new ArrayList<>();
        List<Path> files;
        try (Reports.Engine e = reports()) {
            report = ((ReportEngine) e).build(List.of(run.id()), x -> { });
            files = e.generate(new ReportRequest(List.of(run.id()), false, Set.of("html", "pdf"), dir, true), progress::add)
                    .get(120, TimeUnit.SECONDS);
        }
        assertEquals("Run report: rep1, recipe report-real, cell LLZO-REAL-7", report.title());
        assertEquals(run.id(), value(report, "provenance", "run"));
        assertEquals("rep1 on instance report-test", value(report, "provenance", "station"));
        assertEquals("alice (SHELL)", value(report, "provenance", "operator"));
        assertEquals("LLZO-REAL-7", value(report, "provenance", "cell"));
        assertEquals("Li metal | Li7La3Zr2O12 | NMC811 composite", value(report, "provenance", "stack"));
        assertEquals("die-10mm-B", value(report, "provenance", "die / fixture"));
        assertEquals(String.valueOf(samples), value(report, "provenance", "samples recorded"));
        assertTrue(value(report, "provenance", "outcome").startsWith("COMPLETED: recipe 'report-real' completed"));
        // the simulated press's identity as the store recorded it from the station's DRIVER_BOUND event
        assertEquals(run.device().label(), value(report, "provenance", "device"));
        assertEquals("Presslab Simulated automatic hydraulic press #SIM-0001", run.device().label());
        assertEquals("sim-report", value(report, "provenance", "driver"));
        assertEquals(64, value(report, "provenance", "recipe SHA-256").length(), "the store kept the recipe's JSON and hash");
        assertEquals(run.recipeSha256(), value(report, "provenance", "recipe SHA-256"));

        Block.Table commands = table(report, "provenance", "Commands");
        assertEquals(List.of("alice (SHELL)", "RECIPE_START", "recipe report-real", "accepted"), commands.rows().get(0).subList(1, 5));
        assertEquals(List.of("bob (WEB)", "RAMP"), commands.rows().get(1).subList(1, 3));
        assertTrue(commands.rows().get(1).get(4).startsWith("refused: ") && commands.rows().get(1).get(4).contains("75.000 MPa"),
                commands.rows().get(1).toString());
        assertEquals(List.of(false, true), commands.flagged(), "the refused command is highlighted");
        Block.Table notes = table(report, "provenance", "Notes");
        assertEquals(List.of("alice", "pellet intact after release, no edge cracks"), notes.rows().get(0).subList(1, 3));

        // the plan from the recipe JSON the store kept, against the steps the station's events recorded
        Block.Table steps = table(report, "recipe", "Steps");
        assertEquals(3, steps.rows().size(), steps.rows().toString());
        for (int i = 0; i < 3; i++) {
            assertEquals(String.valueOf(i + 1), steps.rows().get(i).get(0));
            assertTrue(steps.rows().get(i).get(5).startsWith("completed"), steps.rows().get(i).toString());
        }
        assertTrue(steps.rows().get(0).get(1).toLowerCase(java.util.Locale.ROOT).contains("ramp"), steps.rows().get(0).toString());
        assertTrue(steps.rows().get(1).get(1).toLowerCase(java.util.Locale.ROOT).contains("hold"), steps.rows().get(1).toString());
        assertTrue(steps.rows().get(2).get(1).toLowerCase(java.util.Locale.ROOT).contains("release"), steps.rows().get(2).toString());
        assertEquals("2.00 s", steps.rows().get(0).get(2), "planned: 5 MPa at 2.5 MPa/s");
        assertEquals("7.00 s", steps.rows().get(1).get(2), "planned: the hold's duration");
        double holdEnd = Double.parseDouble(steps.rows().get(1).get(4).replace(" MPa", ""));
        assertEquals(5.0, holdEnd, 0.5, "pressure at the hold's end, from the stored samples");
        // a ramp and a release end where they were going: the sample at their end, not a second's mean that lags them
        double rampEnd = Double.parseDouble(steps.rows().get(0).get(4).replace(" MPa", ""));
        assertEquals(5.0, rampEnd, 0.25, "pressure at the ramp's end: " + steps.rows().get(0));
        double releaseEnd = Double.parseDouble(steps.rows().get(2).get(4).replace(" MPa", ""));
        assertEquals(1.0, releaseEnd, 0.25, "pressure at the release's end: " + steps.rows().get(2));
        assertEquals(List.of(false, false, false), steps.flagged(), () -> "a run that did what it planned has no row"
                + " highlighted: " + steps.rows());
        assertTrue(section(report, "recipe").blocks().stream().anyMatch(b -> b instanceof Block.Paragraph p
                && p.text().startsWith("Recipe 'report-real' version 2: short press for the report test")));

        // the hold's statistics from the stored raw samples (checked number by number in the next test)
        assertTrue(value(report, "hold", "mean").endsWith("(target 5.000 MPa)"), value(report, "hold", "mean"));
        assertTrue(Long.parseLong(value(report, "hold", "samples")) > 300, value(report, "hold", "samples"));

        // the spectrum: the stack pressure the store took from its samples at the measurement's time, the fit
        Block.Table spectra = table(report, "impedance", "Spectra");
        assertEquals(1, spectra.rows().size());
        String pressure = spectra.rows().get(0).get(2);
        assertTrue(pressure.endsWith(" MPa *"), "filled in from the pressure record: " + pressure);
        assertEquals(5.0, Double.parseDouble(pressure.replace(" MPa *", "")), 0.5, pressure);
        assertEquals(EisSettings.DEFAULT_CIRCUIT, spectra.rows().get(0).get(4));
        assertEquals(Format.sig(spectrum.entry().fit().value("R0"), 4), spectra.rows().get(0).get(5));
        assertTrue(section(report, "impedance").blocks().stream().anyMatch(b -> b instanceof Block.Notice n
                && n.text().startsWith("Lin-KK: " + (spectrum.entry().kk().valid() ? "VALID" : "INVALID") + ", M = "
                        + spectrum.entry().kk().m() + " ")), "the stored Lin-KK result is shown");

        // the rendered files
        Path pdf = files.stream().filter(p -> p.toString().endsWith(".pdf")).findFirst().orElseThrow();
        Path html = files.stream().filter(p -> p.toString().endsWith(".html")).findFirst().orElseThrow();
        ReportChecks.PdfFacts f = ReportChecks.pdf(pdf, Path.of("target/sample-recorded-report"), 72);
        assertTrue(f.pages() >= 3, "pages " + f.pages());
        for (String s : List.of(run.id(), "LLZO-REAL-7", "alice (SHELL)", "bob", "samples recorded " + samples,
                "pellet intact after release", "Nyquist plot of spectrum 1", "Hold statistics")) {
            assertTrue(f.text().contains(s), "'" + s + "' missing from the PDF text");
        }
        String h = Files.readString(html);
        for (String s : List.of(run.id(), "LLZO-REAL-7", "alice (SHELL)", "samples recorded", String.valueOf(samples),
                "pellet intact after release")) {
            assertTrue(h.contains(s), "'" + s + "' missing from the HTML");
        }

        // --data: the store's CSV export beside the report
        Path data = dir.resolve(run.id() + "-data");
        assertTrue(files.contains(data.resolve(run.id() + "-samples.csv")), files.toString());
        assertEquals(samples + 1, Files.readAllLines(data.resolve(run.id() + "-samples.csv")).size(), "a header and every sample");
        assertTrue(Files.readString(data.resolve(run.id() + "-notes.csv")).contains("pellet intact after release"));
        assertTrue(Files.readString(data.resolve(run.id() + "-commands.csv")).contains("bob"));
        assertTrue(progress.contains("run " + run.id() + ": exporting data (CSV)"), progress.toString());
    }

    /**
     * The hold's statistics as the report computes them (streamed from the store, one pass, constant memory) equal a
     * brute-force computation from the run's samples as the store exports them to CSV: count, two-pass mean and
     * standard deviation, drift from the normal equations, every 1-s mean, time out of band and excursions.
     */
    @Test
    void holdStatisticsOfTheRecordedHoldMatchTheExportedSamples(@TempDir Path dir) throws Exception {
        RunTimeline.Phase hold = new RunTimeline(run, store, Instant.now()).phases().get(1);
        assertEquals(2, hold.step());
        List<Path> files = store.export(run.id(), org.presslab.runs.api.RunExporter.Format.CSV, dir);
        Path csv = files.stream().filter(p -> p.getFileName().toString().endsWith("-samples.csv")).findFirst().orElseThrow();
        List<String> rows = Files.readAllLines(csv);
        assertEquals("time_utc,monotonic_ns,pressure_Pa,force_N,setpoint_Pa,output,temperature_K,state,quality,gap", rows.get(0));
        List<double[]> pts = new ArrayList<>();
        for (String row : rows.subList(1, rows.size())) {
            String[] c = row.split(",");
            Instant t = Instant.parse(c[0]);
            if (!t.isBefore(hold.start()) && !t.isAfter(hold.end()) && !Boolean.parseBoolean(c[9]) && !c[2].isEmpty()) {
                pts.add(new double[] { Duration.between(hold.start(), t).toNanos() / 1e9, Double.parseDouble(c[2]) });
            }
        }
        double target = 5e6;
        double tol = 0.5e6;
        int n = pts.size();
        double mean = pts.stream().mapToDouble(p -> p[1]).average().orElseThrow();
        double sd = Math.sqrt(pts.stream().mapToDouble(p -> (p[1] - mean) * (p[1] - mean)).sum() / (n - 1));
        double mx = pts.stream().mapToDouble(p -> p[0] / 3600).average().orElseThrow();
        double drift = pts.stream().mapToDouble(p -> (p[0] / 3600 - mx) * (p[1] - mean)).sum()
                / pts.stream().mapToDouble(p -> (p[0] / 3600 - mx) * (p[0] / 3600 - mx)).sum();
        // every 1-s mean (samples within the last second, from the first full second on), brute force
        double worst = Double.NaN;
        for (int i = 0; i < n; i++) {
            if (Math.round((pts.get(i)[0] - pts.get(0)[0]) * 1e6) / 1000 < 1000) { // whole milliseconds, as Duration.toMillis
                continue;
            }
            double sum = 0;
            int k = 0;
            for (int j = i; j >= 0 && pts.get(j)[0] > pts.get(i)[0] - 1.0; j--) {
                sum += pts.get(j)[1];
                k++;
            }
            double dev = Math.abs(sum / k - target);
            worst = Double.isNaN(worst) || dev > worst ? dev : worst;
        }
        double out = 0;
        int excursions = 0;
        for (int i = 0; i < n; i++) {
            boolean o = Math.abs(pts.get(i)[1] - target) > tol;
            if (i > 0 && Math.abs(pts.get(i - 1)[1] - target) > tol) {
                out += pts.get(i)[0] - pts.get(i - 1)[0];
            }
            if (o && (i == 0 || Math.abs(pts.get(i - 1)[1] - target) <= tol)) {
                excursions++;
            }
        }
        ReportContext ctx = new Timelines.EngineContext(List.of(run), false, store, 2000, Instant.now(), "test", null);
        List<HoldSection.Hold> holds = HoldSection.holds(ctx, run, recipes);
        assertEquals(1, holds.size());
        HoldStatistics.Result r = holds.get(0).stats();
        assertTrue(n > 300, "7 s at about 100 Hz: " + n);
        assertEquals(n, r.samples());
        assertEquals(0, r.gapSamples());
        assertEquals(mean, r.meanPa(), 1e-9 * mean);
        assertEquals(sd, r.sdPa(), 1e-6 * sd);
        assertEquals(drift, r.driftPaPerHour(), 1e-6 * Math.abs(drift) + 1e-3);
        assertEquals(worst, r.worstOneSecondMeanDeviationPa(), 1e-6 * worst + 1e-6);
        assertEquals(out, r.secondsOutOfBand(), 1e-6);
        assertEquals(excursions, r.excursionCount());
        assertEquals(mean, target, tol, "the press held 5 MPa");
    }
}
