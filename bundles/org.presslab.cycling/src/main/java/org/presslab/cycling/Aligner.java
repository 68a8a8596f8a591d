package org.presslab.cycling;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The streaming form of {@link Trace#at(long)}: the values of a sampled quantity at many times, from samples
 * that arrive in time order one at a time (a month of 100 Hz pressure samples is never held in memory). The
 * same rule: linear between the two samples around a time, NaN before the first and after the last sample,
 * inside a recorded gap, across a {@link #breakHere() break} or a sample without a value, and between samples
 * further apart than the largest spacing. Not thread-safe: one feeder.
 */
public final class Aligner {

    private final long[] query;
    private final double[] out;
    private final Trace.Gap[] gaps;
    private final long maxSpacingNanos;
    private int next;
    private boolean hasPrevious;
    private long previousTime;
    private double previousValue;
    private long lastTime = Long.MIN_VALUE;

    /**
     * @param queryNanos the times wanted, epoch nanoseconds, not decreasing
     * @param gaps recorded gaps, any order
     * @param maxSpacingNanos two samples further apart than this are not interpolated between (positive)
     */
    public Aligner(long[] queryNanos, List<Trace.Gap> gaps, long maxSpacingNanos) {
        Objects.requireNonNull(queryNanos, "queryNanos");
        for (int i = 1; i < queryNanos.length; i++) {
            if (queryNanos[i] < queryNanos[i - 1]) {
                throw new IllegalArgumentException("aligner: time " + i + " is before time " + (i - 1));
            }
        }
        if (maxSpacingNanos <= 0) {
            throw new IllegalArgumentException("aligner: largest spacing must be positive, is " + maxSpacingNanos + " ns");
        }
        this.query = queryNanos.clone();
        this.out = new double[query.length];
        Arrays.fill(out, Double.NaN);
        this.gaps = Trace.merge(gaps);
        this.maxSpacingNanos = maxSpacingNanos;
    }

    /**
     * The next sample; NaN (or infinite) means "no valid value here" and breaks the trace.
     *
     * @throws IllegalArgumentException if it is earlier than the previous sample
     */
    public void accept(long timeNanos, double value) {
        if (timeNanos < lastTime) {
            throw new IllegalArgumentException("aligner: sample at " + timeNanos + " ns after one at " + lastTime + " ns");
        }
        lastTime = timeNanos;
        boolean valid = Double.isFinite(value);
        while (next < query.length && query[next] < timeNanos) {
            long t = query[next];
            if (valid && hasPrevious && t >= previousTime && timeNanos - previousTime <= maxSpacingNanos
                    && !Trace.overlaps(gaps, previousTime, timeNanos) && !Trace.overlaps(gaps, t, t)) {
                double w = (double) (t - previousTime) / (double) (timeNanos - previousTime);
                out[next] = previousValue + w * (value - previousValue);
            }
            next++;
        }
        while (next < query.length && query[next] == timeNanos) {
            out[next] = valid && !Trace.overlaps(gaps, timeNanos, timeNanos) ? value : Double.NaN;
            next++;
        }
        hasPrevious = valid;
        previousTime = timeNanos;
        previousValue = value;
    }

    /** No interpolation across this point (a sample flagged as a gap, a driver loss). */
    public void breakHere() {
        hasPrevious = false;
    }

    /** The values at the query times so far (times after the last sample stay NaN). */
    public double[] result() {
        return out.clone();
    }
}
