package org.presslab.control.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.presslab.time.TimeSources;
import org.presslab.control.api.RecipeService;
import org.presslab.control.api.Station;
import org.presslab.control.api.StationRegistry;
import org.presslab.control.Stations;
import org.presslab.control.StandaloneStation;
import org.presslab.control.StationSpec;
import org.presslab.control.Recipes;
import org.presslab.press.api.DeviceKind;
import org.presslab.press.sim.SimSpec;
import org.presslab.press.sim.SimulatedDevice;
import org.presslab.press.sim.SimulatedDevices;
import org.presslab.time.VirtualTimeSource;

/** The recipe commands against the control bundle's real RecipeService on a recipe folder. */
class RecipeCommandsTest {

    private static final String SHORT = """
            { "name": "short", "version": 2, "description": "quick test. Second sentence.", "maxPressureMPa": 20.0,
              "steps": [ {"type": "ramp", "targetMPa": 3.0, "rateMPaPerS": 1.0, "toleranceMPa": 0.2},
                         {"type": "hold", "targetMPa": 3.0, "toleranceMPa": 0.3, "durationS": 4.0} ] }
            """;
    private static final String HIGH = """
            { "name": "high", "version": 1, "description": "too high for s1", "maxPressureMPa": 150.0,
              "steps": [ {"type": "ramp", "targetMPa": 120.0, "rateMPaPerS": 1.0, "toleranceMPa": 0.2} ] }
            """;
    private static final String BROKEN = """
            { "name": "broken", "version": 1, "description": "bad", "maxPressureMPa": 20.0,
              "steps": [ {"type": "hold", "targetMPa": 3.0, "toleranceMPa": 0.3, "durationS": -4.0} ] }
            """;

    @TempDir
    Path folder;
    private RecipeService recipes;
    /** The control bundle's real station on the simulated press (a dry run checks the driver too). */
    private final VirtualTimeSource time = TimeSources.virtual();
    private final StandaloneStation s1 = Stations.create(StationSpec.of("s1").cellDiameterMm(10).fixtureRatingMPa(80)
            .driverFilter("(presslab.driver.id=sim-1)"), time);
    private final SimulatedDevice press = SimulatedDevices.create(time,
            SimSpec.defaults(DeviceKind.AUTOMATIC_HYDRAULIC_PRESS).id("sim-1").seed(5));
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    @BeforeEach
    void folder() throws IOException {
        Files.writeString(folder.resolve("short.json"), SHORT);
        Files.writeString(folder.resolve("high.json"), HIGH);
        Files.writeString(folder.resolve("broken.json"), BROKEN);
        recipes = Recipes.service(folder);
        s1.start();
        s1.bindDriver(press);
        time.advanceSeconds(0.5);
    }

    @AfterEach
    void close() throws Exception {
        s1.close();
        press.close();
    }

    private <T extends RecipeCommandSupport> T wire(T c) {
        c.recipes = recipes;
        c.registry = new StationRegistry() {
            @Override
            public List<Station> stations() {
                return List.of(s1);
            }

            @Override
            public Optional<Station> station(String id) {
                return "s1".equals(id) ? Optional.of(s1) : Optional.empty();
            }
        };
        c.out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        return c;
    }

    private String output() {
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void listShowsEveryRecipeAndMarksTheInvalidOne() throws Exception {
        wire(new RecipeListCommand()).execute();
        String text = output();
        assertTrue(text.lines().anyMatch(l -> l.startsWith("short ") && l.contains("quick test.") && !l.contains("Second")), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("broken ") && l.contains("INVALID") && l.contains("durationS")), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith(RecipeService.DEFAULT_RECIPE + " ")), text);
    }

    @Test
    void showByNameAndByFile() throws Exception {
        RecipeShowCommand show = wire(new RecipeShowCommand());
        show.recipe = "short";
        show.execute();
        RecipeShowCommand fromFile = wire(new RecipeShowCommand());
        fromFile.recipe = folder.resolve("short.json").toString();
        fromFile.execute();
        long rampRows = output().lines().filter(l -> l.matches("1 \\| ramp\\s+\\|\\s+3\\.00 \\|\\s+1\\.00 \\|.*")).count();
        assertEquals(2, rampRows, output());
    }

    @Test
    void validateListsViolationsAndFailsForTheStation() throws Exception {
        RecipeValidateCommand v = wire(new RecipeValidateCommand());
        v.recipe = "high";
        v.stationId = "s1";
        CommandRefused e = assertThrows(CommandRefused.class, v::execute);
        long listed = output().lines().filter(l -> l.startsWith("  - ")).count();
        assertTrue(listed >= 1, output());
        assertEquals("recipe 'high' violates " + listed + " limit(s) of station s1", e.getMessage(), "every violation listed");
        assertTrue(output().lines().anyMatch(l -> l.startsWith("  - step 1 (ramp): target 120.000 MPa above the limit 80.000 MPa")),
                output());
        assertTrue(output().contains("format ok, 1 step\n") || output().contains("format ok, 1 step\r\n"), output());

        RecipeValidateCommand ok = wire(new RecipeValidateCommand());
        ok.recipe = "short";
        ok.execute();
        assertTrue(output().contains("s1: recipe 'short' may run (about "), output());
    }

    @Test
    void badFilesSayWhereAndWhat() {
        RecipeValidateCommand v = wire(new RecipeValidateCommand());
        v.recipe = folder.resolve("broken.json").toString();
        CommandRefused e = assertThrows(CommandRefused.class, v::execute);
        assertTrue(e.getMessage().contains("broken.json") && e.getMessage().contains("step 1") && e.getMessage().contains("durationS"),
                e.getMessage());

        RecipeShowCommand missing = wire(new RecipeShowCommand());
        missing.recipe = folder.resolve("nope.json").toString();
        assertTrue(assertThrows(CommandRefused.class, missing::execute).getMessage().startsWith("no recipe file "));

        RecipeShowCommand unknown = wire(new RecipeShowCommand());
        unknown.recipe = "nope";
        assertTrue(assertThrows(CommandRefused.class, unknown::execute).getMessage().contains("nope"));
    }
}
