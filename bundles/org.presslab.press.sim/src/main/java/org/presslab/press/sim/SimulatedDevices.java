package org.presslab.press.sim;

import java.util.Objects;

import org.presslab.press.api.DeviceKind;
import org.presslab.press.sim.internal.DeviceFactory;
import org.presslab.time.TimeSource;

/** Creates simulated devices outside OSGi (the DS components use the same factory). */
public final class SimulatedDevices {

    private SimulatedDevices() {
    }

    /**
     * Builds a device from {@code spec} (validated and copied) on {@code time}.
     *
     * @throws IllegalArgumentException naming the first invalid parameter
     */
    public static SimulatedDevice create(TimeSource time, SimSpec spec) {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(spec, "spec");
        SimSpec copy = new SimSpec(spec);
        copy.validate();
        return DeviceFactory.create(time, copy);
    }

    /**
     * Builds a device from {@code spec} and puts it into {@code snapshot}'s physical state, actuator in
     * {@code HOLD}, after running the held physics on for the time between {@link PlantSnapshot#takenAt()}
     * and {@code time.now()} (creep relaxation, leakage, cycling, heater), at most
     * {@link PlantSnapshot#MAX_AWAY}, in coarse steps (about 1 s, so a restore is fast).
     *
     * @throws IllegalArgumentException naming the first invalid parameter, or when the snapshot is of
     *         another device kind, another id or another geometry ({@code geometry.*} differs), or holds
     *         a missing or bad value
     */
    public static SimulatedDevice create(TimeSource time, SimSpec spec, PlantSnapshot snapshot) {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(snapshot, "snapshot");
        SimSpec copy = new SimSpec(spec);
        copy.validate();
        return DeviceFactory.create(time, copy, snapshot);
    }

    /** An automatic hydraulic press with the default parameters. */
    public static SimulatedDevice hydraulicPress(TimeSource time, String id, long seed) {
        return create(time, SimSpec.defaults(DeviceKind.AUTOMATIC_HYDRAULIC_PRESS).id(id).seed(seed));
    }

    /** A manual hydraulic press with its simulated operator, default parameters. */
    public static SimulatedDevice manualPress(TimeSource time, String id, long seed) {
        return create(time, SimSpec.defaults(DeviceKind.MANUAL_HYDRAULIC_PRESS).id(id).seed(seed));
    }

    /** A disc-spring frame preloaded to 15 MPa, default parameters. */
    public static SimulatedDevice springFrame(TimeSource time, String id, long seed) {
        return create(time, SimSpec.defaults(DeviceKind.SPRING_FRAME).id(id).seed(seed));
    }

    /** A fixed-gap screw frame preloaded to 15 MPa, default parameters. */
    public static SimulatedDevice screwFrame(TimeSource time, String id, long seed) {
        return create(time, SimSpec.defaults(DeviceKind.SCREW_FRAME).id(id).seed(seed));
    }

    /** A motorized frame with disc springs, preloaded to 15 MPa, default parameters. */
    public static SimulatedDevice motorizedFrame(TimeSource time, String id, long seed) {
        return create(time, SimSpec.defaults(DeviceKind.MOTORIZED_FRAME).id(id).seed(seed));
    }

    /** A heated hydraulic press, default parameters. */
    public static SimulatedDevice heatedPress(TimeSource time, String id, long seed) {
        return create(time, SimSpec.defaults(DeviceKind.HEATED_PRESS).id(id).seed(seed));
    }

    /** A cold isostatic press, default parameters. */
    public static SimulatedDevice isostaticPress(TimeSource time, String id, long seed) {
        return create(time, SimSpec.defaults(DeviceKind.ISOSTATIC_PRESS).id(id).seed(seed));
    }

    /** An electro-hydraulic coin-cell crimper (20 mm CR2032 die, 2 t) with a fresh can in its die, default parameters. @since 1.3 */
    public static SimulatedDevice crimper(TimeSource time, String id, long seed) {
        return create(time, SimSpec.defaults(DeviceKind.CRIMPER).id(id).seed(seed));
    }
}
