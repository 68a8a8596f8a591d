package org.presslab.press.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.presslab.time.TimeSources;
import org.presslab.press.api.ActuationMode;
import org.presslab.press.api.ActuatorCommand;
import org.presslab.press.api.Capability;
import org.presslab.press.api.DeviceKind;
import org.presslab.press.api.OperatorChannel;
import org.presslab.press.api.Quality;
import org.presslab.press.api.Reading;
import org.presslab.press.api.SafeAction;
import org.presslab.press.api.TemperatureControl;
import org.presslab.time.VirtualTimeSource;

/** Manual, heated, isostatic and motorized devices. */
class OtherDevicesTest {

    private static final double AREA = SimUnits.discArea(0.010);
    private final VirtualTimeSource time = TimeSources.virtual();

    @Test
    void operatorPumpsToTheInstructedForce() {
        SimulatedDevice p = SimulatedDevices.manualPress(time, "m", 21);
        assertEquals(Set.of(Capability.SENSE_FORCE), p.capabilities());
        assertTrue(p.actuator().isEmpty(), "a manual press only senses");
        OperatorChannel op = p.operatorChannel().orElseThrow();
        double target = 74e6 * AREA;
        op.instruct(target, 0.02 * target, "Pump slowly to 5.81 kN (74 MPa)");
        double max = 0;
        for (int i = 0; i < 1200; i++) {
            time.advanceSeconds(0.1);
            max = Math.max(max, p.cell().forceN());
        }
        Reading r = p.read();
        assertEquals(target, r.forceN(), 0.03 * target, "within the band after two minutes: " + r.forceN());
        assertTrue(max > target, "a person overshoots a little: max " + max);
        assertTrue(max < 1.25 * target, "but not wildly: max " + max);
        // the operator keeps it there while the sodium creeps
        time.advanceSeconds(60);
        assertEquals(target, p.cell().forceN(), 0.04 * target);
        op.clear();
        double f = p.cell().forceN();
        time.advanceSeconds(30);
        assertTrue(p.cell().forceN() <= f + 1, "after clear() nobody pumps");
        assertThrows(IllegalArgumentException.class, () -> op.instruct(200e3, 100, "too much"));
    }

    @Test
    void theOperatorIsReproducibleUnderTheSeed() {
        assertEquals(operatorRun(5), operatorRun(5));
        assertNotEquals(operatorRun(5), operatorRun(6));
    }

    private double operatorRun(long seed) {
        VirtualTimeSource t = TimeSources.virtual();
        SimulatedDevice p = SimulatedDevices.manualPress(t, "m", seed);
        p.operatorChannel().orElseThrow().instruct(15e6 * AREA, 20, "to 15 MPa");
        t.advanceSeconds(40);
        return p.cell().forceN();
    }

    @Test
    void heatedPressHoldsItsTemperature() {
        SimSpec spec = SimSpec.defaults(DeviceKind.HEATED_PRESS).id("h");
        spec.integrationStepS(1e-3); // thermal time constants are minutes: 1 ms steps keep the test short
        SimulatedDevice p = SimulatedDevices.create(time, spec);
        assertTrue(p.capabilities().containsAll(Set.of(Capability.SENSE_TEMPERATURE, Capability.SET_TEMPERATURE,
                Capability.ACTUATE)));
        TemperatureControl tc = p.temperatureControl().orElseThrow();
        assertTrue(Double.isNaN(tc.temperatureSetpoint()), "heater off at start");
        double sp = SimUnits.celsius(80);
        tc.setTemperatureSetpoint(sp);
        double max = 0;
        double maxRate = 0;
        double prev = p.plantState().temperatureK();
        for (int i = 0; i < 3600; i++) {
            time.advanceSeconds(1);
            double t = p.plantState().temperatureK();
            max = Math.max(max, t);
            maxRate = Math.max(maxRate, t - prev);
            prev = t;
        }
        assertEquals(sp, p.read().temperatureK(), 0.3, "reads the setpoint after an hour");
        assertTrue(max < sp + 2, "overshoot under 2 K: " + (max - sp));
        assertTrue(maxRate <= 800.0 / 1200 + 1e-6, "heating limited by heater power: " + maxRate + " K/s");
        tc.heaterOff();
        time.advanceSeconds(600);
        assertTrue(p.plantState().temperatureK() < sp - 10, "cools when off");
        assertThrows(IllegalArgumentException.class, () -> tc.setTemperatureSetpoint(SimUnits.celsius(400)));
    }

