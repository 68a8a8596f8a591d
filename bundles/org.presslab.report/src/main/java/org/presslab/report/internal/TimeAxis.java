package org.presslab.report.internal;

import java.time.Duration;

/**
 * The unit of a chart's time axis, chosen by the run's span so the ticks read as plain numbers: a 12-s run in
 * seconds, not in thousandths of an hour.
 */
public enum TimeAxis {
    SECONDS("s", 1), MINUTES("min", 60), HOURS("h", 3600);

    /** Runs shorter than this are shown in seconds. */
    static final Duration SECONDS_BELOW = Duration.ofMinutes(10);
    /** Runs shorter than this (and not in seconds) are shown in minutes; longer ones in hours. */
    static final Duration MINUTES_BELOW = Duration.ofHours(1);

    private final String unit;
    private final double seconds;

    TimeAxis(String unit, double seconds) {
        this.unit = unit;
        this.seconds = seconds;
    }

    /** Seconds under 10 minutes, minutes under an hour, hours from an hour on. */
    public static TimeAxis forSpan(Duration span) {
        if (span.compareTo(SECONDS_BELOW) < 0) {
            return SECONDS;
        }
        return span.compareTo(MINUTES_BELOW) < 0 ? MINUTES : HOURS;
    }

    /** The axis label, e.g. "time since start (min)". */
    public String label() {
        return "time since start (" + unit + ")";
    }

    /** A duration in this unit. */
    public double of(Duration d) {
        return d.toNanos() / 1e9 / seconds;
    }
}
