package org.presslab.control.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.presslab.analyzer.api.Measurement;
import org.presslab.analyzer.sim.SimAnalyzerSpec;
import org.presslab.analyzer.sim.SimulatedAnalyzer;
import org.presslab.analyzer.sim.SimulatedAnalyzers;
import org.presslab.control.api.DryRunReport;
import org.presslab.control.api.EisSettings;
import org.presslab.control.api.Recipe;
import org.presslab.control.api.RecipeRun;
import org.presslab.control.api.RecipeStep;
import org.presslab.control.api.StationEvent;
import org.presslab.control.api.StationEventType;
import org.presslab.control.api.StationState;
import org.presslab.impedance.api.FitResult;
import org.presslab.impedance.api.Spectrum;
import org.presslab.impedance.ImpedanceAnalysis;

import org.presslab.press.sim.SimulatedDevice;

/**
 * Impedance in the run (#9, item 6), in virtual time on the simulated automatic press with the simulated
 * analyzer measuring the same cell, fitted by the platform's fitter: the pressure sweep recovers the
 * simulator's R_int ∝ P^-0.5 law from fitted spectra, chooses an operating pressure, and every fault path
 * (non-finite points, a hung analyzer, an analyzer that leaves, an abort mid-measurement) ends the step
 * cleanly with the station holding.
 */
class EisStepsTest {

    static final List<Double> SWEEP_DOWN = List.of(74e6, 60e6, 45e6, 30e6, 20e6, 15e6, 10e6, 5e6);
    static final EisSettings FIT = EisSettings.DEFAULT.withCircuit(EisSettings.DEFAULT_CIRCUIT);

    Harness h;
    SimulatedDevice press;
    SimulatedAnalyzer analyzer;

    void setUp(SimAnalyzerSpec spec, boolean withAnalyzer) {
        h = new Harness(Harness.settings("sim-press-1").maxRateMPaPerS(5));
        press = h.press("sim-press-1", 9);
        h.bind(press);
        analyzer = SimulatedAnalyzers.create(h.time, spec, press);
        // fits and analyzer calls on the thread that advances virtual time: deterministic
        h.station.eis.useExecutor(Runnable::run);
        h.station.eis.setFitter(ImpedanceAnalysis.circuitFitter());
        h.station.eis.setKk(ImpedanceAnalysis.kramersKronig());
        if (withAnalyzer) {
            h.station.eis.bindAnalyzer(analyzer);
        }
        h.run(0.5);
    }

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    static Recipe recipe(String name, RecipeStep... steps) {
        return new Recipe(name, 1, "", 80e6, List.of(steps));
    }

    static RecipeStep.Ramp stack() {
        return new RecipeStep.Ramp(74e6, 2e6, 0.2e6, List.of());
    }

    static RecipeStep.PressureSweep sweep(List<Double> pressures, double within) {
        return new RecipeStep.PressureSweep(pressures, 1e6, 20, 0.2e6, FIT, "R2", within, Double.NaN, List.of());
    }

    RecipeRun runToEnd(Recipe r, double maxS) throws Exception {
        RecipeRun run = h.station.start(r);
        RecipeRunTest.runUntil(h, () -> run.state().isFinished(), maxS);
        h.run(0.1); // deliver the last events
        return run;
    }

    List<StationEvent> events(StationEventType type) {
        synchronized (h.events) {
            return h.events.stream().filter(e -> e.type() == type).collect(Collectors.toList());
        }
    }

