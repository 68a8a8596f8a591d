package org.presslab.press.sim;

/**
 * A hydraulic press: pump, release valve, relief valve, oil compliance, ram and frame, SI units.
 * Defaults are a 15 t automatic lab press (EST unless marked).
 *
 * <p>Model: the oil displaced into the cylinder {@code W} obeys
 * {@code dW/dt = Q_pump·u⁺ - C_v·u⁻·√p - Q_relief(p) - c_leak·p}; the ram position {@code x} and line
 * pressure {@code p} follow from {@code W = A·x + (V/β)·p} and {@code p·A = F = k·(x - x_contact)}
 * (quasi-static ram, frame and stack springs in series). The raw output {@code u} reaches the pump
 * and valve after a dead time and a first-order lag.
 */
public final class HydraulicParameters {

    /** Ram area, m²: 2.1e-3 (Ø 52 mm; 15 t at 70 MPa line pressure, EST). */
    private double ramAreaM2 = 2.1e-3;
    /** Force rating, N: 15 t = 147.1 kN (docs/physics.md §1.1: 1 t-force = 9.807 kN). */
    private double ratedForceN = 15 * 9806.65;
    /** Pump flow at full output, m³/s: 0.2 cm³/s (EST; ~7 kN/s into the stiff 10 mm load path). */
    private double pumpFlowM3s = 2e-7;
    /** Oil volume under pressure (cylinder, lines), m³: 50 cm³ (EST). */
    private double oilVolumeM3 = 5e-5;
    /** Effective oil bulk modulus including hoses, Pa: 1.0 GPa (EST; pure mineral oil ~1.5-1.8 GPa). */
    private double oilBulkModulusPa = 1.0e9;
    /** Frame, platen and die stiffness, N/m: 500 kN/mm (EST; ~0.3 mm deflection at rating). */
    private double frameStiffnessNpm = 5e8;
    /** Release valve flow coefficient at full opening, m³/(s·√Pa): Q = C_v·√p (EST; 5.8 kN vents in ~1 s). */
    private double releaseValveCoefficient = 1e-10;
    /** Relief valve cracking pressure, Pa: 70 MPa line (= the force rating over the ram area, docs/physics.md §4.1). */
    private double reliefPressurePa = 70e6;
    /** Relief valve flow gain above cracking, m³/(s·Pa) (EST). */
    private double reliefValveGainM3PerSPa = 1e-11;
    /** Internal leak, m³/(s·Pa): holds lose ~1 N/s at 74 MPa on 10 mm (EST). */
    private double leakCoefficientM3PerSPa = 1e-17;
    /** Time constant of pump motor and valve, s: 20 ms (EST). */
    private double actuatorTimeConstantS = 0.02;
    /** Dead time from command to pump/valve, s: 10 ms, one period of a 100 Hz loop (EST). */
    private double commandDelayS = 0.01;
    /** Ram travel to the end stop, m: 25 mm (EST). */
    private double strokeM = 0.025;
    /** Gap between platen and die plunger at start (after contactTravelM), m: 0 = touching (EST). */
    private double initialGapM = 0;
    /**
     * Ram travel already used to reach the stack at start, m: 5 mm (EST). The ram meets the die mid-stroke,
     * so it can follow the stack both ways (a plating anode pushes it back).
     */
    private double contactTravelM = 5e-3;
    /** Pressure of the ram's return spring, Pa, that pushes oil out when no load: 0.2 MPa (EST). */
    private double returnPressurePa = 0.2e6;

    // ---- plant mismatch (1.2): all defaults leave the plant and its model as before ----

