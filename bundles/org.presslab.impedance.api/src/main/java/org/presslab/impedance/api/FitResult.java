package org.presslab.impedance.api;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * The result of a CNLS fit. Residuals are relative: {@code (Z_data - Z_model) / |Z_data|}, the
 * way Lin-KK and impedance.py report them, so they compare across a spectrum.
 *
 * @param circuit canonical circuit string
 * @param weighting weighting used
 * @param parameters fitted parameters in circuit order
 * @param chiSquare weighted sum of squares at the minimum
 * @param reducedChiSquare chi-square divided by the degrees of freedom (2N - free parameters)
 * @param frequency frequencies of the spectrum, hertz
 * @param modelReal model Z' at each frequency
 * @param modelImag model Z'' at each frequency
 * @param residualReal relative real residuals
 * @param residualImag relative imaginary residuals
 * @param converged false when the optimiser hit its iteration limit or failed in every start
 * @param iterations Levenberg-Marquardt iterations of the winning start
 * @param starts how many starting points were tried
 * @param warnings plain-language notes: non-convergence, parameters not identifiable or at a bound
 * @param notes what the fitter did that a user should know but that does not make the fit less
 *        trustworthy: blocks put in canonical order, an alternative assignment of arcs to blocks
 *        that fits as well, a warm start replaced by a cold one in a series
 * @since 1.1 (notes)
 */
public record FitResult(String circuit, Weighting weighting, List<FittedParameter> parameters, double chiSquare,
        double reducedChiSquare, double[] frequency, double[] modelReal, double[] modelImag, double[] residualReal,
        double[] residualImag, boolean converged, int iterations, int starts, List<String> warnings,
        List<String> notes) {

    public FitResult {
        parameters = List.copyOf(parameters);
        warnings = List.copyOf(warnings);
        notes = List.copyOf(notes);
    }

    /** A result without notes (the 1.0 constructor). */
    public FitResult(String circuit, Weighting weighting, List<FittedParameter> parameters, double chiSquare,
            double reducedChiSquare, double[] frequency, double[] modelReal, double[] modelImag, double[] residualReal,
            double[] residualImag, boolean converged, int iterations, int starts, List<String> warnings) {
        this(circuit, weighting, parameters, chiSquare, reducedChiSquare, frequency, modelReal, modelImag, residualReal,
                residualImag, converged, iterations, starts, warnings, List.of());
    }

    /** This result with one more note. @since 1.1 */
    public FitResult withNote(String note) {
        List<String> n = new java.util.ArrayList<>(notes);
        n.add(note);
        return new FitResult(circuit, weighting, parameters, chiSquare, reducedChiSquare, frequency, modelReal, modelImag,
                residualReal, residualImag, converged, iterations, starts, warnings, n);
    }

    /** The parameter of that name. */
    public FittedParameter parameter(String name) {
        for (FittedParameter p : parameters) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new NoSuchElementException("no parameter " + name + " in " + circuit);
    }

    /** Value of the parameter of that name. */
    public double value(String name) {
        return parameter(name).value();
    }

    /** All values in circuit order. */
    public double[] values() {
        return parameters.stream().mapToDouble(FittedParameter::value).toArray();
    }

    /** True when converged and every free parameter is identifiable. */
    public boolean trustworthy() {
        return converged && parameters.stream().allMatch(p -> p.fixed() || p.identifiable());
    }
}
