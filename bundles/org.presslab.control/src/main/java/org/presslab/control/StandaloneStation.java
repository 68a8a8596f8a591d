package org.presslab.control;

import org.osgi.annotation.versioning.ProviderType;
import org.presslab.analyzer.api.Analyzer;
import org.presslab.control.api.Station;
import org.presslab.control.api.StationListener;
import org.presslab.impedance.api.CircuitFitter;
import org.presslab.impedance.api.KramersKronig;
import org.presslab.press.api.PressDriver;

/**
 * A station created outside OSGi by {@link Stations}: the same engine the DS component runs (loop, safety
 * supervisor, loop watch, recipe executor, every limit), wired by hand. Call {@link #start()} once, then
 * {@link #bindDriver(PressDriver)}; {@link #close()} stops every task it scheduled on its time source.
 */
@ProviderType
public interface StandaloneStation extends Station, AutoCloseable {

    /** Schedules the loop, the supervisor, the loop watch and the event dispatcher on the time source. */
    void start();

    /**
     * Offers a driver, as the DS component does when a matching driver service appears. The station takes
     * it unless it already runs on another device (a second matching driver never takes over).
     */
    void bindDriver(PressDriver driver);

    /** Withdraws a driver, as when its service goes away: the station holds nothing and reports NO_DRIVER. */
    void unbindDriver(PressDriver driver);

    /**
     * Offers an impedance analyzer, as the DS component does for one matching {@code analyzer.target}: recipe steps
     * that measure impedance ({@code eis}, {@code measureEveryMin}, {@code measureAtEnd}, {@code sweep}) use it. A
     * second analyzer waits as a standby until the first is withdrawn.
     */
    void bindAnalyzer(Analyzer analyzer);

    /** Withdraws an analyzer: a standby takes its place; a measurement on it fails, and the station keeps holding. */
    void unbindAnalyzer(Analyzer analyzer);

    /**
     * The fitter and Kramers-Kronig test the impedance steps use (for example {@code ImpedanceAnalysis.circuitFitter()}
     * and {@code kramersKronig()} from the impedance bundle); either may be null, then that part of a step is skipped
     * or, where a step requires it, the dry run says so.
     */
    void useImpedanceAnalysis(CircuitFitter fitter, KramersKronig kk);

    /** Adds a listener for events and samples, called on the station's dispatch task, never on the loop. */
    void addListener(StationListener listener);

    void removeListener(StationListener listener);

    /** Loop statistics for diagnosis and benchmarks. */
    LoopStats loopStats();

    /**
     * Stops everything. The bound device keeps a latched safe action (an e-stopped press stays stopped);
     * otherwise it is left in HOLD (a cycling cell is not unloaded). Heaters are switched off.
     */
    @Override
    void close();

    /**
     * @param ticks loop ticks that ran with a driver
     * @param meanWorkNanos mean time spent in a tick (driver read, checks, controller, command, ring)
     * @param maxWorkNanos the longest tick
     * @param droppedSamples samples dropped for listeners and by the history ring (a slow consumer)
     */
    record LoopStats(long ticks, long meanWorkNanos, long maxWorkNanos, long droppedSamples) {
    }
}
