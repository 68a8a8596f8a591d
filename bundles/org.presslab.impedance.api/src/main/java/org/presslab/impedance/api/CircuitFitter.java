package org.presslab.impedance.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Equivalent-circuit models and complex nonlinear least-squares fitting (Levenberg-Marquardt).
 * Thread-safe.
 */
@ProviderType
public interface CircuitFitter {

    /**
     * Reads a circuit string: elements R, C, L, CPE, W, Wo, Ws, G, TLMQ with a numeric suffix
     * ({@code R0}, {@code CPE1}), joined in series with {@code -} and in parallel with
     * {@code p(a,b,...)}.
     *
     * @throws CircuitSyntaxException naming the position and what was expected
     */
    CircuitModel parse(String circuit);

    /**
     * Starting values guessed from the spectrum alone: the high-frequency intercept for series
     * resistors, arc diameters and apex frequencies for parallel R-C/CPE blocks, the
     * low-frequency tail for Warburg elements.
     */
    double[] initialGuess(Spectrum spectrum, CircuitModel model);

    /** Fits {@code circuit} to {@code spectrum}. Never throws for a poor fit: see {@link FitResult#converged()}. */
    FitResult fit(Spectrum spectrum, String circuit, FitOptions options);

    default FitResult fit(Spectrum spectrum, String circuit) {
        return fit(spectrum, circuit, FitOptions.DEFAULT);
    }
}
