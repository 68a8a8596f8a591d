package org.presslab.cycling;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A sampled quantity over wall-clock time (stack pressure, force, temperature) and the gaps in its
 * recording, for reading it at the times of another instrument's points. {@link #at(long)} interpolates
 * linearly between the two samples around a time, and is NaN where it cannot say: before the first
 * sample, after the last (never extrapolated), inside a recorded gap, and between two samples further
 * apart than the largest spacing (a gap nobody recorded). Immutable and thread-safe.
 */
public final class Trace {

    /** A span without samples, e.g. while the driver was away; epoch nanoseconds, end after start. */
    public record Gap(long startNanos, long endNanos) {
        public Gap {
            if (endNanos < startNanos) {
                throw new IllegalArgumentException("gap ends (" + endNanos + ") before it starts (" + startNanos + ")");
            }
        }
    }

    private final long[] times;
    private final double[] values;
    private final Gap[] gaps;
    private final long maxSpacingNanos;

    /**
     * @param epochNanos sample times, epoch nanoseconds, not decreasing
     * @param values the values (NaN allowed: a sample without a valid value)
     * @param gaps recorded gaps, any order
     * @param maxSpacingNanos two samples further apart than this are not interpolated between (positive)
     * @throws IllegalArgumentException if lengths differ, a time goes back or the spacing is not positive
     */
    public Trace(long[] epochNanos, double[] values, List<Gap> gaps, long maxSpacingNanos) {
        Objects.requireNonNull(epochNanos, "epochNanos");
        Objects.requireNonNull(values, "values");
        if (epochNanos.length != values.length) {
            throw new IllegalArgumentException("trace: " + epochNanos.length + " times but " + values.length + " values");
        }
        if (maxSpacingNanos <= 0) {
            throw new IllegalArgumentException("trace: largest spacing must be positive, is " + maxSpacingNanos + " ns");
        }
        for (int i = 1; i < epochNanos.length; i++) {
            if (epochNanos[i] < epochNanos[i - 1]) {
                throw new IllegalArgumentException("trace: sample " + i + " at " + epochNanos[i]
                        + " ns is before sample " + (i - 1) + " at " + epochNanos[i - 1] + " ns");
            }
        }
        this.times = epochNanos.clone();
        this.values = values.clone();
        this.gaps = merge(gaps);
        this.maxSpacingNanos = maxSpacingNanos;
    }

    /** Number of samples. */
    public int size() {
        return times.length;
    }

    /** The value at a time (epoch nanoseconds), or NaN where the trace cannot say. */
    public double at(long t) {
        int n = times.length;
        if (n == 0 || t < times[0] || t > times[n - 1] || inGap(t, t)) {
            return Double.NaN;
        }
        int k = lastAtOrBefore(t);
        if (times[k] == t) {
            return values[k];
        }
        int j = k + 1;
        if (times[j] - times[k] > maxSpacingNanos || inGap(times[k], times[j])) {
            return Double.NaN;
        }
        double w = (double) (t - times[k]) / (double) (times[j] - times[k]);
        return values[k] + w * (values[j] - values[k]);
    }

    /** The values at many times (any order). */
    public double[] at(long[] epochNanos) {
        double[] out = new double[epochNanos.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = at(epochNanos[i]);
        }
        return out;
    }

    private boolean inGap(long a, long b) {
        return overlaps(gaps, a, b);
    }

    /** Sorted, disjoint gaps: only one can overlap a span. */
    static Gap[] merge(List<Gap> gaps) {
        List<Gap> sorted = new ArrayList<>(gaps == null ? List.of() : gaps);
        sorted.sort(Comparator.comparingLong(Gap::startNanos));
        List<Gap> merged = new ArrayList<>();
        for (Gap g : sorted) {
            Gap last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && g.startNanos() <= last.endNanos()) {
                merged.set(merged.size() - 1, new Gap(last.startNanos(), Math.max(last.endNanos(), g.endNanos())));
            } else {
                merged.add(g);
            }
        }
        return merged.toArray(new Gap[0]);
    }

    /** True if one of the merged gaps overlaps the open span (a, b), or contains a when a == b. */
    static boolean overlaps(Gap[] gaps, long a, long b) {
        int lo = 0;
        int hi = gaps.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (gaps[mid].startNanos() <= b) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo == 0) {
            return false;
        }
        Gap gap = gaps[lo - 1]; // the last gap starting at or before b; the ones before it end before it starts
        return a == b ? a <= gap.endNanos() : gap.startNanos() < b && gap.endNanos() > a;
    }

    private int lastAtOrBefore(long t) {
        int lo = 0;
        int hi = times.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (times[mid] <= t) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
}
