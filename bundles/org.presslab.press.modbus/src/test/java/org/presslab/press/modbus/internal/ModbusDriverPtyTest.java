package org.presslab.press.modbus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.presslab.press.modbus.internal.ModbusRig.await;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.presslab.emulators.ModbusPressController;
import org.presslab.emulators.RtuFault;
import org.presslab.press.api.ActuationMode;
import org.presslab.press.api.Actuator;
import org.presslab.press.api.ActuatorCommand;
import org.presslab.press.api.Capability;
import org.presslab.press.api.ConnectionState;
import org.presslab.press.api.DeviceHealth;
import org.presslab.press.api.Quality;
import org.presslab.press.api.Reading;
import org.presslab.press.api.SafeAction;

/** The Modbus driver against the emulated press controller, through a real pty pair. */
class ModbusDriverPtyTest {

    @TempDir
    Path dir;
    private ModbusRig rig;
    private ModbusPressDriver driver;

    @BeforeEach
    void setUp() throws Exception {
        rig = new ModbusRig(dir, 115200);
    }

    @AfterEach
    void tearDown() {
        if (driver != null) {
            driver.close();
        }
        assertEquals(List.of(), rig.ports.connections(), "no port left open");
        rig.close();
    }

    private void startDriver() throws Exception {
        driver = rig.driver(rig.config());
        assertTrue(await(() -> driver.health().state() == ConnectionState.CONNECTED && driver.read().quality() == Quality.GOOD, 3000),
                "connected: " + driver.health());
    }

    @Test
    void readsForceAndPressureAsTheDeviceMeasuresThem() throws Exception {
        startDriver();
        assertEquals(java.util.Set.of(Capability.SENSE_FORCE, Capability.SENSE_PRESSURE, Capability.ACTUATE), driver.capabilities());
        Actuator act = driver.actuator().orElseThrow();
        assertEquals(java.util.Set.of(ActuationMode.FORCE_SETPOINT, ActuationMode.RAW_OUTPUT), act.modes());
        act.command(ActuatorCommand.raw(0.05));
        assertTrue(await(() -> driver.read().forceN() > 500, 5000), "force rises under raw output: " + driver.read());
        act.enterSafeState(SafeAction.HOLD);
        assertTrue(await(() -> rig.controller.mode() == ModbusPressController.MODE_HOLD, 1000));
        Thread.sleep(200);
        // The plant keeps moving a little while it holds (lag, creep of the sodium), so bracket the
        // driver's reading between two plant readings taken around it, after the driver has polled
        // at least twice more: on a loaded machine the poll can lag the plant by a few hundred ms.
        Reading before = rig.plant.read();
        long seq0 = driver.read().sequence();
        assertTrue(await(() -> driver.read().sequence() > seq0 + 2, 2000), "the driver keeps polling");
        Reading r = driver.read();
        Reading after = rig.plant.read();
        assertEquals(Quality.GOOD, r.quality());
        // 0.1 N per count on the wire, plus load-cell noise between samples
        double tolN = 5;
        assertTrue(r.forceN() >= Math.min(before.forceN(), after.forceN()) - tolN
                && r.forceN() <= Math.max(before.forceN(), after.forceN()) + tolN,
                "driver reads what the plant measures: " + r.forceN() + " N, plant " + before.forceN() + " .. " + after.forceN() + " N");
        double pLow = Math.min(before.pressurePa(), after.pressurePa());
        double pHigh = Math.max(before.pressurePa(), after.pressurePa());
        double tolPa = 0.02e6 + 0.01 * r.pressurePa();
        assertTrue(r.pressurePa() >= pLow - tolPa && r.pressurePa() <= pHigh + tolPa,
                "line pressure, 0.01 MPa per count: " + r.pressurePa() + " Pa, plant " + pLow + " .. " + pHigh + " Pa");
        long seq = r.sequence();
        assertTrue(await(() -> driver.read().sequence() > seq + 5, 1000), "new readings keep coming");
        assertEquals(ConnectionState.CONNECTED, driver.health().state());
        assertEquals(0L, driver.health().counters().get("crcErrors"));
    }