    @Test
    void aPressureSweepRecoversTheSquareRootLawFromFittedSpectra() throws Exception {
        setUp(SimAnalyzerSpec.defaults(), true);
        RecipeRun run = runToEnd(recipe("sweep", stack(), new RecipeStep.Dwell(30, List.of()), sweep(SWEEP_DOWN, Double.NaN)), 3600);
        assertEquals(RecipeRun.State.COMPLETED, run.state(), run.message());
        List<StationEvent> spectra = events(StationEventType.SPECTRUM_MEASURED);
        assertEquals(SWEEP_DOWN.size(), spectra.size());
        for (StationEvent e : spectra) {
            Spectrum s = (Spectrum) e.properties().get("spectrum");
            FitResult fit = (FitResult) e.properties().get("fit");
            double p = (Double) e.properties().get("pressurePa");
            assertTrue(fit.converged(), "fit at " + p);
            assertEquals(p, s.metadata().stackPressurePa(), 0, "spectrum tagged with the stack pressure");
            assertEquals(3, e.properties().get("step"));
            assertEquals(analyzer.info().identity(), e.properties().get("analyzer"));
            assertEquals(run.id(), e.properties().get("run"));
            assertTrue(Double.isFinite((Double) e.properties().get("forceN")));
            assertTrue(Double.isFinite((Double) e.properties().get("temperatureK")));
        }
        StationEvent done = events(StationEventType.SWEEP_COMPLETED).get(0);
        double[] pa = (double[]) done.properties().get("pressuresPa");
        double[] ohm = (double[]) done.properties().get("interfacialOhm");
        double slope = (Double) done.properties().get("exponent");
        StringBuilder table = new StringBuilder();
        double area = press.cell().areaM2();
        for (int i = 0; i < pa.length; i++) {
            // the simulator's law (docs/physics.md §1.5) with the contact left by stacking at 74 MPa, no voids
            double truth = 0.01 / area * Math.pow(pa[i] / 15e6, -0.5) / (1 - Math.exp(-74.0 / 25));
            table.append(String.format(Locale.ROOT, "  %6.2f MPa  fitted R2 %7.2f ohm  simulator %7.2f ohm  (%+.1f %%)%n",
                    pa[i] / 1e6, ohm[i], truth, 100 * (ohm[i] / truth - 1)));
            assertEquals(truth, ohm[i], 0.10 * truth, "fitted interface at " + pa[i] / 1e6 + " MPa");
        }
        System.out.printf(Locale.ROOT, "pressure sweep (virtual time), R2 of %s against the measured stack pressure:%n%s"
                + "log-log slope %.4f (simulator law: -0.5)%n", EisSettings.DEFAULT_CIRCUIT, table, slope);
        assertEquals(-0.5, slope, 0.05);
        assertFalse(done.properties().containsKey("operatingPa"), "no stop asked");
        // the station ends holding the last pressure of the list
        assertEquals(5e6, h.station.setpoint.target(), 1);
    }

    @Test
    void aSweepWithAStopChoosesTheLowestPressureWithinTheBandAndHoldsIt() throws Exception {
        setUp(SimAnalyzerSpec.defaults(), true);
        // within 50 % of R_int at 74 MPa: (74/P)^0.5 <= 1.5 holds down to 32.9 MPa, so 45 passes and 30 does not
        // (fitted: 1.43 and 1.54, see the sweep test's table)
        RecipeRun run = runToEnd(recipe("choose", stack(), sweep(SWEEP_DOWN, 0.50)), 3600);
        assertEquals(RecipeRun.State.COMPLETED, run.state(), run.message());
        assertEquals(4, events(StationEventType.SPECTRUM_MEASURED).size(), "stops after the first pressure outside (30 MPa)");
        StationEvent done = events(StationEventType.SWEEP_COMPLETED).get(0);
        assertEquals(45e6, (Double) done.properties().get("operatingPa"), 0);
        assertTrue(done.message().contains("operating pressure 45.00 MPa"), done.message());
        h.run(30);
        assertEquals(45e6, h.station.setpoint.target(), 1);
        assertEquals(StationState.HOLDING, h.station.status().state());
        assertEquals(45e6, press.cell().pressurePa(), 0.3e6);
    }

    @Test
    void holdMeasuresEveryNMinutesAndAtItsEnd() throws Exception {
        setUp(SimAnalyzerSpec.defaults(), true);
        RecipeStep.Hold hold = new RecipeStep.Hold(15e6, 0.1e6, 600, List.of(), EisSettings.DEFAULT, 180, EisSettings.DEFAULT);
        RecipeRun run = runToEnd(recipe("hold-eis", new RecipeStep.Ramp(15e6, 2e6, 0.2e6, List.of()), hold), 3600);
        assertEquals(RecipeRun.State.COMPLETED, run.state(), run.message());
        List<StationEvent> spectra = events(StationEventType.SPECTRUM_MEASURED);
        assertEquals(List.of("periodic", "periodic", "periodic", "end"),
                spectra.stream().map(e -> e.properties().get("at")).collect(Collectors.toList()));
        for (StationEvent e : spectra) {
            assertEquals(15e6, (Double) e.properties().get("pressurePa"), 0.05e6);
            assertFalse(e.properties().containsKey("fit"), "no circuit asked");
        }
    }

