package org.presslab.itests;

import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.Map;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.ConfigurationAdmin;
import org.presslab.press.conformance.ConformanceKit;
import org.presslab.press.conformance.ConformanceReport;
import org.presslab.press.conformance.OsgiDriverFixture;
import org.presslab.press.api.PressDriver;

/**
 * The driver conformance kit (feature presslab-conformance) run in the container against the
 * simulated hydraulic press and against the vendor example installed at runtime.
 */
@RunWith(PresslabExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConformanceIT extends PresslabTestSupport {

    @Inject
    private FeaturesService features;

    @Configuration
    public Option[] config() {
        return baseOptions(PresslabOptions.bootFeature("presslab-conformance"));
    }

    @Test
    public void simulatedHydraulicPressConforms() throws Exception {
        assertTrue(features.isInstalled(features.getFeature("presslab-conformance")));
        ConfigurationAdmin cm = configAdmin;
        String[] pid = new String[1];
        OsgiDriverFixture fixture = OsgiDriverFixture.of(context, "sim-conf", Duration.ofSeconds(20),
                () -> pid[0] = factoryConfig(SIM_HYDRAULIC_FACTORY_PID, "conf", Map.of("presslab.driver.id", "sim-conf")).getPid(),
                () -> cm.getConfiguration(pid[0], "?").delete());
        ConformanceReport report = ConformanceKit.defaults().run(fixture);
        System.out.println("[presslab-itests] conformance of the simulated hydraulic press:\n" + report.format());
        report.assertPassed();
    }

    @Test
    public void vendorExampleDriverConforms() throws Exception {
        assertTrue(features.isInstalled(features.getFeature("presslab-conformance")));
        CommandResult install = shell("bundle:install --start mvn:com.example.presslab/acme-servo-press/1.0.0-SNAPSHOT");
        assertTrue(install.toString(), install.ok());
        Bundle vendor = null;
        for (Bundle b : context.getBundles()) {
            if (b.getLocation().startsWith("mvn:com.example.presslab/acme-servo-press/")) {
                vendor = b;
            }
        }
        assertTrue(vendor != null);
        factoryConfig("com.example.presslab.acme", "conf", Map.of("presslab.driver.id", "acme-conf"));
        assertTrue(waitFor(() -> {
            try {
                return !context.getServiceReferences(PressDriver.class, "(presslab.driver.id=acme-conf)").isEmpty();
            } catch (org.osgi.framework.InvalidSyntaxException e) {
                return false;
            }
        }, 15_000));
        ConformanceReport report = ConformanceKit.defaults()
                .run(OsgiDriverFixture.ofBundle(context, vendor, "acme-conf", Duration.ofSeconds(20)));
        System.out.println("[presslab-itests] conformance of the vendor example:\n" + report.format());
        report.assertPassed();
    }
}
