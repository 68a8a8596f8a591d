package org.presslab.impedance.api;

import java.util.List;
import java.util.Objects;

/**
 * Options of a complex nonlinear least-squares fit.
 *
 * @param weighting residual weighting
 * @param constraints starting values, fixed parameters and bounds; parameters not named get an
 *        automatic guess from the spectrum and their element's default bounds
 * @param maxIterations Levenberg-Marquardt iteration limit per start
 * @param extraStarts how many additional starts (perturbed automatic guesses) the multi-start
 *        fallback may try after the first; 0 disables it
 * @param canonicalOrder when the circuit has interchangeable blocks in series (parallel blocks of
 *        the same structure, such as {@code p(R1,CPE1)} and {@code p(R2,CPE2)}), order their
 *        values by time constant so the first block in the circuit string is the
 *        highest-frequency arc; the result's notes say when values were moved. Without it the
 *        labels depend on where the optimiser happened to land.
 * @since 1.1
 */
public record FitOptions(Weighting weighting, List<ParameterConstraint> constraints, int maxIterations,
        int extraStarts, boolean canonicalOrder) {

    /** Modulus weighting, automatic guesses, 1000 iterations, up to 6 extra starts, canonical order. */
    public static final FitOptions DEFAULT = new FitOptions(Weighting.MODULUS, List.of(), 1000, 6, true);

    /** Options with canonical order (the 1.0 constructor). */
    public FitOptions(Weighting weighting, List<ParameterConstraint> constraints, int maxIterations, int extraStarts) {
        this(weighting, constraints, maxIterations, extraStarts, true);
    }

    public FitOptions {
        Objects.requireNonNull(weighting, "weighting");
        constraints = constraints == null ? List.of() : List.copyOf(constraints);
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be at least 1, was " + maxIterations);
        }
        if (extraStarts < 0) {
            throw new IllegalArgumentException("extraStarts must not be negative, was " + extraStarts);
        }
    }

    public FitOptions withWeighting(Weighting w) {
        return new FitOptions(w, constraints, maxIterations, extraStarts, canonicalOrder);
    }

    public FitOptions withConstraints(List<ParameterConstraint> c) {
        return new FitOptions(weighting, c, maxIterations, extraStarts, canonicalOrder);
    }

    public FitOptions withExtraStarts(int n) {
        return new FitOptions(weighting, constraints, maxIterations, n, canonicalOrder);
    }

    /** @since 1.1 */
    public FitOptions withCanonicalOrder(boolean on) {
        return new FitOptions(weighting, constraints, maxIterations, extraStarts, on);
    }
}
