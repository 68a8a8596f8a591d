package org.presslab.press.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.presslab.time.TimeSources;
import org.presslab.press.api.ActuationMode;
import org.presslab.press.api.ActuatorCommand;
import org.presslab.press.api.Capability;
import org.presslab.press.api.DeviceInfo;
import org.presslab.press.api.DeviceKind;
import org.presslab.press.api.Quality;
import org.presslab.press.api.Reading;
import org.presslab.press.api.SafeAction;
import org.presslab.time.VirtualTimeSource;

class HydraulicPressTest {

    private static final double AREA = SimUnits.discArea(0.010);
    private final VirtualTimeSource time = TimeSources.virtual();

    private static SimSpec creepFree() {
        SimSpec s = SimSpec.defaults(DeviceKind.AUTOMATIC_HYDRAULIC_PRESS).seed(3);
        s.cell().referenceStrainRate(0);
        return s;
    }

    @Test
    void describesItself() {
        SimulatedDevice p = SimulatedDevices.hydraulicPress(time, "press-1", 1);
        DeviceInfo info = p.info();
        assertEquals("press-1", p.id());
        assertEquals("Presslab", info.vendor());
        assertTrue(info.model().startsWith("Simulated"));
        assertEquals(DeviceKind.AUTOMATIC_HYDRAULIC_PRESS, info.kind());
        assertEquals(15 * 9806.65, info.maxForceRatingN(), 1);
        assertEquals(2.1e-3, info.ramAreaM2(), 1e-9);
        assertEquals(0.5, info.forceResolutionN());
        assertEquals(500, info.sampleRateHz(), 1e-9);
        assertEquals(Set.of(Capability.SENSE_FORCE, Capability.SENSE_PRESSURE, Capability.SENSE_POSITION,
                Capability.ACTUATE), p.capabilities());
        assertEquals(Set.of(ActuationMode.RAW_OUTPUT), p.actuator().orElseThrow().modes());
        assertEquals(Set.of(SafeAction.HOLD, SafeAction.VENT, SafeAction.STOP), p.actuator().orElseThrow().safeActions());
        assertTrue(p.temperatureControl().isEmpty());
        assertTrue(p.operatorChannel().isEmpty());
        assertThrows(IllegalArgumentException.class,
                () -> p.actuator().orElseThrow().command(ActuatorCommand.force(1000)), "force mode is not offered");
    }

    @Test
    void readingsCarryTheirSampleTimeAndLatency() {
        SimulatedDevice p = SimulatedDevices.hydraulicPress(time, "p", 1);
        assertEquals(Quality.STALE, p.read().quality(), "nothing measured yet");
        time.advanceSeconds(0.1003);
        Reading r = p.read();
        assertEquals(Quality.GOOD, r.quality());
        long age = time.nanoTime() - r.timeNanos();
        assertTrue(age >= 2_000_000 && age < 4_000_000, "sample period 2 ms + one sample latency, age " + age);
        assertEquals(r.timeNanos() / 2_000_000 + 1, r.sequence());
        assertTrue(Double.isNaN(r.temperatureK()));
    }

    @Test
    void pumpFlowLimitsTheForceRate() {
        SimulatedDevice p = SimulatedDevices.create(time, creepFree());
        double maxRate = p.info().maxForceRateNps();
        assertEquals(7035, maxRate, 50, "0.2 cm³/s into the 10 mm load path (A/k + V/(βA))");
        p.actuator().orElseThrow().command(ActuatorCommand.raw(1));
        time.advanceSeconds(0.2); // past dead time and lag
        double f0 = p.cell().forceN();
        time.advanceSeconds(0.5);
        double rate = (p.cell().forceN() - f0) / 0.5;
        assertEquals(maxRate, rate, 0.03 * maxRate, "full output gives the pump's rate");
        assertTrue(rate <= maxRate * 1.001, "and never more");
    }

    @Test
    void reliefValveCapsThePressure() {
        SimSpec s = creepFree();
        s.hydraulics().reliefPressurePa(3e6); // 6.3 kN on the ram
        SimulatedDevice p = SimulatedDevices.create(time, s);
        p.actuator().orElseThrow().command(ActuatorCommand.raw(1));
        double maxLine = 0;
        for (int i = 0; i < 500; i++) {
            time.advanceSeconds(0.01);
            maxLine = Math.max(maxLine, p.plantState().linePressurePa());
        }
        assertTrue(maxLine > 2.9e6, "the pump got there: " + maxLine);
        assertTrue(maxLine < 3.05e6, "the relief valve holds it at its setting: " + maxLine);
        assertTrue(p.plantState().reliefFlowM3s() > 0.9 * s.hydraulics().pumpFlowM3s(), "pump flow goes over the relief");
        assertEquals(p.plantState().linePressurePa() * 2.1e-3, p.cell().forceN(), 1);
    }

