package org.presslab.control.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.presslab.time.TimeSources;
import org.presslab.press.api.ActuatorCommand;
import org.presslab.press.api.DeviceKind;
import org.presslab.press.api.Reading;
import org.presslab.press.sim.SensorParameters;
import org.presslab.press.sim.SimSpec;
import org.presslab.press.sim.SimUnits;
import org.presslab.press.sim.SimulatedDevice;
import org.presslab.press.sim.SimulatedDevices;
import org.presslab.time.VirtualTimeSource;

/**
 * Control figures on the plant's <b>true</b> pressure ({@link SimulatedDevice#plantState()}: force over the
 * cell area, noise-free, no sensor offset), not on the controller's own sensor.
 *
 * <p>Each active case: a 10 mm cell, 100 Hz loop, stacking to 74 MPa at 2 MPa/s, 5 s at 74 MPa, release to
 * 15 MPa at 1 MPa/s, 20 s to settle, then 10 cycles of 1 mAh/cm² at 10 mA/cm² (2 h) holding 15 MPa. The true
 * pressure is sampled every {@value #SAMPLE_S} s of virtual time.
 * <ul>
 * <li><b>overshoot</b>: max true pressure − 74 MPa from the start of the ramp until 5 s after the setpoint
 * reached 74 MPa (the corner, not noise during a long hold).</li>
 * <li><b>undershoot</b>: 15 MPa − min true pressure from the start of the release until 20 s after it.</li>
 * <li><b>hold</b>: worst |1-s mean of the true pressure − 15 MPa| during the 2 h of cycling.</li>
 * <li>for the real load cell, the hold error split into <b>sensor</b> (offset + drift over the area: what
 * the loop cannot see) and <b>control</b> (the noise-free measured mean − 15 MPa: what the loop leaves).</li>
 * </ul>
 * The passive frames are preloaded to 15 MPa and cycled the same way. The table is printed as
 * "CONTROL FIGURES (true pressure)"; each figure is asserted against a limit about 1.5x its measured value.
 * In case (d) the station is told the valve's deadband ({@code outputDeadband} 0.05) and maps its outputs
 * past it, so its own approach reaches contact; what remains of its hold error is the seal friction (stick-slip
 * of about ±friction/area on the load cell), which a load-cell loop alone cannot remove. The four active cases
 * and the frames run two at a time on their own virtual clocks.
 */
class TrueControlFiguresTest {

    static final double SAMPLE_S = 0.005;
    static final double HOLD_SAMPLE_S = 0.02;
    static final double AREA_M2 = Math.PI * 0.01 * 0.01 / 4;

    /** Case (b): a lab load cell tared at zero load before the run. */
    static final double LOAD_CELL_NOISE_N = 5;
    static final double LOAD_CELL_ZERO_ERROR_N = 20;
    /** 0.01 N/s = 36 N/h, the simulator's EST for a lab strain-gauge cell (0.46 MPa/h on 10 mm). */
    static final double LOAD_CELL_DRIFT_NPS = 0.01;

    /** Case (d): the plant off its model. */
    static final double MODEL_FLOW_FACTOR = 1.3;
    static final double SEAL_FRICTION_N = Double.parseDouble(System.getProperty("figures.friction", "100"));
    static final double VALVE_DEADBAND = Double.parseDouble(System.getProperty("figures.deadband", "0.05"));
    static final double RAM_MASS_KG = Double.parseDouble(System.getProperty("figures.mass", "30"));

    static final class Figures {
        final String name;
        double overshootPa = Double.NaN;
        double undershootPa = Double.NaN;
        double holdWorstPa;
        double holdMinPa = Double.POSITIVE_INFINITY;
        double holdMaxPa = Double.NEGATIVE_INFINITY;
        double sensedWorstPa = Double.NaN;
        double sensedMinPa = Double.NaN;
        double sensedMaxPa = Double.NaN;
        double sensorPartPa = Double.NaN;
        double controlPartPa = Double.NaN;
        long holdSeconds;
        double wallS;

        Figures(String name) {
            this.name = name;
        }
    }

