package org.presslab.press.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.presslab.time.TimeSources;
import org.presslab.press.api.Actuator;
import org.presslab.press.api.ActuatorCommand;
import org.presslab.press.api.ActuatorModel;
import org.presslab.press.api.ConnectionState;
import org.presslab.press.api.DeviceKind;
import org.presslab.press.api.Quality;
import org.presslab.press.api.Reading;
import org.presslab.press.api.SafeAction;
import org.presslab.press.api.TemperatureControl;
import org.presslab.time.VirtualTimeSource;

/** Issue 8: the faults and imperfections a real press has, each checked by its physical effect. */
class RealFaultsTest {

    private final VirtualTimeSource time = TimeSources.virtual();

    private SimulatedDevice press(SimSpec spec) {
        return SimulatedDevices.create(time, spec);
    }

    private static SimSpec hydraulic() {
        return SimSpec.defaults(DeviceKind.AUTOMATIC_HYDRAULIC_PRESS).id("p").seed(5);
    }

    /** Loads the press with the pump at {@code u} for {@code seconds}, then holds. */
    private void load(SimulatedDevice p, double u, double seconds) {
        Actuator a = p.actuator().orElseThrow();
        a.command(ActuatorCommand.raw(u));
        time.advanceSeconds(seconds);
        a.enterSafeState(SafeAction.HOLD);
        time.advanceSeconds(0.05);
    }

    private Reading tick(SimulatedDevice p) {
        time.advanceSeconds(0.01);
        return p.read();
    }

    // ---- sensors: offset, drift, noise -------------------------------------------------------

    @Test
    void loadCellOffsetAndDriftAddToEveryReading() {
        SimSpec ideal = hydraulic();
        ideal.loadCell().noiseRms(5);
        SimSpec real = hydraulic();
        real.loadCell().noiseRms(5).offset(20).driftPerS(0.01);
        SimulatedDevice a = press(ideal);
        SimulatedDevice b = press(real);
        double sum = 0;
        double sumSq = 0;
        int n = 0;
        for (int i = 0; i < 2000; i++) {
            time.advanceSeconds(0.5);
            Reading ra = a.read();
            Reading rb = b.read();
            assertEquals(ra.timeNanos(), rb.timeNanos());
            double t = (rb.timeNanos() - 0) * 1e-9; // both built at virtual time 0
            assertEquals(20 + 0.01 * t, rb.forceN() - ra.forceN(), 0.5 + 1e-9, "offset + drift at t = " + t + " s");
            sum += ra.forceN();
            sumSq += ra.forceN() * ra.forceN();
            n++;
        }
        double mean = sum / n;
        double rms = Math.sqrt(sumSq / n - mean * mean);
        assertEquals(0, b.cell().forceN(), 1e-9, "no load: the offset and drift are the sensor's, not the plant's");
        assertEquals(5, rms, 0.5, "5 N rms noise at zero load");
        assertTrue(b.read().forceN() - a.read().forceN() > 29, "1000 s of 0.01 N/s drift on top of 20 N offset");
    }

    @Test
    void aLabLoadCellIsConfigurableAndValidated() {
        SensorParameters lab = SensorParameters.labLoadCell50kN();
        assertEquals(50e3, lab.range());
        assertTrue(lab.noiseRms() >= 5);
        SimSpec spec = hydraulic();
        spec.loadCell().set(lab);
        assertEquals(20, new SimSpec(spec).loadCell().offset(), "copied with the spec");
        assertEquals(0.01, press(spec).spec().loadCell().driftPerS());
        spec.loadCell().offset(Double.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> press(spec));
        assertTrue(e.getMessage().contains("loadCell.offset") && e.getMessage().contains("NaN"), e.getMessage());
    }

    // ---- plant mismatch ------------------------------------------------------------------------

