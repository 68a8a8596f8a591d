package org.presslab.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.presslab.control.api.InterlockKind;
import org.presslab.control.api.Recipe;
import org.presslab.control.api.RecipeFormatException;
import org.presslab.control.api.RecipeService;
import org.presslab.control.api.StationState;
import org.presslab.press.api.DeviceKind;
import org.presslab.press.sim.SimSpec;
import org.presslab.press.sim.SimulatedDevice;
import org.presslab.press.sim.SimulatedDevices;
import org.presslab.time.TimeSources;
import org.presslab.time.VirtualTimeSource;

/** The exported factories, as the CLI, the benchmarks and other modules' tests use them. */
class StationsTest {

    @TempDir
    Path folder;

    @Test
    void aSpecWithProblemsIsRefusedListingEveryOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Stations.create(StationSpec.of("st").cellDiameterMm(-1).loopRateHz(1e9), TimeSources.virtual()));
        String m = e.getMessage();
        assertTrue(m.contains("cellDiameterMm") && m.contains("fixtureRatingMPa") && m.contains("driver.target")
                && m.contains("loopRateHz"), m);
    }

    @Test
    void aStationFromTheFactoryHoldsOnASimulatedPressAndKeepsItsLatchAcrossARestart() throws Exception {
        VirtualTimeSource time = TimeSources.virtual();
        SimSpec sim = SimSpec.defaults(DeviceKind.AUTOMATIC_HYDRAULIC_PRESS).id("sim-1").seed(3);
        sim.hydraulics().initialGapM(50e-6);
        SimulatedDevice press = SimulatedDevices.create(time, sim);
        StationSpec spec = StationSpec.of("st").cellDiameterMm(10).fixtureRatingMPa(100).driverFilter("(presslab.driver.id=sim-1)");
        try (StandaloneStation station = Stations.create(spec, time, folder)) {
            station.start();
            station.bindDriver(press);
            time.advanceSeconds(0.5);
            station.ramp(5e6, 2e6);
            time.advanceSeconds(40);
            assertEquals(5.0, station.status().pressurePa() / 1e6, 0.1, station.status().toString());
            assertTrue(station.loopStats().ticks() > 100, station.loopStats().toString());
            station.emergencyStop("test");
        }
        try (StandaloneStation again = Stations.create(spec, time, folder)) {
            assertEquals(StationState.EMERGENCY_STOPPED, again.status().state());
            assertEquals(InterlockKind.EMERGENCY_STOP, again.status().trip().interlock());
        } finally {
            press.close();
        }
    }

    @Test
    void recipesParseWriteAndComeFromAFolder() throws Exception {
        Recipe r = Recipes.assbDefault();
        assertEquals(r, Recipes.parse(Recipes.toJson(r), "round-trip.json"));
        RecipeFormatException e = assertThrows(RecipeFormatException.class, () -> Recipes.parse("{", "broken.json"));
        assertTrue(e.getMessage().contains("broken.json"), e.getMessage());
        java.nio.file.Files.writeString(folder.resolve("mine.json"), Recipes.toJson(new Recipe("mine", 1, "", r.maxPressurePa(), r.steps())));
        RecipeService service = Recipes.service(folder);
        assertTrue(service.names().contains("mine") && service.names().contains(RecipeService.DEFAULT_RECIPE), service.names().toString());
    }
}
