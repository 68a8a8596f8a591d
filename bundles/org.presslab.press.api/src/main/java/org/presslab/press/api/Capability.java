package org.presslab.press.api;

/** What a device can do. */
public enum Capability {
    /** Measures force (load cell, force gauge); {@link Reading#forceN()} is valid. */
    SENSE_FORCE,
    /** Measures a pressure (hydraulic line pressure or isostatic vessel pressure); {@link Reading#pressurePa()} is valid. */
    SENSE_PRESSURE,
    /** Measures platen or crosshead position; {@link Reading#positionM()} is valid. */
    SENSE_POSITION,
    /** Measures temperature; {@link Reading#temperatureK()} is valid. */
    SENSE_TEMPERATURE,
    /** Can move: {@link PressDriver#actuator()} is present. */
    ACTUATE,
    /** Has a temperature setpoint: {@link PressDriver#temperatureControl()} is present. */
    SET_TEMPERATURE
}
