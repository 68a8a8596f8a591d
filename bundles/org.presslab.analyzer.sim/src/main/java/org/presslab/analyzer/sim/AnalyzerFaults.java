package org.presslab.analyzer.sim;

import org.osgi.annotation.versioning.ProviderType;

/** Faults a simulated analyzer can be told to show, for tests of everything that consumes it. */
@ProviderType
public interface AnalyzerFaults {

    /** Points with these indices (of the request) read NaN, as an overloaded channel would; the driver leaves them out. */
    void nanPoints(int... indices);

    /** Points with these indices read +Infinity; the driver leaves them out. */
    void infinitePoints(int... indices);

    /** After {@code points} points the instrument stops answering: progress stalls, the result never completes, health says CONNECTED. */
    void hangAfter(int points);

    /** The next measurement fails after {@code points} points with an instrument error naming {@code message}. */
    void failAfter(int points, String message);

    /** Clears every fault (a hung measurement stays hung; abort it). */
    void clearAll();
}
