package org.presslab.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.presslab.control.api.CommandRefusedException;
import org.presslab.control.api.Station;
import org.presslab.control.api.StationState;
import org.presslab.press.api.PressDriver;

/**
 * What a lab changes at runtime: installing a vendor's driver bundle from its Maven coordinate and
 * binding a new station to it through Config Admin, and configurations that are wrong. Neither
 * deactivates or disturbs anything that was already running.
 */
@RunWith(PresslabExam.class)
@ExamReactorStrategy(PerClass.class)
public class RuntimeConfigIT extends PresslabTestSupport {

    private static final String VENDOR_COORDINATE = "mvn:com.example.presslab/acme-servo-press/1.0.0-SNAPSHOT";
    private static final String VENDOR_FACTORY_PID = "com.example.presslab.acme";

    @Configuration
    public Option[] config() {
        return baseOptions();
    }

    @Test
    public void vendorDriverInstalledAtRuntimeDrivesANewStation() throws Exception {
        Station cell1 = boundCell1();
        Map<String, Integer> before = componentStates();

        CommandResult install = shell("bundle:install --start " + VENDOR_COORDINATE);
        assertTrue(install.toString(), install.ok());
        Bundle vendor = null;
        for (Bundle b : context.getBundles()) {
            if (VENDOR_COORDINATE.equals(b.getLocation())) {
                vendor = b;
            }
        }
        assertTrue("installed from its Maven coordinate", vendor != null);
        assertEquals("the vendor bundle resolves against the press API alone", Bundle.ACTIVE, vendor.getState());

        factoryConfig(VENDOR_FACTORY_PID, "itest", Map.of("presslab.driver.id", "acme-1"));
        assertTrue("the Acme driver service appears", waitFor(() -> driver("acme-1").isPresent(), 15_000));

        factoryConfig(STATION_FACTORY_PID, "acme", Map.of("id", "acme-cell", "description", "13 mm die on the Acme press",
                "cellDiameterMm", 13.0, "fixtureRatingMPa", 100.0, "driver.target", "(presslab.driver.id=acme-1)"));
        Station acme = station("acme-cell", 15_000);
        assertTrue("acme-cell binds acme-1: " + acme.status(), waitFor(() -> "acme-1".equals(acme.status().driverId()), 15_000));

        assertTrue("acme-1 delivers readings: " + acme.status(),
                waitFor(() -> !Double.isNaN(acme.status().pressurePa()), 15_000));
        acme.ramp(5 * MPA, 2 * MPA);
        assertTrue("acme-cell holds 5 MPa on the vendor driver: " + acme.status(), waitFor(
                () -> acme.status().state() == StationState.HOLDING && Math.abs(acme.status().pressurePa() - 5 * MPA) < 0.5 * MPA,
                30_000));
        CommandResult status = shell("station:status acme-cell");
        assertTrue(status.toString(), status.ok() && status.output().contains("acme-1"));

        List<String> changed = changedComponents(before, componentStates());
        assertTrue("installing the vendor driver changed nothing that ran before: " + changed, changed.isEmpty());
        assertEquals("sim-press-1", cell1.status().driverId());

        acme.release(0, 2 * MPA);
    }

    @Test
    public void unknownDriverFilterLeavesTheStationWithoutDriverAndSaysSo() throws Exception {
        Station cell1 = boundCell1();
        Map<String, Integer> before = componentStates();

        factoryConfig(STATION_FACTORY_PID, "ghost", Map.of("id", "ghost", "cellDiameterMm", 10.0, "fixtureRatingMPa", 100.0,
                "driver.target", "(presslab.driver.id=no-such-press)"));
        Station ghost = station("ghost", 15_000);
        assertEquals(StationState.NO_DRIVER, ghost.status().state());
        String message = ghost.status().message();
        assertTrue("the status names the missing driver: " + message,
                message != null && (message.contains("no-such-press") || message.toLowerCase().contains("driver")));
        try {
            ghost.ramp(5 * MPA, 1 * MPA);
            fail("a station without driver must refuse to move");
        } catch (CommandRefusedException expected) {
            assertFalse(expected.getMessage().isBlank());
        }
        CommandResult refused = shell("station:ramp ghost 5");
        assertFalse(refused.ok());

        assertNothingElseHarmed(cell1, before);
    }

