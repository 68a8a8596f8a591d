package org.presslab.impedance.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Quantities a solid-electrolyte lab reports. SI in and out: ohms, metres, kelvin, S/m, ohm m^2.
 * (1 S/m = 0.01 S/cm; 1 ohm m^2 = 1e4 ohm cm^2.) Thread-safe.
 */
@ProviderType
public interface ConductivityCalculator {

    /** sigma = L / (R A), S/m. */
    double conductivity(double resistanceOhm, double thicknessM, double areaM2);

    /** sigma of a round pellet of the given diameter, S/m. */
    default double pelletConductivity(double resistanceOhm, double thicknessM, double diameterM) {
        return conductivity(resistanceOhm, thicknessM, Math.PI * diameterM * diameterM / 4.0);
    }

    /** Area-specific resistance R A, ohm m^2 (multiply by 1e4 for ohm cm^2). */
    double areaSpecificResistance(double resistanceOhm, double areaM2);

    /**
     * Arrhenius fit of conductivity against temperature.
     *
     * @param temperatureK temperatures, kelvin
     * @param conductivitySPerM conductivities, S/m (positive)
     * @throws IllegalArgumentException for fewer than 3 points, a non-positive value or mismatched lengths
     */
    ArrheniusResult arrhenius(double[] temperatureK, double[] conductivitySPerM, ArrheniusResult.ArrheniusForm form);
}