    /**
     * Factor between the flows the driver's {@link org.presslab.press.api.ActuatorModel} assumes and the true
     * ones: the model takes pump flow and release valve coefficient × this factor. 1 = exact model; 1.3 = the
     * model thinks the pump 30 % stronger than it is, so its feed-forward falls about 23 % short.
     */
    private double modelFlowFactor = 1;
    /** Whether the driver reports its model at all; false = {@code Actuator.model()} empty, no feed-forward. */
    private boolean reportModel = true;
    /** Coulomb friction of the ram seals, N, opposing ram motion (the ram sticks until the pressure overcomes it). 0 = none. */
    private double sealFrictionN = 0;
    /**
     * Deadband of pump and valve, a fraction of full output in [0, 1): outputs with {@code |u| <= deadband} do
     * nothing; above it the flow grows from zero at the deadband to full at |u| = 1. 0 = none.
     */
    private double valveDeadband = 0;
    /**
     * Mass of the ram and platen, kg. 0 = quasi-static ram (the default); above 0 the ram is integrated with its
     * inertia ({@code m·dv/dt = p·A - F_stack - F_friction}) and oscillates on the oil column before it settles.
     */
    private double ramMassKg = 0;

    public HydraulicParameters() {
    }

    /** A copy of {@code o}. */
    public HydraulicParameters(HydraulicParameters o) {
        ramAreaM2 = o.ramAreaM2;
        ratedForceN = o.ratedForceN;
        pumpFlowM3s = o.pumpFlowM3s;
        oilVolumeM3 = o.oilVolumeM3;
        oilBulkModulusPa = o.oilBulkModulusPa;
        frameStiffnessNpm = o.frameStiffnessNpm;
        releaseValveCoefficient = o.releaseValveCoefficient;
        reliefPressurePa = o.reliefPressurePa;
        reliefValveGainM3PerSPa = o.reliefValveGainM3PerSPa;
        leakCoefficientM3PerSPa = o.leakCoefficientM3PerSPa;
        actuatorTimeConstantS = o.actuatorTimeConstantS;
        commandDelayS = o.commandDelayS;
        strokeM = o.strokeM;
        initialGapM = o.initialGapM;
        returnPressurePa = o.returnPressurePa;
        contactTravelM = o.contactTravelM;
        modelFlowFactor = o.modelFlowFactor;
        reportModel = o.reportModel;
        sealFrictionN = o.sealFrictionN;
        valveDeadband = o.valveDeadband;
        ramMassKg = o.ramMassKg;
    }

    /** Checks every field; the message names the first bad one. */
    public void validate() {
        Checks.finitePositive("hydraulics.ramAreaM2", ramAreaM2);
        Checks.finitePositive("hydraulics.ratedForceN", ratedForceN);
        Checks.finitePositive("hydraulics.pumpFlowM3s", pumpFlowM3s);
        Checks.finitePositive("hydraulics.oilVolumeM3", oilVolumeM3);
        Checks.finitePositive("hydraulics.oilBulkModulusPa", oilBulkModulusPa);
        Checks.positive("hydraulics.frameStiffnessNpm", frameStiffnessNpm);
        Checks.finitePositive("hydraulics.releaseValveCoefficient", releaseValveCoefficient);
        Checks.finitePositive("hydraulics.reliefPressurePa", reliefPressurePa);
        Checks.finitePositive("hydraulics.reliefValveGainM3PerSPa", reliefValveGainM3PerSPa);
        Checks.nonNegative("hydraulics.leakCoefficientM3PerSPa", leakCoefficientM3PerSPa);
        Checks.nonNegative("hydraulics.actuatorTimeConstantS", actuatorTimeConstantS);
        Checks.range("hydraulics.commandDelayS", commandDelayS, 0, 1);
        Checks.finitePositive("hydraulics.strokeM", strokeM);
        Checks.range("hydraulics.contactTravelM", contactTravelM, 0, strokeM);
        Checks.range("hydraulics.initialGapM", initialGapM, 0, strokeM - contactTravelM);
        Checks.nonNegative("hydraulics.returnPressurePa", returnPressurePa);
        Checks.finitePositive("hydraulics.modelFlowFactor", modelFlowFactor);
        Checks.nonNegative("hydraulics.sealFrictionN", sealFrictionN);
        Checks.range("hydraulics.valveDeadband", valveDeadband, 0, 0.99);
        Checks.nonNegative("hydraulics.ramMassKg", ramMassKg);
    }

