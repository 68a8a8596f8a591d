package org.presslab.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import javax.inject.Inject;

import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.features.Repository;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.presslab.control.api.Recipe;
import org.presslab.control.api.RecipeRun;
import org.presslab.control.api.RecipeService;
import org.presslab.control.api.RecipeStep;
import org.presslab.control.api.Station;
import org.presslab.control.api.StationState;
import org.presslab.press.api.PressDriver;

/**
 * The distribution as shipped: it boots into a bound station on the simulated press, every
 * Presslab feature installs, every Presslab DS component is satisfied, and the shell commands
 * drive a short recipe end to end.
 */
@RunWith(PresslabExam.class)
@ExamReactorStrategy(PerClass.class)
public class PlatformIT extends PresslabTestSupport {

    @Inject
    private FeaturesService features;

    @Inject
    private RecipeService recipes;

    @Configuration
    public Option[] config() {
        return baseOptions();
    }

    @Test
    public void bootsIntoStationCell1OnTheSimulatedPress() throws Exception {
        Station cell1 = station("cell1", 30_000);
        assertEquals(10e-3, cell1.config().cellDiameterM(), 1e-9);
        assertEquals("(presslab.driver.id=sim-press-1)", cell1.config().driverFilter());
        assertTrue("cell1 binds the simulated press: " + cell1.status(),
                waitFor(() -> cell1.status().state() != StationState.NO_DRIVER, 15_000));
        assertEquals("sim-press-1", cell1.status().driverId());
        assertFalse(context.getServiceReferences(PressDriver.class, "(presslab.driver.id=sim-press-1)").isEmpty());
        assertTrue(recipes.names().contains(RecipeService.DEFAULT_RECIPE));
    }

    @Test
    public void everyPresslabFeatureInstallsAndEveryComponentIsSatisfied() throws Exception {
        Repository repo = null;
        for (Repository r : features.listRepositories()) {
            if (r.getName().startsWith("presslab-")) {
                repo = r;
            }
        }
        assertNotNull("the presslab features repository is registered in the distribution", repo);
        List<String> names = new ArrayList<>();
        for (Feature f : repo.getFeatures()) {
            names.add(f.getName());
        }
        assertTrue("expected layered features, got " + names,
                names.containsAll(List.of("presslab-api", "presslab-core", "presslab-sim", "presslab-serial",
                        "presslab-modbus", "presslab-ascii", "presslab-impedance", "presslab-shell", "presslab")));
        for (String name : names) {
            // NoAutoRefreshBundles: installing a feature must never restart what is already running.
            features.installFeature(name, EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
            assertTrue(name + " installed", features.isInstalled(features.getFeature(name)));
        }

        // Every Presslab component: enabled, and each configuration satisfied (ACTIVE, or SATISFIED for lazy services).
        Thread.sleep(500);
        List<String> problems = new ArrayList<>();
        int configurations = 0;
        for (ComponentDescriptionDTO d : presslabDescriptions()) {
            if (d.defaultEnabled && !scr.isComponentEnabled(d)) {
                problems.add(d.name + " is disabled");
            }
            for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                configurations++;
                if (c.state != ComponentConfigurationDTO.ACTIVE && c.state != ComponentConfigurationDTO.SATISFIED) {
                    problems.add(d.name + " (" + d.bundle.symbolicName + ") is " + stateName(c.state)
                            + (c.failure != null ? ": " + c.failure : "")
                            + (c.unsatisfiedReferences.length > 0 ? " missing " + c.unsatisfiedReferences[0].name
                                    + " " + c.unsatisfiedReferences[0].target : ""));
                }
            }
        }
        System.out.printf("[presslab-itests] %d Presslab component descriptions, %d configurations%n",
                presslabDescriptions().size(), configurations);
        assertTrue("Presslab components not satisfied: " + problems, problems.isEmpty());
        assertTrue("the station and the simulated press are at least two active components, got " + configurations,
                configurations >= 2);
    }

