package org.presslab.control.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import java.util.Map;

import org.presslab.control.api.Actor;
import org.presslab.control.api.CommandRefusedException;
import org.presslab.control.api.DryRunReport;
import org.presslab.control.api.InterlockKind;
import org.presslab.control.api.Recipe;
import org.presslab.control.api.RecipeRun;
import org.presslab.control.api.RecipeStep;
import org.presslab.control.api.StationEvent;
import org.presslab.control.api.StationEventType;
import org.presslab.control.api.Trip;
import org.presslab.press.sim.CoinCell;
import org.presslab.press.sim.SimulatedDevice;
import org.presslab.press.sim.SimulatedDevices;

/** The built-in coin-cell crimp on a station bound to the simulated crimper, in virtual time. */
class CrimpRecipeTest {

    /**
     * A crimper station as the distribution ships it: the die's 20 mm as the cell diameter (so the station controls
     * the die pressure), the die rated 60 MPa, and a runaway bound that lets the can's lip fold (0.5 mm in 1 s).
     */
    static org.presslab.control.internal.StationSettings.Builder crimperStation(double fixtureRatingMPa) {
        return StationSettings.builder("crimp-1").cellDiameterMm(20).fixtureRatingMPa(fixtureRatingMPa)
                .runawayTravelMm(0.5).driverFilter("(presslab.driver.id=sim-crimper-1)");
    }

    private static void runUntil(Harness h, java.util.function.BooleanSupplier done, double maxS) {
        for (int i = 0; i < maxS * 100 && !done.getAsBoolean(); i++) {
            h.run(0.01);
        }
        assertTrue(done.getAsBoolean(), "condition not reached within " + maxS + " s");
    }

    @Test
    void theBuiltInCrimpSealsACanAndReleasesTheDie() throws Exception {
        try (Harness h = new Harness(crimperStation(60))) {
            SimulatedDevice crimper = SimulatedDevices.crimper(h.time, "sim-crimper-1", 7);
            CoinCell can = crimper.coinCell().orElseThrow();
            h.bind(crimper);
            h.run(0.5);
            Recipe crimp = RecipeServiceImpl.withFolder(null).get(BuiltInRecipes.CR2032_CRIMP);
            assertTrue(h.station.dryRun(crimp).ok(), h.station.dryRun(crimp).violations().toString());
            // started by a person at the shell: the RECIPE_STARTED event the run store opens the crimp's run on
            RecipeRun run = h.station.as(new Actor("alice", Actor.Source.SHELL)).start(crimp);
            double planned = run.remainingS();
            double t0 = h.time.nanoTime() / 1e9;
            double[] truePeak = new double[1];
            for (int i = 0; i < 6000 && !run.state().isFinished(); i++) {
                h.run(0.01);
                truePeak[0] = Math.max(truePeak[0], crimper.plantState().cellPressurePa());
            }
            double took = h.time.nanoTime() / 1e9 - t0;
            assertEquals(RecipeRun.State.COMPLETED, run.state(), run.message() + " / trip " + h.station.trip());
            h.run(2);
            assertEquals(null, h.station.trip(), "no interlock tripped");
            assertEquals(CoinCell.CanState.SEALED, can.state());
            assertTrue(can.permanentHeightM() <= 3.2e-3, "CR2032 height, was " + can.permanentHeightM());
            assertEquals(0, crimper.plantState().forceN(), 0.02 * 28e6 * crimper.cell().areaM2(), "die released");
            assertTrue(truePeak[0] < 28.5e6, "true die pressure overshoot under 0.5 MPa: peak " + truePeak[0] / 1e6);
            assertTrue(truePeak[0] > 27.5e6, "reached the crimp pressure: peak " + truePeak[0] / 1e6);
            h.run(0.1);
            StationEvent started = h.events.stream().filter(e -> e.type() == StationEventType.RECIPE_STARTED).findFirst()
                    .orElseThrow();
            assertEquals(Map.of("recipe", "cr2032-crimp", "run", run.id(), "runId", run.id(), "actor", "alice", "source", "SHELL"),
                    started.properties());
            assertTrue(h.events.stream().anyMatch(e -> e.type() == StationEventType.RECIPE_COMPLETED
                    && "cr2032-crimp".equals(e.properties().get("recipe"))), "the crimp's run ends with RECIPE_COMPLETED");
            System.out.printf("CRIMP RECIPE on the simulated crimper: planned %.1f s, took %.1f s; true peak die pressure %.2f MPa "
                    + "(%.2f kN); can %s at %.3f mm%n", planned, took, truePeak[0] / 1e6, can.peakForceN() / 1e3, can.state(),
                    can.permanentHeightM() * 1e3);
        }
    }

    @Test
    void theDryRunAcceptsTheCrimpAndRefusesOneBeyondTheCrimpersRating() throws Exception {
        // die rated 100 MPa: the crimper's own rating (2 t on 20 mm = 62.4 MPa) is the binding limit
        try (Harness h = new Harness(crimperStation(100))) {
            h.bind(SimulatedDevices.crimper(h.time, "sim-crimper-1", 7));
            h.run(0.5);
            Recipe crimp = BuiltInRecipes.cr2032Crimp();
            assertTrue(h.station.dryRun(crimp).ok(), h.station.dryRun(crimp).violations().toString());
            List<RecipeStep> steps = new ArrayList<>(crimp.steps());
            steps.set(0, new RecipeStep.Ramp(70e6, 3e6, 0.5e6, List.of()));
            Recipe tooHard = new Recipe("crimp-70", 1, "", Double.NaN, steps);
            DryRunReport r = h.station.dryRun(tooHard);
            r.violations().forEach(v -> System.out.println("CRIMP DRY RUN: " + v));
            assertFalse(r.ok());
            assertTrue(r.violations().stream().anyMatch(v -> v.contains("step 1 (ramp)") && v.contains("sim-crimper-1")
                    && v.contains("19.61 kN")), r.violations().toString());
            CommandRefusedException e = assertThrows(CommandRefusedException.class, () -> h.station.start(tooHard));
            assertTrue(e.getMessage().contains("refused by the dry run"), e.getMessage());
            assertTrue(h.station.run().isEmpty(), "nothing started");
        }
    }

    @Test
    void aCrimpFarAboveTheSealCrushesTheCanAndTheStationTrips() throws Exception {
        try (Harness h = new Harness(crimperStation(60))) {
            SimulatedDevice crimper = SimulatedDevices.crimper(h.time, "sim-crimper-1", 7);
            CoinCell can = crimper.coinCell().orElseThrow();
            h.bind(crimper);
            h.run(0.5);
            Recipe crush = new Recipe("crimp-55", 1, "", Double.NaN, List.of(new RecipeStep.Ramp(55e6, 3e6, 0.5e6, List.of()),
                    new RecipeStep.Release(0, 5e6, 0.3e6, List.of())));
            assertTrue(h.station.dryRun(crush).ok(), "within every limit: " + h.station.dryRun(crush).violations());
            RecipeRun run = h.station.start(crush);
            runUntil(h, () -> run.state().isFinished(), 60);
            assertEquals(RecipeRun.State.FAILED, run.state(), run.message());
            Trip trip = h.station.trip();
            assertNotNull(trip);
            System.out.printf("CRIMP CRUSH: can %s at a true peak of %.2f MPa on the die; station tripped %s: %s%n", can.state(),
                    can.peakDiePressurePa() / 1e6, trip.interlock(), trip.message());
            assertEquals(CoinCell.CanState.CRUSHED, can.state());
            assertEquals(InterlockKind.FORCE_DROP, trip.interlock(), "the collapse is a sudden force drop under load control");
        }
    }
}
