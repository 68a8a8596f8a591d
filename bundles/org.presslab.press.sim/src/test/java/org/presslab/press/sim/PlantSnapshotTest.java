package org.presslab.press.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.presslab.time.TimeSources;
import org.presslab.press.api.DeviceKind;
import org.presslab.press.api.Quality;
import org.presslab.press.api.Reading;
import org.presslab.press.api.SafeAction;
import org.presslab.time.VirtualTimeSource;

/** The plant outlives its driver: snapshot, restore in HOLD, the physics of the time away. */
class PlantSnapshotTest {

    private static final double AREA = SimUnits.discArea(0.010);
    private static final double F15 = SimUnits.mpa(15) * AREA; // 1178 N
    private final VirtualTimeSource time = TimeSources.virtual();

    private SimulatedDevice pressAt15MPa(SimSpec spec) {
        SimulatedDevice press = SimulatedDevices.create(time, spec);
        new PressLoop(time, press, 100).run(F15, 2000, 10);
        assertEquals(F15, press.cell().forceN(), 5, "loaded to 15 MPa");
        return press;
    }

    @Test
    void aRestoredHydraulicPressStillHoldsItsLoad() {
        SimSpec spec = SimSpec.defaults(DeviceKind.AUTOMATIC_HYDRAULIC_PRESS).id("sim-press-1").seed(4);
        SimulatedDevice old = pressAt15MPa(spec);
        old.close(); // the driver goes away: HOLD
        PlantSnapshot snap = old.snapshot();
        assertEquals(15.0, snap.cellPressurePa() / 1e6, 0.01);
        time.advanceSeconds(2); // the bundle is updated

        SimulatedDevice fresh = SimulatedDevices.create(time, spec);
        SimulatedDevice restored = SimulatedDevices.create(time, spec, snap);
        time.advanceSeconds(0.01);
        Reading r = restored.read();
        assertEquals(Quality.GOOD, r.quality());
        double noise = 4 * spec.loadCell().noiseRms() + spec.loadCell().resolution();
        assertEquals(old.plantState().forceN(), r.forceN(), noise,
                "first reading within noise of the plant that stayed (" + r.forceN() + " N)");
        assertEquals(15.0, r.forceN() / AREA / 1e6, 0.01, "still at 15 MPa");
        assertEquals(0, fresh.read().forceN(), noise, "without the snapshot the press starts unloaded");
        assertEquals(SafeAction.HOLD, restored.actuator().orElseThrow().safeState().orElseThrow(), "restored holding");
        assertEquals(0, restored.plantState().actuatorOutput());
        assertEquals(old.plantState().positionM(), restored.plantState().positionM(), 1e-8, "ram where it was");
        assertEquals(old.plantState().linePressurePa(), restored.plantState().linePressurePa(), 1e3);

        // it holds on, and the new driver can command it like any press
        time.advanceSeconds(10);
        assertEquals(old.plantState().forceN(), restored.plantState().forceN(), 1.0, "the same plant 10 s later");
        new PressLoop(time, restored, 100).run(F15, 2000, 5);
        assertEquals(F15, restored.cell().forceN(), 5);
    }

    @Test
    void aRestoredSpringFrameKeepsItsPreloadAndCellHistory() {
        SimulatedDevice frame = SimulatedDevices.springFrame(time, "frame-1", 2);
        frame.cell().setCurrentDensity(SimUnits.mAPerCm2(1));
        time.advanceSeconds(1800); // plate 0.5 mAh/cm²: the anode grows, the springs take it up
        frame.cell().setCurrentDensity(0);
        PlantSnapshot snap = frame.snapshot();

        SimulatedDevice restored = SimulatedDevices.create(time, frame.spec(), snap);
        time.advanceSeconds(0.1);
        assertEquals(frame.cell().forceN(), restored.read().forceN(), 4 * 0.5 + 0.2, "first reading within noise");
        assertEquals(frame.cell().netChargePerArea(), restored.cell().netChargePerArea(), 1e-9);
        assertEquals(SimUnits.mAhPerCm2(0.5), restored.cell().netChargePerArea(), 1);
        assertEquals(frame.cell().electrochemicalThicknessChangeM(), restored.cell().electrochemicalThicknessChangeM(),
                1e-15);
        assertEquals(frame.cell().creepShorteningM(), restored.cell().creepShorteningM(), 1e-12);
        assertEquals(frame.cell().anodeThicknessM(), restored.cell().anodeThicknessM(), 1e-12);
        assertEquals(frame.cell().voidFraction(), restored.cell().voidFraction(), 1e-12);
        assertTrue(restored.actuator().isEmpty());
    }

