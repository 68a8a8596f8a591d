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
     * Leaves the device as a deactivated driver must: actuator in {@code HOLD}, instructions withdrawn.
     * The device still answers afterwards (the plant keeps its load), so a test can check the hold.
     */
    @Override
    void close();
}