    @Test
    void aMismatchedModelGivesTooLittleFeedForwardAndTheForceRateFallsShort() {
        SimSpec exact = hydraulic();
        SimSpec off = hydraulic().id("q");
        off.hydraulics().modelFlowFactor(1.3); // the model thinks the pump 30 % stronger than it is
        SimulatedDevice a = press(exact);
        SimulatedDevice b = press(off);
        for (SimulatedDevice p : new SimulatedDevice[] {a, b}) {
            p.actuator().orElseThrow().command(ActuatorCommand.raw(0.1));
        }
        time.advanceSeconds(1);
        for (SimulatedDevice p : new SimulatedDevice[] {a, b}) {
            p.actuator().orElseThrow().enterSafeState(SafeAction.HOLD);
        }
        time.advanceSeconds(0.05);
        double rate = 2000;
        ActuatorModel ma = a.actuator().orElseThrow().model().orElseThrow();
        ActuatorModel mb = b.actuator().orElseThrow().model().orElseThrow();
        double fa = a.cell().forceN();
        double fb = b.cell().forceN();
        assertEquals(fa, fb, 1e-6, "same plant so far");
        double ua = ma.outputFor(fa, rate);
        double ub = mb.outputFor(fb, rate);
        assertEquals(ua / 1.3, ub, 1e-12);
        a.actuator().orElseThrow().command(ActuatorCommand.raw(ua));
        b.actuator().orElseThrow().command(ActuatorCommand.raw(ub));
        time.advanceSeconds(1);
        double ra = a.cell().forceN() - fa;
        double rb = b.cell().forceN() - fb;
        assertEquals(rate, ra, 0.15 * rate, "the exact model's feed-forward gives about the rate asked");
        assertEquals(1 / 1.3, rb / ra, 0.03, "the mismatched one falls 23 % short");
    }

    @Test
    void aWithheldModelLeavesNoFeedForward() {
        SimSpec spec = hydraulic();
        spec.hydraulics().reportModel(false);
        assertEquals(Optional.empty(), press(spec).actuator().orElseThrow().model());
        assertTrue(press(hydraulic().id("q")).actuator().orElseThrow().model().isPresent(), "reported by default");
    }

    @Test
    void outputsInsideTheValveDeadbandDoNothing() {
        SimSpec spec = hydraulic();
        spec.hydraulics().valveDeadband(0.1);
        SimulatedDevice dead = press(spec);
        SimulatedDevice ideal = press(hydraulic().id("q"));
        load(dead, 0.08, 2);
        load(ideal, 0.08, 2);
        assertEquals(0, dead.cell().forceN(), 1e-9, "0.08 is inside a 0.1 deadband: no flow");
        assertTrue(ideal.cell().forceN() > 500, "without deadband 0.08 loads: " + ideal.cell().forceN());
        double before = dead.cell().forceN();
        double idealBefore = ideal.cell().forceN();
        load(dead, 0.55, 0.5);  // (0.55 - 0.1) / 0.9 = 0.5 of full flow
        SimulatedDevice ref = press(hydraulic().id("r"));
        load(ref, 0.08, 2);
        double refBefore = ref.cell().forceN();
        load(ref, 0.5, 0.5);
        assertEquals(ref.cell().forceN() - refBefore, dead.cell().forceN() - before, 0.05 * (ref.cell().forceN() - refBefore),
                "beyond the deadband the flow grows from zero");
        assertTrue(idealBefore > 0);
    }

