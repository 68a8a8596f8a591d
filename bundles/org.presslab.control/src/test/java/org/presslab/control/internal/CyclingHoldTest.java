package org.presslab.control.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.presslab.press.sim.SimUnits;
import org.presslab.press.sim.SimulatedDevice;
import org.presslab.press.sim.SimulatedDevices;

/**
 * Holding 15 MPa while the sodium anode plates and strips: the active station against a disc-spring
 * frame and a bolted fixed-gap frame, the same cell, the same cycling (10 cycles of 1 mAh/cm²).
 */
class CyclingHoldTest {

    /** 10 mA/cm²: a half-cycle of 1 mAh/cm² takes 6 min, so 10 cycles are 2 h of simulated time. */
    static final double CURRENT_MA_CM2 = 10;
    static final int HALF_CYCLES = 20;
    static final double CYCLING_S = HALF_CYCLES * 3600.0 / CURRENT_MA_CM2;

    @Test
    void activeHoldBeatsSpringFrameAndFixedGapDriftsByWholeMPa() throws Exception {
        double active = active();
        double spring = passive(true);
        double fixed = passive(false);
        System.out.printf("HOLD 15 MPa, %d cycles of 1 mAh/cm² at %.0f mA/cm², max deviation of 1-s means:"
                + " active %.4f MPa, spring frame %.4f MPa, fixed-gap frame %.3f MPa%n", HALF_CYCLES / 2, CURRENT_MA_CM2,
                active / 1e6, spring / 1e6, fixed / 1e6);
        // Limits about 1.5-2x the figures measured on 2026-12-04 (active 0.0045, spring 0.0237, fixed gap 2.21 MPa), on
        // the station's own sensor; TrueControlFiguresTest measures the true pressure.
        assertTrue(active <= 0.008e6, "active hold: every 1-s mean within ±0.008 MPa, worst " + active / 1e6);
        assertTrue(spring <= 0.04e6, "spring frame holds to a few hundredths of an MPa, worst " + spring / 1e6);
        assertTrue(active < spring, "active control beats the spring frame");
        assertTrue(fixed >= 1.5e6, "fixed gap drifts by whole MPa, worst " + fixed / 1e6);
    }

    private double active() throws Exception {
        try (Harness h = new Harness(Harness.settings("sim-press-1"))) {
            SimulatedDevice press = h.press("sim-press-1", 7);
            h.recordSamples = false;
            h.bind(press);
            h.run(0.5);
            h.station.ramp(15e6, 1e6);
            h.run(30);
            double from = h.time.nanoTime() / 1e9;
            SecondMeans means = new SecondMeans(from, 15e6);
            h.station.addListener(means);
            press.cell().startCycling(SimUnits.mAPerCm2(CURRENT_MA_CM2), SimUnits.mAhPerCm2(1), HALF_CYCLES);
            h.run(CYCLING_S);
            means.finish();
            assertTrue(press.cell().completedHalfCycles() >= HALF_CYCLES, "cycled " + press.cell().completedHalfCycles());
            assertTrue(means.seconds >= CYCLING_S - 2, "seconds " + means.seconds);
            System.out.printf("  active: %d s, 1-s means %.4f..%.4f MPa%n", means.seconds, means.minMeanPa / 1e6,
                    means.maxMeanPa / 1e6);
            return means.maxDeviationPa;
        }
    }

    private double passive(boolean spring) throws Exception {
        String id = spring ? "sim-spring-1" : "sim-screw-1";
        try (Harness h = new Harness(Harness.settings(id))) {
            SimulatedDevice frame = spring ? SimulatedDevices.springFrame(h.time, id, 7) : SimulatedDevices.screwFrame(h.time, id, 7);
            h.recordSamples = false;
            h.bind(frame);
            h.run(1);
            double start = h.station.status().pressurePa();
            double from = h.time.nanoTime() / 1e9;
            SecondMeans means = new SecondMeans(from, 15e6);
            h.station.addListener(means);
            frame.cell().startCycling(SimUnits.mAPerCm2(CURRENT_MA_CM2), SimUnits.mAhPerCm2(1), HALF_CYCLES);
            h.run(CYCLING_S);
            means.finish();
            System.out.printf("  %s: start %.3f MPa, 1-s means %.4f..%.4f MPa%n", spring ? "spring frame" : "fixed gap",
                    start / 1e6, means.minMeanPa / 1e6, means.maxMeanPa / 1e6);
            return means.maxDeviationPa;
        }
    }
}
