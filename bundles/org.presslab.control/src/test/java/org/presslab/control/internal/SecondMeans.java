package org.presslab.control.internal;

import org.presslab.control.api.StationListener;
import org.presslab.control.api.StationSample;

/** Streams 1-s means of the measured pressure from a start time and keeps their extremes around a reference. */
final class SecondMeans implements StationListener {

    private final long fromNanos;
    private final double referencePa;
    private long second = -1;
    private double sum;
    private int count;
    long seconds;
    double maxDeviationPa;
    double minMeanPa = Double.POSITIVE_INFINITY;
    double maxMeanPa = Double.NEGATIVE_INFINITY;
    long gaps;

    SecondMeans(double fromS, double referencePa) {
        this.fromNanos = Math.round(fromS * 1e9);
        this.referencePa = referencePa;
    }

    @Override
    public synchronized void onSample(StationSample s) {
        if (s.timeNanos() < fromNanos) {
            return;
        }
        if (s.gap()) {
            gaps++;
            return;
        }
        long k = (s.timeNanos() - fromNanos) / 1_000_000_000L;
        if (k != second) {
            close();
            second = k;
        }
        sum += s.pressurePa();
        count++;
    }

    private void close() {
        if (count > 0) {
            double mean = sum / count;
            seconds++;
            maxDeviationPa = Math.max(maxDeviationPa, Math.abs(mean - referencePa));
            minMeanPa = Math.min(minMeanPa, mean);
            maxMeanPa = Math.max(maxMeanPa, mean);
        }
        sum = 0;
        count = 0;
    }

    /** Ends the series; the last, partial second is left out (a mean of a few samples is not a 1-s mean). */
    synchronized void finish() {
        sum = 0;
        count = 0;
    }
}