    @Test
    void sealFrictionMakesTheLinePressureOverstateTheStackForce() {
        SimSpec spec = hydraulic();
        spec.hydraulics().sealFrictionN(500);
        SimulatedDevice fr = press(spec);
        SimulatedDevice ideal = press(hydraulic().id("q"));
        double area = spec.hydraulics().ramAreaM2();
        for (SimulatedDevice p : new SimulatedDevice[] {fr, ideal}) {
            p.actuator().orElseThrow().command(ActuatorCommand.raw(0.2));
        }
        time.advanceSeconds(1);
        PlantState a = fr.plantState();
        PlantState b = ideal.plantState();
        assertTrue(a.forceN() > 500, "loading: " + a.forceN());
        assertEquals(500, a.linePressurePa() * area - a.forceN(), 10, "while the ram advances p·A = F + F_friction");
        assertEquals(0, b.linePressurePa() * area - b.forceN(), 1, "no friction: p·A = F");
        // releasing a little oil: the ram sticks and the stack keeps its force until p·A falls F_f below it
        for (SimulatedDevice p : new SimulatedDevice[] {fr, ideal}) {
            p.actuator().orElseThrow().command(ActuatorCommand.raw(-0.05));
        }
        time.advanceSeconds(0.1); // past the dead time and lag of pump and valve
        a = fr.plantState();
        double fa = a.forceN();
        double fb = ideal.plantState().forceN();
        time.advanceSeconds(1);
        PlantState c = fr.plantState();
        PlantState d = ideal.plantState();
        assertTrue(c.linePressurePa() < a.linePressurePa() - 50e3, "line pressure falls: " + a.linePressurePa() + " -> "
                + c.linePressurePa());
        assertTrue(fb - d.forceN() > 80, "without friction the stack force follows: " + fb + " -> " + d.forceN());
        assertEquals(fa, c.forceN(), 10, "with friction it does not: the ram sticks on its seals");
    }

