package org.presslab.control.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.presslab.control.api.CommandRefusedException;
import org.presslab.control.api.InterlockKind;
import org.presslab.control.api.InterlockStatus;
import org.presslab.control.api.StationEventType;
import org.presslab.control.api.StationState;
import org.presslab.control.api.StationStatus;
import org.presslab.press.api.SafeAction;
import org.presslab.press.sim.SimulatedDevice;

/**
 * What an operator sees on a tripped station: an emergency stop takes precedence over a lesser trip,
 * interlock values stay live, and targets in the load cell's noise around zero are zero.
 */
class TripPrecedenceTest {

    private static Harness holding(double mpa) {
        return Harness.holding(Harness.settings("sim-press-1").loopStall(0.05, 0.5), mpa, 31);
    }

    private static SimulatedDevice press(Harness h) {
        return (SimulatedDevice) h.station.binding().driver;
    }

    private static InterlockStatus interlock(Harness h, InterlockKind k) {
        return h.station.interlocks().stream().filter(s -> s.kind() == k).findFirst().orElseThrow();
    }

    @Test
    void anEmergencyStopOnATrippedStationTakesPrecedenceAndKeepsTheEarlierTripOnRecord() throws Exception {
        try (Harness h = holding(15)) {
            h.station.loopTask.cancel();
            h.run(0.6);
            assertEquals(InterlockKind.CONTROL_LOOP_STALLED, h.station.trip().interlock());
            h.station.loopTask = h.time.scheduleAtFixedRate("loop", h.station.periodNanos(), h.station::loopTick);
            h.run(0.1);
            assertEquals(StationState.TRIPPED, h.station.status().state());

            h.station.emergencyStop("operator pressed the button");
            h.run(0.1);
            StationStatus st = h.station.status();
            assertEquals(StationState.EMERGENCY_STOPPED, st.state(), st.toString());
            assertEquals(InterlockKind.EMERGENCY_STOP, st.trip().interlock());
            assertTrue(st.trip().message().contains("operator pressed the button"), st.trip().message());
            assertTrue(st.trip().message().contains("CONTROL_LOOP_STALLED"), "names the earlier trip: " + st.trip().message());
            assertEquals(Optional.of(SafeAction.STOP), press(h).actuator().orElseThrow().safeState(), "the e-stop acts");
            assertTrue(interlock(h, InterlockKind.EMERGENCY_STOP).tripped());
            h.run(0.1);
            List<String> trips;
            synchronized (h.events) {
                trips = h.events.stream().filter(e -> e.type() == StationEventType.INTERLOCK_TRIPPED)
                        .map(e -> String.valueOf(e.properties().get("interlock"))).toList();
            }
            assertEquals(List.of("CONTROL_LOOP_STALLED", "EMERGENCY_STOP"), trips, "both trips are in the record");

            h.station.emergencyStop("again");
            assertTrue(h.station.trip().message().contains("operator pressed the button"), "the first e-stop stays");
            h.station.reset();
            assertEquals(StationState.HOLDING, h.station.status().state());
        }
    }

    @Test
    void resetAfterAnEStopStillChecksTheSupersededTripsCause() throws Exception {
        try (Harness h = holding(15)) {
            press(h).faults().deviceFault("oil over temperature");
            h.run(0.1);
            assertEquals(InterlockKind.DEVICE_FAULT, h.station.trip().interlock());
            h.station.emergencyStop("operator");
            assertEquals(InterlockKind.EMERGENCY_STOP, h.station.trip().interlock());
            CommandRefusedException ex = assertThrows(CommandRefusedException.class, () -> h.station.reset());
            assertTrue(ex.getMessage().contains("still reports FAULT"), ex.getMessage());
        }
    }

    @Test
    void interlockValuesStayLiveWhileTripped() throws Exception {
        try (Harness h = holding(15)) {
            h.station.emergencyStop("test");
            h.run(1);
            InterlockStatus p = interlock(h, InterlockKind.MAX_PRESSURE);
            assertTrue(Math.abs(p.value() - 15e6) < 1e6, "last pressure seen, not NaN: " + p);
            InterlockStatus age = interlock(h, InterlockKind.STALE_SENSOR);
            assertTrue(age.value() >= 0 && age.value() < 0.05, "reading age of fresh readings: " + age);
            InterlockStatus rate = interlock(h, InterlockKind.MAX_RATE);
            assertTrue(Double.isFinite(rate.value()) && Math.abs(rate.value()) < 2e6, "rise rate: " + rate);
            InterlockStatus drop = interlock(h, InterlockKind.FORCE_DROP);
            assertTrue(Math.abs(drop.value()) < 0.01, "force drop as a fraction, the unit of its limit: " + drop);
            InterlockStatus fault = interlock(h, InterlockKind.DEVICE_FAULT);
            assertTrue(fault.detail().contains("health: CONNECTED"), fault.detail());
            InterlockStatus loop = interlock(h, InterlockKind.CONTROL_LOOP_STALLED);
            assertTrue(loop.value() >= 0 && loop.value() < 0.05, "loop silence: " + loop);
        }
    }

    @Test
    void deviceFaultDetailNeverEndsEmpty() throws Exception {
        try (Harness h = new Harness(Harness.settings("sim-press-1").loopStall(0.05, 0.5))) {
            assertEquals("no driver bound", interlock(h, InterlockKind.DEVICE_FAULT).detail());
            h.bind(h.press("sim-press-1", 32));
            String before = interlock(h, InterlockKind.DEVICE_FAULT).detail();
            assertFalse(before.trim().endsWith(":"), before);
            h.run(0.1);
            assertTrue(interlock(h, InterlockKind.DEVICE_FAULT).detail().endsWith("health: CONNECTED"),
                    interlock(h, InterlockKind.DEVICE_FAULT).detail());
        }
    }

    @Test
    void aHoldOfNoiseBelowZeroIsAHoldOfZeroButRealNegativeTargetsAreRefused() throws Exception {
        try (Harness h = new Harness(Harness.settings("sim-press-1").loopStall(0.05, 0.5))) {
            h.bind(h.press("sim-press-1", 33));
            h.run(0.5);
            h.station.hold(-0.006e6);
            assertEquals(0.0, h.station.status().targetPa(), "clamped to 0");
            assertEquals(StationState.HOLDING, h.station.status().state());
            h.station.release(-0.02e6, 1e6);
            assertEquals(0.0, h.station.status().targetPa());
            CommandRefusedException ex = assertThrows(CommandRefusedException.class, () -> h.station.hold(-0.06e6));
            assertTrue(ex.getMessage().contains("below 0 MPa"), ex.getMessage());
            assertTrue(ex.getMessage().contains("zero band 0.050 MPa"), ex.getMessage());
        }
    }
}
