package org.presslab.press.api;

import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The moving part of a device. Only control calls it, and only after its safety supervisor has
 * checked the command; a driver must still refuse (throw {@link IllegalArgumentException}) a
 * force or pressure setpoint above its own rating.
 */
@ConsumerType
public interface Actuator {

    /** The command modes this actuator accepts. */
    Set<ActuationMode> modes();

    /** The safe actions the hardware can perform. Never empty. */
    Set<SafeAction> safeActions();

    /**
     * Sends a command. Non-blocking: the driver keeps the latest command and applies it on its own
     * schedule. Leaves a safe state.
     *
     * @throws IllegalArgumentException for a mode it does not support or a value beyond its rating
     */
    void command(ActuatorCommand command);

    /**
     * Enters a safe state at once. Non-blocking; later {@link #command} calls leave it. For an action not in
     * {@link #safeActions()} the driver enters {@code HOLD} if listed, else the first listed in enum order, and
     * reports that one in {@link #safeState()}; it never throws for an unlisted action (package documentation,
     * "Safe states").
     */
    void enterSafeState(SafeAction action);

    /** The safe state in force, empty while following commands. */
    Optional<SafeAction> safeState();

    /**
     * A model of the plant for feed-forward, where the driver knows one; empty otherwise.
     */
    default Optional<ActuatorModel> model() {
        return Optional.empty();
    }

    /**
     * The fastest the device can raise the pressure it measures and commands (the line pressure of a
     * hydraulic press, the vessel pressure of an isostatic press), Pa/s, at full output; NaN when unknown.
     * Control refuses ramps the device cannot follow. Devices that state a force rate in
     * {@link DeviceInfo#maxForceRateNps()} need not implement this.
     *
     * @since 1.1
     */
    default double maxPressureRatePaPerS() {
        return Double.NaN;
    }
}