    @Test
    void deadTimeAndLagDelayTheActuator() {
        SimulatedDevice p = SimulatedDevices.create(time, creepFree());
        time.advanceSeconds(0.1);
        p.actuator().orElseThrow().command(ActuatorCommand.raw(1));
        time.advanceSeconds(0.0095);
        assertEquals(0, p.plantState().actuatorOutput(), "nothing within the 10 ms dead time");
        assertEquals(0, p.cell().forceN(), 1e-9);
        time.advanceSeconds(0.0205); // 20 ms after the dead time ~ one time constant
        double u = p.plantState().actuatorOutput();
        assertTrue(u > 0.55 && u < 0.7, "first-order lag, 20 ms: " + u);
    }

    @Test
    void holdKeepsTheLoadAndReleaseDropsIt() {
        SimulatedDevice p = SimulatedDevices.create(time, creepFree());
        PressLoop loop = new PressLoop(time, p, 100);
        loop.run(15e6 * AREA, 2e6 * AREA, 15);
        p.actuator().orElseThrow().command(ActuatorCommand.raw(0));
        time.advanceSeconds(1);
        double f = p.cell().forceN();
        time.advanceSeconds(60);
        assertEquals(f, p.cell().forceN(), 0.01 * f, "a leak-tight hold loses < 1 % a minute");
        assertTrue(p.cell().forceN() < f, "but the leak is there");
        p.actuator().orElseThrow().command(ActuatorCommand.raw(-1));
        time.advanceSeconds(3);
        assertTrue(p.cell().forceN() < 5, "the open release valve unloads: " + p.cell().forceN());
    }

    @Test
    void modelGivesTheRequestedRate() {
        SimulatedDevice p = SimulatedDevices.create(time, creepFree());
        PressLoop loop = new PressLoop(time, p, 100);
        loop.run(5e6 * AREA, 2e6 * AREA, 5);
        double u = loop.model.outputFor(p.cell().forceN(), 157);
        p.actuator().orElseThrow().command(ActuatorCommand.raw(u));
        time.advanceSeconds(0.2);
        double f0 = p.cell().forceN();
        time.advanceSeconds(1);
        assertEquals(157, p.cell().forceN() - f0, 157 * 0.05, "feed-forward of 157 N/s (2 MPa/s on 10 mm)");
        assertEquals(0, loop.model.outputFor(1000, 0), 1e-3, "0 for a rate of 0, up to the small leak");
    }

