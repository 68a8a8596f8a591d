package org.presslab.analyzer.sim;

import org.osgi.annotation.versioning.ProviderType;
import org.presslab.analyzer.api.Analyzer;

/** A simulated analyzer: a full {@link Analyzer} plus what only a simulator has. */
@ProviderType
public interface SimulatedAnalyzer extends Analyzer {

    /** Fault injection for tests. */
    AnalyzerFaults faults();

    /**
     * The noise-free impedance of the cell now at {@code frequencyHz}: {Z', Z''}, Ω (the truth behind a
     * measurement). NaN when no cell is bound.
     */
    double[] trueImpedance(double frequencyHz);

    /** The spec it was built from (a copy). */
    SimAnalyzerSpec spec();
}
