package org.presslab.control.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.presslab.control.api.CommandRefusedException;
import org.presslab.control.api.InterlockKind;
import org.presslab.control.api.InterlockStatus;
import org.presslab.control.api.StationEvent;
import org.presslab.control.api.StationEventType;
import org.presslab.control.api.StationState;
import org.presslab.control.api.Trip;
import org.presslab.press.api.Actuator;
import org.presslab.press.api.Capability;
import org.presslab.press.api.DeviceHealth;
import org.presslab.press.api.DeviceInfo;
import org.presslab.press.api.PressDriver;
import org.presslab.press.api.Reading;
import org.presslab.press.api.SafeAction;
import org.presslab.press.sim.SimulatedDevice;

/**
 * The supervisor's watch of the control loop (virtual time): a late loop costs a non-latching HOLD and a
 * bumpless return, a loop that stays away trips CONTROL_LOOP_STALLED after loopStallTripS, and a station
 * whose loop does not run refuses commands instead of accepting them silently.
 */
class LoopWatchTest {

    private static Harness holding(double mpa) {
        return Harness.holding(Harness.settings("sim-press-1").loopStall(0.05, 0.5), mpa, 21);
    }

    private static SimulatedDevice press(Harness h) {
        return (SimulatedDevice) h.station.binding().driver;
    }

    /** Stops the loop's schedule for {@code seconds}, as a descheduled thread would, then lets it run again. */
    private static void loopAway(Harness h, double seconds) {
        h.station.loopTask.cancel();
        h.run(seconds);
        h.station.loopTask = h.time.scheduleAtFixedRate("loop", h.station.periodNanos(), h.station::loopTick);
    }

    private static List<StationEvent> events(Harness h, StationEventType type) {
        synchronized (h.events) {
            return h.events.stream().filter(e -> e.type() == type).toList();
        }
    }

    @Test
    void aLateLoopIsHeldByTheSupervisorAndResumesWithoutATrip() throws Exception {
        try (Harness h = holding(15)) {
            loopAway(h, 0.2); // twice the old 0.1 s limit, well below loopStallTripS (0.5 s)
            assertEquals(Optional.of(SafeAction.HOLD), press(h).actuator().orElseThrow().safeState(),
                    "the supervisor held the actuator while the loop was away");
            assertTrue(h.station.lateHold.get());
            h.run(3);
            assertNull(h.station.trip(), "a late loop does not latch a trip");
            assertFalse(h.station.lateHold.get(), "the loop took over again");
            assertEquals(Optional.empty(), press(h).actuator().orElseThrow().safeState(), "the loop commands again");
            assertEquals(StationState.HOLDING, h.station.status().state());
            assertTrue(Math.abs(h.station.status().pressurePa() - 15e6) < 0.2e6, "still holding: " + h.station.status());
            h.run(0.1);
            List<StationEvent> late = events(h, StationEventType.LOOP_LATE);
            assertEquals(2, late.size(), "one event for the hold, one for the return: " + late);
            assertEquals("HOLD", late.get(0).properties().get("action"));
            assertEquals("RESUMED", late.get(1).properties().get("action"));
            assertTrue(late.get(0).message().contains("HOLD"), late.get(0).message());
        }
    }

    @Test
    void aLoopThatStaysAwayTripsAfterLoopStallTripS() throws Exception {
        try (Harness h = holding(15)) {
            h.station.loopTask.cancel();
            long t0 = h.time.nanoTime();
            h.run(0.45);
            assertNull(h.station.trip(), "not latched before loopStallTripS");
            assertEquals(Optional.of(SafeAction.HOLD), press(h).actuator().orElseThrow().safeState());
            h.run(0.1);
            Trip t = h.station.trip();
            assertNotNull(t, "latched after loopStallTripS");
            assertEquals(InterlockKind.CONTROL_LOOP_STALLED, t.interlock());
            assertTrue(t.message().contains("loopStallTripS 0.500 s"), t.message());
            long latency = h.station.tripTimeNanos() - (t0 + 500_000_000L);
            assertTrue(latency >= 0 && latency <= h.station.periodNanos(), "trip within one period of the limit: " + latency);
            h.station.loopTask = h.time.scheduleAtFixedRate("loop", h.station.periodNanos(), h.station::loopTick);
            h.run(0.2);
            assertEquals(Optional.of(SafeAction.HOLD), press(h).actuator().orElseThrow().safeState(),
                    "a loop that returns after the trip does not command the tripped device");
            List<StationEvent> late = events(h, StationEventType.LOOP_LATE);
            assertEquals("TRIPPED", late.get(late.size() - 1).properties().get("action"), late.toString());
        }
    }

