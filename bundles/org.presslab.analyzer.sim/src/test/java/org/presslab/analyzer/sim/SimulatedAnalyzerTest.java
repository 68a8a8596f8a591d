package org.presslab.analyzer.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;
import org.presslab.time.TimeSources;
import org.presslab.analyzer.api.AnalyzerException;
import org.presslab.analyzer.api.Measurement;
import org.presslab.analyzer.api.MeasurementRequest;
import org.presslab.impedance.api.FitResult;
import org.presslab.impedance.api.Spectrum;
import org.presslab.impedance.ImpedanceAnalysis;
import org.presslab.press.api.DeviceKind;
import org.presslab.press.sim.SimSpec;
import org.presslab.press.sim.SimulatedDevice;
import org.presslab.press.sim.SimulatedDevices;
import org.presslab.time.VirtualTimeSource;

/**
 * The simulated analyzer on a spring frame (a cell assembled at 74 MPa, held at 15 MPa by the frame):
 * the fitter recovers the three arcs it was built from, measuring takes the time a real analyzer takes,
 * and its faults show through the API as the contract says.
 */
class SimulatedAnalyzerTest {

    static final double[] SWEEP = MeasurementRequest.logSweep(1e6, 1, 8);

    final VirtualTimeSource time = TimeSources.virtual();
    final SimulatedDevice frame = SimulatedDevices.create(time, SimSpec.defaults(DeviceKind.SPRING_FRAME).id("frame-1"));
    final SimulatedAnalyzer eis = SimulatedAnalyzers.create(time, SimAnalyzerSpec.defaults(), frame);

    Spectrum measure(MeasurementRequest r) throws Exception {
        Measurement m = eis.measure(r);
        double expected = m.expectedDurationS();
        time.advanceSeconds(expected * 0.5);
        assertFalse(m.isDone(), "done after half the expected time");
        double p = m.progress();
        assertTrue(p > 0.3 && p < 0.7, "progress at half time " + p);
        time.advanceSeconds(expected * 0.5 + 1e-6);
        assertTrue(m.isDone(), "not done after the expected time");
        assertEquals(1.0, m.progress());
        return m.result().get();
    }

    @Test
    void fitRecoversBulkGrainBoundaryAndInterfaceFromTheCell() throws Exception {
        Spectrum s = measure(new MeasurementRequest(SWEEP, 0.01, "test"));
        assertEquals(SWEEP.length, s.size());
        double area = frame.cell().areaM2();
        double rb = 1e-3 / (6e-2 * area);
        double rgb = 1e-3 / area * (1 / 1e-2 - 1 / 6e-2);
        double rint = frame.cell().interfacialResistanceOhm();
        System.out.printf("truth: R_b %.1f, R_gb %.1f, R_int %.1f ohm at %.2f MPa%n", rb, rgb, rint, frame.cell().pressurePa() / 1e6);
        FitResult fit = ImpedanceAnalysis.circuitFitter().fit(s, "R0-p(R1,CPE1)-p(R2,CPE2)");
        System.out.printf("fit:   R0 %.1f, R1 %.1f, R2 %.1f ohm (converged %s)%n", fit.value("R0"), fit.value("R1"),
                fit.value("R2"), fit.converged());
        assertTrue(fit.converged());
        // The grain-boundary apex (1.5 MHz) lies above the 1 MHz top of the sweep, so R0 and R1 trade off a little
        // (docs/physics.md §2.2: separating bulk from grain boundary at room temperature needs GHz [R25]). Above
        // 1 MHz the tail of the bulk arc (apex ~100 MHz) shows, which this circuit cannot follow: with a 7 MHz
        // sweep the interface comes out 3-5 % low, so the default sweep stops at 1 MHz.
        assertEquals(rb, fit.value("R0"), 0.10 * rb);
        assertEquals(rgb, fit.value("R1"), 0.05 * rgb);
        assertEquals(rint, fit.value("R2"), 0.03 * rint);
    }

