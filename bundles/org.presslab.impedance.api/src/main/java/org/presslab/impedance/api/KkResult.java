package org.presslab.impedance.api;

import java.util.ArrayList;
import java.util.List;

/**
 * Result of a linear Kramers-Kronig test: the fitted KK-compliant model
 * {@code R0 + jwL + 1/(jwC) + sum R_k / (1 + jw tau_k)} and the relative residuals
 * {@code (Z - Z_KK)/|Z|} per point.
 *
 * @param m number of RC elements chosen
 * @param mu the mu measure at that M (1 - negative mass / positive mass)
 * @param tau time constants of the RC elements, seconds
 * @param resistance resistance of each RC element, ohms (may be negative)
 * @param seriesResistance R0, ohms
 * @param seriesInductance L, henries
 * @param seriesCapacitance C, farads; {@code +Infinity} when the model had no capacitor
 * @param frequency frequencies, hertz
 * @param residualReal relative real residuals
 * @param residualImag relative imaginary residuals
 * @param residualLimit limit used for {@link #valid()} and {@link #suspectPoints()}
 */
public record KkResult(int m, double mu, double[] tau, double[] resistance, double seriesResistance,
        double seriesInductance, double seriesCapacitance, double[] frequency, double[] residualReal,
        double[] residualImag, double residualLimit) {

    /** Largest |relative residual|, real or imaginary. */
    public double maxResidual() {
        double max = 0;
        for (int i = 0; i < residualReal.length; i++) {
            max = Math.max(max, Math.max(Math.abs(residualReal[i]), Math.abs(residualImag[i])));
        }
        return max;
    }

    /** Root-mean-square of all relative residuals. */
    public double rmsResidual() {
        double s = 0;
        for (int i = 0; i < residualReal.length; i++) {
            s += residualReal[i] * residualReal[i] + residualImag[i] * residualImag[i];
        }
        return Math.sqrt(s / (2.0 * residualReal.length));
    }

    /** Indices of points whose real or imaginary residual exceeds the limit: the ones to distrust. */
    public List<Integer> suspectPoints() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < residualReal.length; i++) {
            if (Math.abs(residualReal[i]) > residualLimit || Math.abs(residualImag[i]) > residualLimit) {
                out.add(i);
            }
        }
        return out;
    }

    /** True when every residual is within the limit. */
    public boolean valid() {
        return maxResidual() <= residualLimit;
    }
}
