package org.presslab.press.sim;

/**
 * The cell stack model shared by every simulated device, SI units. Defaults are a 10 mm pellet with a
 * 100 µm sodium foil; every number names its source (a section of docs/physics.md, or EST for our estimate).
 *
 * <p>Model: the sodium foil flows by power-law creep under the effective stress
 * {@code σ_eff = P / g} (a thin foil between platens is held by friction and geometry, docs/physics.md §1.2),
 * {@code ε̇ = ε̇_ref · (σ_eff/σ_y)^n · exp(-Q/R·(1/T - 1/T_ref))}, shortening the stack at
 * {@code h·ε̇}; the geometry factor grows as the foil thins, {@code g = g_ref·(h_ref/h)^m}. Plating
 * adds {@code 8.86 µm per mAh/cm²} of sodium (docs/physics.md §1.3), stripping removes it.
 */
public final class CellParameters {

    /** Pellet diameter, m: 10 mm (docs/physics.md §1.1, the common die). */
    private double diameterM = 0.010;
    /** Elastic stiffness of the stack, N/m: 5e9 = 5000 kN/mm (docs/physics.md §1.4: 10³-10⁴ kN/mm, EST). */
    private double stackStiffnessNpm = 5e9;
    /** Initial sodium foil thickness, m: 100 µm (docs/physics.md §1.2: foils of 50-500 µm, EST). */
    private double anodeThicknessM = 100e-6;
    /** Geometry factor g at the reference thickness (docs/physics.md §1.2: 10-1000, EST 150). */
    private double geometryFactor = 150;
    /** Thickness at which g = geometryFactor, m (EST: the initial foil, 100 µm). */
    private double geometryReferenceThicknessM = 100e-6;
    /** Exponent m of g = g_ref·(h_ref/h)^m: thinner foils are more constrained (EST 1). */
    private double geometryExponent = 1;
    /** Sodium yield stress, Pa: 0.24 MPa (docs/physics.md §1.2 [R1]: 0.19-0.28 MPa at 1e-3 1/s). */
    private double yieldStressPa = 0.24e6;
    /** Strain rate at the yield stress, 1/s: 1e-3 (docs/physics.md §1.2 [R1]). */
    private double referenceStrainRate = 1e-3;
    /** Creep stress exponent n: 5, dislocation climb (docs/physics.md §1.2 [R1]). */
    private double creepExponent = 5;
    /** Creep activation energy, J/mol: 40 kJ/mol (EST, near Na self-diffusion; UNVERIFIED). */
    private double creepActivationEnergyJPerMol = 40e3;
    /** Temperature at which referenceStrainRate holds, K: 25 °C (docs/physics.md §1.2, room temperature). */
    private double referenceTemperatureK = 298.15;
    /** Sodium thickness per areal charge, m³/C: 8.86 µm per mAh/cm² = 2.461e-10 m/(C/m²) (docs/physics.md §1.3). */
    private double thicknessPerChargeM3PerC = 8.86e-6 / 36_000;
    /**
     * Fraction of the anode's thickness change cancelled by the counter electrode: 0 = full cell with a
     * rigid cathode (net +8.86 µm per mAh/cm²), 1 = symmetric Na|SE|Na (net ~0) (docs/physics.md §1.3).
     */
    private double counterElectrodeCompensation = 0;
    /** Interfacial resistance at the reference pressure, Ω·m²: 100 Ω·cm² = 0.01 Ω·m² (docs/physics.md §1.5, EST). */
    private double interfacialResistanceRefOhmM2 = 0.01;
    /** Reference pressure of the R_int law, Pa: 15 MPa (docs/physics.md §1.5, EST). */
    private double interfacialReferencePressurePa = 15e6;
    /** Exponent of R_int ∝ P^-x: 0.5 (docs/physics.md §1.5 [R11]). */
    private double interfacialPressureExponent = 0.5;
    /** Initial contact loss f0 = exp(-P_max/scale) after assembly, Pa: 25 MPa (docs/physics.md §1.5, EST). */
    private double contactPressureScalePa = 25e6;
    /** Critical stripping current i_CCS = P/slope; slope, Pa per A/m²: 3.6 MPa per mA/cm² (docs/physics.md §1.5, [R8]-derived EST). */
    private double ccsPressurePerCurrentDensity = 3.6e6 / 10;
    /** Void fraction grown per C/m² stripped above i_CCS: 0.1 per mAh/cm² (EST). */
    private double voidGrowthPerCharge = 0.1 / 36_000;
    /** Void closure: df/dt = -closure·f·ε̇ (creep fills voids, docs/physics.md §1.5, EST 100). */
    private double voidClosureFactor = 100;
    /** Void fraction beyond which plating shorts the cell: 0.5 (docs/physics.md §1.5, EST). */
    private double shortVoidFraction = 0.5;
    /** Height the stack loses at once when the pellet cracks, m: 20 µm (EST). */
    private double crackCollapseM = 20e-6;
    /** Fraction of the stack stiffness left after a crack: 0.001 (EST; fragments only). */
    private double crackedStiffnessFraction = 0.001;
    /**
     * Highest pressure the cell saw before the simulation starts (its stacking pressure), Pa: 0 for a
     * fresh cell in a press; frames default to 74 MPa, a cell stacked in a press first (docs/physics.md §1.1, §1.5).
     */
    private double assemblyPressurePa = 0;
    /** Numerical floor of the sodium thickness, m: 1 µm (the foil never vanishes in the model). */
    private double minAnodeThicknessM = 1e-6;

