package org.presslab.analyzer.sim;

import java.util.function.Supplier;

import org.presslab.analyzer.sim.internal.SimAnalyzer;
import org.presslab.press.sim.SimulatedDevice;
import org.presslab.time.TimeSource;

/** Builds simulated analyzers outside OSGi (tests, the CLI, benchmarks). */
public final class SimulatedAnalyzers {

    private SimulatedAnalyzers() {
    }

    /**
     * An analyzer measuring the cell of {@code device}.
     *
     * @throws IllegalArgumentException for an invalid spec (naming the value)
     */
    public static SimulatedAnalyzer create(TimeSource time, SimAnalyzerSpec spec, SimulatedDevice device) {
        return create(time, spec, () -> device);
    }

    /**
     * An analyzer measuring the cell of whatever device {@code device} supplies at the time of each point
     * (null: none bound, the analyzer is DISCONNECTED), as the DS component does when a press driver is swapped.
     */
    public static SimulatedAnalyzer create(TimeSource time, SimAnalyzerSpec spec, Supplier<SimulatedDevice> device) {
        return new SimAnalyzer(time, spec.copy().validate(), device);
    }
}
