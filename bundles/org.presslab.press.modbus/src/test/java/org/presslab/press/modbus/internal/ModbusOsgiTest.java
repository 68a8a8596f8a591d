package org.presslab.press.modbus.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.presslab.press.api.PressDriver;
import org.presslab.press.api.Quality;

/**
 * The bundles in a real OSGi framework (embedded Felix with SCR and Config Admin): a factory
 * configuration of {@code org.presslab.press.modbus} makes the DS component open the pty through
 * the bundle-scoped serial service and register a working {@link PressDriver}; deleting the
 * configuration unregisters it and releases the port.
 */
class ModbusOsgiTest {

    @TempDir
    Path storage;
    @TempDir
    Path ptyDir;

    private static String jar(String namePart) {
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (new File(e).getName().startsWith(namePart)) {
                return new File(e).toURI().toString();
            }
        }
        throw new IllegalStateException("not on the test classpath: " + namePart);
    }

    @Test
    void aFactoryConfigurationRegistersAWorkingDriver() throws Exception {
        try (ModbusRig rig = new ModbusRig(ptyDir, 115200)) {
            FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).iterator().next();
            Map<String, String> fw = Map.of(Constants.FRAMEWORK_STORAGE, storage.toString(),
                    Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT,
                    // the test shares the driver API and logging with the framework
                    Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, "org.presslab.press.api;version=2.0.0,org.slf4j;version=1.7.36,org.slf4j;version=2.0.9",
                    // When the fuzz tests ran first in this JVM, Jazzer's agent instruments classes made later, such as the
                    // Converter's proxy of the configuration annotation in the driver bundle, to call its runtime (on the
                    // boot class path): the bundles must see it.
                    Constants.FRAMEWORK_BOOTDELEGATION, "com.code_intelligence.jazzer.*");
            Framework framework = factory.newFramework(fw);
            framework.start();
            try {
                BundleContext ctx = framework.getBundleContext();
                List<Bundle> bundles = new ArrayList<>();
                for (String b : new String[] {jar("org.osgi.util.function"), jar("org.osgi.util.promise"), jar("org.osgi.util.converter"),
                        jar("org.osgi.service.component-"),
                        jar("org.apache.felix.scr"), jar("org.apache.felix.configadmin"), jar("jSerialComm"), jar("j2mod"),
                        jar("org.presslab.time"), jar("org.presslab.press.support-"), jar("org.presslab.serial-"),
                        jar("org.presslab.serial.jserialcomm-"),
                        "reference:" + new File("target/classes").toURI()}) {
                    bundles.add(ctx.installBundle(b));
                }
                for (Bundle b : bundles) {
                    b.start();
                }
                ServiceReference<?> cmRef = null;
                for (int i = 0; i < 100 && cmRef == null; i++) {
                    ServiceReference<?>[] all = ctx.getAllServiceReferences("org.osgi.service.cm.ConfigurationAdmin", null);
                    cmRef = all == null ? null : all[0];
                    Thread.sleep(20);
                }
                assertNotNull(cmRef, "Config Admin runs: " + states(bundles) + " services " + java.util.Arrays.toString(ctx.getAllServiceReferences(null, null)));
                Object cm = ctx.getService(cmRef);
                Object config = cm.getClass().getMethod("createFactoryConfiguration", String.class, String.class)
                        .invoke(cm, ModbusDriverComponent.PID, "?");
                Dictionary<String, Object> props = new Hashtable<>(rig.config());
                config.getClass().getMethod("update", Dictionary.class).invoke(config, props);

                PressDriver driver = awaitDriver(ctx, 5000);
                assertNotNull(driver, "the DS component registered a PressDriver: " + states(bundles));
                ServiceReference<PressDriver> ref = ctx.getServiceReferences(PressDriver.class, "(presslab.driver.id=press-1)").iterator().next();
                assertEquals("AUTOMATIC_HYDRAULIC_PRESS", ref.getProperty(PressDriver.PROP_KIND));
                assertArrayEquals(new String[] {"ACTUATE", "SENSE_FORCE", "SENSE_PRESSURE"}, (String[]) ref.getProperty(PressDriver.PROP_CAPABILITIES));
                assertTrue(ModbusRig.await(() -> driver.read().quality() == Quality.GOOD, 3000), "" + driver.health());

                config.getClass().getMethod("delete").invoke(config);
                assertTrue(ModbusRig.await(() -> {
                    try {
                        return ctx.getServiceReferences(PressDriver.class, null).isEmpty();
                    } catch (Exception e) {
                        return false;
                    }
                }, 3000), "deleting the configuration withdraws the driver");
                assertTrue(ModbusRig.await(() -> portFree(rig), 3000), "and releases the port");
            } finally {
                framework.stop();
                framework.waitForStop(5000);
            }
        }
    }

    /** The framework's serial bundle has its own registry; the port is free when the test's manager can take it. */
    private static boolean portFree(ModbusRig rig) {
        try (var c = rig.ports.open(org.presslab.serial.PortSelector.byPath(rig.pty.host().toString()),
                org.presslab.serial.SerialSettings.of8N1(115200), "probe")) {
            return c.state() == org.presslab.serial.PortState.OPEN;
        } catch (Exception e) {
            return false;
        }
    }

    private static PressDriver awaitDriver(BundleContext ctx, long ms) throws Exception {
        long end = System.nanoTime() + ms * 1_000_000L;
        while (System.nanoTime() < end) {
            var refs = ctx.getServiceReferences(PressDriver.class, "(presslab.driver.id=press-1)");
            if (!refs.isEmpty()) {
                return ctx.getService(refs.iterator().next());
            }
            Thread.sleep(20);
        }
        return null;
    }

    private static String states(List<Bundle> bundles) {
        StringBuilder sb = new StringBuilder();
        for (Bundle b : bundles) {
            sb.append(b.getSymbolicName()).append('=').append(b.getState()).append(' ');
        }
        return sb.toString();
    }
}