    @Test
    void aCellStackedAt74MPaKeepsBetterContactAt15MPaThanOneStackedAt30() throws Exception {
        // Both held at 15 MPa by a spring frame; one was assembled at 74 MPa (the default), the other at 30 MPa.
        SimSpec spec30 = SimSpec.defaults(DeviceKind.SPRING_FRAME).id("frame-30");
        spec30.cell().assemblyPressurePa(30e6);
        SimulatedDevice frame30 = SimulatedDevices.create(time, spec30);
        SimulatedAnalyzer eis30 = SimulatedAnalyzers.create(time, SimAnalyzerSpec.defaults().id("eis-30"), frame30);
        Measurement m74 = eis.measure(new MeasurementRequest(SWEEP, 0.01, ""));
        Measurement m30 = eis30.measure(new MeasurementRequest(SWEEP, 0.01, ""));
        time.advanceSeconds(m74.expectedDurationS() + 1);
        org.presslab.impedance.api.CircuitFitter fitter = ImpedanceAnalysis.circuitFitter();
        double r74 = fitter.fit(m74.result().get(), "R0-p(R1,CPE1)-p(R2,CPE2)").value("R2");
        double r30 = fitter.fit(m30.result().get(), "R0-p(R1,CPE1)-p(R2,CPE2)").value("R2");
        System.out.printf("interface at 15 MPa: stacked at 74 MPa %.1f ohm, at 30 MPa %.1f ohm%n", r74, r30);
        // truth: (1 - exp(-74/25)) / (1 - exp(-30/25)) = 1.35
        assertEquals((1 - Math.exp(-74.0 / 25)) / (1 - Math.exp(-30.0 / 25)), r30 / r74, 0.05);
    }

    @Test
    void measuringTakesAFewPeriodsPerFrequency() {
        Measurement m = eis.measure(new MeasurementRequest(new double[] { 1000, 10, 1, 0.1 }, 0.01, ""));
        // 2 periods each, at least 0.1 s: 0.1 + 0.2 + 2 + 20
        assertEquals(22.3, m.expectedDurationS(), 1e-9);
        time.advanceSeconds(22.2);
        assertFalse(m.isDone());
        time.advanceSeconds(0.11);
        assertTrue(m.isDone());
    }

    @Test
    void refusesRequestsOutsideItsRangesNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> eis.measure(new MeasurementRequest(new double[] { 1e8 }, 0.01, "")));
        assertTrue(e.getMessage().contains("frequenciesHz[0]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> eis.measure(new MeasurementRequest(new double[] { 1e3 }, 5, "")));
        assertTrue(e.getMessage().contains("amplitudeV"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MeasurementRequest(new double[] { Double.NaN }, 0.01, ""));
        assertThrows(IllegalArgumentException.class, () -> new MeasurementRequest(new double[] { 1 }, Double.POSITIVE_INFINITY, ""));
    }

    @Test
    void oneMeasurementAtATime() {
        eis.measure(new MeasurementRequest(SWEEP, 0.01, ""));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> eis.measure(new MeasurementRequest(SWEEP, 0.01, "")));
        assertTrue(e.getMessage().contains("busy"), e.getMessage());
    }

    @Test
    void nonFinitePointsAreLeftOutAndListed() throws Exception {
        eis.faults().nanPoints(3, 5);
        eis.faults().infinitePoints(7);
        Spectrum s = measure(new MeasurementRequest(SWEEP, 0.01, ""));
        assertEquals(SWEEP.length - 3, s.size());
        assertEquals("3,5,7", s.metadata().extra().get(Measurement.DROPPED_POINTS));
    }

    @Test
    void tooFewValidPointsFailTheMeasurement() {
        int[] all = new int[SWEEP.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        eis.faults().nanPoints(all);
        Measurement m = eis.measure(new MeasurementRequest(SWEEP, 0.01, ""));
        time.advanceSeconds(m.expectedDurationS() + 1);
        ExecutionException e = assertThrows(ExecutionException.class, () -> m.result().get());
        assertTrue(e.getCause() instanceof AnalyzerException, e.toString());
        assertTrue(e.getCause().getMessage().contains("only 0 of"), e.getCause().getMessage());
    }

    @Test
    void aHungInstrumentNeverCompletesUntilAborted() {
        eis.faults().hangAfter(4);
        Measurement m = eis.measure(new MeasurementRequest(SWEEP, 0.01, ""));
        time.advanceSeconds(m.expectedDurationS() * 10);
        assertFalse(m.isDone());
        double p = m.progress();
        assertTrue(p > 0 && p < 1, "progress stalls at " + p);
        m.abort("test");
        assertTrue(m.result().isCompletedExceptionally());
        assertThrows(CancellationException.class, () -> m.result().join());
        // the analyzer is free again
        eis.faults().clearAll();
        assertTrue(eis.current().isEmpty());
        eis.measure(new MeasurementRequest(SWEEP, 0.01, ""));
    }

    @Test
    void aCellThatGoesAwayFailsTheMeasurement() {
        SimulatedDevice[] d = { frame };
        SimulatedAnalyzer a = SimulatedAnalyzers.create(time, SimAnalyzerSpec.defaults(), () -> d[0]);
        Measurement m = a.measure(new MeasurementRequest(SWEEP, 0.01, ""));
        time.advanceSeconds(0.5);
        d[0] = null;
        time.advanceSeconds(m.expectedDurationS());
        ExecutionException e = assertThrows(ExecutionException.class, () -> m.result().get());
        assertTrue(e.getCause().getMessage().contains("went away"), e.getCause().getMessage());
        assertFalse(a.health().state().isUp());
    }
}
