package org.presslab.control.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.presslab.control.api.CommandRefusedException;
import org.presslab.control.api.InterlockKind;
import org.presslab.control.api.RebindPolicy;
import org.presslab.control.api.Recipe;
import org.presslab.control.api.RecipeRun;
import org.presslab.control.api.RecipeStep;
import org.presslab.control.api.StationEventType;
import org.presslab.control.api.StationSample;
import org.presslab.control.api.StationState;
import org.presslab.press.api.SafeAction;
import org.presslab.press.sim.SimulatedDevice;

/** Driver hot-swap at unit level: the DS bind/unbind calls, in virtual time, on the simulated press. */
class RebindTest {

    private static Harness holding15(RebindPolicy policy, SimulatedDevice[] press) throws Exception {
        Harness h = new Harness(Harness.settings("sim-press-1").rebindPolicy(policy));
        press[0] = h.press("sim-press-1", 13);
        h.bind(press[0]);
        h.run(0.5);
        h.station.ramp(15e6, 1e6);
        h.run(40);
        assertEquals(StationState.HOLDING, h.station.status().state());
        return h;
    }

    @Test
    void driverLeavesAndReturnsTheHoldResumesWithTheGapMarked() throws Exception {
        SimulatedDevice[] p = new SimulatedDevice[1];
        try (Harness h = holding15(RebindPolicy.RESUME, p)) {
            long lost = h.time.nanoTime();
            h.station.unbindDriver(p[0]);
            assertEquals(Optional.of(SafeAction.HOLD), p[0].actuator().orElseThrow().safeState(), "safe at once");
            assertEquals(StationState.NO_DRIVER, h.station.status().state());
            assertNull(h.station.status().trip(), "RESUME: no latch");
            h.run(3);
            h.station.bindDriver(p[0]);
            long back = h.time.nanoTime();
            h.run(10);
            assertEquals(StationState.HOLDING, h.station.status().state());
            assertTrue(h.hasEvent(StationEventType.DRIVER_LOST));
            assertTrue(h.hasEvent(StationEventType.GAP_STARTED));
            assertTrue(h.hasEvent(StationEventType.GAP_ENDED));
            List<StationSample> all = h.station.history(60);
            long gapSamples = all.stream().filter(s -> s.timeNanos() > lost && s.timeNanos() < back).filter(StationSample::gap).count();
            long inGap = all.stream().filter(s -> s.timeNanos() > lost && s.timeNanos() < back).count();
            assertTrue(inGap >= 290 && gapSamples == inGap, "every sample in the gap marked: " + gapSamples + "/" + inGap);
            assertTrue(all.stream().filter(s -> s.timeNanos() > back + 100_000_000L).noneMatch(StationSample::gap));
            double worst = all.stream().filter(s -> !s.gap() && s.timeNanos() > lost - 1_000_000_000L)
                    .mapToDouble(s -> Math.abs(s.pressurePa() - 15e6)).max().orElseThrow();
            double[] means = h.secondMeans((back + 5_000_000_000L) / 1e9, (back + 10_000_000_000L) / 1e9);
            double meanDev = 0;
            for (double m : means) {
                meanDev = Math.max(meanDev, Math.abs(m - 15e6));
            }
            System.out.printf("HOT-SWAP (unit): 3 s without driver, %d samples marked gap; largest excursion %.3f MPa; "
                    + "1-s means 5-10 s after rebind within %.4f MPa of 15 MPa%n", gapSamples, worst / 1e6, meanDev / 1e6);
            assertTrue(meanDev <= 0.05e6, "hold resumed within ±0.05 MPa: " + meanDev / 1e6);
        }
    }

    @Test
    void waitForOperatorStaysSafeUntilReset() throws Exception {
        SimulatedDevice[] p = new SimulatedDevice[1];
        try (Harness h = holding15(RebindPolicy.WAIT_FOR_OPERATOR, p)) {
            h.station.unbindDriver(p[0]);
            h.run(1);
            h.station.bindDriver(p[0]);
            h.run(1);
            assertEquals(StationState.TRIPPED, h.station.status().state());
            assertEquals(InterlockKind.DRIVER_LOST, h.station.status().trip().interlock());
            assertEquals(Optional.of(SafeAction.HOLD), p[0].actuator().orElseThrow().safeState());
            CommandRefusedException e = assertThrows(CommandRefusedException.class, () -> h.station.hold(15e6));
            assertTrue(e.getMessage().contains("reset it first"), e.getMessage());
            h.station.reset();
            h.run(5);
            assertEquals(StationState.HOLDING, h.station.status().state());
            assertEquals(15e6, h.station.status().pressurePa(), 0.3e6, "holds what was there, no jump");
        }
    }

    @Test
    void aSecondMatchingDriverReplacesTheFirstWithoutAGap() throws Exception {
        SimulatedDevice[] p = new SimulatedDevice[1];
        try (Harness h = holding15(RebindPolicy.RESUME, p)) {
            h.station.bindDriver(p[0]); // DS greedy: bind(new) then unbind(old); here the same device, a new binding
            h.station.unbindDriver(new InterlockTest.Recording(p[0]));
            h.run(2);
            assertEquals(StationState.HOLDING, h.station.status().state());
            assertTrue(h.station.history(2).stream().noneMatch(StationSample::gap));
        }
    }

    @Test
    void aRunningRecipeWaitsForTheDriverAndGoesOn() throws Exception {
        SimulatedDevice[] p = new SimulatedDevice[1];
        try (Harness h = holding15(RebindPolicy.RESUME, p)) {
            RecipeRun run = h.station.start(new Recipe("hold", 1, "", Double.NaN,
                    List.of(new RecipeStep.Hold(15e6, 0.05e6, 20, List.of()))));
            h.run(5);
            h.station.unbindDriver(p[0]);
            h.run(0.5);
            assertEquals(RecipeRun.State.WAITING, run.state());
            double clock = run.stepElapsedS();
            h.run(5);
            assertEquals(clock, run.stepElapsedS(), 1e-9, "the hold's clock stops without a driver");
            h.station.bindDriver(p[0]);
            h.run(1);
            assertEquals(RecipeRun.State.RUNNING, run.state(), run.message());
            h.run(20);
            assertEquals(RecipeRun.State.COMPLETED, run.state());
        }
    }
}
