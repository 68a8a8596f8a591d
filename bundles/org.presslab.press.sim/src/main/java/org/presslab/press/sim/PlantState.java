package org.presslab.press.sim;

/**
 * The true, noise-free state of a simulated plant at one instant, SI units; quantities the device
 * does not have are NaN.
 *
 * @param timeNanos the time source's time of this state
 * @param forceN force on the cell stack, N
 * @param cellPressurePa pressure on the cell, Pa (force over pellet area, or the vessel pressure)
 * @param linePressurePa hydraulic line or vessel pressure, Pa
 * @param positionM ram, crosshead or motor position, m, closing positive
 * @param temperatureK platen or vessel temperature, K
 * @param actuatorOutput the effective actuator output in [-1, 1] after delay and lag (0 when none)
 * @param reliefFlowM3s flow through the relief valve, m³/s (0 when shut or none)
 */
public record PlantState(long timeNanos, double forceN, double cellPressurePa, double linePressurePa,
        double positionM, double temperatureK, double actuatorOutput, double reliefFlowM3s) {
}
