package org.presslab.runs.api;

import java.time.Instant;

/**
 * Station samples between {@code start} (inclusive) and {@code end} (exclusive), reduced to their
 * minimum, maximum and mean. A raw sample is a bucket of one with start = end = its time and
 * min = max = mean. Gap samples (no reading) are not in the statistics; a bucket with only gap samples
 * has count 0 and NaN values. SI units.
 *
 * @param start start of the bucket (UTC)
 * @param end end of the bucket
 * @param count samples with a reading in the bucket
 * @param pressureMinPa lowest pressure
 * @param pressureMaxPa highest pressure
 * @param pressureMeanPa mean pressure
 * @param forceMinN lowest force
 * @param forceMaxN highest force
 * @param forceMeanN mean force
 * @param setpointMeanPa mean setpoint
 * @param temperatureMeanK mean temperature (NaN when the device measures none)
 */
public record SampleBucket(Instant start, Instant end, long count, double pressureMinPa, double pressureMaxPa,
        double pressureMeanPa, double forceMinN, double forceMaxN, double forceMeanN, double setpointMeanPa,
        double temperatureMeanK) {
}
