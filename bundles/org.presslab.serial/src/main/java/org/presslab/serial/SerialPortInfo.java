package org.presslab.serial;

import java.util.List;
import java.util.Objects;

/**
 * A port the operating system lists.
 *
 * @param path the device path, e.g. {@code /dev/ttyUSB0}
 * @param description what the driver or the device says it is
 * @param usbVendorId USB vendor id, or -1 when not a USB device (or the OS does not tell)
 * @param usbProductId USB product id, or -1
 * @param usbSerial USB serial number, or empty
 * @param location the physical location (USB bus and port), or empty
 * @param aliases stable links that point to this port ({@code /dev/serial/by-id/...}), may be empty
 */
public record SerialPortInfo(String path, String description, int usbVendorId, int usbProductId, String usbSerial,
        String location, List<String> aliases) {

    public SerialPortInfo {
        Objects.requireNonNull(path, "path");
        description = Objects.requireNonNullElse(description, "");
        usbSerial = Objects.requireNonNullElse(usbSerial, "");
        location = Objects.requireNonNullElse(location, "");
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    public boolean isUsb() {
        return usbVendorId >= 0 && usbProductId >= 0;
    }

    /** {@code 0403:6001 sn=A12345}, or empty when not USB. */
    public String usbIdentity() {
        if (!isUsb()) {
            return "";
        }
        return String.format("%04x:%04x", usbVendorId, usbProductId) + (usbSerial.isEmpty() ? "" : " sn=" + usbSerial);
    }

    /** The selector that finds this port again after a replug: USB identity when there is one, else the path. */
    public PortSelector stableSelector() {
        if (isUsb()) {
            return PortSelector.byUsb(usbVendorId, usbProductId, usbSerial);
        }
        return aliases.isEmpty() ? PortSelector.byPath(path) : PortSelector.byPath(aliases.get(0));
    }
}
