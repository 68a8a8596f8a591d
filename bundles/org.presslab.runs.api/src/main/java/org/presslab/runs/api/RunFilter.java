package org.presslab.runs.api;

import java.time.Instant;
import java.util.Set;

/**
 * Which runs {@link RunService#list(RunFilter)} returns. Null (or empty) fields do not filter.
 *
 * @param stationId only this station
 * @param since only runs that were still running at or after this time (end null or end &ge; since)
 * @param until only runs started at or before this time
 * @param outcomes only these outcomes
 * @param cellId only runs of this cell
 * @param limit at most this many runs, newest first (0: the default of 100)
 */
public record RunFilter(String stationId, Instant since, Instant until, Set<RunOutcome> outcomes, String cellId,
        int limit) {

    /** Every run, newest first, up to the default limit. */
    public static final RunFilter ALL = new RunFilter(null, null, null, null, null, 0);

    public RunFilter {
        outcomes = outcomes == null ? Set.of() : Set.copyOf(outcomes);
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be 0 (default) or positive, was " + limit);
        }
    }

    /** Runs that cover {@code time}: started at or before it and not ended before it. */
    public static RunFilter covering(Instant time) {
        return new RunFilter(null, time, time, null, null, 0);
    }

    public RunFilter station(String id) {
        return new RunFilter(id, since, until, outcomes, cellId, limit);
    }

    public RunFilter since(Instant t) {
        return new RunFilter(stationId, t, until, outcomes, cellId, limit);
    }

    public RunFilter outcome(RunOutcome... o) {
        return new RunFilter(stationId, since, until, Set.of(o), cellId, limit);
    }

    public RunFilter limit(int n) {
        return new RunFilter(stationId, since, until, outcomes, cellId, n);
    }
}