    @Test
    void theHoldAndTripTimesAreConfigurable() throws Exception {
        try (Harness h = new Harness(Harness.settings("sim-press-1").loopStall(0.1, 1.0))) {
            h.bind(h.press("sim-press-1", 22));
            h.run(0.5);
            h.station.ramp(10e6, 2e6);
            h.run(25);
            h.station.loopTask.cancel();
            h.run(0.08);
            assertFalse(h.station.lateHold.get(), "no hold before loopStallHoldS");
            h.run(0.05);
            assertTrue(h.station.lateHold.get(), "held after loopStallHoldS");
            h.run(0.8);
            assertNull(h.station.trip());
            h.run(0.1);
            assertEquals(InterlockKind.CONTROL_LOOP_STALLED, h.station.trip().interlock());
        }
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> Harness.settings("x").loopStall(0.5, 0.2).build());
        assertTrue(bad.getMessage().contains("'loopStallTripS' must be > loopStallHoldS"), bad.getMessage());
    }

    @Test
    void anIdleStationWhoseLoopDoesNotRunRefusesCommandsAndDoesNotLatch() throws Exception {
        try (Harness h = new Harness(Harness.settings("sim-press-1").loopStall(0.05, 0.5))) {
            h.bind(h.press("sim-press-1", 23));
            h.run(0.5);
            h.station.loopTask.cancel();
            h.run(1);
            assertNull(h.station.trip(), "idle: nothing to make safe, no latch");
            CommandRefusedException ex = assertThrows(CommandRefusedException.class, () -> h.station.ramp(15e6, 5e6));
            assertTrue(ex.getMessage().contains("control loop has not run for"), ex.getMessage());
            assertEquals(StationState.IDLE, h.station.status().state(), "a refused command changes nothing");
            InterlockStatus stall = h.station.interlocks().stream()
                    .filter(s -> s.kind() == InterlockKind.CONTROL_LOOP_STALLED).findFirst().orElseThrow();
            assertTrue(stall.value() >= 0.9, "status shows how long the loop has been silent: " + stall);
        }
    }

    /** The simulated press behind a read() that can be made to fail. */
    static final class FailingRead implements PressDriver {
        final PressDriver d;
        volatile Supplier<Throwable> failure;

        FailingRead(PressDriver d) {
            this.d = d;
        }

        public String id() { return d.id(); }
        public DeviceInfo info() { return d.info(); }
        public Set<Capability> capabilities() { return d.capabilities(); }
        public DeviceHealth health() { return d.health(); }
        public Optional<Actuator> actuator() { return d.actuator(); }

        @Override
        public Reading read() {
            Supplier<Throwable> f = failure;
            if (f != null) {
                Throwable t = f.get();
                if (t instanceof RuntimeException re) {
                    throw re;
                }
                throw (Error) t;
            }
            return d.read();
        }
    }

    private static FailingRead holdingOnFailingRead(Harness h) throws Exception {
        FailingRead d = new FailingRead(h.press("sim-press-1", 24));
        h.bind(d);
        h.run(0.5);
        h.station.ramp(15e6, 2e6);
        h.run(30);
        assertEquals(StationState.HOLDING, h.station.status().state());
        return d;
    }

    @Test
    void aDriverWhoseReadThrowsTripsDeviceFault() throws Exception {
        try (Harness h = new Harness(Harness.settings("sim-press-1").loopStall(0.05, 0.5))) {
            FailingRead d = holdingOnFailingRead(h);
            d.failure = () -> new IllegalStateException("sample 42 not recorded");
            h.run(0.02);
            Trip t = h.station.trip();
            assertNotNull(t, "a throwing read() is a device fault, not a silent loop");
            assertEquals(InterlockKind.DEVICE_FAULT, t.interlock());
            assertTrue(t.message().contains("sample 42 not recorded"), t.message());
            assertEquals(Optional.of(SafeAction.HOLD), d.d.actuator().orElseThrow().safeState());
        }
    }

    @Test
    void aLoopWhoseTicksFailIsHeldThenTrippedAndItsScheduleSurvives() throws Exception {
        try (Harness h = new Harness(Harness.settings("sim-press-1").loopStall(0.05, 0.5))) {
            FailingRead d = holdingOnFailingRead(h);
            // What a refreshed bundle does to a running thread: an Error, not an exception.
            d.failure = () -> new NoClassDefFoundError("org/presslab/press/api/Reading");
            h.run(0.1);
            assertTrue(h.station.lateHold.get(), "failing ticks count as a late loop: held");
            assertNull(h.station.trip());
            h.run(0.5);
            Trip t = h.station.trip();
            assertNotNull(t);
            assertEquals(InterlockKind.CONTROL_LOOP_STALLED, t.interlock(), t.message());
            assertFalse(h.station.loopTask.isCancelled(), "the loop's schedule survives its failures");
            d.failure = null;
            h.run(0.1);
            assertEquals(0, h.station.tickFailuresForTest(), "ticks complete again once the driver reads again");
        }
    }
}
