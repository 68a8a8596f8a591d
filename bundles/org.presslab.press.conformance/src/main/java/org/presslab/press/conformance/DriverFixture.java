package org.presslab.press.conformance;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;
import org.presslab.press.api.PressDriver;

/**
 * How the kit gets a driver to check and how it gets rid of it again. One fixture is used for
 * one run: {@link #start()} once, {@link #stop(PressDriver)} once.
 */
@ConsumerType
public interface DriverFixture {

    /** A name for the report ("Acme SP-5T, simulated controller"). */
    default String name() {
        return getClass().getSimpleName();
    }

    /**
     * Creates and starts the driver: {@code new} + start in plain Java; start a bundle or create a
     * configuration and wait for the service in OSGi.
     */
    PressDriver start() throws Exception;

    /**
     * Stops it the way the platform would: the component's deactivation, the bundle stopping.
     * The kit then checks that the driver's threads end and {@link #leftovers()} is empty.
     */
    void stop(PressDriver driver) throws Exception;

    /** Silences and restores the device; empty when the vendor cannot, and the check is skipped. */
    default Optional<DeviceLink> link() {
        return Optional.empty();
    }

    /** The driver's service properties when it is an OSGi service; empty outside OSGi (check skipped). */
    default Optional<Map<String, Object>> serviceProperties(PressDriver driver) {
        return Optional.empty();
    }

    /**
     * After {@link #stop}: what the driver still holds, in words ("port /dev/ttyUSB0 still open",
     * "service still registered"); empty when everything was released. Default: nothing checked.
     */
    default List<String> leftovers() {
        return List.of();
    }
}
