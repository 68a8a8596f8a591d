package org.presslab.press.sim.internal;

import org.presslab.press.sim.PlantSnapshot;
import org.presslab.press.sim.SimSpec;
import org.presslab.press.sim.SimulatedDevice;
import org.presslab.time.TimeSource;

/** Builds the device model for a validated spec. */
public final class DeviceFactory {

    private DeviceFactory() {
    }

    /** A device in {@code snapshot}'s state; see {@link SimDevice#restore}. */
    public static SimulatedDevice create(TimeSource time, SimSpec spec, PlantSnapshot snapshot) {
        SimDevice device = build(time, spec);
        device.restore(snapshot);
        return device;
    }

    public static SimulatedDevice create(TimeSource time, SimSpec spec) {
        return build(time, spec);
    }

    private static SimDevice build(TimeSource time, SimSpec spec) {
        switch (spec.kind()) {
            case AUTOMATIC_HYDRAULIC_PRESS:
            case MANUAL_HYDRAULIC_PRESS:
            case HEATED_PRESS:
                return new HydraulicPressDevice(time, spec);
            case SPRING_FRAME:
            case SCREW_FRAME:
            case MOTORIZED_FRAME:
                return new FrameDevice(time, spec);
            case ISOSTATIC_PRESS:
                return new IsostaticPressDevice(time, spec);
            case CRIMPER:
                return new CrimperDevice(time, spec);
            default:
                throw new IllegalArgumentException("the simulator has no model for device kind " + spec.kind());
        }
    }
}