    @Test
    void aPiLoopAt100HzStacksTo74MpaOnATenMillimetreCell() {
        SimulatedDevice p = SimulatedDevices.hydraulicPress(time, "p", 11);
        PressLoop loop = new PressLoop(time, p, 100);
        double target = 74e6 * AREA;
        loop.run(target, 2e6 * AREA, 60);
        double overshootMpa = (loop.maxForce - target) / AREA / 1e6;
        assertTrue(overshootMpa < 0.5, "a PI with feed-forward overshoots < 0.5 MPa: " + overshootMpa + " MPa");
        List<Double> tail = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            loop.run(target, 2e6 * AREA, 1);
            tail.add(p.cell().pressurePa());
        }
        for (double pa : tail) {
            assertEquals(74e6, pa, 0.2e6, "settles within ±0.2 MPa while the sodium creeps");
        }
        assertTrue(p.cell().creepShorteningM() > 5e-6, "the foil crept under 74 MPa: " + p.cell().creepShorteningM());
    }

    @Test
    void activeHoldFollowsThePlatingAnode() {
        SimulatedDevice p = SimulatedDevices.hydraulicPress(time, "p", 12);
        PressLoop loop = new PressLoop(time, p, 100);
        loop.run(15e6 * AREA, 2e6 * AREA, 20);
        p.cell().startCycling(SimUnits.mAPerCm2(20), SimUnits.mAhPerCm2(1), 2);
        double x0 = p.plantState().positionM();
        double worst = 0;
        double travel = 0;
        while (p.cell().isCycling()) {
            double sum = 0;
            for (int i = 0; i < 100; i++) {
                loop.run(15e6 * AREA, 2e6 * AREA, 0.01);
                sum += loop.last().forceN();
            }
            worst = Math.max(worst, Math.abs(sum / 100 / AREA - 15e6));
            travel = Math.max(travel, x0 - p.plantState().positionM());
        }
        assertTrue(worst < 0.05e6, "every 1-s mean within ±0.05 MPa: worst " + worst / 1e6 + " MPa");
        assertTrue(travel > 7e-6, "the ram gave way to the growing anode: " + travel * 1e6 + " µm");
    }

    @Test
    void noiseAndQuantizationMatchTheConfiguration() {
        SimSpec s = creepFree();
        s.hydraulics().leakCoefficientM3PerSPa(0);
        SimulatedDevice p = SimulatedDevices.create(time, s);
        PressLoop loop = new PressLoop(time, p, 100);
        loop.run(15e6 * AREA, 2e6 * AREA, 12);
        p.actuator().orElseThrow().command(ActuatorCommand.raw(0));
        time.advanceSeconds(1);
        double truth = p.cell().forceN();
        int n = 0;
        double sum = 0;
        double sq = 0;
        long last = 0;
        while (n < 5000) {
            time.advanceNanos(2_000_000);
            Reading r = p.read();
            if (r.sequence() == last) {
                continue;
            }
            last = r.sequence();
            double q = r.forceN() / 0.5;
            assertEquals(Math.rint(q), q, 1e-9, "quantized to 0.5 N");
            sum += r.forceN();
            sq += r.forceN() * r.forceN();
            n++;
        }
        assertEquals(truth, p.cell().forceN(), 1e-9, "held steady");
        double mean = sum / n;
        double sd = Math.sqrt(sq / n - mean * mean);
        assertEquals(truth, mean, 0.1, "unbiased");
        // Gaussian 1.5 N rms plus uniform quantization error 0.5/√12 N
        assertEquals(Math.sqrt(1.5 * 1.5 + 0.25 / 12), sd, 0.06, "noise rms");
    }

    @Test
    void sameSeedSameReadingsWhateverThePollingRate() {
        List<Reading> a = run(5, 1);
        List<Reading> b = run(5, 1);
        assertEquals(a, b, "same seed, same commands: identical");
        List<Reading> c = run(6, 1);
        assertNotEquals(a, c, "another seed differs");
        // polling ten times as often changes nothing that both saw
        List<Reading> fast = run(5, 10);
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i), fast.get(i * 10 + 9));
        }
    }

    private List<Reading> run(long seed, int pollsPerTick) {
        VirtualTimeSource t = TimeSources.virtual();
        SimulatedDevice p = SimulatedDevices.hydraulicPress(t, "p", seed);
        List<Reading> out = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            for (int j = 0; j < pollsPerTick; j++) {
                t.advanceNanos(10_000_000 / pollsPerTick);
                out.add(p.read());
            }
            if (i % 10 == 0) {
                p.actuator().orElseThrow().command(ActuatorCommand.raw(i < 150 ? 0.05 : -0.1));
            }
        }
        return out;
    }

    @Test
    void safeStatesTakeEffectAtOnce() {
        SimulatedDevice p = SimulatedDevices.create(time, creepFree());
        var act = p.actuator().orElseThrow();
        act.command(ActuatorCommand.raw(0.5));
        time.advanceSeconds(0.5);
        assertEquals(Optional.empty(), act.safeState());
        act.enterSafeState(SafeAction.HOLD);
        assertEquals(Optional.of(SafeAction.HOLD), act.safeState());
        double f = p.cell().forceN();
        time.advanceSeconds(0.05);
        assertEquals(f, p.cell().forceN(), 1, "no further rise: pump off without dead time or lag");
        assertEquals(0, p.plantState().actuatorOutput());

        act.command(ActuatorCommand.raw(0.5));
        assertEquals(Optional.empty(), act.safeState(), "a command leaves the safe state");
        time.advanceSeconds(0.5);
        act.enterSafeState(SafeAction.STOP);
        f = p.cell().forceN();
        time.advanceSeconds(0.5);
        assertEquals(f, p.cell().forceN(), 1, "STOP cuts the pump; the normally closed valve holds");

        act.enterSafeState(SafeAction.VENT);
        assertEquals(-1, p.plantState().actuatorOutput(), "release valve open at once");
        time.advanceSeconds(3);
        assertTrue(p.cell().forceN() < 5, "vented: " + p.cell().forceN());
    }

    @Test
    void closeLeavesThePressHolding() {
        SimulatedDevice p = SimulatedDevices.create(time, creepFree());
        p.actuator().orElseThrow().command(ActuatorCommand.raw(0.3));
        time.advanceSeconds(0.5);
        p.close();
        assertEquals(Optional.of(SafeAction.HOLD), p.actuator().orElseThrow().safeState());
        double f = p.cell().forceN();
        assertTrue(f > 100);
        time.advanceSeconds(10);
        assertEquals(f, p.cell().forceN(), 0.01 * f, "the load stays");
    }
    @Test
    void closeKeepsAStopOrVentInForce() {
        for (SafeAction action : new SafeAction[] {SafeAction.STOP, SafeAction.VENT}) {
            SimulatedDevice p = SimulatedDevices.create(time, creepFree().id("p-" + action));
            p.actuator().orElseThrow().command(ActuatorCommand.raw(0.3));
            time.advanceSeconds(0.5);
            p.actuator().orElseThrow().enterSafeState(action);
            p.close();
            assertEquals(Optional.of(action), p.actuator().orElseThrow().safeState(), "not downgraded to HOLD");
        }
        SimulatedDevice p = SimulatedDevices.create(time, creepFree().id("vented"));
        p.actuator().orElseThrow().command(ActuatorCommand.raw(0.3));
        time.advanceSeconds(0.5);
        p.actuator().orElseThrow().enterSafeState(SafeAction.VENT);
        p.close();
        time.advanceSeconds(5);
        assertTrue(p.cell().forceN() < 5, "a closed driver keeps venting: " + p.cell().forceN());
    }
}
