package org.presslab.impedance.api;

import java.util.Objects;

/**
 * Options of a DRT computation.
 *
 * @param lambdaMethod how the regularisation parameter is found
 * @param lambda the regularisation parameter when {@code lambdaMethod} is GIVEN (ignored otherwise)
 * @param pointsPerDecade grid density in tau
 * @param extendDecades how far the tau grid extends beyond 1/(2 pi f) of the measured range, each side
 * @param inductance include a series inductance in the model
 * @param seriesCapacitance include a series capacitance (a blocking electrode: Z'' grows as 1/w at
 *        low frequency, which no relaxation on the grid can represent)
 * @since 1.1 (seriesCapacitance)
 */
public record DrtOptions(LambdaMethod lambdaMethod, double lambda, int pointsPerDecade, double extendDecades,
        boolean inductance, boolean seriesCapacitance) {

    /** Regularisation-parameter choice. */
    public enum LambdaMethod { GCV, L_CURVE, GIVEN }

    /** GCV, 10 points per decade, grid extended one decade each side, with inductance. */
    public static final DrtOptions DEFAULT = new DrtOptions(LambdaMethod.GCV, Double.NaN, 10, 1.0, true, false);

    /** Options without a series capacitance (the 1.0 constructor). */
    public DrtOptions(LambdaMethod lambdaMethod, double lambda, int pointsPerDecade, double extendDecades,
            boolean inductance) {
        this(lambdaMethod, lambda, pointsPerDecade, extendDecades, inductance, false);
    }

    /** These options with or without a series capacitance. @since 1.1 */
    public DrtOptions withSeriesCapacitance(boolean on) {
        return new DrtOptions(lambdaMethod, lambda, pointsPerDecade, extendDecades, inductance, on);
    }

    public DrtOptions {
        Objects.requireNonNull(lambdaMethod, "lambdaMethod");
        if (lambdaMethod == LambdaMethod.GIVEN && !(lambda > 0)) {
            throw new IllegalArgumentException("a given lambda must be positive, was " + lambda);
        }
        if (pointsPerDecade < 1 || pointsPerDecade > 100) {
            throw new IllegalArgumentException("pointsPerDecade must be 1..100, was " + pointsPerDecade);
        }
        if (!(extendDecades >= 0 && extendDecades <= 4)) {
            throw new IllegalArgumentException("extendDecades must be 0..4, was " + extendDecades);
        }
    }

    public static DrtOptions withLambda(double lambda) {
        return new DrtOptions(LambdaMethod.GIVEN, lambda, 10, 1.0, true);
    }
}
