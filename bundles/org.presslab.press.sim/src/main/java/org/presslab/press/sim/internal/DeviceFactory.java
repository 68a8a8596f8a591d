package org.presslab.press.sim.internal;

import org.presslab.press.sim.SimSpec;
import org.presslab.press.sim.SimulatedDevice;
import org.presslab.time.TimeSource;

/** Builds the device model for a validated spec. */
public final class DeviceFactory {

    private DeviceFactory() {
    }

    public static SimulatedDevice create(TimeSource time, SimSpec spec) {
        throw new UnsupportedOperationException("simulated " + spec.kind() + " not implemented yet");
    }
}
