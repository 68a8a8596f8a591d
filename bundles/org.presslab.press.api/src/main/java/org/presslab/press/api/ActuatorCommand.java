package org.presslab.press.api;

import java.util.Objects;

/**
 * A command to an actuator.
 *
 * @param mode how {@code value} is meant
 * @param value the raw output in [-1, 1], a force in newtons or a pressure in pascals
 */
public record ActuatorCommand(ActuationMode mode, double value) {

    public ActuatorCommand {
        Objects.requireNonNull(mode, "mode");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("actuator command must be finite, was " + value);
        }
        if (mode == ActuationMode.RAW_OUTPUT && (value < -1 || value > 1)) {
            throw new IllegalArgumentException("raw output must be in [-1, 1], was " + value);
        }
    }

    public static ActuatorCommand raw(double u) {
        return new ActuatorCommand(ActuationMode.RAW_OUTPUT, u);
    }

    public static ActuatorCommand force(double newtons) {
        return new ActuatorCommand(ActuationMode.FORCE_SETPOINT, newtons);
    }

    public static ActuatorCommand pressure(double pascals) {
        return new ActuatorCommand(ActuationMode.PRESSURE_SETPOINT, pascals);
    }
}