    @Test
    void writesTheForceSetpointAndTheControllerHoldsIt() throws Exception {
        startDriver();
        Actuator act = driver.actuator().orElseThrow();
        act.command(ActuatorCommand.force(2000));
        assertTrue(await(() -> rig.controller.mode() == ModbusPressController.MODE_FORCE, 1000), "mode RUN written");
        assertEquals(2000.0, rig.controller.setpointN(), 0.001, "FLOAT32 low word first decoded by the device");
        assertTrue(await(() -> Math.abs(driver.read().forceN() - 2000) < 40, 5000), "force settles at the setpoint: " + driver.read());
        act.command(ActuatorCommand.force(1500.5));
        assertTrue(await(() -> Math.abs(rig.controller.setpointN() - 1500.5) < 0.01, 1000), "latest setpoint wins");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> act.command(ActuatorCommand.force(rig.plant.info().maxForceRatingN() + 1)));
        assertTrue(e.getMessage().contains("above the rating"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> act.command(ActuatorCommand.pressure(10e6)), "no pressure mode in this map");
    }

    @Test
    void corruptCrcOnEveryReplyDisconnectsWithTheCauseAndRecovers() throws Exception {
        startDriver();
        rig.slave.setFault(RtuFault.CORRUPT_CRC);
        assertTrue(await(() -> driver.health().state() == ConnectionState.DISCONNECTED, 3000), "" + driver.health());
        DeviceHealth h = driver.health();
        assertTrue(h.message().contains("bad CRC") && h.message().contains("RS-485 termination"), h.message());
        assertTrue(h.counters().get("crcErrors") >= 3, h.counters().toString());
        assertEquals(Quality.STALE, driver.read().quality(), "never a stale value as fresh");
        rig.slave.setFault(RtuFault.NONE);
        assertTrue(await(() -> driver.health().state().isUp() && driver.read().quality() == Quality.GOOD, 2000), "" + driver.health());
    }

    @Test
    void occasionalCrcErrorsAreRetriedAndReportedAsDegraded() throws Exception {
        startDriver();
        rig.slave.setFault(RtuFault.CORRUPT_CRC, 4);
        assertTrue(await(() -> driver.health().state() == ConnectionState.DEGRADED && driver.health().message().contains("needed retries"), 3000),
                "" + driver.health());
        assertTrue(await(() -> driver.read().quality() == Quality.GOOD, 500), "retried polls still deliver fresh readings");
        Map<String, Long> c = driver.health().counters();
        assertTrue(c.get("retries") > 0 && c.get("crcErrors") > 0, c.toString());
        assertTrue(driver.health().message().contains("needed retries"), driver.health().message());
    }

    @Test
    void truncatedRepliesAreCountedAndDisconnect() throws Exception {
        startDriver();
        rig.slave.setFault(RtuFault.TRUNCATE);
        assertTrue(await(() -> driver.health().state() == ConnectionState.DISCONNECTED, 3000), "" + driver.health());
        assertTrue(driver.health().message().contains("truncated"), driver.health().message());
        assertTrue(driver.health().counters().get("truncatedFrames") > 0);
        assertEquals(Quality.STALE, driver.read().quality());
    }

    @Test
    void garbageBytesAreCountedAndDisconnect() throws Exception {
        startDriver();
        rig.slave.setFault(RtuFault.GARBAGE);
        assertTrue(await(() -> driver.health().state() == ConnectionState.DISCONNECTED, 3000), "" + driver.health());
        assertTrue(driver.health().message().contains("garbled"), driver.health().message());
        assertTrue(driver.health().counters().get("garbledFrames") > 0);
        rig.slave.setFault(RtuFault.NONE);
        assertTrue(await(() -> driver.read().quality() == Quality.GOOD, 2000), "recovers after the noise: " + driver.health());
    }

