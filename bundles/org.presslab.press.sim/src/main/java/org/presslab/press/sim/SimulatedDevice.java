package org.presslab.press.sim;

import org.osgi.annotation.versioning.ProviderType;
import org.presslab.press.api.PressDriver;

/**
 * A simulated press or frame: a full {@link PressDriver} plus handles that only a simulator has.
 * Obtain one from {@link SimulatedDevices#create}; in OSGi each configured device is also
 * registered as a service of this type (with the same properties as its {@code PressDriver}).
 */
@ProviderType
public interface SimulatedDevice extends PressDriver, AutoCloseable {

    /** The cell stack in the fixture: current, cycling, and its true (noise-free) state. */
    SimulatedCell cell();

    /** Fault injection for tests. */
    FaultInjector faults();

    /** The true, noise-free state of the plant now (integrated up to the time source's present). */
    PlantState plantState();

    /** The specification the device was built from (a copy; changing it has no effect). */
    SimSpec spec();

    /**
     * The physical state of the plant now (integrated up to the time source's present), to build the same
     * plant again with {@link SimulatedDevices#create(org.presslab.time.TimeSource, SimSpec, PlantSnapshot)}
     * after this device (its driver) is gone: the load outlives the driver, as on a real press.
     * Devices built by {@link SimulatedDevices} all support it.
     *
     * @throws UnsupportedOperationException from an implementation that cannot (the default)
     * @since 1.1
     */
    default PlantSnapshot snapshot() {
        throw new UnsupportedOperationException(getClass().getName() + " '" + id() + "' cannot snapshot its plant");
    }

    /**
     * The coin-cell can in the die of a crimper ({@link org.presslab.press.api.DeviceKind#CRIMPER}); empty for
     * every other device.
     *
     * @since 1.3
     */
    default java.util.Optional<CoinCell> coinCell() {
        return java.util.Optional.empty();
    }

    /**
     * Leaves the device as a deactivated driver must: actuator in {@code HOLD}, instructions withdrawn; a
     * {@code STOP} or {@code VENT} already in force stays (since 1.2: a latched trip is never downgraded).
     * The device still answers afterwards (the plant keeps its load), so a test can check the hold.
     */
    @Override
    void close();
}
