package org.presslab.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.Collection;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.cm.Configuration;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.SatisfiedReferenceDTO;
import org.presslab.press.api.ActuatorCommand;
import org.presslab.press.api.PressDriver;
import org.presslab.press.api.Quality;
import org.presslab.press.api.Reading;
import org.presslab.serial.PortState;
import org.presslab.serial.SerialPortManager;

/**
 * Issue 13: a test substitutes the serial port manager inside the container. The probe registers its own
 * {@link SerialPortManager} (service property {@code presslab.ports=itest}) whose only port is an in-memory
 * Modbus RTU device, and a Modbus driver configuration picks it with {@code ports.target}; the driver reads and
 * writes that device through the serial API alone, also once the jSerialComm provider bundle is stopped.
 */
@RunWith(PresslabExam.class)
@ExamReactorStrategy(PerClass.class)
public class PortManagerSubstitutionIT extends PresslabTestSupport {

    private static final String MODBUS_FACTORY_PID = "org.presslab.press.modbus";
    private static final String MODBUS_BUNDLE = "org.presslab.press.modbus";
    private static final String MODBUS_COMPONENT = "org.presslab.press.modbus.internal.ModbusDriverComponent";
    private static final String JSERIALCOMM_BUNDLE = "org.presslab.serial.jserialcomm";
    private static final String SERIAL_API_BUNDLE = "org.presslab.serial";
    private static final String DRIVER_ID = "itest-rtu";
    /** A path no real port has: only the substituted manager can open it. */
    private static final String PORT = "/dev/presslab-itest/rtu-1";
    private static final int SLAVE = 17;

    @Inject
    private FeaturesService features;

    @org.ops4j.pax.exam.Configuration
    public Option[] config() {
        // installed before the probe, so the probe resolves org.presslab.serial and no feature install refreshes it
        return baseOptions(PresslabOptions.bootFeature("presslab-modbus"));
    }