    @Test
    void cyclingProgressContinues() {
        SimulatedDevice frame = SimulatedDevices.springFrame(time, "frame-2", 3);
        // 1 mA/cm², 0.1 mAh/cm² per half cycle: 360 s each
        frame.cell().startCycling(SimUnits.mAPerCm2(1), SimUnits.mAhPerCm2(0.1), 6);
        time.advanceSeconds(1000); // two half cycles done, in the third (plating)
        assertEquals(2, frame.cell().completedHalfCycles());
        PlantSnapshot snap = frame.snapshot();

        SimulatedDevice restored = SimulatedDevices.create(time, frame.spec(), snap);
        assertTrue(restored.cell().isCycling());
        assertEquals(2, restored.cell().completedHalfCycles());
        assertEquals(SimUnits.mAPerCm2(1), restored.cell().currentDensity(), 1e-9, "plating, as before");
        time.advanceSeconds(100); // the third half cycle ends at 1080 s, not 360 s after the restore
        assertEquals(3, restored.cell().completedHalfCycles());
        assertEquals(-SimUnits.mAPerCm2(1), restored.cell().currentDensity(), 1e-9, "now stripping");
        time.advanceSeconds(1200); // to 2300 s: six half cycles (2160 s), then it stops
        assertEquals(6, restored.cell().completedHalfCycles());
        assertFalse(restored.cell().isCycling());
        assertEquals(frame.cell().netChargePerArea(), restored.cell().netChargePerArea(), 1e-6,
                "the same charge as the cell that stayed");
    }

    @Test
    void theTimeAwayRelaxesTheStackAsIfItHadStayed() {
        SimulatedDevice frame = SimulatedDevices.screwFrame(time, "screw-1", 5);
        time.advanceSeconds(10);
        PlantSnapshot snap = frame.snapshot();
        double atSnapshot = snap.cellPressurePa();
        time.advanceSeconds(1800); // the driver is away for half an hour; the sodium creeps on

        SimulatedDevice restored = SimulatedDevices.create(time, frame.spec(), snap);
        double stayed = frame.cell().pressurePa();
        double back = restored.cell().pressurePa();
        double drop = atSnapshot - stayed;
        assertTrue(drop > 0.05e6, "a fixed-gap frame relaxes visibly in 30 min: " + drop + " Pa");
        assertEquals(stayed, back, 0.02 * drop, "restored at the relaxed pressure, coarse steps: " + back + " vs " + stayed);
        assertEquals(frame.cell().creepShorteningM(), restored.cell().creepShorteningM(),
                0.02 * frame.cell().creepShorteningM());
    }

    @Test
    void theTimeAwayIsBoundedByMaxAway() {
        SimulatedDevice frame = SimulatedDevices.screwFrame(time, "screw-2", 5);
        PlantSnapshot snap = frame.snapshot();
        time.advanceSeconds(PlantSnapshot.MAX_AWAY.toSeconds());
        double afterMaxAway = frame.cell().pressurePa();
        time.advanceSeconds(2 * 3600); // three hours in all
        SimulatedDevice restored = SimulatedDevices.create(time, frame.spec(), snap);
        assertEquals(afterMaxAway, restored.cell().pressurePa(), 0.01e6, "only MAX_AWAY of creep applied");
        assertTrue(frame.cell().pressurePa() < restored.cell().pressurePa() - 0.01e6,
                "the frame that stayed relaxed further: " + frame.cell().pressurePa());
    }