    @Test
    void repliesFromAnotherSlaveAreNotTaken() throws Exception {
        startDriver();
        rig.slave.setFault(RtuFault.WRONG_SLAVE_ID);
        assertTrue(await(() -> driver.health().state() == ConnectionState.DISCONNECTED, 3000), "" + driver.health());
        assertTrue(driver.health().message().contains("another slave id than 1"), driver.health().message());
        assertTrue(driver.health().counters().get("wrongSlaveReplies") > 0);
        assertEquals(Quality.STALE, driver.read().quality());
    }

    @Test
    void wrongConfiguredSlaveIdIsASilentDevice() throws Exception {
        Map<String, Object> c = rig.config();
        c.put("slaveId", "7");
        driver = rig.driver(c);
        assertTrue(await(() -> driver.health().state() == ConnectionState.DISCONNECTED, 3000), "" + driver.health());
        assertTrue(driver.health().message().contains("does not answer") && driver.health().message().contains("slave id 7"),
                driver.health().message());
        assertEquals(Quality.STALE, driver.read().quality());
        assertTrue(Double.isNaN(driver.read().forceN()), "no value was ever measured");
    }

    @Test
    void silentDeviceGoesStaleAndItsWatchdogHoldsThePress() throws Exception {
        startDriver();
        Actuator act = driver.actuator().orElseThrow();
        act.command(ActuatorCommand.force(1500));
        assertTrue(await(() -> Math.abs(driver.read().forceN() - 1500) < 40, 5000), "" + driver.read());
        rig.slave.setFault(RtuFault.SILENT);
        assertTrue(await(() -> driver.health().state() == ConnectionState.DISCONNECTED, 3000), "" + driver.health());
        assertTrue(driver.health().counters().get("timeouts") >= 3);
        Reading stale = driver.read();
        assertEquals(Quality.STALE, stale.quality());
        assertTrue(await(rig.controller::watchdogHolding, 2000), "the controller holds on its own after its watchdog");
        double held = rig.plant.read().forceN();
        Thread.sleep(300);
        assertEquals(held, rig.plant.read().forceN(), 30, "load held, not dumped");
        rig.slave.setFault(RtuFault.NONE);
        assertTrue(await(() -> driver.read().quality() == Quality.GOOD, 2000));
        assertTrue(await(() -> rig.controller.mode() == ModbusPressController.MODE_FORCE, 2000),
                "the latest command is written again once the device answers");
    }

    @Test
    void portThatDisappearsMidHoldComesBackUnderTheSameName() throws Exception {
        startDriver();
        Actuator act = driver.actuator().orElseThrow();
        act.command(ActuatorCommand.force(1800));
        assertTrue(await(() -> Math.abs(driver.read().forceN() - 1800) < 40, 5000), "" + driver.read());
        rig.pty.stop();
        assertTrue(await(() -> driver.health().state() == ConnectionState.DISCONNECTED, 2000), "" + driver.health());
        String msg = driver.health().message();
        assertTrue(msg.contains(rig.pty.host().toString()) && (msg.contains("vanished") || msg.contains("absent")), msg);
        assertEquals(Quality.STALE, driver.read().quality());
        assertTrue(await(rig.controller::watchdogHolding, 2500), "device holds the load while the cable is out");
        double held = rig.plant.read().forceN();
        assertEquals(1800, held, 60);

        rig.pty.start();
        long t0 = System.nanoTime();
        assertTrue(await(() -> driver.health().state() == ConnectionState.CONNECTED && driver.read().quality() == Quality.GOOD, 5000),
                "back within 5 s: " + driver.health());
        assertTrue((System.nanoTime() - t0) / 1e9 < 5);
        assertTrue(driver.health().counters().get("reconnects") >= 1);
        assertTrue(await(() -> rig.controller.mode() == ModbusPressController.MODE_FORCE, 2000), "command written again");
    }

