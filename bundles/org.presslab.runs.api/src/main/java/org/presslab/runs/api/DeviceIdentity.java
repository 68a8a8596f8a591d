package org.presslab.runs.api;

import java.util.Objects;

/**
 * The device a run was recorded on and the driver that spoke to it. Unknown strings are empty.
 *
 * @param vendor manufacturer
 * @param model model
 * @param serial serial number
 * @param driverId the driver's service id ({@code presslab.driver.id})
 * @param driverBundle the driver bundle's symbolic name
 * @param driverBundleVersion the driver bundle's version
 */
public record DeviceIdentity(String vendor, String model, String serial, String driverId, String driverBundle,
        String driverBundleVersion) {

    /** No device bound. */
    public static final DeviceIdentity UNKNOWN = new DeviceIdentity("", "", "", "", "", "");

    public DeviceIdentity {
        vendor = Objects.requireNonNullElse(vendor, "");
        model = Objects.requireNonNullElse(model, "");
        serial = Objects.requireNonNullElse(serial, "");
        driverId = Objects.requireNonNullElse(driverId, "");
        driverBundle = Objects.requireNonNullElse(driverBundle, "");
        driverBundleVersion = Objects.requireNonNullElse(driverBundleVersion, "");
    }

    /** "vendor model #serial" for people. */
    public String label() {
        return (vendor + " " + model + (serial.isEmpty() ? "" : " #" + serial)).trim();
    }
}
