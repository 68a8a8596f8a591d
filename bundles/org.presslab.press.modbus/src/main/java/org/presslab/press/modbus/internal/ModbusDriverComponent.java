package org.presslab.press.modbus.internal;

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
    private final Hashtable<String, Object> props = new Hashtable<>();
    private final DriverRegistration registration;

    @Activate
    public ModbusDriverComponent(BundleContext context, @Reference SerialPortManager ports, @Reference TimeSource time,
            Map<String, Object> properties) throws SerialPortException {
        ModbusSettings settings = ModbusSettings.parse(properties);
        this.driver = new ModbusPressDriver(settings, ports, time);
        props.put(PressDriver.PROP_ID, settings.id());
        props.put(PressDriver.PROP_KIND, settings.kind().name());
        props.put(PressDriver.PROP_CAPABILITIES, driver.capabilities().stream().map(Capability::name).sorted().toArray(String[]::new));
        props.put("presslab.driver.port", settings.port().id());
        props.put("presslab.driver.protocol", "modbus-rtu");
        // withdrawn while the port is gone, registered again with the same id when the device answers
        this.registration = new DriverRegistration(context, driver, props);
        registration.available(true);
        driver.onAvailability(registration::available);
        LOG.info("Modbus device '{}' on {} ({}, slave {}): {}", settings.id(), settings.port().id(), settings.serial().describe(),
                settings.slaveId(), driver.capabilities());
    }

    @Deactivate
    public void deactivate() {
        registration.close();
        driver.close();
    }
}
