package org.presslab.impedance.api;

import java.util.Objects;

/**
 * What the user says about one parameter of a fit: a starting value, that it is fixed, and/or
 * bounds. {@code NaN} means "not given" for {@code initial}; infinite bounds mean unbounded on
 * that side; a NaN bound means "use the element's default bound".
 *
 * @param name parameter name as in {@link CircuitModel#parameterNames()}
 * @param initial starting value (or the fixed value), NaN for an automatic guess
 * @param fixed whether the parameter is held at {@code initial}
 * @param lower lower bound (NaN = element default)
 * @param upper upper bound (NaN = element default)
 */
public record ParameterConstraint(String name, double initial, boolean fixed, double lower, double upper) {

    public ParameterConstraint {
        Objects.requireNonNull(name, "name");
        if (fixed && !Double.isFinite(initial)) {
            throw new IllegalArgumentException("parameter " + name + ": a fixed parameter needs a finite value");
        }
        if (!Double.isNaN(lower) && !Double.isNaN(upper) && !(lower < upper)) {
            throw new IllegalArgumentException("parameter " + name + ": lower bound " + lower
                    + " must be below upper bound " + upper);
        }
    }

    /** Hold {@code name} at {@code value}. */
    public static ParameterConstraint fixed(String name, double value) {
        return new ParameterConstraint(name, value, true, Double.NaN, Double.NaN);
    }

    /** Start {@code name} at {@code value}, default bounds. */
    public static ParameterConstraint start(String name, double value) {
        return new ParameterConstraint(name, value, false, Double.NaN, Double.NaN);
    }

    /** Keep {@code name} within [lower, upper], automatic start. */
    public static ParameterConstraint bounded(String name, double lower, double upper) {
        return new ParameterConstraint(name, Double.NaN, false, lower, upper);
    }
}
