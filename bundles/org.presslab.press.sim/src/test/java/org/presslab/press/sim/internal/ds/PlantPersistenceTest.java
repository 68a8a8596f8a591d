package org.presslab.press.sim.internal.ds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.presslab.time.TimeSources;
import org.presslab.press.api.ActuatorCommand;
import org.presslab.press.api.DeviceKind;
import org.presslab.press.api.SafeAction;
import org.presslab.press.sim.SimSpec;
import org.presslab.press.sim.SimUnits;
import org.presslab.time.VirtualTimeSource;

/** The DS lifecycle keeps the plant across deactivation, in the bundle's data area (a temp dir here). */
class PlantPersistenceTest {

    private final VirtualTimeSource time = TimeSources.virtual();
    @TempDir
    Path dataArea;

    private Function<String, File> files() {
        return name -> dataArea.resolve(name).toFile();
    }

    private SimDriverComponent component(SimSpec spec, double cyclingMAcm2, double cyclingMAhcm2, long maxAgeS) {
        return new SimDriverComponent(time, "test.pid", spec, cyclingMAcm2, cyclingMAhcm2, 0, files(), maxAgeS) {
        };
    }

    @Test
    void aPressComesBackLoadedAfterItsDriverWasSwapped() {
        SimSpec spec = SimSpec.defaults(DeviceKind.AUTOMATIC_HYDRAULIC_PRESS).id("sim-press-1");
        SimDriverComponent first = component(spec, 0, 0, 3600);
        first.actuator().orElseThrow().command(ActuatorCommand.raw(0.1));
        time.advanceSeconds(2);
        first.actuator().orElseThrow().command(ActuatorCommand.raw(0));
        time.advanceSeconds(0.5);
        double loaded = first.cell().pressurePa();
        assertTrue(loaded > SimUnits.mpa(5), "loaded: " + loaded);
        first.deactivated();
        Path file = dataArea.resolve("plant-sim-press-1.properties");
        assertTrue(Files.exists(file), "deactivate writes the snapshot");

        time.advanceSeconds(2);
        SimDriverComponent second = component(spec, 0, 0, 3600);
        assertEquals(first.plantState().forceN(), second.plantState().forceN(), 0.5, "the same plant, held");
        assertEquals(SafeAction.HOLD, second.actuator().orElseThrow().safeState().orElseThrow());
        assertFalse(Files.exists(file), "the used snapshot is gone");
        second.deactivated();

        time.advanceSeconds(2);
        SimDriverComponent never = component(spec, 0, 0, 0);
        assertEquals(0, never.plantState().forceN(), 1e-9, "restoreMaxAgeS 0: a fresh, unloaded press");
        never.deactivated();
    }

    @Test
    void aRestoredCellKeepsItsCyclingProgress() {
        SimSpec spec = SimSpec.defaults(DeviceKind.SPRING_FRAME).id("frame-1");
        SimDriverComponent first = component(spec, 1, 0.1, 3600); // 360 s per half cycle
        time.advanceSeconds(800);
        assertEquals(2, first.cell().completedHalfCycles());
        first.deactivated();
        SimDriverComponent second = component(spec, 1, 0.1, 3600);
        assertEquals(2, second.cell().completedHalfCycles(), "not restarted by the cycling keys");
        assertEquals(first.cell().netChargePerArea(), second.cell().netChargePerArea(), 1e-6);
        second.deactivated();
    }

    @Test
    void aCrimperComesBackWithItsCrimpedCanUnderTheDie() {
        SimSpec spec = SimSpec.defaults(DeviceKind.CRIMPER).id("sim-crimper-1");
        SimDriverComponent first = component(spec, 0, 0, 3600);
        first.actuator().orElseThrow().command(ActuatorCommand.raw(0.3));
        while (first.plantState().forceN() < 9e3) {
            time.advanceNanos(1_000_000L);
        }
        first.actuator().orElseThrow().command(ActuatorCommand.raw(0));
        time.advanceSeconds(0.5);
        var can = first.coinCell().orElseThrow();
        assertEquals(org.presslab.press.sim.CoinCell.CanState.SEALED, can.state());
        first.deactivated();
        time.advanceSeconds(2);
        SimDriverComponent second = component(spec, 0, 0, 3600);
        var again = second.coinCell().orElseThrow();
        assertEquals(org.presslab.press.sim.CoinCell.CanState.SEALED, again.state(), "the crimped can is still in the die");
        assertEquals(can.plasticDeformationM(), again.plasticDeformationM(), 1e-12);
        assertEquals(first.plantState().forceN(), second.plantState().forceN(), 1.0, "still loaded, held");
        second.deactivated();
    }

    @Test
    void aNegativeMaxAgeIsRefusedByName() {
        SimSpec spec = SimSpec.defaults(DeviceKind.SPRING_FRAME).id("f");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> component(spec, 0, 0, -1));
        assertTrue(e.getMessage().contains("restoreMaxAgeS"), e.getMessage());
    }
}