    @Test
    void measureAtTheEndOfARampAndAMeasureStepWithKk() throws Exception {
        setUp(SimAnalyzerSpec.defaults(), true);
        EisSettings withKk = new EisSettings(1e6, 1, 8, 0.01, "", true, Double.NaN);
        RecipeRun run = runToEnd(recipe("ramp-eis", new RecipeStep.Ramp(20e6, 2e6, 0.2e6, List.of(), EisSettings.DEFAULT),
                new RecipeStep.MeasureEis(withKk, List.of())), 600);
        assertEquals(RecipeRun.State.COMPLETED, run.state(), run.message());
        List<StationEvent> spectra = events(StationEventType.SPECTRUM_MEASURED);
        assertEquals(2, spectra.size());
        assertEquals(1, spectra.get(0).properties().get("step"));
        assertEquals(20e6, (Double) spectra.get(0).properties().get("pressurePa"), 0.1e6);
        assertNotNull(spectra.get(1).properties().get("kk"), "KK asked");
    }

    @Test
    void nonFinitePointsAreLeftOutAndTheStepGoesOn() throws Exception {
        setUp(SimAnalyzerSpec.defaults(), true);
        analyzer.faults().nanPoints(2, 4);
        analyzer.faults().infinitePoints(6);
        RecipeRun run = runToEnd(recipe("nan", new RecipeStep.Ramp(15e6, 2e6, 0.2e6, List.of()),
                new RecipeStep.MeasureEis(FIT, List.of())), 600);
        assertEquals(RecipeRun.State.COMPLETED, run.state(), run.message());
        StationEvent e = events(StationEventType.SPECTRUM_MEASURED).get(0);
        Spectrum s = (Spectrum) e.properties().get("spectrum");
        assertEquals(EisJob.frequencies(FIT).length - 3, s.size());
        assertEquals("2,4,6", s.metadata().extra().get(Measurement.DROPPED_POINTS));
        assertTrue(((FitResult) e.properties().get("fit")).converged());
    }

    @Test
    void aSpectrumWithNoValidPointFailsTheStepAndTheStationHolds() throws Exception {
        setUp(SimAnalyzerSpec.defaults(), true);
        int n = EisJob.frequencies(FIT).length;
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        analyzer.faults().nanPoints(all);
        RecipeRun run = runToEnd(recipe("all-nan", new RecipeStep.Ramp(15e6, 2e6, 0.2e6, List.of()),
                new RecipeStep.MeasureEis(FIT, List.of())), 600);
        assertFailedHolding(run, "only 0 of " + n + " points valid", 15e6);
    }

    @Test
    void aHungAnalyzerIsAbortedAtTheTimeoutAndFailsTheStep() throws Exception {
        setUp(SimAnalyzerSpec.defaults(), true);
        analyzer.faults().hangAfter(5);
        EisSettings bounded = new EisSettings(1e6, 1, 8, 0.01, "", false, 120);
        RecipeRun run = runToEnd(recipe("hang", new RecipeStep.Ramp(15e6, 2e6, 0.2e6, List.of()),
                new RecipeStep.MeasureEis(bounded, List.of())), 600);
        assertFailedHolding(run, "timed out after 120 s (limit 120 s", 15e6);
        assertTrue(analyzer.current().isEmpty(), "the hung measurement was aborted");
    }

    @Test
    void anAnalyzerThatLeavesMidSweepFailsTheStepAndTheStationHolds() throws Exception {
        setUp(SimAnalyzerSpec.defaults(), true);
        RecipeRun run = h.station.start(recipe("leave", stack(), sweep(SWEEP_DOWN, Double.NaN)));
        // wait for the second spectrum to start: the first is in
        RecipeRunTest.runUntil(h, () -> h.events.stream().anyMatch(e -> e.type() == StationEventType.SPECTRUM_MEASURED)
                && analyzer.current().isPresent(), 3600);
        assertTrue(analyzer.current().isPresent());
        double p = h.station.setpoint.target();
        h.station.eis.unbindAnalyzer(analyzer);
        RecipeRunTest.runUntil(h, () -> run.state().isFinished(), 60);
        h.run(0.1);
        assertFailedHolding(run, "went away during the measurement", p);
        assertTrue(analyzer.current().isEmpty(), "the measurement on the leaving analyzer was aborted");
    }