    @Test
    void aHeavyRamRingsOnTheOilColumnWhereTheQuasiStaticRamDoesNot() {
        SimSpec spec = hydraulic();
        spec.hydraulics().ramMassKg(200);
        SimulatedDevice heavy = press(spec);
        SimulatedDevice light = press(hydraulic().id("q"));
        double[] range = new double[2];
        int i = 0;
        for (SimulatedDevice p : new SimulatedDevice[] {heavy, light}) {
            p.actuator().orElseThrow().command(ActuatorCommand.raw(1));
        }
        time.advanceSeconds(0.5);
        for (SimulatedDevice p : new SimulatedDevice[] {heavy, light}) {
            p.actuator().orElseThrow().enterSafeState(SafeAction.HOLD); // the pump stops at once
        }
        double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE};
        double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int k = 0; k < 80; k++) {
            time.advanceNanos(250_000);
            i = 0;
            for (SimulatedDevice p : new SimulatedDevice[] {heavy, light}) {
                double f = p.cell().forceN();
                lo[i] = Math.min(lo[i], f);
                hi[i] = Math.max(hi[i], f);
                i++;
            }
        }
        range[0] = hi[0] - lo[0];
        range[1] = hi[1] - lo[1];
        assertTrue(heavy.cell().forceN() > 3000 && light.cell().forceN() > 3000, "both loaded");
        assertTrue(range[0] > 1, "the ram's momentum carries on after the pump stops: " + range[0] + " N");
        assertTrue(range[1] < 0.2 * range[0], "a massless ram stops with the oil: " + range[1] + " N");
    }

    // ---- fault injection ----------------------------------------------------------------------

    @Test
    void nanAndInfiniteReadingsAreFreshAndMarkedGood() {
        SimulatedDevice p = press(hydraulic());
        load(p, 0.1, 0.5);
        Reading before = tick(p);
        p.faults().nanReading();
        Reading r = tick(p);
        assertTrue(Double.isNaN(r.forceN()) && Double.isNaN(r.pressurePa()), r.toString());
        assertTrue(Double.isFinite(r.positionM()), "other channels live");
        assertEquals(Quality.GOOD, r.quality(), "the lying driver marks it GOOD");
        assertTrue(r.sequence() > before.sequence() && r.timeNanos() > before.timeNanos(), "fresh");
        assertEquals(ConnectionState.CONNECTED, p.health().state());
        assertEquals(Set.of(Fault.NAN_READING), p.faults().active());
        assertTrue(p.cell().forceN() > 200, "the true force is still there: " + p.cell().forceN());
        assertEquals(p.cell().forceN() / p.cell().areaM2(), p.cell().pressurePa(), 1e-6, "true cell pressure");
        p.faults().clear(Fault.NAN_READING);
        p.faults().infiniteReading();
        r = tick(p);
        assertEquals(Double.POSITIVE_INFINITY, r.forceN());
        assertEquals(Double.POSITIVE_INFINITY, r.pressurePa());
        assertEquals(Quality.GOOD, r.quality());
        p.faults().clearAll();
        assertTrue(Double.isFinite(tick(p).forceN()));
    }

    @Test
    void aLoadCellStuckAtZeroWhileThePlantLoads() {
        SimulatedDevice p = press(hydraulic());
        p.faults().stuckAt(0);
        Actuator a = p.actuator().orElseThrow();
        a.command(ActuatorCommand.raw(0.2));
        Reading first = tick(p);
        time.advanceSeconds(1);
        Reading r = p.read();
        assertEquals(0.0, first.forceN(), 0.0);
        assertEquals(0.0, r.forceN(), 0.0, "stuck at exactly 0 N, no noise");
        assertEquals(Quality.GOOD, r.quality());
        assertTrue(r.sequence() > first.sequence() + 400 && r.timeNanos() > first.timeNanos(), "fresh");
        assertTrue(p.cell().forceN() > 1000, "while the plant really loads: " + p.cell().forceN() + " N");
        assertTrue(p.cell().pressurePa() > 10e6, "true cell pressure " + p.cell().pressurePa());
        assertTrue(r.pressurePa() > 0.5e6, "the line pressure sensor still sees it: " + r.pressurePa());
        p.faults().stuckPressureAt(2e6);
        assertEquals(2e6, tick(p).pressurePa(), 0.0);
        p.faults().clear(Fault.STUCK_AT);
        Reading live = tick(p);
        assertEquals(p.cell().forceN(), live.forceN(), 100);
        assertThrows(IllegalArgumentException.class, () -> p.faults().stuckAt(Double.NaN));
        SimulatedDevice cip = SimulatedDevices.isostaticPress(time, "i", 1);
        assertThrows(UnsupportedOperationException.class, () -> cip.faults().stuckAt(0), "no load cell on a CIP");
    }

    @Test
    void aJumpIsOneStepInTheReadingNotInThePlant() {
        SimulatedDevice p = press(hydraulic());
        load(p, 0.1, 0.5);
        Reading before = tick(p);
        double truth = p.cell().forceN();
        p.faults().jump(4000);
        Reading after = tick(p);
        assertEquals(before.forceN() + 4000, after.forceN(), 20, "a 4 kN step between two samples");
        assertEquals(truth, p.cell().forceN(), 5, "the plant did not move");
        assertEquals(Quality.GOOD, after.quality());
        assertEquals(after.forceN(), tick(p).forceN(), 20, "the step stays");
        p.faults().clear(Fault.JUMP);
        assertEquals(before.forceN(), tick(p).forceN(), 20);
    }

    @Test
    void blockingCallsHangTheCallerButNotThePlant() throws Exception {
        SimulatedDevice p = press(hydraulic());
        Actuator a = p.actuator().orElseThrow();
        a.enterSafeState(SafeAction.HOLD);
        p.faults().blockCalls(Duration.ofHours(1), true);
        assertTrue(p.faults().active().contains(Fault.BLOCKING_CALLS));
        Thread caller = new Thread(() -> a.command(ActuatorCommand.raw(0.5)), "blocked-command");
        caller.start();
        awaitBlocked(caller);
        assertEquals(Optional.of(SafeAction.HOLD), a.safeState(), "the command has not acted while its call blocks");
        time.advanceSeconds(1);
        assertEquals(0, p.plantState().forceN(), 1e-9, "plant and its state stay reachable: no lock held");
        caller.interrupt(); // the caller gives up waiting: the call acts at once
        caller.join();
        assertEquals(Optional.empty(), a.safeState(), "then the command took effect");
        Thread reader = new Thread(p::read, "blocked-read");
        reader.start();
        awaitBlocked(reader);
        reader.interrupt();
        reader.join();
        p.faults().clear(Fault.BLOCKING_CALLS);
        a.enterSafeState(SafeAction.STOP); // returns at once again
        assertEquals(Optional.of(SafeAction.STOP), a.safeState());
        assertThrows(IllegalArgumentException.class, () -> p.faults().blockCalls(Duration.ofSeconds(-1), false));
    }

    private static void awaitBlocked(Thread t) throws InterruptedException {
        for (int i = 0; i < 10_000 && t.getState() != Thread.State.TIMED_WAITING; i++) {
            Thread.sleep(1);
        }
        assertEquals(Thread.State.TIMED_WAITING, t.getState(), "the call sleeps");
    }

    // ---- heater ---------------------------------------------------------------------------------

    private SimulatedDevice heated() {
        SimSpec spec = SimSpec.defaults(DeviceKind.HEATED_PRESS).id("h");
        spec.integrationStepS(1e-3);
        return press(spec);
    }

    @Test
    void heaterRunawayHeatsPastItsSetpointAndIgnoresOff() {
        SimulatedDevice p = heated();
        TemperatureControl tc = p.temperatureControl().orElseThrow();
        double sp = SimUnits.celsius(60);
        tc.setTemperatureSetpoint(sp);
        p.faults().heaterRunaway();
        time.advanceSeconds(600);
        tc.heaterOff();
        p.actuator().orElseThrow().enterSafeState(SafeAction.STOP);
        double t1 = p.plantState().temperatureK();
        time.advanceSeconds(300);
        double t2 = p.plantState().temperatureK();
        assertTrue(t2 > sp + 40, "far past its setpoint: " + (t2 - 273.15) + " °C");
        assertTrue(t2 > t1 + 10, "still heating after heaterOff and STOP: " + t1 + " -> " + t2);
        assertTrue(p.read().temperatureK() > sp + 40, "the thermocouple shows it");
        p.faults().clear(Fault.HEATER_RUNAWAY);
        time.advanceSeconds(300);
        assertTrue(p.plantState().temperatureK() < t2 - 10, "relay released: it cools");
        assertThrows(UnsupportedOperationException.class, () -> press(hydraulic()).faults().heaterRunaway());
    }

    @Test
    void heaterOffAndStopOrVentSwitchTheHeaterOffButHoldDoesNot() {
        for (SafeAction action : new SafeAction[] {SafeAction.HOLD, SafeAction.STOP, SafeAction.VENT}) {
            SimulatedDevice p = heated();
            TemperatureControl tc = p.temperatureControl().orElseThrow();
            double sp = SimUnits.celsius(80);
            tc.setTemperatureSetpoint(sp);
            time.advanceSeconds(1200);
            double hot = p.plantState().temperatureK();
            assertTrue(hot > SimUnits.celsius(70), "heated: " + hot);
            p.actuator().orElseThrow().enterSafeState(action);
            time.advanceSeconds(600);
            double later = p.plantState().temperatureK();
            if (action == SafeAction.HOLD) {
                assertEquals(sp, tc.temperatureSetpoint(), 0.0, "HOLD keeps the cell as it is, heat included");
                assertEquals(sp, later, 2, "still at its setpoint");
            } else {
                assertTrue(Double.isNaN(tc.temperatureSetpoint()), action + " switches the heater off");
                assertTrue(later < hot - 20, action + ": it cools, " + hot + " -> " + later);
            }
        }
        SimulatedDevice p = heated();
        TemperatureControl tc = p.temperatureControl().orElseThrow();
        tc.setTemperatureSetpoint(SimUnits.celsius(80));
        time.advanceSeconds(1200);
        double hot = p.plantState().temperatureK();
        tc.heaterOff();
        time.advanceSeconds(600);
        assertTrue(Double.isNaN(tc.temperatureSetpoint()));
        assertTrue(p.plantState().temperatureK() < hot - 20, "heaterOff() cools");
        assertFalse(p.faults().active().contains(Fault.HEATER_RUNAWAY));
    }
}
