package org.presslab.press.sim;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The cell stack in a simulated fixture (see {@link CellParameters} for the model). Units are SI:
 * current density in A/m² (1 mA/cm² = 10 A/m²), areal charge in C/m² (1 mAh/cm² = 36 000 C/m²);
 * {@link SimUnits} converts. Positive current plates sodium on the anode (it grows), negative strips it.
 */
@ProviderType
public interface SimulatedCell {

    /** Pellet area, m². */
    double areaM2();

    /** Pellet diameter, m. */
    double diameterM();

    /** Sets a constant current density, A/m² (positive = plating); stops any cycling profile. */
    void setCurrentDensity(double amperePerM2);

    /** The current density in force now, A/m². */
    double currentDensity();

    /**
     * Starts galvanostatic cycling at once: plate {@code capacityPerHalfCycle} at
     * {@code currentDensity}, then strip the same, and so on.
     *
     * @param currentDensity magnitude, A/m², must be &gt; 0
     * @param capacityPerHalfCycle areal charge per half cycle, C/m², must be &gt; 0
     * @param halfCycles how many half cycles before the current stops; {@code 0} = endless
     */
    void startCycling(double currentDensity, double capacityPerHalfCycle, int halfCycles);

    /** Stops cycling and sets the current to zero. */
    void stopCycling();

    /** True while a cycling profile runs. */
    boolean isCycling();

    /** Half cycles completed since the last {@link #startCycling}. */
    int completedHalfCycles();

    /** Net areal charge passed since creation, C/m² (plating positive). */
    double netChargePerArea();

    /** The true force on the stack now, N. */
    double forceN();

    /** The true pressure on the cell now (force over pellet area, or the vessel pressure), Pa. */
    double pressurePa();

    /** Present sodium anode thickness, m. */
    double anodeThicknessM();

    /** Thickness added by plating minus stripping since creation, m (after counter-electrode compensation). */
    double electrochemicalThicknessChangeM();

    /** Thickness lost to creep (squeeze flow) of the sodium since creation, m. */
    double creepShorteningM();

    /** Present contact-loss (void) area fraction f in [0, 1) (docs/physics.md §1.5 law). */
    double voidFraction();

    /** Interfacial resistance per area, Ω·m² (R_int = R_ref·(P/P_ref)^-0.5/(1-f), docs/physics.md §1.5 EST). */
    double interfacialResistanceOhmM2();

    /** Interfacial resistance of this pellet, Ω (per-area value over the pellet area). */
    default double interfacialResistanceOhm() {
        return interfacialResistanceOhmM2() / areaM2();
    }

    /** True once the pellet has cracked (fault injection). */
    boolean isCracked();

    /** True once voids exceeded the short threshold while plating (docs/physics.md §1.5 EST). */
    boolean isShorted();
}
