package org.presslab.press.sim.bench;

import org.presslab.time.TimeSources;
import org.presslab.press.api.DeviceKind;
import org.presslab.press.sim.PressLoop;
import org.presslab.press.sim.SimSpec;
import org.presslab.press.sim.SimUnits;
import org.presslab.press.sim.SimulatedDevice;
import org.presslab.press.sim.SimulatedDevices;
import org.presslab.time.VirtualTimeSource;

/**
 * Plain benchmark harness (not a unit test): how much faster than real time the simulator runs, what
 * a read() costs, and the pressure figures of active hold, spring frame and fixed gap under the same
 * cycling. Run it as described in the bundle README.
 */
public final class SimulatorHarness {

    private static final double AREA = SimUnits.discArea(0.010);

    private SimulatorHarness() {
    }

    public static void main(String[] args) {
        int cycles = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        double mAcm2 = args.length > 1 ? Double.parseDouble(args[1]) : 10;
        System.out.printf("cycling: %d cycles of 1 mAh/cm² at %.1f mA/cm² (%.1f h simulated)%n", cycles, mAcm2,
                2 * cycles / mAcm2);
        warmUp();
        stacking();
        activeHold(cycles, mAcm2);
        frame(DeviceKind.SPRING_FRAME, cycles, mAcm2);
        frame(DeviceKind.SCREW_FRAME, cycles, mAcm2);
        readCost();
    }

    private static void warmUp() {
        VirtualTimeSource time = TimeSources.virtual();
        SimulatedDevice p = SimulatedDevices.hydraulicPress(time, "warm", 1);
        new PressLoop(time, p, 100).run(15e6 * AREA, 2e6 * AREA, 600);
    }

    private static void stacking() {
        VirtualTimeSource time = TimeSources.virtual();
        SimulatedDevice p = SimulatedDevices.hydraulicPress(time, "stack", 42);
        PressLoop loop = new PressLoop(time, p, 100);
        double target = 74e6 * AREA;
        loop.run(target, 2e6 * AREA, 37);
        double settleBand = 0.2e6 * AREA;
        double lastOutside = 37;
        for (int i = 0; i < 3000; i++) {
            loop.run(target, 2e6 * AREA, 0.01);
            if (Math.abs(p.cell().forceN() - target) > settleBand) {
                lastOutside = 37 + (i + 1) * 0.01;
            }
        }
        System.out.printf("stacking to 74 MPa at 2 MPa/s on 10 mm (PI at 100 Hz): overshoot %.3f MPa, "
                + "inside ±0.2 MPa from t = %.2f s (ramp ends at 37 s), true force at 67 s %.3f MPa, foil crept %.1f µm%n",
                (loop.maxForce() - target) / AREA / 1e6, lastOutside, p.cell().pressurePa() / 1e6,
                p.cell().creepShorteningM() * 1e6);
    }

    private static void activeHold(int cycles, double mAcm2) {
        VirtualTimeSource time = TimeSources.virtual();
        SimulatedDevice p = SimulatedDevices.hydraulicPress(time, "active", 42);
        PressLoop loop = new PressLoop(time, p, 100);
        loop.run(15e6 * AREA, 2e6 * AREA, 30);
        p.cell().startCycling(SimUnits.mAPerCm2(mAcm2), SimUnits.mAhPerCm2(1), 2 * cycles);
        long wall = System.nanoTime();
        double simulated = 0;
        double worst = 0;
        while (p.cell().isCycling()) {
            double sum = 0;
            for (int i = 0; i < 100; i++) {
                loop.run(15e6 * AREA, 2e6 * AREA, 0.01);
                sum += loop.last().forceN();
            }
            simulated += 1;
            worst = Math.max(worst, Math.abs(sum / 100 / AREA - 15e6));
        }
        double wallS = (System.nanoTime() - wall) * 1e-9;
        System.out.printf("active hold (automatic press, PI at 100 Hz): worst 1-s mean deviation %.4f MPa; "
                + "%.0f s simulated in %.2f s wall = %.0fx real time%n", worst / 1e6, simulated, wallS, simulated / wallS);
    }

    private static void frame(DeviceKind kind, int cycles, double mAcm2) {
        VirtualTimeSource time = TimeSources.virtual();
        SimulatedDevice f = SimulatedDevices.create(time, SimSpec.defaults(kind).seed(42));
        f.cell().startCycling(SimUnits.mAPerCm2(mAcm2), SimUnits.mAhPerCm2(1), 2 * cycles);
        long wall = System.nanoTime();
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        double simulated = 0;
        while (f.cell().isCycling()) {
            time.advanceSeconds(1);
            simulated += 1;
            double p = f.read().forceN() / AREA;
            min = Math.min(min, p);
            max = Math.max(max, p);
        }
        double wallS = (System.nanoTime() - wall) * 1e-9;
        System.out.printf("%s: pressure %.4f..%.4f MPa (span %.4f, worst deviation from 15 MPa %.4f MPa); "
                + "%.0fx real time%n", kind, min / 1e6, max / 1e6, (max - min) / 1e6,
                Math.max(Math.abs(max - 15e6), Math.abs(min - 15e6)) / 1e6, simulated / wallS);
    }

    private static void readCost() {
        VirtualTimeSource time = TimeSources.virtual();
        SimulatedDevice p = SimulatedDevices.hydraulicPress(time, "r", 1);
        int n = 2_000_000;
        for (int i = 0; i < n / 10; i++) {
            p.read();
        }
        long t = System.nanoTime();
        for (int i = 0; i < n; i++) {
            p.read();
        }
        double perRead = (System.nanoTime() - t) / (double) n;
        System.out.printf("read() without time advancing: %.0f ns per call%n", perRead);
        t = System.nanoTime();
        int m = 200_000;
        for (int i = 0; i < m; i++) {
            time.advanceNanos(1_000_000);
            p.read();
        }
        System.out.printf("read() at 1 kHz virtual polling (integrates 4 steps, delivers a sample): %.0f ns per call%n",
                (System.nanoTime() - t) / (double) m);
    }
}
