package org.presslab.control.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.presslab.control.api.StationState;
import org.presslab.press.sim.SimulatedDevice;
import org.presslab.press.sim.SimulatedDevices;

class StackingTest {

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} Hz loop")
    @org.junit.jupiter.params.provider.ValueSource(doubles = { 100, 1000 })
    void stacking74MPaOn10mmOvershootsLittleAndSettles(double loopHz) throws Exception {
        try (Harness h = new Harness(Harness.settings("sim-press-1").loopRateHz(loopHz))) {
            SimulatedDevice press = h.press("sim-press-1", 42);
            h.bind(press);
            h.run(0.5);
            h.station.ramp(74e6, 2e6);
            double start = h.time.nanoTime() / 1e9;
            h.run(60);
            double end = h.time.nanoTime() / 1e9;
            double max = h.maxPressure(start, end);
            double[] means = h.secondMeans(end - 10, end);
            double overshoot = max - 74e6;
            // Settled: every sample of the last 10 s within ±0.12 MPa (sensor: 1.5 N rms and 0.5 N steps on 78.5 mm²).
            double worst = 0;
            for (var s : h.station.history(10)) {
                worst = Math.max(worst, Math.abs(s.pressurePa() - 74e6));
            }
            System.out.printf("STACKING 74 MPa on 10 mm, %.0f Hz loop: overshoot %.3f MPa (peak %.3f MPa), last 10 s worst |error| %.3f MPa, "
                    + "1-s means %.4f..%.4f MPa%n", loopHz, overshoot / 1e6, max / 1e6, worst / 1e6, min(means) / 1e6, maxOf(means) / 1e6);
            // Limits about 1.5x the figures measured on 2026-12-04 (0.077, 0.077, 0.0028 MPa at both rates): a 2x
            // regression fails. These are the sensor's figures (the peak is noise); TrueControlFiguresTest has the true ones.
            assertTrue(overshoot < 0.12e6, "overshoot " + overshoot / 1e6 + " MPa");
            assertTrue(worst <= 0.12e6, "settled within ±0.12 MPa, worst " + worst / 1e6);
            assertTrue(Math.abs(min(means) - 74e6) <= 0.005e6 && Math.abs(maxOf(means) - 74e6) <= 0.005e6,
                    "1-s means within ±0.005 MPa: " + min(means) / 1e6 + ".." + maxOf(means) / 1e6);
            assertEquals(StationState.HOLDING, h.station.status().state());
        }
    }

    static double min(double[] a) {
        double m = Double.POSITIVE_INFINITY;
        for (double v : a) {
            m = Math.min(m, v);
        }
        return m;
    }

    static double maxOf(double[] a) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : a) {
            m = Math.max(m, v);
        }
        return m;
    }
}
