package org.presslab.impedance.api;

import java.util.List;

/**
 * A distribution of relaxation times {@code Z = R_inf + jwL + integral gamma(ln tau)/(1 + jw tau) dln tau},
 * discretised on a log grid.
 *
 * @param tau grid of time constants, seconds, ascending
 * @param gamma gamma(ln tau) at each grid point, ohms (non-negative)
 * @param rInf series (high-frequency) resistance, ohms
 * @param inductance series inductance, henries (0 when not modelled)
 * @param lambda regularisation parameter used
 * @param lambdaMethod how lambda was chosen
 * @param peaks peaks from small to large tau
 * @param frequency frequencies, hertz
 * @param residualReal relative real residuals (Z - Z_DRT)/|Z|
 * @param residualImag relative imaginary residuals
 * @param seriesCapacitance series capacitance, farads ({@code +Infinity} when not modelled or
 *        not needed: no blocking behaviour)
 * @param warnings plain-language problems of the computation, e.g. the non-negative solver
 *        stopping at its iteration limit for some lambda
 * @since 1.1 (seriesCapacitance, warnings)
 */
public record DrtResult(double[] tau, double[] gamma, double rInf, double inductance, double lambda,
        DrtOptions.LambdaMethod lambdaMethod, List<DrtPeak> peaks, double[] frequency, double[] residualReal,
        double[] residualImag, double seriesCapacitance, List<String> warnings) {

    public DrtResult {
        peaks = List.copyOf(peaks);
        warnings = List.copyOf(warnings);
    }

    /** A result without series capacitance and warnings (the 1.0 constructor). */
    public DrtResult(double[] tau, double[] gamma, double rInf, double inductance, double lambda,
            DrtOptions.LambdaMethod lambdaMethod, List<DrtPeak> peaks, double[] frequency, double[] residualReal,
            double[] residualImag) {
        this(tau, gamma, rInf, inductance, lambda, lambdaMethod, peaks, frequency, residualReal, residualImag,
                Double.POSITIVE_INFINITY, List.of());
    }

    /** Total polarisation resistance: integral of gamma over ln tau. */
    public double polarizationResistance() {
        double s = 0;
        double dln = tau.length > 1 ? Math.log(tau[1] / tau[0]) : 1;
        for (double g : gamma) {
            s += g * dln;
        }
        return s;
    }
}
