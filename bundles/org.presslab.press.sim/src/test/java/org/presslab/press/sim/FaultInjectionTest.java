package org.presslab.press.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.presslab.time.TimeSources;
import org.presslab.press.api.ActuatorCommand;
import org.presslab.press.api.ConnectionState;
import org.presslab.press.api.DeviceKind;
import org.presslab.press.api.Quality;
import org.presslab.press.api.Reading;
import org.presslab.press.api.SafeAction;
import org.presslab.time.VirtualTimeSource;

/** Every injected fault is visible through the PressDriver API alone. */
class FaultInjectionTest {

    private static final double AREA = SimUnits.discArea(0.010);
    private final VirtualTimeSource time = TimeSources.virtual();
    private final SimulatedDevice press = SimulatedDevices.hydraulicPress(time, "p", 9);

    private Reading tick() {
        time.advanceSeconds(0.01);
        return press.read();
    }

    @Test
    void frozenSensorRepeatsItsValueWithFreshSequence() {
        press.actuator().orElseThrow().command(ActuatorCommand.raw(0.05));
        time.advanceSeconds(0.2);
        Reading before = tick();
        press.faults().freezeSensor();
        Reading a = tick();
        time.advanceSeconds(0.5);
        Reading b = tick();
        assertTrue(b.sequence() > a.sequence() && a.sequence() > before.sequence(), "sequence advances");
        assertTrue(b.timeNanos() > a.timeNanos(), "time advances");
        assertEquals(before.forceN(), a.forceN(), 0.0, "value frozen");
        assertEquals(a.forceN(), b.forceN(), 0.0);
        assertEquals(Quality.GOOD, b.quality(), "a frozen sensor looks good");
        assertTrue(press.cell().forceN() > before.forceN() + 10, "while the real force moves on");
        assertEquals(ConnectionState.CONNECTED, press.health().state());
        assertEquals(Set.of(Fault.FROZEN_SENSOR), press.faults().active());
        press.faults().clear(Fault.FROZEN_SENSOR);
        assertNotEquals(b.forceN(), tick().forceN(), "live again");
    }

    @Test
    void staleSensorStopsDelivering() {
        Reading before = tick();
        press.faults().staleSensor();
        time.advanceSeconds(1);
        Reading r = press.read();
        assertSame(before, r, "the same reading, its age growing");
        assertEquals(Quality.GOOD, r.quality(), "unmarked: control must judge by age");
        assertEquals(ConnectionState.CONNECTED, press.health().state());
        press.faults().clearAll();
        assertTrue(tick().sequence() > before.sequence() + 400);
    }

    @Test
    void disconnectMarksStaleDropsCommandsAndHolds() {
        var act = press.actuator().orElseThrow();
        act.command(ActuatorCommand.raw(0.2));
        time.advanceSeconds(0.5);
        Reading before = press.read();
        press.faults().disconnect();
        assertEquals(ConnectionState.DISCONNECTED, press.health().state());
        assertTrue(press.health().message().contains("link down"));
        assertEquals(Optional.of(SafeAction.HOLD), act.safeState(), "the device's own watchdog holds");
        double f = press.cell().forceN();
        act.command(ActuatorCommand.raw(1));
        time.advanceSeconds(1);
        Reading r = press.read();
        assertEquals(Quality.STALE, r.quality());
        assertEquals(before.timeNanos(), r.timeNanos(), "original time kept");
        assertEquals(before.forceN(), r.forceN());
        assertEquals(1L, press.health().counters().get("droppedCommands"));
        assertEquals(f, press.cell().forceN(), 0.01 * f, "the dropped command did not pump");
        press.faults().reconnect();
        Reading after = tick();
        assertEquals(Quality.GOOD, after.quality());
        assertTrue(after.timeNanos() > before.timeNanos());
        assertEquals(ConnectionState.CONNECTED, press.health().state());
        assertEquals(1L, press.health().counters().get("reconnects"));
        assertEquals(Optional.of(SafeAction.HOLD), act.safeState(), "still holding until commanded");
    }