    @Test
    public void zeroCellDiameterFailsWithAClearLoggedError() throws Exception {
        Station cell1 = boundCell1();
        Map<String, Integer> before = componentStates();

        factoryConfig(STATION_FACTORY_PID, "zero", Map.of("id", "zero", "cellDiameterMm", 0.0, "fixtureRatingMPa", 100.0,
                "driver.target", "(presslab.driver.id=sim-press-1)"));
        assertTrue("the configuration reached SCR", waitFor(() -> stationConfiguration("zero").isPresent(), 10_000));
        Thread.sleep(500);
        assertTrue("no station 'zero' is registered", stations.station("zero").isEmpty());
        ComponentConfigurationDTO dto = stationConfiguration("zero").orElseThrow();
        assertEquals("the component fails to activate, got " + stateName(dto.state),
                ComponentConfigurationDTO.FAILED_ACTIVATION, dto.state);
        assertTrue("the failure names the key: " + dto.failure, dto.failure != null && dto.failure.contains("cellDiameterMm"));
        assertTrue("the error is logged with the key", waitFor(() -> {
            try {
                return karafLog().contains("cellDiameterMm");
            } catch (java.io.IOException e) {
                return false;
            }
        }, 5_000));

        assertNothingElseHarmed(cell1, before);
    }

    @Test
    public void ratingBelowTheSetpointIsRefused() throws Exception {
        Station cell1 = boundCell1();
        Map<String, Integer> before = componentStates();

        factoryConfig(SIM_HYDRAULIC_FACTORY_PID, "press2", Map.of("presslab.driver.id", "sim-press-2"));
        assertTrue("a second simulated press", waitFor(() -> driver("sim-press-2").isPresent(), 15_000));
        factoryConfig(STATION_FACTORY_PID, "weak", Map.of("id", "weak", "cellDiameterMm", 10.0, "fixtureRatingMPa", 10.0,
                "driver.target", "(presslab.driver.id=sim-press-2)"));
        Station weak = station("weak", 15_000);
        assertTrue(waitFor(() -> weak.status().state() != StationState.NO_DRIVER, 15_000));
        try {
            weak.ramp(15 * MPA, 1 * MPA);
            fail("15 MPa on a fixture rated 10 MPa must be refused");
        } catch (CommandRefusedException expected) {
            assertTrue("the refusal names the rating: " + expected.getMessage(), expected.getMessage().contains("10"));
        }
        CommandResult refused = shell("station:hold weak 15");
        assertFalse("the shell refuses too: " + refused, refused.ok());
        CommandResult recipe = shell("recipe:run weak assb-default");
        assertFalse("the 74 MPa default recipe is refused on a 10 MPa fixture: " + recipe, recipe.ok());
        assertTrue(weak.status().targetPa() <= 10 * MPA || Double.isNaN(weak.status().targetPa()));
        assertTrue(weak.status().pressurePa() < 10 * MPA || Double.isNaN(weak.status().pressurePa()));

        assertNothingElseHarmed(cell1, before);
    }

    private Station boundCell1() throws InterruptedException {
        Station cell1 = station("cell1", 30_000);
        assertTrue("cell1 binds sim-press-1: " + cell1.status(),
                waitFor(() -> "sim-press-1".equals(cell1.status().driverId()), 15_000));
        assertNotTrippedAtBoot(cell1);
        return cell1;
    }

    private void assertNothingElseHarmed(Station cell1, Map<String, Integer> before) {
        List<String> changed = changedComponents(before, componentStates());
        assertTrue("components that ran before are untouched: " + changed, changed.isEmpty());
        assertEquals("sim-press-1", cell1.status().driverId());
        assertTrue("cell1 is not tripped: " + cell1.status(), cell1.status().trip() == null);
    }

    private Optional<PressDriver> driver(String id) {
        try {
            return context.getServiceReferences(PressDriver.class, "(presslab.driver.id=" + id + ")").stream()
                    .findFirst().map(context::getService);
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The SCR configuration DTO of the station component whose configured id is {@code id}. */
    private Optional<ComponentConfigurationDTO> stationConfiguration(String id) {
        for (ComponentDescriptionDTO d : presslabDescriptions()) {
            for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                if (id.equals(c.properties.get("id")) && STATION_FACTORY_PID.equals(factoryPidOf(c))) {
                    return Optional.of(c);
                }
            }
        }
        return Optional.empty();
    }

    private static String factoryPidOf(ComponentConfigurationDTO c) {
        Object f = c.properties.get("service.factoryPid");
        return f == null ? null : f.toString();
    }
}
