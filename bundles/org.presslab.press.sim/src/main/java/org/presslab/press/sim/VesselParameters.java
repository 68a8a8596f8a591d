package org.presslab.press.sim;

/**
 * An isostatic press (CIP/WIP) vessel, SI units: {@code dp/dt = (β/V)·(Q_pump·u⁺ - C_v·u⁻·√p - Q_relief - c_leak·p)}.
 * The pressure on the cell is the vessel pressure. In {@code PRESSURE_SETPOINT} mode the press's own
 * controller ramps its setpoint at {@link #setpointRatePaPerS()} and closes the loop on the pump and valve.
 * All values EST for a small lab CIP.
 */
public final class VesselParameters {

    /** Vessel fluid volume, m³: 2 L (EST). */
    private double vesselVolumeM3 = 2e-3;
    /** Bulk modulus of the pressure medium, Pa: 2.2 GPa (water, EST). */
    private double fluidBulkModulusPa = 2.2e9;
    /** Intensifier flow at full output, m³/s: 2 cm³/s (EST; ~2.2 MPa/s). */
    private double pumpFlowM3s = 2e-6;
    /** Vessel pressure rating, Pa: 400 MPa (EST, typical lab CIP). */
    private double ratedPressurePa = 400e6;
    /** Relief cracking pressure, Pa: at the rating (docs/physics.md §4.1: hydraulic relief in addition to software limits). */
    private double reliefPressurePa = 400e6;
    /** Relief flow gain, m³/(s·Pa) (EST). */
    private double reliefValveGainM3PerSPa = 1e-12;
    /** Release valve coefficient at full opening, m³/(s·√Pa) (EST). */
    private double releaseValveCoefficient = 2e-10;
    /** Leak, m³/(s·Pa) (EST). */
    private double leakCoefficientM3PerSPa = 1e-18;
    /** Pump/valve time constant, s (EST). */
    private double actuatorTimeConstantS = 0.05;
    /** Command dead time, s (EST). */
    private double commandDelayS = 0.01;
    /** Ramp rate of the press's own pressure controller, Pa/s: 1 MPa/s (EST). */
    private double setpointRatePaPerS = 1e6;
    /** Proportional band of the press's own pressure controller, Pa: full output at 1 MPa error (EST). */
    private double controllerBandPa = 1e6;
    /** Warm isostatic press (WIP): a heater ({@link SimSpec#heater()}) and a temperature sensor. */
    private boolean warm = false;

    public VesselParameters() {
    }

    /** A copy of {@code o}. */
    public VesselParameters(VesselParameters o) {
        vesselVolumeM3 = o.vesselVolumeM3;
        fluidBulkModulusPa = o.fluidBulkModulusPa;
        pumpFlowM3s = o.pumpFlowM3s;
        ratedPressurePa = o.ratedPressurePa;
        reliefPressurePa = o.reliefPressurePa;
        reliefValveGainM3PerSPa = o.reliefValveGainM3PerSPa;
        releaseValveCoefficient = o.releaseValveCoefficient;
        leakCoefficientM3PerSPa = o.leakCoefficientM3PerSPa;
        actuatorTimeConstantS = o.actuatorTimeConstantS;
        commandDelayS = o.commandDelayS;
        setpointRatePaPerS = o.setpointRatePaPerS;
        controllerBandPa = o.controllerBandPa;
        warm = o.warm;
    }

    /** Checks every field; the message names the first bad one. */
    public void validate() {
        Checks.finitePositive("vessel.vesselVolumeM3", vesselVolumeM3);
        Checks.finitePositive("vessel.fluidBulkModulusPa", fluidBulkModulusPa);
        Checks.finitePositive("vessel.pumpFlowM3s", pumpFlowM3s);
        Checks.finitePositive("vessel.ratedPressurePa", ratedPressurePa);
        Checks.finitePositive("vessel.reliefPressurePa", reliefPressurePa);
        Checks.finitePositive("vessel.reliefValveGainM3PerSPa", reliefValveGainM3PerSPa);
        Checks.finitePositive("vessel.releaseValveCoefficient", releaseValveCoefficient);
        Checks.nonNegative("vessel.leakCoefficientM3PerSPa", leakCoefficientM3PerSPa);
        Checks.nonNegative("vessel.actuatorTimeConstantS", actuatorTimeConstantS);
        Checks.range("vessel.commandDelayS", commandDelayS, 0, 1);
        Checks.finitePositive("vessel.setpointRatePaPerS", setpointRatePaPerS);
        Checks.finitePositive("vessel.controllerBandPa", controllerBandPa);
    }

    public double vesselVolumeM3() { return vesselVolumeM3; }
    public VesselParameters vesselVolumeM3(double v) { vesselVolumeM3 = v; return this; }
    public double fluidBulkModulusPa() { return fluidBulkModulusPa; }
    public VesselParameters fluidBulkModulusPa(double v) { fluidBulkModulusPa = v; return this; }
    public double pumpFlowM3s() { return pumpFlowM3s; }
    public VesselParameters pumpFlowM3s(double v) { pumpFlowM3s = v; return this; }
    public double ratedPressurePa() { return ratedPressurePa; }
    public VesselParameters ratedPressurePa(double v) { ratedPressurePa = v; return this; }
    public double reliefPressurePa() { return reliefPressurePa; }
    public VesselParameters reliefPressurePa(double v) { reliefPressurePa = v; return this; }
    public double reliefValveGainM3PerSPa() { return reliefValveGainM3PerSPa; }
    public VesselParameters reliefValveGainM3PerSPa(double v) { reliefValveGainM3PerSPa = v; return this; }
    public double releaseValveCoefficient() { return releaseValveCoefficient; }
    public VesselParameters releaseValveCoefficient(double v) { releaseValveCoefficient = v; return this; }
    public double leakCoefficientM3PerSPa() { return leakCoefficientM3PerSPa; }
    public VesselParameters leakCoefficientM3PerSPa(double v) { leakCoefficientM3PerSPa = v; return this; }
    public double actuatorTimeConstantS() { return actuatorTimeConstantS; }
    public VesselParameters actuatorTimeConstantS(double v) { actuatorTimeConstantS = v; return this; }
    public double commandDelayS() { return commandDelayS; }
    public VesselParameters commandDelayS(double v) { commandDelayS = v; return this; }
    public double setpointRatePaPerS() { return setpointRatePaPerS; }
    public VesselParameters setpointRatePaPerS(double v) { setpointRatePaPerS = v; return this; }
    public double controllerBandPa() { return controllerBandPa; }
    public VesselParameters controllerBandPa(double v) { controllerBandPa = v; return this; }
    public boolean warm() { return warm; }
    public VesselParameters warm(boolean v) { warm = v; return this; }
}
