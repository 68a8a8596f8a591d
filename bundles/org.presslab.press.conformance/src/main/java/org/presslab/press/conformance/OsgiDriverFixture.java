package org.presslab.press.conformance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;
import org.presslab.press.api.PressDriver;

/**
 * A fixture for a driver running as an OSGi service, for Pax Exam tests and any container test:
 * the driver is started by starting its bundle or by a step of the test's own (creating a factory
 * configuration), and found as the {@link PressDriver} service with its {@code presslab.driver.id}.
 * Stopping it must unregister that service; the kit then checks that the driver's threads end.
 *
 * <pre>
 * &#64;Inject BundleContext context;
 *
 * &#64;Test
 * public void acmeConforms() throws Exception {
 *     Bundle acme = FrameworkUtil.getBundle(...) // or context.installBundle("mvn:com.example.presslab/acme-servo-press/1.0.0")
 *     ConformanceReport r = ConformanceKit.defaults().run(OsgiDriverFixture.ofBundle(context, acme, "acme-1", Duration.ofSeconds(10)));
 *     r.assertPassed();
 * }
 * </pre>
 */
public final class OsgiDriverFixture implements DriverFixture {

    /** A step of the test that starts or stops the driver. */
    @FunctionalInterface
    public interface Step {
        void run() throws Exception;
    }

    private final BundleContext context;
    private final String driverId;
    private final Duration timeout;
    private final Step starter;
    private final Step stopper;
    private final String name;
    private final DeviceLink link;
    private final List<String> leftovers = new ArrayList<>();
    private ServiceTracker<PressDriver, PressDriver> tracker;
    private Map<String, Object> properties;

    private OsgiDriverFixture(BundleContext context, String driverId, Duration timeout, Step starter, Step stopper,
            String name, DeviceLink link) {
        this.context = Objects.requireNonNull(context, "context");
        this.driverId = Objects.requireNonNull(driverId, "driverId");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.starter = Objects.requireNonNull(starter, "starter");
        this.stopper = Objects.requireNonNull(stopper, "stopper");
        this.name = name;
        this.link = link;
    }

    /** The driver {@code driverId} registered by {@code bundle}, started and stopped with the bundle. */
    public static OsgiDriverFixture ofBundle(BundleContext context, Bundle bundle, String driverId, Duration timeout) {
        return new OsgiDriverFixture(context, driverId, timeout, bundle::start, bundle::stop,
                driverId + " from bundle " + bundle.getSymbolicName() + " " + bundle.getVersion(), null);
    }

    /**
     * The driver {@code driverId}, brought up and down by the test's own steps (e.g. creating and
     * deleting its factory configuration with ConfigurationAdmin).
     */
    public static OsgiDriverFixture of(BundleContext context, String driverId, Duration timeout, Step start, Step stop) {
        return new OsgiDriverFixture(context, driverId, timeout, start, stop, driverId + " (OSGi service)", null);
    }

    /** The same fixture with a hook that silences and restores the device. */
    public OsgiDriverFixture withLink(DeviceLink deviceLink) {
        return new OsgiDriverFixture(context, driverId, timeout, starter, stopper, name, deviceLink);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public PressDriver start() throws Exception {
        starter.run();
        tracker = new ServiceTracker<>(context, filter(), null);
        tracker.open();
        PressDriver driver = tracker.waitForService(timeout.toMillis());
        if (driver == null) {
            tracker.close();
            throw new IllegalStateException("no PressDriver service with " + PressDriver.PROP_ID + "=" + driverId
                    + " within " + timeout.toMillis() + " ms");
        }
        ServiceReference<PressDriver> ref = tracker.getServiceReference();
        properties = new HashMap<>();
        for (String key : ref.getPropertyKeys()) {
            properties.put(key, ref.getProperty(key));
        }
        return driver;
    }

    @Override
    public void stop(PressDriver driver) throws Exception {
        try {
            stopper.run();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!tracker.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            if (!tracker.isEmpty()) {
                leftovers.add("service " + PressDriver.PROP_ID + "=" + driverId + " still registered "
                        + timeout.toMillis() + " ms after stop");
            }
        } finally {
            tracker.close();
        }
    }

    @Override
    public Optional<DeviceLink> link() {
        return Optional.ofNullable(link);
    }

    @Override
    public Optional<Map<String, Object>> serviceProperties(PressDriver driver) {
        return Optional.ofNullable(properties);
    }

    @Override
    public List<String> leftovers() {
        return List.copyOf(leftovers);
    }

    private Filter filter() throws InvalidSyntaxException {
        return FrameworkUtil.createFilter("(&(objectClass=" + PressDriver.class.getName() + ")(" + PressDriver.PROP_ID + "="
                + escape(driverId) + "))");
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '\\' || c == '(' || c == ')' || c == '*') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
