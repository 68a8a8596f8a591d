package org.presslab.serial;

import java.util.Map;
import java.util.Objects;

/**
 * Line settings of a port.
 *
 * @param baudRate bits per second
 * @param dataBits 5 to 8
 * @param parity the parity bit
 * @param stopBits the stop bits
 * @param flowControl hardware or software flow control
 */
public record SerialSettings(int baudRate, int dataBits, Parity parity, StopBits stopBits, FlowControl flowControl) {

    public SerialSettings {
        Objects.requireNonNull(parity, "parity");
        Objects.requireNonNull(stopBits, "stopBits");
        Objects.requireNonNull(flowControl, "flowControl");
        if (baudRate <= 0) {
            throw new IllegalArgumentException("baud rate must be positive, was " + baudRate);
        }
        if (dataBits < 5 || dataBits > 8) {
            throw new IllegalArgumentException("data bits must be 5 to 8, was " + dataBits);
        }
    }

    /** 8 data bits, no parity, one stop bit, no flow control. */
    public static SerialSettings of8N1(int baudRate) {
        return new SerialSettings(baudRate, 8, Parity.NONE, StopBits.ONE, FlowControl.NONE);
    }

    /**
     * The line settings in a device's configuration: {@code baudRate} (default 9600), {@code dataBits} (8),
     * {@code parity} (NONE, EVEN, ODD, MARK, SPACE; default NONE), {@code stopBits} (1, 1.5 or 2; default 1) and
     * {@code flowControl} (NONE, RTS_CTS, XON_XOFF; default NONE). Errors name {@link ConfigProperties#where()} and the key.
     *
     * @deprecated restates the defaults that a driver's metatype configuration already holds (two sources that can
     *             drift apart); convert the map with {@link ConfigProperties#typed} and pass its values to
     *             {@link #fromConfig(ConfigProperties, int, int, Parity, String, FlowControl)}. No Presslab driver
     *             calls it; to be removed in 2.0.
     */
    @Deprecated(since = "1.1")
    public static SerialSettings fromConfig(ConfigProperties config) {
        return fromConfig(config, config.integer("baudRate", 9600), config.integer("dataBits", 8),
                config.enumValue("parity", Parity.class, "NONE"), config.string("stopBits", "1"),
                config.enumValue("flowControl", FlowControl.class, "NONE"));
    }

    /**
     * The line settings from the values of a device's typed configuration (its metatype annotation, which holds the
     * defaults: {@link ConfigProperties#typed}); {@code stopBits} is 1, 1.5 or 2. Errors name
     * {@link ConfigProperties#where()} and the key.
     *
     * @since 1.1
     */
    public static SerialSettings fromConfig(ConfigProperties config, int baudRate, int dataBits, Parity parity, String stopBits,
            FlowControl flowControl) {
        StopBits stop = stopBits(config, stopBits);
        try {
            return new SerialSettings(baudRate, dataBits, parity, stop, flowControl);
        } catch (IllegalArgumentException e) {
            // Range checks of the record itself do not know the device: add it once.
            throw new IllegalArgumentException(config.where() + ": " + e.getMessage());
        }
    }

    private static StopBits stopBits(ConfigProperties config, String stopBits) {
        return switch (stopBits.trim()) {
            case "1" -> StopBits.ONE;
            case "1.5" -> StopBits.ONE_POINT_FIVE;
            case "2" -> StopBits.TWO;
            default -> throw config.invalid("stopBits", stopBits, "1, 1.5 or 2");
        };
    }

    /**
     * {@link #fromConfig(ConfigProperties)} of {@code new ConfigProperties(properties, where)}.
     *
     * @deprecated as {@link #fromConfig(ConfigProperties)}; to be removed in 2.0.
     */
    @Deprecated(since = "1.1")
    public static SerialSettings fromConfig(Map<String, ?> properties, String where) {
        return fromConfig(new ConfigProperties(properties, where));
    }

    /** Bits on the wire per character: start + data + parity + stop. */
    public double bitsPerCharacter() {
        return 1 + dataBits + (parity == Parity.NONE ? 0 : 1) + stopBits.bits();
    }

    /** Seconds one character takes on the wire. */
    public double characterTimeS() {
        return bitsPerCharacter() / baudRate;
    }

    /** E.g. {@code 9600 8N1}. */
    public String describe() {
        return baudRate + " " + dataBits + parity.letter() + stopBits.label()
                + (flowControl == FlowControl.NONE ? "" : " " + flowControl);
    }

    @Override
    public String toString() {
        return describe();
    }
}