    public CellParameters() {
    }

    /** A copy of {@code o}. */
    public CellParameters(CellParameters o) {
        diameterM = o.diameterM;
        stackStiffnessNpm = o.stackStiffnessNpm;
        anodeThicknessM = o.anodeThicknessM;
        geometryFactor = o.geometryFactor;
        geometryReferenceThicknessM = o.geometryReferenceThicknessM;
        geometryExponent = o.geometryExponent;
        yieldStressPa = o.yieldStressPa;
        referenceStrainRate = o.referenceStrainRate;
        creepExponent = o.creepExponent;
        creepActivationEnergyJPerMol = o.creepActivationEnergyJPerMol;
        referenceTemperatureK = o.referenceTemperatureK;
        thicknessPerChargeM3PerC = o.thicknessPerChargeM3PerC;
        counterElectrodeCompensation = o.counterElectrodeCompensation;
        interfacialResistanceRefOhmM2 = o.interfacialResistanceRefOhmM2;
        interfacialReferencePressurePa = o.interfacialReferencePressurePa;
        interfacialPressureExponent = o.interfacialPressureExponent;
        contactPressureScalePa = o.contactPressureScalePa;
        ccsPressurePerCurrentDensity = o.ccsPressurePerCurrentDensity;
        voidGrowthPerCharge = o.voidGrowthPerCharge;
        voidClosureFactor = o.voidClosureFactor;
        shortVoidFraction = o.shortVoidFraction;
        crackCollapseM = o.crackCollapseM;
        crackedStiffnessFraction = o.crackedStiffnessFraction;
        minAnodeThicknessM = o.minAnodeThicknessM;
        assemblyPressurePa = o.assemblyPressurePa;
    }

    /** Checks every field; the message names the first bad one. */
    public void validate() {
        Checks.finitePositive("cell.diameterM", diameterM);
        Checks.positive("cell.stackStiffnessNpm", stackStiffnessNpm);
        Checks.finitePositive("cell.anodeThicknessM", anodeThicknessM);
        Checks.finitePositive("cell.geometryFactor", geometryFactor);
        Checks.finitePositive("cell.geometryReferenceThicknessM", geometryReferenceThicknessM);
        Checks.range("cell.geometryExponent", geometryExponent, 0, 5);
        Checks.finitePositive("cell.yieldStressPa", yieldStressPa);
        Checks.nonNegative("cell.referenceStrainRate", referenceStrainRate);
        Checks.range("cell.creepExponent", creepExponent, 1, 10);
        Checks.nonNegative("cell.creepActivationEnergyJPerMol", creepActivationEnergyJPerMol);
        Checks.finitePositive("cell.referenceTemperatureK", referenceTemperatureK);
        Checks.nonNegative("cell.thicknessPerChargeM3PerC", thicknessPerChargeM3PerC);
        Checks.range("cell.counterElectrodeCompensation", counterElectrodeCompensation, 0, 1);
        Checks.finitePositive("cell.interfacialResistanceRefOhmM2", interfacialResistanceRefOhmM2);
        Checks.finitePositive("cell.interfacialReferencePressurePa", interfacialReferencePressurePa);
        Checks.nonNegative("cell.interfacialPressureExponent", interfacialPressureExponent);
        Checks.finitePositive("cell.contactPressureScalePa", contactPressureScalePa);
        Checks.finitePositive("cell.ccsPressurePerCurrentDensity", ccsPressurePerCurrentDensity);
        Checks.nonNegative("cell.voidGrowthPerCharge", voidGrowthPerCharge);
        Checks.nonNegative("cell.voidClosureFactor", voidClosureFactor);
        Checks.range("cell.shortVoidFraction", shortVoidFraction, 0.01, 0.99);
        Checks.nonNegative("cell.crackCollapseM", crackCollapseM);
        Checks.range("cell.crackedStiffnessFraction", crackedStiffnessFraction, 1e-9, 1);
        Checks.finitePositive("cell.minAnodeThicknessM", minAnodeThicknessM);
        Checks.nonNegative("cell.assemblyPressurePa", assemblyPressurePa);
    }

