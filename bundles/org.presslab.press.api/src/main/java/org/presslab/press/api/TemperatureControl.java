package org.presslab.press.api;

import org.osgi.annotation.versioning.ConsumerType;

/** The heater of a heated press. The temperature itself is in {@link Reading#temperatureK()}. */
@ConsumerType
public interface TemperatureControl {

    /**
     * Sets the temperature setpoint, kelvin; the device's own controller holds it.
     *
     * @throws IllegalArgumentException outside the device's range
     */
    void setTemperatureSetpoint(double kelvin);

    /** The setpoint in force, kelvin; NaN when the heater is off. */
    double temperatureSetpoint();

    /** Switches the heater off. */
    void heaterOff();
}
