package org.presslab.press.ascii.internal;

import java.util.Hashtable;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.presslab.press.api.Capability;
import org.presslab.press.api.PressDriver;
import org.presslab.serial.SerialPortException;
import org.presslab.serial.SerialPortManager;
import org.presslab.time.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One ASCII gauge or indicator per factory configuration ({@value #PID}). */
@Component(configurationPid = AsciiDriverComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = AsciiConfig.class, factory = true)
public class AsciiDriverComponent {

    public static final String PID = "org.presslab.press.ascii";

    private static final Logger LOG = LoggerFactory.getLogger(AsciiDriverComponent.class);

    private final AsciiGaugeDriver driver;
    private final BundleContext context;
    private final Hashtable<String, Object> props = new Hashtable<>();
    private ServiceRegistration<PressDriver> registration;
    private boolean active = true;

    @Activate
    public AsciiDriverComponent(BundleContext context, @Reference SerialPortManager ports, @Reference TimeSource time,
            Map<String, Object> properties) throws SerialPortException {
        AsciiSettings settings = AsciiSettings.parse(properties);
        this.driver = new AsciiGaugeDriver(settings, ports, time);
        this.context = context;
        props.put(PressDriver.PROP_ID, settings.id());
        props.put(PressDriver.PROP_KIND, settings.kind().name());
        props.put(PressDriver.PROP_CAPABILITIES, driver.capabilities().stream().map(Capability::name).sorted().toArray(String[]::new));
        props.put("presslab.driver.port", settings.port().id());
        props.put("presslab.driver.protocol", "ascii-" + settings.mode().name().toLowerCase(java.util.Locale.ROOT));
        this.registration = context.registerService(PressDriver.class, driver, props);
        driver.onAvailability(this::available);
        LOG.info("ASCII gauge '{}' on {} ({}, {})", settings.id(), settings.port().id(), settings.serial().describe(), settings.mode());
    }

    /** The port went away (withdraw the service: stations see the driver leave) or readings are back (register again). */
    private synchronized void available(boolean present) {
        if (!active) {
            return;
        }
        if (!present && registration != null) {
            unregister();
        } else if (present && registration == null) {
            registration = context.registerService(PressDriver.class, driver, props);
        }
    }

    private void unregister() {
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            // already gone with the bundle
        }
        registration = null;
    }

    @Deactivate
    public void deactivate() {
        synchronized (this) {
            active = false;
            if (registration != null) {
                unregister();
            }
        }
        driver.close();
    }
}