    @Test
    void deviceFaultAndOverload() {
        press.faults().deviceFault("hydraulic oil over temperature");
        assertEquals(ConnectionState.FAULT, press.health().state());
        assertEquals("hydraulic oil over temperature", press.health().message());
        assertEquals(Quality.FAULT, tick().quality());
        assertEquals(Optional.of(SafeAction.HOLD), press.actuator().orElseThrow().safeState());
        press.faults().clear(Fault.DEVICE_FAULT);
        assertEquals(Quality.GOOD, tick().quality());

        press.faults().overload();
        Reading r = tick();
        assertEquals(Quality.OVERLOAD, r.quality());
        assertEquals(press.info().forceRangeN(), r.forceN());
        assertEquals(ConnectionState.FAULT, press.health().state());
        assertTrue(press.health().faults().contains("OVERLOAD"));
        press.faults().clearAll();
        assertEquals(Quality.GOOD, tick().quality());
        assertEquals(ConnectionState.CONNECTED, press.health().state());
    }

    @Test
    void forceBeyondTheLoadCellRangeIsOverload() {
        SimSpec s = SimSpec.defaults(DeviceKind.AUTOMATIC_HYDRAULIC_PRESS);
        s.loadCell().range(2000);
        SimulatedDevice p = SimulatedDevices.create(time, s);
        p.actuator().orElseThrow().command(ActuatorCommand.raw(0.3));
        time.advanceSeconds(2);
        Reading r = p.read();
        assertEquals(Quality.OVERLOAD, r.quality());
        assertEquals(2000, r.forceN());
        assertEquals(ConnectionState.FAULT, p.health().state());
        assertTrue(p.health().message().contains("force (range 2000.0 N)"), p.health().message());
    }

    @Test
    void crackedPelletDropsTheForceAndTheRamRunsAway() {
        PressLoop loop = new PressLoop(time, press, 100);
        loop.run(74e6 * AREA, 2e6 * AREA, 40);
        double x0 = loop.last.positionM();
        loop.run(74e6 * AREA, 2e6 * AREA, 5);
        double f = loop.last.forceN();
        double x = loop.last.positionM();
        double holdTravel = x - x0;
        assertEquals(74e6 * AREA, f, 0.5e6 * AREA);
        press.faults().crackPellet();
        assertTrue(press.cell().isCracked());
        Reading r = tick();
        assertTrue(r.forceN() < 0.2 * f, "the stack collapsed: " + r.forceN() + " N");
        loop.run(74e6 * AREA, 2e6 * AREA, 5); // the naive loop keeps chasing the setpoint
        double crackTravel = loop.last.positionM() - x;
        assertTrue(crackTravel > 0.3e-3, "ram travel runs away: " + crackTravel * 1e3 + " mm in 5 s");
        assertTrue(crackTravel > 20 * holdTravel, "far faster than while holding (creep): "
                + holdTravel * 1e3 + " mm in 5 s");
        assertThrows(IllegalArgumentException.class, () -> press.faults().clear(Fault.PELLET_CRACK));
        press.faults().clearAll();
        assertTrue(press.faults().active().contains(Fault.PELLET_CRACK), "a crack is permanent");
    }

    @Test
    void liftedReliefValveVentsUntilReseated() {
        PressLoop loop = new PressLoop(time, press, 100);
        loop.run(15e6 * AREA, 2e6 * AREA, 12);
        press.actuator().orElseThrow().command(ActuatorCommand.raw(0));
        time.advanceSeconds(0.1);
        double f = press.cell().forceN();
        press.faults().liftReliefValve();
        time.advanceSeconds(0.2);
        assertTrue(press.cell().forceN() < 0.7 * f, "load falls fast: " + press.cell().forceN());
        assertTrue(press.plantState().reliefFlowM3s() > 0);
        press.faults().reseatReliefValve();
        double g = press.cell().forceN();
        time.advanceSeconds(1);
        assertEquals(g, press.cell().forceN(), 0.01 * g + 1, "stops falling once reseated");
        assertEquals(0, press.plantState().reliefFlowM3s());
    }

    @Test
    void framesHaveNoReliefValve() {
        SimulatedDevice frame = SimulatedDevices.springFrame(time, "f", 1);
        assertThrows(UnsupportedOperationException.class, () -> frame.faults().liftReliefValve());
        frame.faults().disconnect();
        assertEquals(ConnectionState.DISCONNECTED, frame.health().state());
        assertTrue(frame.actuator().isEmpty());
    }
}