    /** Pellet area, m². */
    public double areaM2() {
        return SimUnits.discArea(diameterM);
    }

    public double diameterM() { return diameterM; }
    public CellParameters diameterM(double v) { diameterM = v; return this; }
    public double stackStiffnessNpm() { return stackStiffnessNpm; }
    public CellParameters stackStiffnessNpm(double v) { stackStiffnessNpm = v; return this; }
    public double anodeThicknessM() { return anodeThicknessM; }
    public CellParameters anodeThicknessM(double v) { anodeThicknessM = v; return this; }
    public double geometryFactor() { return geometryFactor; }
    public CellParameters geometryFactor(double v) { geometryFactor = v; return this; }
    public double geometryReferenceThicknessM() { return geometryReferenceThicknessM; }
    public CellParameters geometryReferenceThicknessM(double v) { geometryReferenceThicknessM = v; return this; }
    public double geometryExponent() { return geometryExponent; }
    public CellParameters geometryExponent(double v) { geometryExponent = v; return this; }
    public double yieldStressPa() { return yieldStressPa; }
    public CellParameters yieldStressPa(double v) { yieldStressPa = v; return this; }
    public double referenceStrainRate() { return referenceStrainRate; }
    public CellParameters referenceStrainRate(double v) { referenceStrainRate = v; return this; }
    public double creepExponent() { return creepExponent; }
    public CellParameters creepExponent(double v) { creepExponent = v; return this; }
    public double creepActivationEnergyJPerMol() { return creepActivationEnergyJPerMol; }
    public CellParameters creepActivationEnergyJPerMol(double v) { creepActivationEnergyJPerMol = v; return this; }
    public double referenceTemperatureK() { return referenceTemperatureK; }
    public CellParameters referenceTemperatureK(double v) { referenceTemperatureK = v; return this; }
    public double thicknessPerChargeM3PerC() { return thicknessPerChargeM3PerC; }
    public CellParameters thicknessPerChargeM3PerC(double v) { thicknessPerChargeM3PerC = v; return this; }
    public double counterElectrodeCompensation() { return counterElectrodeCompensation; }
    public CellParameters counterElectrodeCompensation(double v) { counterElectrodeCompensation = v; return this; }
    public double interfacialResistanceRefOhmM2() { return interfacialResistanceRefOhmM2; }
    public CellParameters interfacialResistanceRefOhmM2(double v) { interfacialResistanceRefOhmM2 = v; return this; }
    public double interfacialReferencePressurePa() { return interfacialReferencePressurePa; }
    public CellParameters interfacialReferencePressurePa(double v) { interfacialReferencePressurePa = v; return this; }
    public double interfacialPressureExponent() { return interfacialPressureExponent; }
    public CellParameters interfacialPressureExponent(double v) { interfacialPressureExponent = v; return this; }
    public double contactPressureScalePa() { return contactPressureScalePa; }
    public CellParameters contactPressureScalePa(double v) { contactPressureScalePa = v; return this; }
    public double ccsPressurePerCurrentDensity() { return ccsPressurePerCurrentDensity; }
    public CellParameters ccsPressurePerCurrentDensity(double v) { ccsPressurePerCurrentDensity = v; return this; }
    public double voidGrowthPerCharge() { return voidGrowthPerCharge; }
    public CellParameters voidGrowthPerCharge(double v) { voidGrowthPerCharge = v; return this; }
    public double voidClosureFactor() { return voidClosureFactor; }
    public CellParameters voidClosureFactor(double v) { voidClosureFactor = v; return this; }
    public double shortVoidFraction() { return shortVoidFraction; }
    public CellParameters shortVoidFraction(double v) { shortVoidFraction = v; return this; }
    public double crackCollapseM() { return crackCollapseM; }
    public CellParameters crackCollapseM(double v) { crackCollapseM = v; return this; }
    public double crackedStiffnessFraction() { return crackedStiffnessFraction; }
    public CellParameters crackedStiffnessFraction(double v) { crackedStiffnessFraction = v; return this; }
    public double minAnodeThicknessM() { return minAnodeThicknessM; }
    public CellParameters minAnodeThicknessM(double v) { minAnodeThicknessM = v; return this; }
    public double assemblyPressurePa() { return assemblyPressurePa; }
    public CellParameters assemblyPressurePa(double v) { assemblyPressurePa = v; return this; }
}