    @Test
    void aSnapshotOfAnotherKindIdOrGeometryIsRefused() {
        SimulatedDevice spring = SimulatedDevices.springFrame(time, "dev", 1);
        PlantSnapshot snap = spring.snapshot();
        IllegalArgumentException kind = assertThrows(IllegalArgumentException.class,
                () -> SimulatedDevices.create(time, SimSpec.defaults(DeviceKind.SCREW_FRAME).id("dev"), snap));
        assertTrue(kind.getMessage().contains("SPRING_FRAME") && kind.getMessage().contains("another kind"),
                kind.getMessage());
        IllegalArgumentException id = assertThrows(IllegalArgumentException.class,
                () -> SimulatedDevices.create(time, SimSpec.defaults(DeviceKind.SPRING_FRAME).id("other"), snap));
        assertTrue(id.getMessage().contains("'dev'") && id.getMessage().contains("'other'"), id.getMessage());
        SimSpec softer = SimSpec.defaults(DeviceKind.SPRING_FRAME).id("dev");
        softer.frame().springStiffnessNpm(100e3);
        IllegalArgumentException geometry = assertThrows(IllegalArgumentException.class,
                () -> SimulatedDevices.create(time, softer, snap));
        assertTrue(geometry.getMessage().contains("geometry.frame.springStiffnessNpm"), geometry.getMessage());
        SimSpec wider = SimSpec.defaults(DeviceKind.SPRING_FRAME).id("dev");
        wider.cell().diameterM(0.012);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SimulatedDevices.create(time, wider, snap))
                .getMessage().contains("geometry.cell.diameterM"));
        // the seed and the sensors are not geometry
        SimSpec reseeded = SimSpec.defaults(DeviceKind.SPRING_FRAME).id("dev").seed(99);
        assertEquals(spring.cell().forceN(), SimulatedDevices.create(time, reseeded, snap).cell().forceN(), 1e-9);
    }

    @Test
    void propertiesRoundTripAndBadFilesAreRefusedByName() throws IOException {
        SimSpec spec = SimSpec.defaults(DeviceKind.HEATED_PRESS).id("hot-1");
        SimulatedDevice press = pressAt15MPa(spec);
        press.temperatureControl().orElseThrow().setTemperatureSetpoint(SimUnits.celsius(80));
        time.advanceSeconds(60);
        PlantSnapshot snap = press.snapshot();

        StringWriter text = new StringWriter();
        snap.toProperties().store(text, "test");
        Properties loaded = new Properties();
        loaded.load(new StringReader(text.toString()));
        PlantSnapshot back = PlantSnapshot.fromProperties(loaded);
        assertEquals(snap, back);
        assertEquals(snap, PlantSnapshot.fromMap(snap.toMap()));

        SimulatedDevice restored = SimulatedDevices.create(time, spec, back);
        assertEquals(press.plantState().temperatureK(), restored.plantState().temperatureK(), 1e-9, "platens kept heat");
        assertEquals(SimUnits.celsius(80), restored.temperatureControl().orElseThrow().temperatureSetpoint(), 1e-9);
        assertEquals(press.cell().forceN(), restored.cell().forceN(), 0.5);

        Map<String, String> newer = new TreeMap<>(snap.toMap());
        newer.put("formatVersion", "2");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PlantSnapshot.fromMap(newer)).getMessage()
                .contains("formatVersion '2' not supported"));
        Map<String, String> missing = new TreeMap<>(snap.toMap());
        missing.remove("state.hydraulics.oilM3");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SimulatedDevices.create(time, spec, PlantSnapshot.fromMap(missing)));
        assertTrue(e.getMessage().contains("state.hydraulics.oilM3 missing"), e.getMessage());
        Map<String, String> garbled = new TreeMap<>(snap.toMap());
        garbled.put("state.cell.creepM", "12abc");
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SimulatedDevices.create(time, spec, PlantSnapshot.fromMap(garbled))).getMessage()
                .contains("state.cell.creepM '12abc' is not a number"));
        assertThrows(IllegalArgumentException.class, () -> PlantSnapshot.fromProperties(new Properties()));
    }

    @Test
    void aCrackAndALiftedReliefValveArePhysicalAndSurvive() {
        SimSpec spec = SimSpec.defaults(DeviceKind.AUTOMATIC_HYDRAULIC_PRESS).id("p");
        SimulatedDevice press = pressAt15MPa(spec);
        press.faults().crackPellet();
        press.faults().liftReliefValve();
        press.faults().freezeSensor(); // electronics: not part of the plant
        PlantSnapshot snap = press.snapshot();
        SimulatedDevice restored = SimulatedDevices.create(time, spec, snap);
        assertTrue(restored.cell().isCracked());
        assertEquals(Set.of(Fault.PELLET_CRACK, Fault.RELIEF_VALVE_LIFT), restored.faults().active());
        time.advanceSeconds(1);
        assertTrue(restored.plantState().reliefFlowM3s() > 0 || restored.plantState().linePressurePa() == 0,
                "the lifted relief valve vents");
        assertEquals(press.plantState().forceN(), restored.plantState().forceN(), 1.0);
    }
}
