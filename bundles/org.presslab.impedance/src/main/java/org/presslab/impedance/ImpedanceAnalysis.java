package org.presslab.impedance;

import org.presslab.impedance.api.CircuitFitter;
import org.presslab.impedance.api.ConductivityCalculator;
import org.presslab.impedance.api.DrtAnalyzer;
import org.presslab.impedance.api.KramersKronig;
import org.presslab.impedance.internal.CnlsFitter;
import org.presslab.impedance.internal.Conductivity;
import org.presslab.impedance.internal.LinKk;
import org.presslab.impedance.internal.TikhonovDrt;

/**
 * The analysis services outside OSGi (the CLI, benchmarks, other modules' tests): the same
 * implementations this bundle registers as services. Each call returns a new, thread-safe,
 * stateless instance.
 */
public final class ImpedanceAnalysis {

    private ImpedanceAnalysis() {
    }

    /** Complex nonlinear least squares on an equivalent circuit (Levenberg-Marquardt, multi-start). */
    public static CircuitFitter circuitFitter() {
        return new CnlsFitter();
    }

    /** The Lin-KK test (Schönleber et al.), with automatic choice of the number of RC elements. */
    public static KramersKronig kramersKronig() {
        return new LinKk();
    }

    /** The distribution of relaxation times by Tikhonov-regularised non-negative least squares. */
    public static DrtAnalyzer drtAnalyzer() {
        return new TikhonovDrt();
    }

    /** Conductivity, area-specific resistance and Arrhenius fits. */
    public static ConductivityCalculator conductivity() {
        return new Conductivity();
    }
}
