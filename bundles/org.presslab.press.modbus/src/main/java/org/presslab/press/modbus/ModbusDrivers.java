package org.presslab.press.modbus;

import java.util.Map;
import java.util.Objects;

import org.presslab.press.api.PressDriver;
import org.presslab.press.modbus.internal.ModbusPressDriver;
import org.presslab.serial.SerialPortException;
import org.presslab.serial.SerialPortManager;
import org.presslab.time.TimeSource;

/** Creates Modbus RTU press drivers outside OSGi. */
public final class ModbusDrivers {

    private ModbusDrivers() {
    }

    /**
     * A driver from configuration properties: the keys, defaults and checks of the factory configuration
     * (this bundle's README), read as the OSGi component reads them (through the OSGi Converter, as its
     * metatype annotation). It opens its port on {@code ports} and starts polling at once; the running
     * counts (transactions, retries, timeouts, CRC errors...) are in {@code health().counters()}.
     *
     * @throws IllegalArgumentException naming the device and the first invalid key
     * @throws SerialPortException when the port cannot be claimed at all
     */
    public static StandaloneDriver create(Map<String, ?> properties, SerialPortManager ports, TimeSource time)
            throws SerialPortException {
        Objects.requireNonNull(properties, "properties");
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(time, "time");
        return ModbusPressDriver.create(properties, ports, time);
    }

    /** A driver created outside OSGi; {@link #close()} stops its polling and releases its port. */
    @org.osgi.annotation.versioning.ProviderType
    public interface StandaloneDriver extends PressDriver, AutoCloseable {
        @Override
        void close();
    }
}
