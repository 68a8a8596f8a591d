package org.presslab.serial;

import java.util.Locale;
import java.util.Objects;

/**
 * Which port to open: a path, or a USB identity.
 *
 * <p>A path may be a symbolic link ({@code /dev/serial/by-id/...}, a udev alias, a test's pty
 * link); it is resolved at every open, so the link may point somewhere else after a replug.
 * A USB identity matches the vendor and product id and, when given, the serial number (needed
 * when two adapters of the same model are plugged in).
 *
 * @param path the path, or empty when selecting by USB identity
 * @param usbVendorId USB vendor id (0..0xFFFF), or -1
 * @param usbProductId USB product id, or -1
 * @param usbSerial USB serial number, or empty for any
 */
public record PortSelector(String path, int usbVendorId, int usbProductId, String usbSerial) {

    public PortSelector {
        path = Objects.requireNonNullElse(path, "").trim();
        usbSerial = Objects.requireNonNullElse(usbSerial, "").trim();
        boolean byUsb = usbVendorId >= 0 || usbProductId >= 0;
        if (path.isEmpty() && !byUsb) {
            throw new IllegalArgumentException("a serial port needs a path (e.g. /dev/ttyUSB0) or a USB vendor and product id");
        }
        if (byUsb && (usbVendorId < 0 || usbVendorId > 0xFFFF || usbProductId < 0 || usbProductId > 0xFFFF)) {
            throw new IllegalArgumentException(String.format(
                    "a USB identity needs both vendor and product id in 0..0xFFFF, was vendor %d product %d", usbVendorId, usbProductId));
        }
    }

    public static PortSelector byPath(String path) {
        return new PortSelector(path, -1, -1, "");
    }

    public static PortSelector byUsb(int vendorId, int productId, String serial) {
        return new PortSelector("", vendorId, productId, serial);
    }

    /**
     * The port in a device's configuration: {@code port} (a path), or, when it is empty,
     * {@code usb.vendorId} + {@code usb.productId} (hexadecimal) and optionally {@code usb.serial}.
     * Errors name {@link ConfigProperties#where()} and the keys.
     *
     * @deprecated reads the keys itself beside a driver's metatype configuration; convert the map with
     *             {@link ConfigProperties#typed} and pass its values to
     *             {@link #fromConfig(ConfigProperties, String, String, String, String)}. No Presslab driver calls it;
     *             to be removed in 2.0.
     */
    @Deprecated(since = "1.1")
    public static PortSelector fromConfig(ConfigProperties config) {
        return fromConfig(config, config.string("port", ""), config.string("usb.vendorId", ""), config.string("usb.productId", ""),
                config.string("usb.serial", ""));
    }

    /**
     * The port from the values of a device's typed configuration ({@link ConfigProperties#typed}): {@code port} (a
     * path), or, when it is empty, {@code usbVendorId} + {@code usbProductId} (hexadecimal) and optionally
     * {@code usbSerial}; empty means not given. Errors name {@link ConfigProperties#where()} and the keys.
     *
     * @since 1.1
     */
    public static PortSelector fromConfig(ConfigProperties config, String port, String usbVendorId, String usbProductId,
            String usbSerial) {
        String path = Objects.requireNonNullElse(port, "").trim();
        int vid = usbId(config, "usb.vendorId", usbVendorId);
        int pid = usbId(config, "usb.productId", usbProductId);
        try {
            return new PortSelector(path, path.isEmpty() ? vid : -1, path.isEmpty() ? pid : -1, usbSerial);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(config.where() + ": " + e.getMessage() + " ('port' or 'usb.vendorId' + 'usb.productId')");
        }
    }

    private static int usbId(ConfigProperties config, String key, String hex) {
        try {
            return parseUsbId(hex);
        } catch (IllegalArgumentException e) {
            throw config.invalid(key, hex, "a hexadecimal USB id such as 0403");
        }
    }

    /** Parses a hex id such as {@code 0403}, {@code 0x0403}; empty gives -1. */
    public static int parseUsbId(String hex) {
        String s = Objects.requireNonNullElse(hex, "").trim().toLowerCase(Locale.ROOT);
        if (s.isEmpty()) {
            return -1;
        }
        if (s.startsWith("0x")) {
            s = s.substring(2);
        }
        try {
            return Integer.parseInt(s, 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("USB id '" + hex + "' is not a hexadecimal number such as 0403", e);
        }
    }

    public boolean byUsbIdentity() {
        return path.isEmpty();
    }

    /** The identity of the connection: the configured path, or {@code usb:0403:6001[:serial]}. */
    public String id() {
        if (!path.isEmpty()) {
            return path;
        }
        return String.format("usb:%04x:%04x", usbVendorId, usbProductId) + (usbSerial.isEmpty() ? "" : ":" + usbSerial);
    }

    @Override
    public String toString() {
        return id();
    }
}
