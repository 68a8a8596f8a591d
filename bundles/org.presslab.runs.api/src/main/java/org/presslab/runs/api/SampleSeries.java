package org.presslab.runs.api;

import java.time.Instant;
import java.util.List;

/**
 * A run's samples between two times, reduced to at most the number of points asked for.
 *
 * @param runId the run
 * @param from start of the window asked for (clipped to the run)
 * @param to end of the window asked for (clipped to the run)
 * @param sampleCount raw samples in the window
 * @param raw true when the buckets are the raw samples themselves (there were no more than asked for)
 * @param tier where the buckets came from: "raw" (the sample table) or the decimated tier, e.g. "1s"
 * @param buckets the points, oldest first; every bucket is the same length unless raw
 */
public record SampleSeries(String runId, Instant from, Instant to, long sampleCount, boolean raw, String tier,
        List<SampleBucket> buckets) {

    public SampleSeries {
        buckets = List.copyOf(buckets);
    }
}
