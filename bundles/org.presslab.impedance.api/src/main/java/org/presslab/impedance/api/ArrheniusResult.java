package org.presslab.impedance.api;

/**
 * Fit of {@code ln(sigma) = ln(A) - Ea/(k_B T)} (or of {@code ln(sigma T)}).
 *
 * @param form which quantity was fitted
 * @param activationEnergyEv activation energy, electronvolts
 * @param activationEnergyStdErrorEv its standard error from the regression, electronvolts
 * @param prefactor A, in S/m (or S K/m for the sigma-T form)
 * @param lnPrefactorStdError standard error of ln(A)
 * @param rSquared coefficient of determination
 * @param points number of temperatures
 */
public record ArrheniusResult(ArrheniusForm form, double activationEnergyEv, double activationEnergyStdErrorEv,
        double prefactor, double lnPrefactorStdError, double rSquared, int points) {

    /** Elementary charge times Avogadro's number: 1 eV per particle in J/mol. */
    public static final double J_PER_MOL_PER_EV = 96485.33212;

    /** Which quantity the Arrhenius fit uses. */
    public enum ArrheniusForm { SIGMA, SIGMA_T }

    public double activationEnergyJPerMol() {
        return activationEnergyEv * J_PER_MOL_PER_EV;
    }

    public double activationEnergyStdErrorJPerMol() {
        return activationEnergyStdErrorEv * J_PER_MOL_PER_EV;
    }

    /** Predicted conductivity at temperature {@code t} (kelvin), S/m. */
    public double conductivityAt(double t) {
        double kB = 8.617333262e-5;
        double v = prefactor * Math.exp(-activationEnergyEv / (kB * t));
        return form == ArrheniusForm.SIGMA_T ? v / t : v;
    }
}
