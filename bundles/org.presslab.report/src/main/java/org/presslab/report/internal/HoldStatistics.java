package org.presslab.report.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.presslab.runs.api.RecordedSample;

/**
 * The quality of a pressure hold, computed in one pass over the raw samples with constant memory (a 1-s
 * window at most): mean and standard deviation (Commons Math {@link SummaryStatistics}), the worst 1-s mean's
 * deviation from the target, the drift per hour (slope of a least-squares line, {@link SimpleRegression}),
 * the time out of the tolerance band and the excursions out of it. Gap samples (no reading) are skipped and
 * counted; a gap is never counted as in or out of band.
 */
public final class HoldStatistics {

    /** At most this many excursions are listed; the rest are counted. */
    public static final int MAX_EXCURSIONS = 50;

    /** A stretch out of the band. */
    public record Excursion(Instant start, Instant end, double worstDeviationPa) {
        public double seconds() {
            return Duration.between(start, end).toNanos() / 1e9;
        }
    }

    /** The result. Pressures in Pa, times in s. */
    public record Result(double targetPa, double tolerancePa, long samples, long gapSamples, double meanPa, double sdPa,
            double worstOneSecondMeanDeviationPa, Instant worstOneSecondAt, double driftPaPerHour, double secondsInHold,
            double secondsOutOfBand, List<Excursion> excursions, int excursionCount) {
    }

    private final double targetPa;
    private final double tolerancePa;
    private final Instant origin;
    private final SummaryStatistics stats = new SummaryStatistics();
    private final SimpleRegression drift = new SimpleRegression();
    private final ArrayDeque<double[]> window = new ArrayDeque<>();
    private double windowSum;
    private double worstDev = Double.NaN;
    private Instant worstAt;
    private long gapSamples;
    private Instant first;
    private Instant last;
    private Instant prev;
    private boolean prevOut;
    private double outSeconds;
    private Instant excursionStart;
    private double excursionWorst;
    private final List<Excursion> excursions = new ArrayList<>();
    private int excursionCount;

    /**
     * @param targetPa the hold's target
     * @param tolerancePa its band (NaN or 0: no band, nothing is out of it)
     * @param origin the time drift is measured from
     */
    public HoldStatistics(double targetPa, double tolerancePa, Instant origin) {
        this.targetPa = targetPa;
        this.tolerancePa = tolerancePa;
        this.origin = origin;
    }

    /** Adds the next sample (oldest first). */
    public void accept(RecordedSample s) {
        Instant t = s.time();
        if (s.gap() || !Double.isFinite(s.pressurePa())) {
            gapSamples++;
            closeExcursion(t);
            prev = null;
            return;
        }
        double p = s.pressurePa();
        if (first == null) {
            first = t;
        }
        last = t;
        stats.addValue(p);
        double x = Duration.between(origin, t).toNanos() / 3.6e12;
        drift.addData(x, p);
        // 1-s window of (time, pressure)
        double ts = Duration.between(origin, t).toNanos() / 1e9;
        window.addLast(new double[] { ts, p });
        windowSum += p;
        while (!window.isEmpty() && window.peekFirst()[0] <= ts - 1.0) {
            windowSum -= window.removeFirst()[1];
        }
        if (first != null && Duration.between(first, t).toMillis() >= 1000) {
            double dev = Math.abs(windowSum / window.size() - targetPa);
            if (Double.isNaN(worstDev) || dev > worstDev) {
                worstDev = dev;
                worstAt = t;
            }
        }
        boolean out = tolerancePa > 0 && Math.abs(p - targetPa) > tolerancePa;
        if (prev != null && prevOut) {
            outSeconds += Duration.between(prev, t).toNanos() / 1e9;
        }
        if (out) {
            if (excursionStart == null) {
                excursionStart = t;
                excursionWorst = 0;
            }
            excursionWorst = Math.max(excursionWorst, Math.abs(p - targetPa));
        } else {
            closeExcursion(t);
        }
        prev = t;
        prevOut = out;
    }

    private void closeExcursion(Instant t) {
        if (excursionStart != null) {
            excursionCount++;
            if (excursions.size() < MAX_EXCURSIONS) {
                excursions.add(new Excursion(excursionStart, t, excursionWorst));
            }
            excursionStart = null;
        }
        prevOut = false;
    }

    /** The statistics of every sample added so far. */
    public Result result() {
        if (excursionStart != null) {
            closeExcursion(last);
        }
        double seconds = first == null ? 0 : Duration.between(first, last).toNanos() / 1e9;
        return new Result(targetPa, tolerancePa, stats.getN(), gapSamples, stats.getN() > 0 ? stats.getMean() : Double.NaN,
                stats.getN() > 1 ? stats.getStandardDeviation() : Double.NaN, worstDev, worstAt,
                drift.getN() > 2 ? drift.getSlope() : Double.NaN, seconds, outSeconds, List.copyOf(excursions),
                excursionCount);
    }
}
