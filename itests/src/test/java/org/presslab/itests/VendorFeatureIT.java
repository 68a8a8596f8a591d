package org.presslab.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.InvalidSyntaxException;
import org.presslab.press.api.PressDriver;

/**
 * The vendor example shipped the Karaf way (examples/vendor-driver, README "Shipping a driver"): its KAR
 * installed with {@code kar:install}, and its features XML added with {@code feature:repo-add} and
 * installed with {@code feature:install}. Each time the driver bundle resolves against the Presslab
 * distribution's presslab-api feature, its DS factory component registers the PressDriver service
 * for a configuration, nothing that ran before changes state, and uninstalling leaves no vendor bundle.
 *
 * <p>This class boots the distribution without the vendor jar in system/ (unlike the other classes), so
 * the KAR test gets the bundle from the KAR alone; the feature test puts the jar and the features XML
 * into system/ first, as a lab puts a vendor's artifacts into a Maven repository its Karaf reads, and
 * removes them afterwards.
 */
@RunWith(PresslabExam.class)
@ExamReactorStrategy(PerClass.class)
public class VendorFeatureIT extends PresslabTestSupport {

    private static final String VERSION = "1.0.0-SNAPSHOT";
    private static final String FEATURE = "acme-servo-press";
    private static final String FEATURES_URL = "mvn:com.example.presslab/acme-servo-press/" + VERSION + "/xml/features";
    private static final String BUNDLE_LOCATION = "mvn:com.example.presslab/acme-servo-press/" + VERSION;
    private static final String KAR_NAME = "acme-servo-press-" + VERSION;
    private static final String BSN = "com.example.presslab.acme";
    private static final String VENDOR_FACTORY_PID = "com.example.presslab.acme";
    private static final String REPO_DIR = "com/example/presslab/acme-servo-press/" + VERSION;

    @Inject
    private FeaturesService features;

    @Configuration
    public Option[] config() {
        return PresslabOptions.baseWithoutVendorDriver(
                // The built artifacts' paths, for the probe (it runs in the container's JVM).
                passThrough("presslab.vendorDriver"), passThrough("presslab.vendorFeatures"), passThrough("presslab.vendorKar"));
    }

    private static Option passThrough(String key) {
        String value = System.getProperty(key, "");
        return CoreOptions.systemProperty(key).value(value.startsWith("${") ? "" : value);
    }

    @Test
    public void karInstallsTheDriverFeature() throws Exception {
        assertNoVendorBundle();
        Path kar = builtFile("presslab.vendorKar");
        Map<String, Integer> before = componentStates();

        long t0 = System.nanoTime();
        CommandResult install = shell("kar:install " + kar.toUri());
        try {
            karInstalled(install, before, t0);
        } finally {
            if (shell("kar:list").output().contains(KAR_NAME)) {
                CommandResult uninstall = shell("kar:uninstall " + KAR_NAME);
                assertTrue(uninstall.toString(), uninstall.ok());
            }
        }
        assertTrue("kar:uninstall removes the driver bundle", waitFor(() -> findVendorBundle().isEmpty(), 10_000));
        assertTrue("and its features repository", features.getFeature(FEATURE) == null);
    }