    @Test
    void controlFiguresOnTheTruePressure() throws Exception {
        double residual = tareResidualN();
        List<Callable<Figures>> cases = List.of(
                () -> active("(a) default simulated press", spec -> { }, false, 0, 0),
                () -> active(String.format(Locale.ROOT, "(b) 50 kN cell, %.0f N rms, tare residual %+.2f N, drift %.0f N/h",
                        LOAD_CELL_NOISE_N, residual, LOAD_CELL_DRIFT_NPS * 3600), spec -> spec.loadCell().set(loadCell(residual)),
                        false, residual, LOAD_CELL_DRIFT_NPS),
                () -> active("(c) no plant model (reportModel false)", spec -> spec.hydraulics().reportModel(false), false, 0, 0),
                () -> active(String.format(Locale.ROOT, "(d) model x%.1f, friction %.0f N, deadband %.2f, ram %.0f kg",
                        MODEL_FLOW_FACTOR, SEAL_FRICTION_N, VALVE_DEADBAND, RAM_MASS_KG),
                        spec -> spec.hydraulics().modelFlowFactor(MODEL_FLOW_FACTOR).sealFrictionN(SEAL_FRICTION_N)
                                .valveDeadband(VALVE_DEADBAND).ramMassKg(RAM_MASS_KG), false, 0, 0),
                () -> passive(true),
                () -> passive(false));
        String only = System.getProperty("figures.only", "abcdsf");
        List<Callable<Figures>> chosen = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            if (only.indexOf("abcdsf".charAt(i)) >= 0) {
                chosen.add(cases.get(i));
            }
        }
        // Independent virtual clocks: two cases at a time (deterministic whatever the scheduling).
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Figures> all = new ArrayList<>();
        try {
            for (Future<Figures> f : pool.invokeAll(chosen)) {
                all.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        print(all);
        // Limits about 1.5x the figures measured on 2026-12-04 (README table): a 2x regression fails.
        for (Figures f : all) {
            switch (f.name.charAt(1)) {
                case 'a' -> check(f, 0.023, 0.025, 0.014);
                case 'b' -> {
                    // hold: the drift (arithmetic, 0.932 MPa over the hold) plus the control part
                    check(f, 0.063, 0.10, 0.96);
                    assertTrue(f.controlPartPa <= 0.046e6, f.name + ": control part " + f.controlPartPa / 1e6 + " MPa");
                    assertEquals(0.932, f.sensorPartPa / 1e6, 0.01, f.name + ": sensor part");
                }
                case 'c' -> check(f, 0.15, 0.18, 0.014);
                case 'd' -> check(f, 0.06, 0.76, 0.71);
                case 'p' -> {
                    if (f.name.contains("spring")) {
                        check(f, Double.NaN, Double.NaN, 0.033);
                    } else {
                        check(f, Double.NaN, Double.NaN, 3.3);
                        assertTrue(f.holdWorstPa >= 1.5e6, f.name + ": fixed gap drifts by whole MPa, " + f.holdWorstPa / 1e6);
                    }
                }
                default -> throw new AssertionError(f.name);
            }
        }
    }

    static void check(Figures f, double overshootMPa, double undershootMPa, double holdMPa) {
        if (!Double.isNaN(overshootMPa)) {
            assertTrue(f.overshootPa <= overshootMPa * 1e6, f.name + ": true overshoot " + f.overshootPa / 1e6 + " MPa, limit " + overshootMPa);
            assertTrue(f.undershootPa <= undershootMPa * 1e6, f.name + ": true undershoot " + f.undershootPa / 1e6 + " MPa, limit "
                    + undershootMPa);
        }
        assertTrue(f.holdWorstPa <= holdMPa * 1e6, f.name + ": true worst 1-s mean " + f.holdWorstPa / 1e6 + " MPa, limit " + holdMPa);
    }

    static SensorParameters loadCell(double offsetN) {
        return new SensorParameters(50e3, 0.5, LOAD_CELL_NOISE_N).offset(offsetN).driftPerS(LOAD_CELL_DRIFT_NPS);
    }

    /**
     * What a lab's tare leaves: the 50 kN cell with its whole zero error, read unloaded for 1 s (500 samples)
     * and averaged; the residual is the zero error minus that mean.
     */
    static double tareResidualN() {
        VirtualTimeSource t = TimeSources.virtual();
        SimSpec spec = pressSpec(3);
        spec.loadCell().set(new SensorParameters(50e3, 0.5, LOAD_CELL_NOISE_N).offset(LOAD_CELL_ZERO_ERROR_N)
                .driftPerS(LOAD_CELL_DRIFT_NPS));
        try (SimulatedDevice dev = SimulatedDevices.create(t, spec)) {
            double sum = 0;
            int n = 0;
            long last = -1;
            while (n < 500) {
                t.advanceNanos(1_000_000);
                Reading r = dev.read();
                if (r.sequence() != last && Double.isFinite(r.forceN())) {
                    last = r.sequence();
                    sum += r.forceN();
                    n++;
                }
            }
            assertEquals(0, dev.plantState().forceN(), 1e-9, "tared unloaded");
            return LOAD_CELL_ZERO_ERROR_N - sum / n;
        }
    }

    static SimSpec pressSpec(long seed) {
        SimSpec spec = SimSpec.defaults(DeviceKind.AUTOMATIC_HYDRAULIC_PRESS).id("sim-press-1").seed(seed);
        spec.hydraulics().initialGapM(50e-6);
        return spec;
    }

    /** Advances in fine steps and samples the true pressure. */
    static final class TrueSampler {
        final Harness h;
        final SimulatedDevice dev;
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;

        TrueSampler(Harness h, SimulatedDevice dev) {
            this.h = h;
            this.dev = dev;
        }

        double truePa() {
            return dev.plantState().forceN() / AREA_M2;
        }

        void resetExtremes() {
            max = Double.NEGATIVE_INFINITY;
            min = Double.POSITIVE_INFINITY;
        }

        void step() {
            h.time.advanceSeconds(SAMPLE_S);
            double p = truePa();
            max = Math.max(max, p);
            min = Math.min(min, p);
        }

        void run(double seconds) {
            long n = Math.round(seconds / SAMPLE_S);
            for (long i = 0; i < n; i++) {
                step();
            }
        }

        /** Steps until the station's setpoint has reached {@code target}; at most {@code maxS}. */
        void untilSetpointAt(double target, double maxS) {
            double t0 = h.time.nanoTime() / 1e9;
            while (!(h.station.setpoint.target() == target && h.station.setpoint.atTarget())) {
                step();
                assertTrue(h.time.nanoTime() / 1e9 - t0 < maxS, () -> "setpoint did not reach " + target / 1e6 + " MPa in " + maxS + " s: " + h.station.status()
                        + " " + h.events);
            }
        }

        /** 1-s means of the true pressure (sampled every 20 ms) over {@code seconds}, worst deviation from {@code ref} into f. */
        void holdMeans(double seconds, double ref, Figures f, double offsetN, double driftNps) {
            int perSecond = (int) Math.round(1 / HOLD_SAMPLE_S);
            long n = Math.round(seconds);
            double sensorMax = 0;
            double controlMax = 0;
            for (long k = 0; k < n; k++) {
                double sum = 0;
                double sensorSum = 0;
                for (int i = 0; i < perSecond; i++) {
                    h.time.advanceSeconds(HOLD_SAMPLE_S);
                    sum += truePa();
                    sensorSum += (offsetN + driftNps * h.time.nanoTime() / 1e9) / AREA_M2;
                }
                double mean = sum / perSecond;
                double sensor = sensorSum / perSecond;
                f.holdSeconds++;
                f.holdWorstPa = Math.max(f.holdWorstPa, Math.abs(mean - ref));
                f.holdMinPa = Math.min(f.holdMinPa, mean);
                f.holdMaxPa = Math.max(f.holdMaxPa, mean);
                sensorMax = Math.max(sensorMax, Math.abs(sensor));
                controlMax = Math.max(controlMax, Math.abs(mean + sensor - ref));
            }
            f.sensorPartPa = sensorMax;
            f.controlPartPa = controlMax;
        }
    }

    Figures active(String name, Consumer<SimSpec> tweak, boolean jog, double offsetN, double driftNps) throws Exception {
        long wall0 = System.nanoTime();
        Figures f = new Figures(name);
        // A lab states its valve's deadband in the station configuration (outputDeadband); the station maps its
        // raw outputs past it, so the approach moves the platen and small corrections act.
        StationSettings.Builder settings = Harness.settings("sim-press-1");
        if (name.startsWith("(d)")) {
            settings.outputDeadband(VALVE_DEADBAND);
        }
        try (Harness h = new Harness(settings)) {
            h.recordSamples = false;
            SimSpec spec = pressSpec(42);
            tweak.accept(spec);
            SimulatedDevice press = SimulatedDevices.create(h.time, spec);
            TrueSampler s = new TrueSampler(h, press);
            if (jog) {
                // The station's approach output (maxRate / plant gain = 0.022) is inside the valve deadband: the
                // platen would never move. An operator jogs it into contact first (about 0.5 MPa), then the
                // station takes over from the contact pressure.
                press.actuator().orElseThrow().command(ActuatorCommand.raw(0.1));
                double t0 = h.time.nanoTime() / 1e9;
                while (s.truePa() < 0.5e6) {
                    s.step();
                    assertTrue(h.time.nanoTime() / 1e9 - t0 < 60, "jog to contact");
                }
                press.actuator().orElseThrow().command(ActuatorCommand.raw(0));
                s.run(1);
            }
            h.bind(press);
            s.run(0.5);
            h.station.ramp(74e6, 2e6);
            s.resetExtremes();
            s.untilSetpointAt(74e6, 120);
            s.run(5);
            f.overshootPa = s.max - 74e6;
            h.station.release(15e6, 1e6);
            s.resetExtremes();
            s.untilSetpointAt(15e6, 120);
            s.run(20);
            f.undershootPa = 15e6 - s.min;
            double from = h.time.nanoTime() / 1e9;
            SecondMeans sensed = new SecondMeans(from, 15e6);
            h.station.addListener(sensed);
            press.cell().startCycling(SimUnits.mAPerCm2(CyclingHoldTest.CURRENT_MA_CM2), SimUnits.mAhPerCm2(1),
                    CyclingHoldTest.HALF_CYCLES);
            s.holdMeans(CyclingHoldTest.CYCLING_S, 15e6, f, offsetN, driftNps);
            if (offsetN == 0 && driftNps == 0) {
                f.sensorPartPa = Double.NaN;
                f.controlPartPa = Double.NaN;
            }
            f.sensedMinPa = sensed.minMeanPa;
            f.sensedMaxPa = sensed.maxMeanPa;
            sensed.finish();
            f.sensedWorstPa = sensed.maxDeviationPa;
            assertTrue(press.cell().completedHalfCycles() >= CyclingHoldTest.HALF_CYCLES, "cycled " + press.cell().completedHalfCycles());
        }
        f.wallS = (System.nanoTime() - wall0) / 1e9;
        return f;
    }

    Figures passive(boolean spring) throws Exception {
        long wall0 = System.nanoTime();
        String id = spring ? "sim-spring-1" : "sim-screw-1";
        Figures f = new Figures(spring ? "(p) spring frame (200 N/mm), passive" : "(p) fixed-gap screw frame, passive");
        try (Harness h = new Harness(Harness.settings(id))) {
            h.recordSamples = false;
            SimulatedDevice frame = spring ? SimulatedDevices.springFrame(h.time, id, 7) : SimulatedDevices.screwFrame(h.time, id, 7);
            TrueSampler s = new TrueSampler(h, frame);
            h.bind(frame);
            s.run(1);
            frame.cell().startCycling(SimUnits.mAPerCm2(CyclingHoldTest.CURRENT_MA_CM2), SimUnits.mAhPerCm2(1),
                    CyclingHoldTest.HALF_CYCLES);
            s.holdMeans(CyclingHoldTest.CYCLING_S, 15e6, f, 0, 0);
            f.sensorPartPa = Double.NaN;
            f.controlPartPa = Double.NaN;
        }
        f.wallS = (System.nanoTime() - wall0) / 1e9;
        return f;
    }

    static void print(List<Figures> all) {
        StringBuilder b = new StringBuilder();
        b.append("CONTROL FIGURES (true pressure): 10 mm cell, 100 Hz loop; stack 74 MPa at 2 MPa/s, release to 15 MPa at 1 MPa/s,"
                + " hold through 10 cycles of 1 mAh/cm2 at 10 mA/cm2 (2 h)\n");
        b.append(String.format(Locale.ROOT, "%-62s %10s %10s %10s %19s %10s %10s %10s %6s %7s%n", "case", "overshoot", "undershoot",
                "hold 1-s", "hold 1-s means", "sensed", "sensor", "control", "wall", "goal"));
        b.append(String.format(Locale.ROOT, "%-62s %10s %10s %10s %19s %10s %10s %10s %6s %7s%n", "", "MPa", "MPa", "worst MPa",
                "MPa", "worst MPa", "part MPa", "part MPa", "s", "±0.02"));
        for (Figures f : all) {
            b.append(String.format(Locale.ROOT, "%-62s %10s %10s %10.4f %9.4f..%-8.4f %10s %10s %10s %6.1f %7s%n", f.name,
                    num(f.overshootPa), num(f.undershootPa), f.holdWorstPa / 1e6, f.holdMinPa / 1e6, f.holdMaxPa / 1e6,
                    num(f.sensedWorstPa), num(f.sensorPartPa), num(f.controlPartPa), f.wallS,
                    f.holdWorstPa <= 0.02e6 ? "met" : "MISSED"));
        }
        System.out.print(b);
    }

    static String num(double pa) {
        return Double.isNaN(pa) ? "-" : String.format(Locale.ROOT, "%.4f", pa / 1e6);
    }
}