    @Test
    public void shellCommandsListInspectAndRunARecipe() throws Exception {
        Station cell1 = station("cell1", 30_000);
        assertTrue(waitFor(() -> cell1.status().state() != StationState.NO_DRIVER, 15_000));

        assertNotTrippedAtBoot(cell1);
        CommandResult list = shell("station:list");
        assertTrue(list.toString(), list.ok() && list.output().contains("cell1"));
        CommandResult presses = shell("press:list");
        assertTrue(presses.toString(), presses.ok() && presses.output().contains("sim-press-1"));
        CommandResult info = shell("press:info sim-press-1");
        assertTrue(info.toString(), info.ok() && info.output().contains("sim-press-1"));
        CommandResult recipeList = shell("recipe:list");
        assertTrue(recipeList.toString(), recipeList.ok() && recipeList.output().contains(RecipeService.DEFAULT_RECIPE));
        assertTrue(recipeList.toString(), recipeList.output().contains("assb-pressure-sweep"));
        // #9: cell1 has the simulated analyzer sim-eis-1 (analyzer.target) and the impedance bundle's fitter, so
        // the built-in pressure sweep passes its dry run (which checks both) in the distribution as shipped.
        assertTrue("the sweep validates on cell1: " + shell("recipe:validate --station cell1 assb-pressure-sweep"),
                waitFor(() -> shell("recipe:validate --station cell1 assb-pressure-sweep").ok(), 15_000));

        // A short recipe written in the recipe file format, run and followed through the command layer.
        Recipe shortRecipe = new Recipe("itest-short", 1, "5 MPa for 2 s", 20 * MPA, List.of(
                new RecipeStep.Ramp(5 * MPA, 5 * MPA, 0.3 * MPA, List.of()),
                new RecipeStep.Hold(5 * MPA, 0.3 * MPA, 2, List.of()),
                new RecipeStep.Release(0.5 * MPA, 5 * MPA, 0.3 * MPA, List.of())));
        Path file = Files.createTempFile("itest-short", ".json");
        Files.writeString(file, recipes.toJson(shortRecipe), StandardCharsets.UTF_8);

        CommandResult validate = shell("recipe:validate --station cell1 " + file);
        assertTrue(validate.toString(), validate.ok());

        long t0 = System.nanoTime();
        CommandResult run = shell("recipe:run --follow cell1 " + file);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("[presslab-itests] recipe:run --follow took %.1f s; output:%n%s%n", seconds, run.output());
        assertTrue(run.toString(), run.ok());
        assertTrue("follow printed progress: " + run.output(), run.output().lines().count() >= 3);
        RecipeRun last = cell1.run().orElseThrow();
        assertEquals("itest-short", last.recipe().name());
        assertEquals("the run completed: " + last.message(), RecipeRun.State.COMPLETED, last.state());
        assertTrue("--follow returns when the run ends (ramp + 2 s hold + release), took " + seconds, seconds >= 2);

        CommandResult status = shell("station:status cell1");
        assertTrue(status.toString(), status.ok() && status.output().contains("cell1") && status.output().contains("MPa"));
        double p = cell1.status().pressurePa();
        assertEquals("after the release step the cell holds 0.5 MPa", 0.5 * MPA, p, 0.3 * MPA);

        // A refused command ends with its reason, never a stack trace.
        CommandResult refused = shell("station:ramp cell1 500");
        assertFalse("500 MPa is above the 100 MPa fixture rating: " + refused, refused.ok());
        String reason = String.valueOf(refused.error().getMessage());
        assertTrue("the refusal names the limit: " + reason, reason.contains("100") || reason.toLowerCase().contains("limit"));
        assertFalse(refused.output().contains("\tat org."));
        assertNotEquals(StationState.RAMPING, cell1.status().state());
        assertTrue(cell1.status().targetPa() < 100 * MPA);

        // The shipped crimper station: bound to the simulated crimper, and the built-in crimp passes its dry run.
        Station crimp1 = station("crimp1", 30_000);
        assertTrue("crimp1 binds sim-crimper-1: " + crimp1.status(),
                waitFor(() -> crimp1.status().state() != StationState.NO_DRIVER, 15_000));
        assertNotTrippedAtBoot(crimp1);
        assertTrue(recipes.names().contains("cr2032-crimp"));
        CommandResult crimpValidate = shell("recipe:validate --station crimp1 cr2032-crimp");
        assertTrue(crimpValidate.toString(), crimpValidate.ok());

        // Bad input names what is wrong.
        CommandResult unknown = shell("station:status no-such-station");
        assertFalse(unknown.ok());
        assertTrue(String.valueOf(unknown.error().getMessage()), String.valueOf(unknown.error().getMessage()).contains("no-such-station"));
    }
}
