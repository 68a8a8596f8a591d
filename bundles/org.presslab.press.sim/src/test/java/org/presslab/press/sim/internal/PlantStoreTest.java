package org.presslab.press.sim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.presslab.time.TimeSources;
import org.presslab.press.api.DeviceKind;
import org.presslab.press.sim.PlantSnapshot;
import org.presslab.press.sim.SimSpec;
import org.presslab.press.sim.SimUnits;
import org.presslab.press.sim.SimulatedDevice;
import org.presslab.press.sim.SimulatedDevices;
import org.presslab.time.VirtualTimeSource;

/** The file side of "the simulated device outlives its driver". */
class PlantStoreTest {

    private final VirtualTimeSource time = TimeSources.virtual();
    @TempDir
    Path dir;

    private SimSpec frame(String id) {
        return SimSpec.defaults(DeviceKind.SPRING_FRAME).id(id);
    }

    /** A spring frame whose cell has plated, so its force differs from a fresh frame's. */
    private SimulatedDevice platedFrame(String id) {
        SimulatedDevice d = SimulatedDevices.create(time, frame(id));
        d.cell().setCurrentDensity(SimUnits.mAPerCm2(2));
        time.advanceSeconds(1800);
        d.cell().setCurrentDensity(0);
        return d;
    }

    @Test
    void writesAtomicallyAndRestoresOnce() throws IOException {
        PlantStore store = new PlantStore(dir.resolve(PlantStore.fileName("frame-1")));
        SimulatedDevice old = platedFrame("frame-1");
        assertTrue(store.save(old));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("plant-frame-1.properties")), files.toList(), "no temp file left");
        }
        time.advanceSeconds(2);
        PlantStore.Result r = store.createDevice(time, frame("frame-1"), PlantStore.DEFAULT_MAX_AGE_S);
        assertTrue(r.restored());
        assertEquals(old.cell().forceN(), r.device().cell().forceN(), 0.01);
        assertEquals(old.cell().netChargePerArea(), r.device().cell().netChargePerArea(), 1e-9);
        assertFalse(Files.exists(store.file()), "a used snapshot is deleted");
        assertFalse(store.createDevice(time, frame("frame-1"), 3600).restored(), "nothing left to restore");
    }

    @Test
    void tooOldNeverOrAnotherGeometryStartsFresh() {
        PlantStore store = new PlantStore(dir.resolve(PlantStore.fileName("f")));
        SimulatedDevice old = platedFrame("f");
        double fresh = SimulatedDevices.create(time, frame("f")).cell().forceN();
        assertTrue(Math.abs(old.cell().forceN() - fresh) > 1, "the plated frame is distinguishable");
        assertTrue(store.save(old));
        assertFalse(store.createDevice(time, frame("f"), 0).restored(), "restoreMaxAgeS 0 never restores");
        time.advanceSeconds(61);
        assertFalse(store.createDevice(time, frame("f"), 60).restored(), "older than restoreMaxAgeS");
        SimSpec stiffer = frame("f");
        stiffer.frame().springStiffnessNpm(400e3);
        PlantStore.Result other = store.createDevice(time, stiffer, 3600);
        assertFalse(other.restored(), "another geometry");
        assertEquals(SimulatedDevices.create(time, stiffer).cell().forceN(), other.device().cell().forceN(), 1e-9);
        assertTrue(store.createDevice(time, frame("f"), 3600).restored(), "the file was kept for a matching device");
        assertThrows(IllegalArgumentException.class, () -> store.createDevice(time, frame("f"), -1));
    }

    @Test
    void aCorruptFileIsIgnored() throws IOException {
        PlantStore store = new PlantStore(dir.resolve(PlantStore.fileName("c")));
        Files.writeString(store.file(), "format=presslab-sim-plant\nformatVersion=1\nkind=SPRING_FRAME\nid=c\n"
                + "takenAt=not a time\n", StandardCharsets.ISO_8859_1);
        PlantStore.Result r = store.createDevice(time, frame("c"), 3600);
        assertFalse(r.restored());
        assertTrue(store.read().isEmpty());
        Files.write(store.file(), new byte[] {'a', '=', '\\', 'u', 'z', 'z'}); // malformed escape
        assertTrue(store.read().isEmpty());
        assertFalse(store.createDevice(time, frame("c"), 3600).restored());
    }

    @Test
    void fileNamesAreSafe() {
        assertEquals("plant-sim-press-1.properties", PlantStore.fileName("sim-press-1"));
        assertEquals("plant-.._x_y.properties", PlantStore.fileName("../x/y"));
    }

    @Test
    void aSnapshotWrittenByOneDeviceReadsBackEqual() throws IOException {
        PlantStore store = new PlantStore(dir.resolve("sub").resolve(PlantStore.fileName("p")));
        SimulatedDevice press = SimulatedDevices.hydraulicPress(time, "p", 1);
        time.advanceSeconds(1);
        PlantSnapshot s = press.snapshot();
        store.write(s);
        assertEquals(s, store.read().orElseThrow());
    }
}
