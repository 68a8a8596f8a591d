package org.presslab.press.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.presslab.press.api.PressDriver;

/**
 * OsgiDriverFixture in a real (embedded Felix) framework: the driver is found as a service by its
 * id, its service properties are checked, and a stop that leaves the service registered fails.
 */
class OsgiDriverFixtureTest {

    private static final ConformanceKit KIT = ConformanceKit.defaults().withSettleTime(Duration.ofSeconds(1)).withCalls(2000);

    @TempDir
    Path storage;
    private Framework framework;
    private BundleContext context;

    @BeforeEach
    void startFramework() throws Exception {
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).iterator().next();
        framework = factory.newFramework(Map.of(Constants.FRAMEWORK_STORAGE, storage.toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT));
        framework.start();
        context = framework.getBundleContext();
    }

    @AfterEach
    void stopFramework() throws Exception {
        framework.stop();
        framework.waitForStop(5000);
    }

    private OsgiDriverFixture fixture(String kind, boolean unregisterOnStop) {
        AtomicReference<ToyDriver> toy = new AtomicReference<>();
        AtomicReference<ServiceRegistration<PressDriver>> reg = new AtomicReference<>();
        return OsgiDriverFixture.of(context, "toy-1", Duration.ofSeconds(2), () -> {
            toy.set(new ToyDriver(Set.of()));
            Dictionary<String, Object> props = new Hashtable<>();
            props.put(PressDriver.PROP_ID, "toy-1");
            props.put(PressDriver.PROP_KIND, kind);
            props.put(PressDriver.PROP_CAPABILITIES, new String[] {"SENSE_FORCE", "SENSE_PRESSURE", "ACTUATE"});
            reg.set(context.registerService(PressDriver.class, toy.get(), props));
        }, () -> {
            if (unregisterOnStop) {
                reg.get().unregister();
            }
            toy.get().close();
        }).withLink(new DeviceLink() {
            @Override
            public void silence() {
                toy.get().setSilent(true);
            }

            @Override
            public void restore() {
                toy.get().setSilent(false);
            }
        });
    }

    @Test
    void aRegisteredDriverPassesIncludingItsServiceProperties() {
        ConformanceReport report = KIT.run(fixture("AUTOMATIC_HYDRAULIC_PRESS", true));
        report.assertPassed();
        assertEquals(CheckResult.Status.PASS, report.result("service-properties").orElseThrow().status(), report.format());
        assertTrue(report.subject().startsWith("toy-1: Presslab Toy press"), report.subject());
    }

    @Test
    void aKindPropertyThatDisagreesFails() {
        ConformanceReport report = KIT.run(fixture("SPRING_FRAME", true));
        CheckResult r = report.result("service-properties").orElseThrow();
        assertEquals(CheckResult.Status.FAIL, r.status(), report.format());
        assertTrue(r.detail().contains("presslab.driver.kind is SPRING_FRAME"), r.detail());
    }

    @Test
    void aServiceLeftRegisteredAfterStopFails() {
        ConformanceReport report = KIT.run(fixture("AUTOMATIC_HYDRAULIC_PRESS", false));
        CheckResult r = report.result("stop-releases").orElseThrow();
        assertEquals(CheckResult.Status.FAIL, r.status(), report.format());
        assertTrue(r.detail().contains("service presslab.driver.id=toy-1 still registered"), r.detail());
    }

    @Test
    void noServiceMeansAClearStartFailure() {
        ConformanceReport report = KIT.run(OsgiDriverFixture.of(context, "absent", Duration.ofMillis(200), () -> { }, () -> { }));
        CheckResult r = report.result("start").orElseThrow();
        assertEquals(CheckResult.Status.FAIL, r.status());
        assertTrue(r.detail().contains("no PressDriver service with presslab.driver.id=absent within 200 ms"), r.detail());
        assertEquals(1, report.results().size(), "nothing else runs without a driver");
    }
}