    @Test
    void abortingTheRecipeMidMeasurementAbortsTheMeasurement() throws Exception {
        setUp(SimAnalyzerSpec.defaults(), true);
        RecipeRun run = h.station.start(recipe("abort", new RecipeStep.Ramp(15e6, 2e6, 0.2e6, List.of()),
                new RecipeStep.MeasureEis(FIT, List.of())));
        RecipeRunTest.runUntil(h, () -> analyzer.current().isPresent(), 600);
        h.run(2);
        Measurement m = analyzer.current().orElseThrow();
        assertTrue(m.progress() > 0 && m.progress() < 1);
        run.abort("operator");
        h.run(30);
        assertEquals(RecipeRun.State.ABORTED, run.state());
        assertTrue(m.result().isCancelled() || m.result().isCompletedExceptionally());
        assertTrue(analyzer.current().isEmpty());
        assertTrue(events(StationEventType.SPECTRUM_MEASURED).isEmpty());
        assertEquals(StationState.HOLDING, h.station.status().state());
    }

    @Test
    void dryRunChecksTheAnalyzerTheCircuitAndEverySweepPressureAgainstTheLimits() throws Exception {
        setUp(SimAnalyzerSpec.defaults(), false);
        Recipe r = new Recipe("bad", 1, "", Double.NaN, List.of(
                new RecipeStep.PressureSweep(List.of(50e6, 120e6, 20e6), 9e6, 10, 0.2e6, FIT.withCircuit("R0-p(R1,CPE1)"), "R2",
                        Double.NaN, Double.NaN, List.of()),
                new RecipeStep.MeasureEis(new EisSettings(1e8, 1, 8, 0.01, "", false, Double.NaN), List.of())));
        DryRunReport rep = h.station.dryRun(r);
        String all = String.join("\n", rep.violations());
        System.out.println(all);
        assertTrue(all.contains("step 1 (sweep) pressure 2: target 120.000 MPa above the limit 100.000 MPa"), all);
        assertTrue(all.contains("step 1 (sweep): rate 9.000 MPa/s above the limit"), all);
        assertTrue(all.contains("step 1 (sweep): measures impedance, but the station has no analyzer"), all);
        assertTrue(all.contains("interfaceParameter 'R2' is not a parameter of R0-p(R1,CPE1)"), all);
        assertTrue(all.contains("step 2 (eis): measures impedance, but the station has no analyzer"), all);
        // with the analyzer bound, the out-of-range frequency is named
        h.station.eis.bindAnalyzer(analyzer);
        all = String.join("\n", h.station.dryRun(r).violations());
        assertTrue(all.contains("step 2 (eis): EIS frequenciesHz[0]: 1.0E8 Hz outside the analyzer's range"), all);
        assertFalse(all.contains("no analyzer"), all);
        // and start() refuses it
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(org.presslab.control.api.CommandRefusedException.class,
                () -> h.station.start(r)).getMessage().contains("dry run"));
    }

    @Test
    void choosingAndTheSlopeOnKnownPoints() {
        List<double[]> pts = new ArrayList<>();
        for (double p : new double[] { 74, 60, 45, 30, 15 }) {
            pts.add(new double[] { p * 1e6, p * 1e6, 100 * Math.pow(p / 74, -0.5) });
        }
        assertEquals(-0.5, PressureSweepStepKind.exponent(pts), 1e-12);
        assertEquals(45e6, PressureSweepStepKind.choose(pts, 100, 0.30));
        assertEquals(74e6, PressureSweepStepKind.choose(pts, 100, 0.01));
        assertEquals(15e6, PressureSweepStepKind.choose(pts, 100, 10));
        // an upward sweep is judged the same way, from the highest pressure down
        List<double[]> up = new ArrayList<>(pts);
        java.util.Collections.reverse(up);
        assertEquals(45e6, PressureSweepStepKind.choose(up, 100, 0.30));
    }

    void assertFailedHolding(RecipeRun run, String why, double pressurePa) {
        assertEquals(RecipeRun.State.FAILED, run.state(), run.message());
        assertTrue(run.message().contains(why), run.message());
        assertTrue(run.message().contains("the station holds"), run.message());
        StationEvent failed = events(StationEventType.RECIPE_FAILED).get(0);
        assertTrue(failed.message().contains(why), failed.message());
        h.run(10);
        assertEquals(StationState.HOLDING, h.station.status().state(), h.station.status().message());
        assertEquals(pressurePa, press.cell().pressurePa(), 0.3e6);
        assertEquals(null, h.station.trip());
    }
}