    @Test
    void anExceptionReplyIsAFaultNamingTheRegister() throws Exception {
        Map<String, Object> c = rig.config();
        c.put("pressure.address", "40");
        driver = rig.driver(c);
        assertTrue(await(() -> driver.health().state() == ConnectionState.FAULT, 3000), "" + driver.health());
        String m = driver.health().message();
        assertTrue(m.contains("exception 2") && m.contains("input register 40") && m.contains("register map"), m);
        assertTrue(driver.health().counters().get("exceptions") > 0);
    }

    @Test
    void closingLeavesThePressHoldingAndReleasesThePort() throws Exception {
        startDriver();
        driver.actuator().orElseThrow().command(ActuatorCommand.force(1200));
        assertTrue(await(() -> rig.controller.mode() == ModbusPressController.MODE_FORCE, 2000));
        driver.close();
        assertEquals(ModbusPressController.MODE_HOLD, rig.controller.mode(), "HOLD written on shutdown");
        assertEquals(List.of(), rig.ports.connections());
        assertEquals(ConnectionState.DISCONNECTED, driver.health().state());
        assertEquals(Quality.STALE, driver.read().quality());
        driver = null;
    }
    @Test
    void aNonFiniteFloatForceIsAFaultNamingTheRegisterNeverGood() throws Exception {
        Map<String, Object> c = rig.config();
        c.put("force.address", "6");
        c.put("force.type", "FLOAT32");
        c.put("force.wordOrder", "HIGH_FIRST");
        c.put("force.scale", "1");
        driver = rig.driver(c);
        assertTrue(await(() -> driver.health().state() == ConnectionState.CONNECTED && driver.read().quality() == Quality.GOOD, 3000),
                "connected on the FLOAT32 force: " + driver.health());
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            rig.controller.forceOverride(bad);
            long seq = driver.read().sequence();
            assertTrue(await(() -> driver.read().sequence() > seq + 1 && driver.read().quality() == Quality.FAULT, 2000),
                    "force " + bad + " on the wire: " + driver.read());
            Reading r = driver.read();
            assertEquals(Quality.FAULT, r.quality(), "never GOOD nor OVERLOAD for " + bad);
            assertTrue(await(() -> driver.health().state() == ConnectionState.FAULT, 1000), "" + driver.health());
            String m = driver.health().message();
            assertTrue(m.contains("input register 6") && m.contains("not a finite number") && m.contains(String.valueOf(bad)), m);
            rig.controller.clearForceOverride();
            assertTrue(await(() -> driver.read().quality() == Quality.GOOD && driver.health().state() == ConnectionState.CONNECTED, 2000),
                    "a finite force is GOOD again: " + driver.read() + " " + driver.health());
        }
    }

    @Test
    void closingKeepsALatchedStopOrVentInsteadOfHolding() throws Exception {
        startDriver();
        Actuator act = driver.actuator().orElseThrow();
        act.command(ActuatorCommand.force(1200));
        assertTrue(await(() -> rig.controller.mode() == ModbusPressController.MODE_FORCE, 2000));
        act.enterSafeState(SafeAction.STOP);
        assertTrue(await(() -> rig.controller.mode() == ModbusPressController.MODE_STOP, 2000), "STOP written");
        driver.close();
        assertEquals(ModbusPressController.MODE_STOP, rig.controller.mode(), "a latched STOP is not downgraded to HOLD on shutdown");
        assertEquals(List.of(), rig.ports.connections());
        driver = null;

        driver = rig.driver(rig.config());
        assertTrue(await(() -> driver.health().state() == ConnectionState.CONNECTED, 3000), "" + driver.health());
        driver.actuator().orElseThrow().enterSafeState(SafeAction.VENT);
        assertTrue(await(() -> rig.controller.mode() == ModbusPressController.MODE_VENT, 2000), "VENT written");
        driver.close();
        assertEquals(ModbusPressController.MODE_VENT, rig.controller.mode(), "a VENT in force stays on shutdown");
        driver = null;
    }
}
