package org.presslab.press.api;

import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One physical press, frame or gauge, as seen by control. See the package documentation for
 * the threading, unit and failure contract every implementation must honour.
 */
@ConsumerType
public interface PressDriver {

    /** Service property: stable driver id, unique in the installation (String). */
    String PROP_ID = "presslab.driver.id";
    /** Service property: {@link DeviceKind} name (String). */
    String PROP_KIND = "presslab.driver.kind";
    /** Service property: {@link Capability} names (String[]). */
    String PROP_CAPABILITIES = "presslab.driver.capabilities";

    /** The stable id, the same as the {@link #PROP_ID} service property. */
    String id();

    /** Identity, ranges and ratings. Constant while the device stays connected. */
    DeviceInfo info();

    /** What the device can do. Constant for the life of the service. */
    Set<Capability> capabilities();

    /**
     * The latest measurement. Never blocks; never returns null (before the first measurement it
     * returns a reading of quality {@link Quality#STALE}).
     */
    Reading read();

    /** Connection state, faults and counters. Never blocks. */
    DeviceHealth health();

    /** The actuator, when {@link Capability#ACTUATE} is present. */
    default Optional<Actuator> actuator() {
        return Optional.empty();
    }

    /** Temperature control, when {@link Capability#SET_TEMPERATURE} is present. */
    default Optional<TemperatureControl> temperatureControl() {
        return Optional.empty();
    }

    /**
     * Where the device is operated by a person (a manual press), the platform tells the operator
     * what to do through this channel as well as through its own front ends; drivers that can
     * show a message on the device, and the simulated operator, implement it.
     */
    default Optional<OperatorChannel> operatorChannel() {
        return Optional.empty();
    }
}
