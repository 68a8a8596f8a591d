package org.presslab.press.sim;

/**
 * The heater of a heated press (or a warm isostatic press), SI units. First-order thermal plant
 * {@code C·dT/dt = P - G·(T - T_amb)} with the heater's own PI controller and anti-windup,
 * {@code 0 <= P <= P_max}. All values EST for heated lab platens.
 */
public final class HeaterParameters {

    /** Ambient and start temperature, K: 25 °C. */
    private double ambientK = 298.15;
    /** Thermal mass of the platens, J/K: ~2.6 kg of steel (EST). */
    private double thermalMassJPerK = 1200;
    /** Heat loss to ambient, W/K (EST; τ = C/G = 400 s). */
    private double lossConductanceWPerK = 3;
    /** Heater power, W (EST; 0.67 K/s at full power). */
    private double maxPowerW = 800;
    /** Proportional gain of the heater's controller, W/K (EST). */
    private double controllerGainWPerK = 100;
    /** Integral time of the heater's controller, s (EST; cancels the thermal pole). */
    private double controllerIntegralTimeS = 400;
    /** Highest settable temperature, K: 300 °C (EST rating; with sodium inside keep below ~80 °C, docs/physics.md §4.1). */
    private double maxTemperatureK = 573.15;

    public HeaterParameters() {
    }

    /** A copy of {@code o}. */
    public HeaterParameters(HeaterParameters o) {
        ambientK = o.ambientK;
        thermalMassJPerK = o.thermalMassJPerK;
        lossConductanceWPerK = o.lossConductanceWPerK;
        maxPowerW = o.maxPowerW;
        controllerGainWPerK = o.controllerGainWPerK;
        controllerIntegralTimeS = o.controllerIntegralTimeS;
        maxTemperatureK = o.maxTemperatureK;
    }

    /** Checks every field; the message names the first bad one. */
    public void validate() {
        Checks.finitePositive("heater.ambientK", ambientK);
        Checks.finitePositive("heater.thermalMassJPerK", thermalMassJPerK);
        Checks.finitePositive("heater.lossConductanceWPerK", lossConductanceWPerK);
        Checks.finitePositive("heater.maxPowerW", maxPowerW);
        Checks.finitePositive("heater.controllerGainWPerK", controllerGainWPerK);
        Checks.finitePositive("heater.controllerIntegralTimeS", controllerIntegralTimeS);
        if (!(maxTemperatureK > ambientK)) {
            throw new IllegalArgumentException("heater.maxTemperatureK must be above heater.ambientK (" + ambientK
                    + " K), was " + maxTemperatureK);
        }
    }

    public double ambientK() { return ambientK; }
    public HeaterParameters ambientK(double v) { ambientK = v; return this; }
    public double thermalMassJPerK() { return thermalMassJPerK; }
    public HeaterParameters thermalMassJPerK(double v) { thermalMassJPerK = v; return this; }
    public double lossConductanceWPerK() { return lossConductanceWPerK; }
    public HeaterParameters lossConductanceWPerK(double v) { lossConductanceWPerK = v; return this; }
    public double maxPowerW() { return maxPowerW; }
    public HeaterParameters maxPowerW(double v) { maxPowerW = v; return this; }
    public double controllerGainWPerK() { return controllerGainWPerK; }
    public HeaterParameters controllerGainWPerK(double v) { controllerGainWPerK = v; return this; }
    public double controllerIntegralTimeS() { return controllerIntegralTimeS; }
    public HeaterParameters controllerIntegralTimeS(double v) { controllerIntegralTimeS = v; return this; }
    public double maxTemperatureK() { return maxTemperatureK; }
    public HeaterParameters maxTemperatureK(double v) { maxTemperatureK = v; return this; }
}
