package org.presslab.press.modbus.internal;

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

/**
 * One Modbus RTU device per factory configuration ({@value #PID}). Registers the device's
 * {@link PressDriver} with the kind and capabilities its register map gives; a configuration
 * change restarts it (the port is closed and reopened with the new settings).
 */
@Component(configurationPid = ModbusDriverComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = ModbusConfig.class, factory = true)
public class ModbusDriverComponent {

    public static final String PID = "org.presslab.press.modbus";

    private static final Logger LOG = LoggerFactory.getLogger(ModbusDriverComponent.class);

    private final ModbusPressDriver driver;
    private final BundleContext context;
    private final Hashtable<String, Object> props = new Hashtable<>();
    private ServiceRegistration<PressDriver> registration;
    private boolean active = true;

    @Activate
    public ModbusDriverComponent(BundleContext context, @Reference SerialPortManager ports, @Reference TimeSource time,
            Map<String, Object> properties) throws SerialPortException {
        ModbusSettings settings = ModbusSettings.parse(properties);
        this.driver = new ModbusPressDriver(settings, ports, time);
        this.context = context;
        props.put(PressDriver.PROP_ID, settings.id());
        props.put(PressDriver.PROP_KIND, settings.kind().name());
        props.put(PressDriver.PROP_CAPABILITIES, driver.capabilities().stream().map(Capability::name).sorted().toArray(String[]::new));
        props.put("presslab.driver.port", settings.port().id());
        props.put("presslab.driver.protocol", "modbus-rtu");
        this.registration = context.registerService(PressDriver.class, driver, props);
        driver.onAvailability(this::available);
        LOG.info("Modbus device '{}' on {} ({}, slave {}): {}", settings.id(), settings.port().id(), settings.serial().describe(),
                settings.slaveId(), driver.capabilities());
    }

    /** The port went away (unregister: stations see the driver leave) or the device is back (register again). */
    private synchronized void available(boolean present) {
        if (!active) {
            return;
        }
        if (!present && registration != null) {
            unregister();
            LOG.warn("Modbus device '{}': port gone, driver service withdrawn until it answers again", props.get(PressDriver.PROP_ID));
        } else if (present && registration == null) {
            registration = context.registerService(PressDriver.class, driver, props);
            LOG.info("Modbus device '{}': answering again, driver service registered", props.get(PressDriver.PROP_ID));
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
