package org.presslab.impedance.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * An equivalent circuit read from a circuit string in impedance.py syntax ({@code
 * R0-p(R1,CPE1)-Wo1}). Parameters are named as impedance.py names them: a one-parameter element
 * by its own name ({@code R0}, {@code C1}), the others with an index suffix ({@code CPE1_0} = Q,
 * {@code CPE1_1} = alpha, {@code Wo1_0} = Z0, {@code Wo1_1} = tau). Instances are immutable and
 * thread-safe.
 */
@ProviderType
public interface CircuitModel {

    /** The circuit string in canonical form (whitespace removed). */
    String circuit();

    /** Parameter names in order. */
    List<String> parameterNames();

    /** SI unit of each parameter, same order ("ohm", "F", "s", "" for exponents). */
    List<String> parameterUnits();

    /** Default lower bound of each parameter (0 for positive quantities). */
    double[] defaultLowerBounds();

    /** Default upper bound of each parameter ({@code +Infinity} when unbounded). */
    double[] defaultUpperBounds();

    default int parameterCount() {
        return parameterNames().size();
    }

    /** Index of a parameter by name, or -1. */
    default int indexOf(String parameterName) {
        return parameterNames().indexOf(parameterName);
    }

    /**
     * Impedance at one frequency.
     *
     * @return {Z', Z''} in ohms
     * @throws IllegalArgumentException if {@code parameters} has the wrong length
     */
    double[] impedance(double frequencyHz, double[] parameters);

    /** The model evaluated at the given frequencies as a spectrum (metadata source "synthetic: circuit"). */
    Spectrum simulate(double[] frequencyHz, double[] parameters);
}