    public double ramAreaM2() { return ramAreaM2; }
    public HydraulicParameters ramAreaM2(double v) { ramAreaM2 = v; return this; }
    public double ratedForceN() { return ratedForceN; }
    public HydraulicParameters ratedForceN(double v) { ratedForceN = v; return this; }
    public double pumpFlowM3s() { return pumpFlowM3s; }
    public HydraulicParameters pumpFlowM3s(double v) { pumpFlowM3s = v; return this; }
    public double oilVolumeM3() { return oilVolumeM3; }
    public HydraulicParameters oilVolumeM3(double v) { oilVolumeM3 = v; return this; }
    public double oilBulkModulusPa() { return oilBulkModulusPa; }
    public HydraulicParameters oilBulkModulusPa(double v) { oilBulkModulusPa = v; return this; }
    public double frameStiffnessNpm() { return frameStiffnessNpm; }
    public HydraulicParameters frameStiffnessNpm(double v) { frameStiffnessNpm = v; return this; }
    public double releaseValveCoefficient() { return releaseValveCoefficient; }
    public HydraulicParameters releaseValveCoefficient(double v) { releaseValveCoefficient = v; return this; }
    public double reliefPressurePa() { return reliefPressurePa; }
    public HydraulicParameters reliefPressurePa(double v) { reliefPressurePa = v; return this; }
    public double reliefValveGainM3PerSPa() { return reliefValveGainM3PerSPa; }
    public HydraulicParameters reliefValveGainM3PerSPa(double v) { reliefValveGainM3PerSPa = v; return this; }
    public double leakCoefficientM3PerSPa() { return leakCoefficientM3PerSPa; }
    public HydraulicParameters leakCoefficientM3PerSPa(double v) { leakCoefficientM3PerSPa = v; return this; }
    public double actuatorTimeConstantS() { return actuatorTimeConstantS; }
    public HydraulicParameters actuatorTimeConstantS(double v) { actuatorTimeConstantS = v; return this; }
    public double commandDelayS() { return commandDelayS; }
    public HydraulicParameters commandDelayS(double v) { commandDelayS = v; return this; }
    public double strokeM() { return strokeM; }
    public HydraulicParameters strokeM(double v) { strokeM = v; return this; }
    public double initialGapM() { return initialGapM; }
    public HydraulicParameters initialGapM(double v) { initialGapM = v; return this; }
    public double contactTravelM() { return contactTravelM; }
    public HydraulicParameters contactTravelM(double v) { contactTravelM = v; return this; }
    public double returnPressurePa() { return returnPressurePa; }
    public HydraulicParameters returnPressurePa(double v) { returnPressurePa = v; return this; }

    /** @since 1.2 */
    public double modelFlowFactor() { return modelFlowFactor; }
    /** @since 1.2 */
    public HydraulicParameters modelFlowFactor(double v) { modelFlowFactor = v; return this; }
    /** @since 1.2 */
    public boolean reportModel() { return reportModel; }
    /** @since 1.2 */
    public HydraulicParameters reportModel(boolean v) { reportModel = v; return this; }
    /** @since 1.2 */
    public double sealFrictionN() { return sealFrictionN; }
    /** @since 1.2 */
    public HydraulicParameters sealFrictionN(double v) { sealFrictionN = v; return this; }
    /** @since 1.2 */
    public double valveDeadband() { return valveDeadband; }
    /** @since 1.2 */
    public HydraulicParameters valveDeadband(double v) { valveDeadband = v; return this; }
    /** @since 1.2 */
    public double ramMassKg() { return ramMassKg; }
    /** @since 1.2 */
    public HydraulicParameters ramMassKg(double v) { ramMassKg = v; return this; }
}
