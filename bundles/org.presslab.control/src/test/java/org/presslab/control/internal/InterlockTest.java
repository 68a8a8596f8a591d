package org.presslab.control.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.presslab.control.api.CommandRefusedException;
import org.presslab.control.api.InterlockKind;
import org.presslab.control.api.StationEventType;
import org.presslab.control.api.StationState;
import org.presslab.control.api.Trip;
import org.presslab.press.api.ActuationMode;
import org.presslab.press.api.Actuator;
import org.presslab.press.api.ActuatorCommand;
import org.presslab.press.api.ActuatorModel;
import org.presslab.press.api.Capability;
import org.presslab.press.api.DeviceHealth;
import org.presslab.press.api.DeviceInfo;
import org.presslab.press.api.PressDriver;
import org.presslab.press.api.Reading;
import org.presslab.press.api.SafeAction;
import org.presslab.press.sim.SimulatedDevice;

/**
 * Every interlock, tripped on the simulated press in virtual time. The latency reported is from the
 * moment the fault became detectable (the limit was crossed, the watchdog time ran out) to the
 * device being in its safe state; the requirement is one loop period (10 ms at 100 Hz).
 */
class InterlockTest {

    static final long PERIOD = 10_000_000L;
    static final List<String> FIGURES = new ArrayList<>();

    @AfterAll
    static void print() {
        System.out.println("TRIP LATENCIES (detectable -> safe state), loop period 10 ms:");
        FIGURES.forEach(f -> System.out.println("  " + f));
    }

    private static Harness holding(StationSettings.Builder b, double mpa) {
        return Harness.holding(b, mpa, 11);
    }

    private static SimulatedDevice press(Harness h) {
        return (SimulatedDevice) h.station.binding().driver;
    }

    private static void assertSafe(Harness h, InterlockKind kind, long onsetNanos, SafeAction expected, String... words) {
        Trip t = h.station.trip();
        assertNotNull(t, kind + " did not trip");
        assertEquals(kind, t.interlock(), "tripped " + t.interlock() + ": " + t.message());
        Optional<SafeAction> safe = press(h).actuator().orElseThrow().safeState();
        assertEquals(Optional.of(expected), safe, "device safe state");
        long latency = h.station.tripTimeNanos() - onsetNanos;
        assertTrue(latency <= PERIOD, kind + " latency " + latency / 1e6 + " ms > one loop period");
        for (String w : words) {
            assertTrue(t.message().contains(w), "message names '" + w + "': " + t.message());
        }
        h.run(0.05);
        assertTrue(h.station.status().state() == StationState.TRIPPED || h.station.status().state() == StationState.EMERGENCY_STOPPED);
        assertTrue(h.hasEvent(StationEventType.INTERLOCK_TRIPPED));
        FIGURES.add(String.format("%-16s %6.2f ms  %s", kind, latency / 1e6, t.message()));
    }

    @Test
    void emergencyStopStopsAtOnceAndLatchesUntilReset() throws Exception {
        try (Harness h = holding(Harness.settings("sim-press-1"), 15)) {
            long t0 = h.time.nanoTime();
            h.station.emergencyStop("operator pressed the button");
            assertSafe(h, InterlockKind.EMERGENCY_STOP, t0, SafeAction.STOP, "operator pressed the button");
            assertEquals(StationState.EMERGENCY_STOPPED, h.station.status().state());
            CommandRefusedException ex = assertThrows(CommandRefusedException.class, () -> h.station.ramp(20e6, 1e6));
            assertTrue(ex.getMessage().contains("tripped"), ex.getMessage());
            h.station.reset();
            assertEquals(StationState.HOLDING, h.station.status().state(), "after reset it holds what is there");
        }
    }

    @Test
    void staleSensorTripsOneWatchdogTimeAfterTheLastReading() throws Exception {
        try (Harness h = holding(Harness.settings("sim-press-1").staleTimeoutS(0.1), 15)) {
            press(h).faults().staleSensor();
            Reading last = press(h).read();
            Trip t = h.runUntilTrip(2);
            assertNotNull(t);
            assertSafe(h, InterlockKind.STALE_SENSOR, last.timeNanos() + 100_000_000L, SafeAction.HOLD, "watchdog 0.100 s");
        }
    }

    @Test
    void frozenSensorTrips() throws Exception {
        try (Harness h = holding(Harness.settings("sim-press-1").frozenTimeoutS(1), 15)) {
            press(h).faults().freezeSensor();
            long t0 = h.time.nanoTime();
            Trip t = h.runUntilTrip(3);
            assertNotNull(t);
            // The value froze at the last sample before t0 (500 Hz device, one sample of latency): onset is at most 4 ms earlier.
            assertSafe(h, InterlockKind.FROZEN_SENSOR, t0 + 1_000_000_000L - 4_000_000L, SafeAction.HOLD, "unchanged");
        }
    }

