package org.presslab.control.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.presslab.control.api.Recipe;
import org.presslab.control.api.RecipeRun;
import org.presslab.control.api.RecipeStep;
import org.presslab.control.api.StationState;
import org.presslab.press.sim.SimulatedDevice;
import org.presslab.press.sim.SimulatedDevices;

/** The same station code on the other simulated devices: isostatic vessel, motorized frame, heated press. */
class OtherDevicesTest {

    @Test
    void isostaticPressHoldsVesselPressure() throws Exception {
        try (Harness h = new Harness(Harness.settings("sim-iso-1").fixtureRatingMPa(300))) {
            SimulatedDevice iso = SimulatedDevices.isostaticPress(h.time, "sim-iso-1", 3);
            h.bind(iso);
            h.run(0.5);
            h.station.ramp(50e6, 1e6);
            h.run(80);
            assertNull(h.station.status().trip(), String.valueOf(h.station.status().trip()));
            assertEquals(StationState.HOLDING, h.station.status().state());
            double[] m = h.secondMeans(h.time.nanoTime() / 1e9 - 10, h.time.nanoTime() / 1e9);
            for (double v : m) {
                assertEquals(50e6, v, 0.2e6);
            }
            System.out.printf("ISOSTATIC: 50 MPa vessel, last 10 1-s means %.3f..%.3f MPa (mode %s)%n",
                    StackingTest.min(m) / 1e6, StackingTest.maxOf(m) / 1e6, h.station.binding().mode);
        }
    }

    @Test
    void motorizedFrameHolds15MPa() throws Exception {
        try (Harness h = new Harness(Harness.settings("sim-motor-1"))) {
            SimulatedDevice frame = SimulatedDevices.motorizedFrame(h.time, "sim-motor-1", 3);
            h.bind(frame);
            h.run(0.5);
            h.station.ramp(16e6, 0.5e6);
            h.run(60);
            assertNull(h.station.status().trip(), String.valueOf(h.station.status().trip()));
            double[] m = h.secondMeans(h.time.nanoTime() / 1e9 - 10, h.time.nanoTime() / 1e9);
            for (double v : m) {
                assertEquals(16e6, v, 0.1e6);
            }
            System.out.printf("MOTORIZED FRAME: 16 MPa, last 10 1-s means %.4f..%.4f MPa%n", StackingTest.min(m) / 1e6,
                    StackingTest.maxOf(m) / 1e6);
        }
    }

    @Test
    void heatedPressReachesItsTemperatureStep() throws Exception {
        try (Harness h = new Harness(Harness.settings("sim-heat-1"))) {
            h.recordSamples = false;
            SimulatedDevice press = SimulatedDevices.heatedPress(h.time, "sim-heat-1", 3);
            h.bind(press);
            h.run(0.5);
            Recipe r = new Recipe("warm", 1, "", 80e6, List.of(new RecipeStep.Temperature(273.15 + 60, 1, true, 3600, List.of())));
            RecipeRun run = h.station.start(r);
            RecipeRunTest.runUntil(h, () -> run.state().isFinished(), 3600);
            assertEquals(RecipeRun.State.COMPLETED, run.state(), run.message());
            assertEquals(333.15, h.station.status().temperatureK(), 1.5);
        }
    }
}
