package org.presslab.control.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.presslab.time.TimeSources;
import org.presslab.control.api.RecipeRun;
import org.presslab.control.api.Station;
import org.presslab.control.api.StationRegistry;
import org.presslab.control.api.StationState;
import org.presslab.control.Stations;
import org.presslab.control.StandaloneStation;
import org.presslab.control.StationSpec;
import org.presslab.control.Recipes;
import org.presslab.control.api.RecipeService;
import org.presslab.press.api.DeviceKind;
import org.presslab.press.sim.SimSpec;
import org.presslab.press.sim.SimulatedDevice;
import org.presslab.press.sim.SimulatedDevices;
import org.presslab.time.VirtualTimeSource;

/**
 * recipe:run --follow, recipe:follow and recipe:abort on the control bundle's real station and
 * the simulated automatic press, in virtual time: every poll of the follow loop advances the
 * clock by its poll period, so a recipe of seconds runs in milliseconds, deterministically.
 */
class RecipeRunEndToEndTest {

    private static final String SHORT = """
            { "name": "short", "version": 1, "description": "quick", "maxPressureMPa": 20.0,
              "steps": [ {"type": "ramp", "targetMPa": 3.0, "rateMPaPerS": 1.0, "toleranceMPa": 0.2},
                         {"type": "hold", "targetMPa": 3.0, "toleranceMPa": 0.3, "durationS": 4.0},
                         {"type": "release", "targetMPa": 1.0, "rateMPaPerS": 1.0, "toleranceMPa": 0.2} ] }
            """;

    @TempDir
    Path folder;
    private final VirtualTimeSource time = TimeSources.virtual();
    private SimulatedDevice press;
    private StandaloneStation station;
    private RecipeService recipes;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    @BeforeEach
    void station() throws Exception {
        SimSpec spec = SimSpec.defaults(DeviceKind.AUTOMATIC_HYDRAULIC_PRESS).id("sim-1").seed(7);
        spec.hydraulics().initialGapM(50e-6);
        press = SimulatedDevices.create(time, spec);
        station = Stations.create(StationSpec.of("st-1").cellDiameterMm(10).fixtureRatingMPa(100)
                .driverFilter("(presslab.driver.id=sim-1)"), time);
        station.start();
        station.bindDriver(press);
        time.advanceSeconds(1);
        Files.writeString(folder.resolve("short.json"), SHORT);
        recipes = Recipes.service(folder);
    }

    @AfterEach
    void close() throws Exception {
        station.close();
        press.close();
    }

    private <T extends RecipeCommandSupport> T wire(T c) {
        c.recipes = recipes;
        c.registry = new StationRegistry() {
            @Override
            public List<Station> stations() {
                return List.of(station);
            }

            @Override
            public Optional<Station> station(String id) {
                return "st-1".equals(id) ? Optional.of(station) : Optional.empty();
            }
        };
        c.out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        c.sleeper = ms -> time.advanceSeconds(ms / 1000.0);
        return c;
    }

    private String output() {
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void runAndFollowAShortRecipeToTheEnd() throws Exception {
        RecipeRunCommand run = wire(new RecipeRunCommand());
        run.stationId = "st-1";
        run.recipe = "short";
        run.follow = true;
        run.execute();

        String text = output();
        assertTrue(text.contains("st-1: started recipe 'short' v1"), text);
        assertTrue(text.contains("step 1/3 ramp to 3.00 MPa"), text);
        assertTrue(text.contains("step 2/3 hold 3.00 MPa"), text);
        assertTrue(text.contains("step 3/3 release to 1.00 MPa"), text);
        assertTrue(text.lines().anyMatch(l -> l.equals("recipe 'short' completed")), text);
        assertEquals(RecipeRun.State.COMPLETED, station.run().orElseThrow().state());
        assertEquals(1.0, station.status().pressurePa() / 1e6, 0.2, "holding the release target");
    }

    @Test
    void ctrlCDetachesAndTheRecipeGoesOnUntilAborted() throws Exception {
        RecipeRunCommand run = wire(new RecipeRunCommand());
        run.stationId = "st-1";
        run.recipe = "short";
        run.follow = true;
        AtomicInteger polls = new AtomicInteger();
        run.sleeper = ms -> {
            if (polls.incrementAndGet() == 4) {
                throw new InterruptedException("Ctrl-C");
            }
            time.advanceSeconds(ms / 1000.0);
        };
        run.execute();
        assertTrue(Thread.interrupted(), "the interrupt is left for the shell");
        assertTrue(output().contains("stopped following; recipe 'short' goes on on station st-1"), output());
        RecipeRun r = station.run().orElseThrow();
        assertTrue(!r.state().isFinished(), "still running after Ctrl-C: " + r.state());

        time.advanceSeconds(1);
        RecipeFollowCommand follow = wire(new RecipeFollowCommand());
        AtomicInteger more = new AtomicInteger();
        follow.sleeper = ms -> {
            if (more.incrementAndGet() == 2) {
                throw new InterruptedException("Ctrl-C");
            }
            time.advanceSeconds(ms / 1000.0);
        };
        follow.execute(); // no station given: the only one running
        assertTrue(Thread.interrupted());

        RecipeAbortCommand abort = wire(new RecipeAbortCommand());
        abort.execute();
        assertEquals(RecipeRun.State.ABORTED, r.state());
        assertTrue(output().contains("st-1: recipe 'short' aborted; holding"), output());
        time.advanceSeconds(1);
        assertTrue(station.status().state() == StationState.HOLDING || station.status().state() == StationState.RAMPING,
                "the station holds after an abort: " + station.status().state());
    }
}
