package org.presslab.press.modbus.internal;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Assumptions;
import org.presslab.time.TimeSources;
import org.presslab.emulators.ModbusPressController;
import org.presslab.emulators.PtyPair;
import org.presslab.emulators.RtuSlave;
import org.presslab.press.sim.SimulatedDevice;
import org.presslab.press.sim.SimulatedDevices;
import org.presslab.serial.jserialcomm.JSerialCommPorts;
import org.presslab.serial.jserialcomm.StandalonePortManager;
import org.presslab.time.TimeSource;

/**
 * The emulated PL-100 press controller (simulated hydraulic press + register map) on the device
 * end of a socat pty pair, and the driver's port manager on the host end. Real time throughout.
 */
final class ModbusRig implements AutoCloseable {

    final TimeSource time = TimeSources.system();
    final PtyPair pty;
    final SimulatedDevice plant;
    final ModbusPressController controller;
    final RtuSlave slave;
    final StandalonePortManager ports = JSerialCommPorts.create(20, 250, true);

    ModbusRig(Path dir, int baud) throws Exception {
        Assumptions.assumeTrue(PtyPair.socatAvailable(), "socat is not installed (apt-get install socat): skipping the pty tests");
        pty = PtyPair.start(dir);
        plant = SimulatedDevices.hydraulicPress(time, "plant", 42);
        controller = new ModbusPressController(plant);
        slave = new RtuSlave(pty.device(), baud, 1, controller);
    }

    /** The PL-100 register map, as a lab would write it in etc/org.presslab.press.modbus-press1.cfg. */
    Map<String, Object> config() {
        Map<String, Object> c = new HashMap<>();
        c.put("presslab.driver.id", "press-1");
        c.put("port", pty.host().toString());
        c.put("baudRate", "115200");
        c.put("slaveId", "1");
        c.put("timeout.ms", "100");
        c.put("retries", "2");
        c.put("poll.period.ms", "20");
        c.put("stale.after.ms", "300");
        c.put("force.table", "INPUT");
        c.put("force.address", "0");
        c.put("force.type", "INT32");
        c.put("force.wordOrder", "HIGH_FIRST");
        c.put("force.scale", "0.1");
        c.put("force.unit", "N");
        c.put("pressure.address", "2");
        c.put("pressure.type", "UINT16");
        c.put("pressure.scale", "0.01");
        c.put("pressure.unit", "MPa");
        c.put("setpoint.address", "2");
        c.put("setpoint.type", "FLOAT32");
        c.put("setpoint.wordOrder", "LOW_FIRST");
        c.put("setpoint.unit", "N");
        c.put("output.address", "1");
        c.put("output.type", "INT16");
        c.put("output.scale", "0.001");
        c.put("command.address", "0");
        c.put("command.hold", "0");
        c.put("command.raw", "1");
        c.put("command.run", "2");
        c.put("command.vent", "3");
        c.put("command.stop", "4");
        c.put("enable.coil", "0");
        c.put("status.address", "4");
        c.put("status.alarmMask", "0x0200");
        c.put("status.overloadMask", "0x0100");
        c.put("status.holdMask", "0x0400");
        c.put("forceRange.kN", String.valueOf(plant.info().forceRangeN() / 1e3));
        c.put("forceRating.kN", String.valueOf(plant.info().maxForceRatingN() / 1e3));
        c.put("pressureRange.MPa", String.valueOf(plant.info().pressureRangePa() / 1e6));
        c.put("pressureRating.MPa", String.valueOf(plant.info().maxPressureRatingPa() / 1e6));
        c.put("device.vendor", "Presslab emulators");
        c.put("device.model", "PL-100");
        c.put("ramArea.mm2", String.valueOf(plant.info().ramAreaM2() * 1e6));
        c.put("maxForceRate.kNps", String.valueOf(plant.info().maxForceRateNps() / 1e3));
        return c;
    }

    ModbusPressDriver driver(Map<String, Object> config) throws Exception {
        return new ModbusPressDriver(ModbusSettings.parse(config), ports, time);
    }

    static boolean await(BooleanSupplier condition, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(5);
        }
        return condition.getAsBoolean();
    }

    @Override
    public void close() {
        ports.close();
        slave.close();
        pty.close();
        plant.close();
    }
}