    @Test
    void deviceFaultTrips() throws Exception {
        try (Harness h = holding(Harness.settings("sim-press-1"), 15)) {
            long t0 = h.time.nanoTime();
            press(h).faults().deviceFault("hydraulic oil over temperature");
            Trip t = h.runUntilTrip(1);
            assertNotNull(t);
            assertSafe(h, InterlockKind.DEVICE_FAULT, t0, SafeAction.HOLD, "FAULT");
            CommandRefusedException ex = assertThrows(CommandRefusedException.class, () -> h.station.reset());
            assertTrue(ex.getMessage().contains("still"), ex.getMessage());
        }
    }

    @Test
    void disconnectTrips() throws Exception {
        try (Harness h = holding(Harness.settings("sim-press-1"), 15)) {
            long t0 = h.time.nanoTime();
            press(h).faults().disconnect();
            Trip t = h.runUntilTrip(1);
            assertNotNull(t);
            assertSafe(h, InterlockKind.DEVICE_FAULT, t0, SafeAction.HOLD, "DISCONNECTED");
        }
    }

    @Test
    void overloadTrips() throws Exception {
        try (Harness h = holding(Harness.settings("sim-press-1"), 15)) {
            long t0 = h.time.nanoTime();
            press(h).faults().overload();
            Trip t = h.runUntilTrip(1);
            assertNotNull(t);
            assertSafe(h, InterlockKind.DEVICE_FAULT, t0 + 4_000_000L, SafeAction.HOLD, "overload");
        }
    }

    /** A runaway valve: the device loads the cell by itself while the station only watches. */
    @Test
    void maxPressureTripsWhenTheMeasuredPressureCrossesTheLimit() throws Exception {
        try (Harness h = new Harness(Harness.settings("sim-press-1").fixtureRatingMPa(20).rateTripFactor(5))) {
            SimulatedDevice p = h.press("sim-press-1", 3);
            h.bind(p);
            h.run(0.5);
            p.actuator().orElseThrow().command(ActuatorCommand.raw(0.1));
            Trip t = h.runUntilTrip(60);
            assertNotNull(t);
            long onset = firstSampleAbove(h, 20.5e6);
            assertSafe(h, InterlockKind.MAX_PRESSURE, onset, SafeAction.HOLD, "fixture rating 20.0 MPa");
        }
    }

    @Test
    void maxRateTripsWhenThePressureRisesTooFast() throws Exception {
        try (Harness h = new Harness(Harness.settings("sim-press-1"))) {
            SimulatedDevice p = h.press("sim-press-1", 3);
            h.bind(p);
            h.run(0.5);
            p.actuator().orElseThrow().command(ActuatorCommand.raw(0.3));
            long t0 = h.time.nanoTime();
            Trip t = h.runUntilTrip(60);
            assertNotNull(t);
            assertEquals(InterlockKind.MAX_RATE, t.interlock(), t.message());
            assertEquals(Optional.of(SafeAction.HOLD), p.actuator().orElseThrow().safeState());
            assertTrue(t.message().contains("maxRateMPaPerS"), t.message());
            FIGURES.add(String.format("%-16s trips %.0f ms after the valve opened (contact, then a 0.2 s rise window)  %s",
                    InterlockKind.MAX_RATE, (h.station.tripTimeNanos() - t0) / 1e6, t.message()));
        }
    }

    @Test
    void crackedPelletWithDefaultsTripsToHoldInsteadOfChasing() throws Exception {
        try (Harness h = holding(Harness.settings("sim-press-1"), 74)) {
            press(h).faults().crackPellet();
            Trip t = h.runUntilTrip(2);
            assertNotNull(t);
            assertTrue(t.interlock() == InterlockKind.FORCE_DROP || t.interlock() == InterlockKind.RUNAWAY_TRAVEL, t.toString());
            assertEquals(Optional.of(SafeAction.HOLD), press(h).actuator().orElseThrow().safeState());
        }
    }

    @Test
    void crackedPelletTripsForceDropInsteadOfChasing() throws Exception {
        try (Harness h = holding(Harness.settings("sim-press-1").runawayTravelMm(2), 74)) {
            long t0 = h.time.nanoTime();
            press(h).faults().crackPellet();
            Trip t = h.runUntilTrip(2);
            assertNotNull(t, "force drop must trip");
            assertEquals(InterlockKind.FORCE_DROP, t.interlock(), t.message());
            assertEquals(Optional.of(SafeAction.HOLD), press(h).actuator().orElseThrow().safeState());
            FIGURES.add(String.format("%-16s trips %.0f ms after the crack (fall of 20 %% within 0.1 s)  %s",
                    InterlockKind.FORCE_DROP, (h.station.tripTimeNanos() - t0) / 1e6, t.message()));
        }
    }

    @Test
    void crackedPelletTripsRunawayTravelWhenForceDropIsOff() throws Exception {
        try (Harness h = holding(Harness.settings("sim-press-1").forceDrop(0.5, 0.1), 74)) {
            long t0 = h.time.nanoTime();
            press(h).faults().crackPellet();
            Trip t = h.runUntilTrip(10);
            assertNotNull(t, "runaway travel must trip");
            assertEquals(InterlockKind.RUNAWAY_TRAVEL, t.interlock(), t.message());
            assertEquals(Optional.of(SafeAction.HOLD), press(h).actuator().orElseThrow().safeState());
            FIGURES.add(String.format("%-16s trips %.0f ms after the crack  %s", InterlockKind.RUNAWAY_TRAVEL,
                    (h.station.tripTimeNanos() - t0) / 1e6, t.message()));
        }
    }