    private void karInstalled(CommandResult install, Map<String, Integer> before, long t0) throws Exception {
        assertTrue(install.toString(), install.ok());
        System.out.printf("[presslab-itests] kar:install of the vendor KAR: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        CommandResult list = shell("kar:list");
        assertTrue("kar:list shows it: " + list, list.ok() && list.output().contains(KAR_NAME));

        // The KAR carried the bundle: Karaf unpacked it into data/kar/<name>/, a Maven repository its mvn:
        // handler reads before the local repository. It is the jar this build made.
        Path unpacked = Path.of(System.getProperty("karaf.data"), "kar", KAR_NAME, REPO_DIR, "acme-servo-press-" + VERSION + ".jar");
        assertTrue("the KAR holds the driver bundle: " + unpacked, Files.isRegularFile(unpacked));
        assertArrayEquals("the KAR's bundle is the one this build made",
                Files.readAllBytes(builtFile("presslab.vendorDriver")), Files.readAllBytes(unpacked));

        // install="auto": the KAR's feature is installed with it.
        Feature feature = features.getFeature(FEATURE);
        assertNotNull("the KAR's features repository is registered", feature);
        assertTrue("kar:install installed feature " + FEATURE, features.isInstalled(feature));
        assertDriverWorks("acme-kar");
        assertNothingChanged(before);
    }

    @Test
    public void featureRepoAddAndFeatureInstall() throws Exception {
        assertNoVendorBundle();
        // The lab's Maven repository: the vendor's bundle and features XML at their coordinates in system/.
        Path dir = Path.of(System.getProperty("karaf.home"), "system", REPO_DIR);
        Path jar = dir.resolve("acme-servo-press-" + VERSION + ".jar");
        Path xml = dir.resolve("acme-servo-press-" + VERSION + "-features.xml");
        Files.createDirectories(dir);
        Files.copy(builtFile("presslab.vendorDriver"), jar, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(builtFile("presslab.vendorFeatures"), xml, StandardCopyOption.REPLACE_EXISTING);
        Map<String, Integer> before = componentStates();
        try {
            long t0 = System.nanoTime();
            CommandResult repo = shell("feature:repo-add " + FEATURES_URL);
            assertTrue(repo.toString(), repo.ok());
            assertNotNull("the repository lists the feature", features.getFeature(FEATURE));
            CommandResult install = shell("feature:install " + FEATURE);
            assertTrue(install.toString(), install.ok());
            System.out.printf("[presslab-itests] feature:repo-add + feature:install of the vendor feature: %d ms%n",
                    (System.nanoTime() - t0) / 1_000_000);
            assertTrue(features.isInstalled(features.getFeature(FEATURE)));
            assertDriverWorks("acme-feature");
            assertNothingChanged(before);
        } finally {
            Feature feature = features.getFeature(FEATURE);
            if (feature != null && features.isInstalled(feature)) {
                CommandResult uninstall = shell("feature:uninstall " + FEATURE);
                assertTrue(uninstall.toString(), uninstall.ok());
            }
            if (feature != null) {
                CommandResult remove = shell("feature:repo-remove " + FEATURES_URL);
                assertTrue(remove.toString(), remove.ok());
            }
            Files.deleteIfExists(jar);
            Files.deleteIfExists(xml);
        }
        assertTrue("feature:uninstall removes the driver bundle", waitFor(() -> findVendorBundle().isEmpty(), 10_000));
        assertTrue("feature:repo-remove removes the repository", features.getFeature(FEATURE) == null);
    }

    /** The bundle is active from its coordinate, and a configuration makes the PressDriver service appear. */
    private void assertDriverWorks(String driverId) throws Exception {
        Bundle vendor = findVendorBundle().orElseThrow(() -> new AssertionError("no bundle " + BSN));
        assertEquals(BUNDLE_LOCATION, vendor.getLocation());
        assertEquals("the vendor bundle resolves against the presslab-api feature", Bundle.ACTIVE, vendor.getState());

        org.osgi.service.cm.Configuration c = factoryConfig(VENDOR_FACTORY_PID, driverId, Map.of("presslab.driver.id", driverId));
        try {
            assertTrue("the Acme driver service " + driverId + " appears", waitFor(() -> driver(driverId).isPresent(), 15_000));
            // The shell commands come with a conditional bundle of presslab-core: allow for it to register.
            CommandResult[] list = new CommandResult[1];
            assertTrue("press:list shows it", waitFor(() -> {
                list[0] = shell("press:list");
                return list[0].ok() && list[0].output().contains(driverId);
            }, 15_000));
        } finally {
            c.delete();
        }
        assertTrue("the service goes with its configuration", waitFor(() -> driver(driverId).isEmpty(), 10_000));
    }

    private void assertNothingChanged(Map<String, Integer> before) {
        List<String> changed = changedComponents(before, componentStates());
        assertTrue("installing the vendor driver changed nothing that ran before: " + changed, changed.isEmpty());
    }

    private void assertNoVendorBundle() {
        assertTrue("no vendor bundle before the test", findVendorBundle().isEmpty());
    }

    private Optional<Bundle> findVendorBundle() {
        for (Bundle b : context.getBundles()) {
            if (BSN.equals(b.getSymbolicName())) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    private Optional<PressDriver> driver(String id) {
        try {
            return context.getServiceReferences(PressDriver.class, "(presslab.driver.id=" + id + ")").stream()
                    .findFirst().map(context::getService);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Path builtFile(String key) {
        String path = System.getProperty(key, "");
        assertTrue(key + " names the file the build made (run through Maven): '" + path + "'",
                !path.isBlank() && Files.isRegularFile(Path.of(path)));
        return Path.of(path);
    }
}
