package org.presslab.control.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.presslab.control.api.Actor;
import org.presslab.control.api.CommandRefusedException;
import org.presslab.control.api.InterlockKind;
import org.presslab.control.api.Recipe;
import org.presslab.control.api.RecipeRun;
import org.presslab.control.api.RecipeStep;
import org.presslab.control.api.StationCommands;
import org.presslab.control.api.StationEvent;
import org.presslab.control.api.StationEventType;

/** Every command issued through {@code Station.as(actor)} is recorded with its actor, arguments and outcome. */
class ActorCommandsTest {

    private static List<StationEvent> commands(Harness h) {
        h.run(0.1); // the dispatcher delivers on the loop's schedule
        synchronized (h.events) {
            return h.events.stream().filter(e -> e.type() == StationEventType.COMMAND).toList();
        }
    }

    @Test
    void acceptedAndRefusedCommandsCarryTheActorAndTheOutcome() throws Exception {
        try (Harness h = Harness.holding(Harness.settings("sim-press-1"), 10, 3)) {
            StationCommands alice = h.station.as(new Actor("alice", Actor.Source.WEB));
            alice.hold(12e6);
            CommandRefusedException over = assertThrows(CommandRefusedException.class, () -> alice.ramp(500e6, 1e6));
            List<StationEvent> cmds = commands(h);
            assertEquals(2, cmds.size(), cmds.toString());
            Map<String, Object> hold = cmds.get(0).properties();
            assertEquals("alice", hold.get("actor"));
            assertEquals("WEB", hold.get("source"));
            assertEquals("HOLD", hold.get("command"));
            assertEquals(12e6, (Double) hold.get("targetPa"));
            assertEquals("ACCEPTED", hold.get("outcome"));
            Map<String, Object> ramp = cmds.get(1).properties();
            assertEquals("RAMP", ramp.get("command"));
            assertEquals("REFUSED", ramp.get("outcome"));
            assertEquals(over.getMessage(), ramp.get("refusal"));
            // The refusal is the station's own: the actor wrapper adds no way past the limits.
            assertTrue(h.station.status().setpointPa() < 13e6);
        }
    }

    @Test
    void nonFiniteArgumentsAreRecordedAsWordsAndRefused() throws Exception {
        try (Harness h = Harness.holding(Harness.settings("sim-press-1"), 10, 4)) {
            StationCommands bob = h.station.as(new Actor("bob", Actor.Source.SHELL));
            assertThrows(CommandRefusedException.class, () -> bob.ramp(Double.NaN, 1e6));
            assertThrows(CommandRefusedException.class, () -> bob.release(5e6, Double.POSITIVE_INFINITY));
            List<StationEvent> cmds = commands(h);
            assertEquals("NaN", cmds.get(0).properties().get("targetPa"));
            assertEquals("Infinity", cmds.get(1).properties().get("ratePaPerS"));
            assertTrue(cmds.stream().allMatch(e -> "REFUSED".equals(e.properties().get("outcome"))));
        }
    }

    @Test
    void emergencyStopNamesWhoPressedItAndRecipeStartNamesWhoStartedIt() throws Exception {
        try (Harness h = Harness.holding(Harness.settings("sim-press-1"), 10, 5)) {
            Recipe r = new Recipe("short", 1, "", 80e6, List.of(new RecipeStep.Hold(10e6, 0.2e6, 60, List.of())));
            RecipeRun run = h.station.as(new Actor("carol", Actor.Source.REST)).start(r);
            assertNotNull(run);
            h.run(0.2);
            StationEvent started = h.events.stream().filter(e -> e.type() == StationEventType.RECIPE_STARTED).findFirst()
                    .orElseThrow();
            assertEquals("carol", started.properties().get("actor"));
            assertEquals("REST", started.properties().get("source"));
            assertEquals(run.id(), started.properties().get("runId"));

            StationCommands viewer = h.station.as(new Actor("dave", Actor.Source.WEB));
            viewer.emergencyStop("smoke");
            assertEquals(InterlockKind.EMERGENCY_STOP, h.station.trip().interlock());
            assertTrue(h.station.trip().message().contains("dave"), h.station.trip().message());
            // No recipe is running any more: pause, resume and abort are refused and recorded as such.
            h.run(0.2);
            assertThrows(CommandRefusedException.class, () -> viewer.pauseRecipe(RecipeRun.PauseMode.IMMEDIATE));
            List<StationEvent> cmds = commands(h);
            assertEquals(List.of("RECIPE_START", "EMERGENCY_STOP", "RECIPE_PAUSE"),
                    cmds.stream().map(e -> (String) e.properties().get("command")).toList());
            assertEquals("REFUSED", cmds.get(2).properties().get("outcome"));
        }
    }
}