    @Test
    public void modbusDriverRunsOnASubstitutedPortManager() throws Exception {
        assertEquals("CRC-16/MODBUS of the textbook request 01 03 00 00 00 01 (sent as 84 0A, low byte first)",
                0x0A84, InMemoryModbusDevice.crc(new byte[] {1, 3, 0, 0, 0, 1}, 0, 6));
        assertTrue("feature presslab-modbus is installed", features.isInstalled(features.getFeature("presslab-modbus")));
        Bundle modbus = bundle(MODBUS_BUNDLE);
        Bundle jserialcomm = bundle(JSERIALCOMM_BUNDLE);
        assertEquals(MODBUS_BUNDLE + " is active", Bundle.ACTIVE, modbus.getState());
        assertEquals(JSERIALCOMM_BUNDLE + " is active", Bundle.ACTIVE, jserialcomm.getState());
        assertNoWireToTheProvider(modbus);

        InMemoryModbusDevice device = new InMemoryModbusDevice(SLAVE);
        device.setInput(0, 0x0001, 0xE240);   // force INT32 123456 × 0.1 N = 12345.6 N
        device.setHolding(10, 1234);          // pressure UINT16 1234 × 0.01 MPa = 12.34 MPa
        InMemoryPortManager manager = new InMemoryPortManager();
        manager.attach(PORT, device);
        Hashtable<String, Object> serviceProps = new Hashtable<>();
        serviceProps.put("presslab.ports", "itest");
        ServiceRegistration<SerialPortManager> registration = context.registerService(SerialPortManager.class, manager, serviceProps);
        long managerServiceId = (Long) registration.getReference().getProperty(Constants.SERVICE_ID);
        Configuration configuration = null;
        try {
            // the jSerialComm manager is there too (the target filter, not its absence, picks ours)
            assertTrue("jSerialComm's SerialPortManager is registered beside ours",
                    context.getServiceReferences(SerialPortManager.class, "(!(presslab.ports=itest))").size() >= 1);

            configuration = factoryConfig(MODBUS_FACTORY_PID, "itest", modbusConfiguration());

            boolean registered = waitFor(() -> driverRef().isPresent(), 30_000);
            assertTrue("PressDriver " + DRIVER_ID + " registered; component: " + componentState(), registered);
            ServiceReference<PressDriver> ref = driverRef().orElseThrow();
            assertEquals("registered by the Modbus bundle", MODBUS_BUNDLE, ref.getBundle().getSymbolicName());
            assertEquals(PORT, ref.getProperty("presslab.driver.port"));
            assertEquals("modbus-rtu", ref.getProperty("presslab.driver.protocol"));
            assertEquals(Set.of("ACTUATE", "SENSE_FORCE", "SENSE_PRESSURE"), Set.of((String[]) ref.getProperty(PressDriver.PROP_CAPABILITIES)));
            long driverServiceId = (Long) ref.getProperty(Constants.SERVICE_ID);
            assertEquals("the component's 'ports' reference is bound to the probe's manager", List.of(managerServiceId), boundPorts());

            List<InMemoryPortManager.OpenCall> opens = manager.opens();
            assertEquals("one open: " + opens, 1, opens.size());
            assertEquals(PORT, opens.get(0).port().path());
            assertEquals("38400 8N1", opens.get(0).settings().describe());
            assertTrue("owner names the driver: " + opens.get(0).owner(), opens.get(0).owner().contains(DRIVER_ID));
            InMemoryPortManager.Connection connection = manager.created().get(0);
            assertEquals(PortState.OPEN, connection.state());

            PressDriver driver = context.getService(ref);
            assertReading(driver, 12345.6, 12.34e6);

            // the device's registers change: the reading follows
            device.setInput(0, 0xFFFF, 0xF63C);   // INT32 -2500 → -250.0 N
            device.setHolding(10, 4321);          // 43.21 MPa
            assertReading(driver, -250.0, 43.21e6);

            // a setpoint goes out as FC16 (setpoint), FC5 (enable coil) and FC6 (run command)
            driver.actuator().orElseThrow().command(ActuatorCommand.force(20_000));
            boolean written = waitFor(() -> device.holding(2) == 0x0003 && device.holding(3) == 0x0D40 && device.coil(0)
                    && device.holding(0) == 2, 10_000);
            assertTrue(String.format("setpoint 200000 counts (0x0003 0x0D40), coil on, command 2 (run) in the device; it holds"
                    + " 0x%04X 0x%04X, coil %s, command %d; health %s", device.holding(2), device.holding(3), device.coil(0),
                    device.holding(0), driver.health()), written);

            // the jSerialComm provider goes away: the driver keeps running on the API and the probe's manager
            jserialcomm.stop();
            assertEquals(Bundle.RESOLVED, jserialcomm.getState());
            assertTrue("only the probe's manager is left",
                    context.getServiceReferences(SerialPortManager.class, "(!(presslab.ports=itest))").isEmpty());
            device.setInput(0, 0x0000, 0x1388);   // 5000 → 500.0 N
            device.setHolding(10, 500);           // 5.00 MPa
            assertReading(driver, 500.0, 5.0e6);
            assertEquals(Bundle.ACTIVE, modbus.getState());
            ServiceReference<PressDriver> still = driverRef().orElseThrow(() -> new AssertionError("driver service gone"));
            assertEquals("the same driver service, not registered again", driverServiceId, still.getProperty(Constants.SERVICE_ID));
            assertEquals(1, manager.opens().size());

            // what went over the line
            List<InMemoryModbusDevice.Frame> frames = device.frames();
            Set<Integer> functionCodes = new TreeSet<>();
            for (InMemoryModbusDevice.Frame f : frames) {
                assertTrue("request with a bad CRC: " + f, f.crcOk());
                assertEquals("request for another slave id: " + f, SLAVE, f.slaveId());
                functionCodes.add(f.functionCode());
            }
            assertEquals("function codes the driver used: " + functionCodes, Set.of(3, 4, 5, 6, 16), functionCodes);
            assertTrue("force read from input register 0", frames.stream().anyMatch(f -> f.functionCode() == 4 && f.address() == 0));
            assertTrue("pressure read from holding register 10", frames.stream().anyMatch(f -> f.functionCode() == 3 && f.address() == 10));
            assertEquals("bytes the device could not frame", 0, device.unparsable());
            Map<String, Long> counters = driver.health().counters();
            for (String c : List.of("crcErrors", "timeouts", "truncatedFrames", "garbledFrames", "wrongSlaveReplies", "exceptions", "portErrors")) {
                assertEquals(c + " in " + counters, Long.valueOf(0), counters.get(c));
            }
            assertTrue("every request was a counted transaction: " + counters, counters.get("transactions") >= frames.size());

            // the configuration is deleted: the driver service goes, HOLD is written, the connection is closed
            configuration.delete();
            configuration = null;
            assertTrue("PressDriver " + DRIVER_ID + " withdrawn", waitFor(() -> driverRef().isEmpty(), 15_000));
            boolean closed = waitFor(() -> connection.state() == PortState.CLOSED, 10_000);
            assertTrue("the connection is closed: " + connection, closed);
            assertTrue("the manager holds no connection", manager.connections().isEmpty());
            assertEquals("HOLD (0) written to the command register on deactivation", 0, device.holding(0));
            InMemoryModbusDevice.Frame last = device.frames().get(device.frames().size() - 1);
            assertEquals("the last request is the HOLD command: " + last, 6, last.functionCode());
            boolean gone = waitFor(() -> componentState().isEmpty(), 10_000);
            assertTrue("no component configuration left: " + componentState(), gone);
        } finally {
            if (configuration != null) {
                configuration.delete();
            }
            registration.unregister();
            if (jserialcomm.getState() != Bundle.ACTIVE) {
                jserialcomm.start();
            }
        }
    }