    @Test
    void driverLossMakesTheDeviceSafeAtOnce() throws Exception {
        try (Harness h = holding(Harness.settings("sim-press-1").rebindPolicy(org.presslab.control.api.RebindPolicy.WAIT_FOR_OPERATOR), 15)) {
            SimulatedDevice p = press(h);
            long t0 = h.time.nanoTime();
            h.station.unbindDriver(p);
            assertEquals(Optional.of(SafeAction.HOLD), p.actuator().orElseThrow().safeState());
            assertEquals(StationState.TRIPPED, h.station.status().state(), "latched until an operator resets it");
            Trip t = h.station.trip();
            assertNotNull(t);
            assertEquals(InterlockKind.DRIVER_LOST, t.interlock());
            FIGURES.add(String.format("%-16s %6.2f ms  %s", InterlockKind.DRIVER_LOST, (h.station.tripTimeNanos() - t0) / 1e6,
                    t.message()));
        }
    }

    @Test
    void stalledLoopIsCaughtByTheSupervisorsOwnTimer() throws Exception {
        try (Harness h = holding(Harness.settings("sim-press-1").loopStall(0.05, 0.5), 15)) {
            h.station.loopTask.cancel();
            long t0 = h.time.nanoTime();
            Trip t = h.runUntilTrip(1);
            assertNotNull(t);
            // Latched once the loop has been away for loopStallTripS (0.5 s); held (not latched) before that.
            assertSafe(h, InterlockKind.CONTROL_LOOP_STALLED, t0 + 500_000_000L, SafeAction.HOLD, "has not run");
        }
    }

    private static long firstSampleAbove(Harness h, double pa) {
        h.station.dispatch();
        return h.station.history(600).stream().filter(s -> s.pressurePa() > pa).mapToLong(s -> s.timeNanos()).min()
                .orElseThrow(() -> new AssertionError("no sample above " + pa / 1e6 + " MPa; trip " + h.station.trip()));
    }

    /** A pass-through driver that records what reaches the device: the real sim behind it. */
    static final class Recording implements PressDriver {
        final PressDriver d;
        final List<ActuatorCommand> commands = new ArrayList<>();

        Recording(PressDriver d) {
            this.d = d;
        }

        public String id() { return d.id(); }
        public DeviceInfo info() { return d.info(); }
        public Set<Capability> capabilities() { return d.capabilities(); }
        public Reading read() { return d.read(); }
        public DeviceHealth health() { return d.health(); }

        @Override
        public Optional<Actuator> actuator() {
            Actuator a = d.actuator().orElseThrow();
            return Optional.of(new Actuator() {
                public Set<ActuationMode> modes() { return a.modes(); }
                public Set<SafeAction> safeActions() { return a.safeActions(); }
                public void command(ActuatorCommand c) { commands.add(c); a.command(c); }
                public void enterSafeState(SafeAction s) { a.enterSafeState(s); }
                public Optional<SafeAction> safeState() { return a.safeState(); }
                public Optional<ActuatorModel> model() { return a.model(); }
            });
        }
    }

    @Test
    void setpointsBeyondALimitAreRefusedNamingItAndNeverReachTheDriver() throws Exception {
        try (Harness h = new Harness(Harness.settings("sim-press-1").fixtureRatingMPa(80).maxRateMPaPerS(5))) {
            Recording rec = new Recording(h.press("sim-press-1", 5));
            h.bind(rec);
            h.run(0.5);
            CommandRefusedException high = assertThrows(CommandRefusedException.class, () -> h.station.ramp(81e6, 1e6));
            assertTrue(high.getMessage().contains("above the limit 80.000 MPa (fixture rating 80.0 MPa)"), high.getMessage());
            CommandRefusedException fast = assertThrows(CommandRefusedException.class, () -> h.station.ramp(20e6, 6e6));
            assertTrue(fast.getMessage().contains("rate 6.000 MPa/s above the limit 5.000 MPa/s"), fast.getMessage());
            CommandRefusedException neg = assertThrows(CommandRefusedException.class, () -> h.station.hold(-1e6));
            assertTrue(neg.getMessage().contains("below 0"), neg.getMessage());
            h.run(1);
            assertTrue(rec.commands.isEmpty(), "nothing reached the driver: " + rec.commands.size());
            assertFalse(h.station.status().state() == StationState.RAMPING);
            assertTrue(h.hasEvent(StationEventType.COMMAND_REFUSED));
            // A valid command does reach it, and never beyond the limit as force.
            h.station.ramp(20e6, 2e6);
            h.run(20);
            assertFalse(rec.commands.isEmpty());
        }
    }
}
