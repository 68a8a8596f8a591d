package org.presslab.runs.api;

import java.time.Instant;
import java.util.List;

/**
 * A cycling log stored with a run, without its points.
 *
 * @param id the log's id (time-ordered, unique across instances)
 * @param runId the run
 * @param source the file name or other origin
 * @param format the file format
 * @param start UTC time of the first point
 * @param end UTC time of the last point
 * @param points number of points
 * @param cycles number of distinct cycle indices
 * @param shortCircuits short circuits flagged, with the stack pressure at each
 */
public record CyclingLogInfo(String id, String runId, String source, String format, Instant start, Instant end,
        int points, int cycles, List<CyclingLog.ShortCircuit> shortCircuits) {

    public CyclingLogInfo {
        shortCircuits = List.copyOf(shortCircuits);
    }
}
