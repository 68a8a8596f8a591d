package org.presslab.impedance.api;

/**
 * One parameter of a fit result. For a fixed parameter the error is 0 and the interval is the
 * value itself.
 *
 * @param name parameter name
 * @param unit SI unit
 * @param value best-fit value
 * @param standardError standard error from the covariance {@code s^2 (J^T W J)^-1}, with
 *        {@code s^2 = chi^2 / (2N - p)}; NaN if it could not be computed
 * @param ci95Low lower end of the 95 % confidence interval (Student t, 2N - p degrees of freedom)
 * @param ci95High upper end of the 95 % confidence interval
 * @param fixed held at its given value
 * @param identifiable false when the data do not determine the parameter: relative standard
 *        error above 100 %, or the parameter lies in a (near-)null direction of the Jacobian
 * @param atBound the value is pinned at (within 1e-6 relative of) one of its bounds
 */
public record FittedParameter(String name, String unit, double value, double standardError, double ci95Low,
        double ci95High, boolean fixed, boolean identifiable, boolean atBound) {

    /** Standard error relative to |value|. */
    public double relativeError() {
        return standardError / Math.abs(value);
    }

    /** Whether {@code x} lies within the 95 % interval. */
    public boolean ciContains(double x) {
        return x >= ci95Low && x <= ci95High;
    }
}