    @Test
    void hotSodiumCreepsFaster() {
        SimulatedDevice cold = SimulatedDevices.heatedPress(time, "c", 1);
        SimulatedDevice hot = SimulatedDevices.heatedPress(time, "h", 1);
        hot.temperatureControl().orElseThrow().setTemperatureSetpoint(SimUnits.celsius(80));
        time.advanceSeconds(1800);
        PressLoop a = new PressLoop(time, cold, 100);
        PressLoop b = new PressLoop(time, hot, 100);
        for (int i = 0; i < 30; i++) {
            a.run(20e6 * AREA, 2e6 * AREA, 1);
            b.run(20e6 * AREA, 2e6 * AREA, 1);
        }
        assertTrue(hot.cell().creepShorteningM() > 3 * cold.cell().creepShorteningM(),
                "Arrhenius: " + hot.cell().creepShorteningM() + " vs " + cold.cell().creepShorteningM());
    }

    @Test
    void isostaticPressRampsToItsSetpoint() {
        SimulatedDevice p = SimulatedDevices.isostaticPress(time, "cip", 1);
        assertEquals(Set.of(Capability.SENSE_PRESSURE, Capability.ACTUATE), p.capabilities());
        var act = p.actuator().orElseThrow();
        assertEquals(Set.of(ActuationMode.RAW_OUTPUT, ActuationMode.PRESSURE_SETPOINT), act.modes());
        assertThrows(IllegalArgumentException.class, () -> act.command(ActuatorCommand.pressure(450e6)),
                "above the vessel rating");
        act.command(ActuatorCommand.pressure(200e6));
        time.advanceSeconds(100);
        assertEquals(100e6, p.cell().pressurePa(), 3e6, "ramps at 1 MPa/s");
        time.advanceSeconds(150);
        Reading r = p.read();
        assertEquals(200e6, r.pressurePa(), 0.3e6);
        assertTrue(Double.isNaN(r.forceN()));
        assertEquals(p.plantState().linePressurePa(), p.cell().pressurePa(), "cell pressure = vessel pressure");
        assertEquals(0, p.cell().creepShorteningM(), "hydrostatic load does not make sodium creep");
        act.enterSafeState(SafeAction.VENT);
        time.advanceSeconds(60);
        assertTrue(p.cell().pressurePa() < 120e6, "venting through the orifice: " + p.cell().pressurePa());
        time.advanceSeconds(120);
        assertTrue(p.cell().pressurePa() < 1e6, "vented in about two minutes: " + p.cell().pressurePa());
    }

    @Test
    void isostaticReliefCapsTheVessel() {
        SimSpec s = SimSpec.defaults(DeviceKind.ISOSTATIC_PRESS);
        s.vessel().reliefPressurePa(50e6);
        SimulatedDevice p = SimulatedDevices.create(time, s);
        p.actuator().orElseThrow().command(ActuatorCommand.raw(1));
        time.advanceSeconds(60);
        assertTrue(p.cell().pressurePa() > 49e6 && p.cell().pressurePa() < 52e6, "" + p.cell().pressurePa());
    }

    @Test
    void motorizedFrameDrivesAndVents() {
        SimulatedDevice f = SimulatedDevices.motorizedFrame(time, "mf", 1);
        assertTrue(f.capabilities().containsAll(Set.of(Capability.SENSE_FORCE, Capability.SENSE_POSITION,
                Capability.ACTUATE)));
        var act = f.actuator().orElseThrow();
        double k = 1 / (1 / 20e6 + 1 / 500e3 + 1 / 5e9);
        assertEquals(k * 0.2e-3, f.info().maxForceRateNps(), 1e-6);
        double f0 = f.cell().forceN();
        assertEquals(15e6 * AREA, f0, 1, "preloaded to 15 MPa");
        act.command(ActuatorCommand.raw(0.5));
        time.advanceSeconds(0.2);
        double a = f.cell().forceN();
        time.advanceSeconds(1);
        assertEquals(k * 0.5 * 0.2e-3, f.cell().forceN() - a, 0.5, "half speed, k_eff·v");
        act.enterSafeState(SafeAction.HOLD);
        double held = f.cell().forceN();
        time.advanceSeconds(5);
        assertEquals(held, f.cell().forceN(), 1);
        assertEquals(f.read().positionM(), f.plantState().positionM(), 1e-6);
        act.enterSafeState(SafeAction.VENT);
        time.advanceSeconds(30);
        assertTrue(f.cell().forceN() < 2, "backed off until unloaded: " + f.cell().forceN());
        assertEquals(Quality.GOOD, f.read().quality());
    }
}