    private static Map<String, Object> modbusConfiguration() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("presslab.driver.id", DRIVER_ID);
        p.put("ports.target", "(presslab.ports=itest)");
        p.put("port", PORT);
        p.put("baudRate", "38400");
        p.put("slaveId", String.valueOf(SLAVE));
        p.put("poll.period.ms", "20");
        p.put("stale.after.ms", "1000");
        p.put("force.table", "INPUT");
        p.put("force.address", "0");
        p.put("force.type", "INT32");
        p.put("force.wordOrder", "HIGH_FIRST");
        p.put("force.scale", "0.1");
        p.put("force.unit", "N");
        p.put("pressure.table", "HOLDING");
        p.put("pressure.address", "10");
        p.put("pressure.type", "UINT16");
        p.put("pressure.scale", "0.01");
        p.put("pressure.unit", "MPa");
        p.put("setpoint.address", "2");
        p.put("setpoint.type", "INT32");
        p.put("setpoint.scale", "0.1");
        p.put("setpoint.unit", "N");
        p.put("command.address", "0");
        p.put("command.run", "2");
        p.put("command.hold", "0");
        p.put("command.stop", "4");
        p.put("enable.coil", "0");
        p.put("forceRange.kN", "50");
        p.put("forceRating.kN", "50");
        return p;
    }

    private void assertReading(PressDriver driver, double forceN, double pressurePa) throws InterruptedException {
        Supplier<Reading> read = driver::read;
        boolean ok = waitFor(() -> {
            Reading r = read.get();
            return r.quality() == Quality.GOOD && Math.abs(r.forceN() - forceN) < 1e-6 && Math.abs(r.pressurePa() - pressurePa) < 1e-3;
        }, 15_000);
        assertTrue("reading " + forceN + " N, " + pressurePa + " Pa; got " + read.get() + ", health " + driver.health(), ok);
    }

    private java.util.Optional<ServiceReference<PressDriver>> driverRef() {
        try {
            Collection<ServiceReference<PressDriver>> refs = context.getServiceReferences(PressDriver.class,
                    "(" + PressDriver.PROP_ID + "=" + DRIVER_ID + ")");
            return refs.stream().findFirst();
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Modbus component configurations for {@link #DRIVER_ID}, with their states. */
    private List<String> componentState() {
        ComponentDescriptionDTO d = scr.getComponentDescriptionDTO(bundle(MODBUS_BUNDLE), MODBUS_COMPONENT);
        assertNotNull("SCR knows " + MODBUS_COMPONENT, d);
        return scr.getComponentConfigurationDTOs(d).stream().filter(c -> DRIVER_ID.equals(c.properties.get(PressDriver.PROP_ID)))
                .map(c -> stateName(c.state) + (c.failure == null ? "" : ": " + c.failure)).toList();
    }

    /** Service ids bound to the 'ports' reference of the Modbus component configuration for {@link #DRIVER_ID}. */
    private List<Long> boundPorts() {
        ComponentDescriptionDTO d = scr.getComponentDescriptionDTO(bundle(MODBUS_BUNDLE), MODBUS_COMPONENT);
        for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
            if (DRIVER_ID.equals(c.properties.get(PressDriver.PROP_ID))) {
                for (SatisfiedReferenceDTO r : c.satisfiedReferences) {
                    if (r.name.equals("ports")) {
                        assertEquals("the reference's target", "(presslab.ports=itest)", r.target);
                        return java.util.Arrays.stream(r.boundServices).map(s -> s.id).toList();
                    }
                }
            }
        }
        return List.of();
    }

    /** The Modbus bundle gets org.presslab.serial from the API bundle and nothing from the jSerialComm provider. */
    private static void assertNoWireToTheProvider(Bundle modbus) {
        BundleWiring wiring = modbus.adapt(BundleWiring.class);
        boolean serialFromApi = false;
        for (BundleWire w : wiring.getRequiredWires(null)) {
            String provider = w.getProvider().getBundle().getSymbolicName();
            assertFalse(MODBUS_BUNDLE + " is wired to the provider: " + w, JSERIALCOMM_BUNDLE.equals(provider));
            Object pkg = w.getCapability().getAttributes().get("osgi.wiring.package");
            if ("org.presslab.serial".equals(pkg)) {
                serialFromApi = SERIAL_API_BUNDLE.equals(provider);
            }
        }
        assertTrue(MODBUS_BUNDLE + " imports org.presslab.serial from " + SERIAL_API_BUNDLE, serialFromApi);
    }
}
