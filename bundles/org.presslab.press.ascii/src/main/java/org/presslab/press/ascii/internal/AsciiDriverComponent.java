package org.presslab.press.ascii.internal;

import java.util.Hashtable;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.presslab.press.api.Capability;
import org.presslab.press.api.PressDriver;
import org.presslab.press.support.DriverRegistration;
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
    private final Hashtable<String, Object> props = new Hashtable<>();
    private final DriverRegistration registration;

    @Activate
    public AsciiDriverComponent(BundleContext context, @Reference SerialPortManager ports, @Reference TimeSource time,
            Map<String, Object> properties) throws SerialPortException {
        AsciiSettings settings = AsciiSettings.parse(properties);
        this.driver = new AsciiGaugeDriver(settings, ports, time);
        props.put(PressDriver.PROP_ID, settings.id());
        props.put(PressDriver.PROP_KIND, settings.kind().name());
        props.put(PressDriver.PROP_CAPABILITIES, driver.capabilities().stream().map(Capability::name).sorted().toArray(String[]::new));
        props.put("presslab.driver.port", settings.port().id());
        props.put("presslab.driver.protocol", "ascii-" + settings.mode().name().toLowerCase(java.util.Locale.ROOT));
        // withdrawn while the port is gone, registered again with the same id when readings come back
        this.registration = new DriverRegistration(context, driver, props);
        registration.available(true);
        driver.onAvailability(registration::available);
        LOG.info("ASCII gauge '{}' on {} ({}, {})", settings.id(), settings.port().id(), settings.serial().describe(), settings.mode());
    }

    @Deactivate
    public void deactivate() {
        registration.close();
        driver.close();
    }
}
