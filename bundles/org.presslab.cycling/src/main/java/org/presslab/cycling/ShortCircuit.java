package org.presslab.cycling;

import java.time.Instant;

/**
 * A short circuit flagged in a cycling log by the {@link ShortCircuitDetector}.
 *
 * @param kind HARD: the voltage fell by at least the hard drop to below the floor (near 0 V); SOFT: a smaller
 *        sudden drop during charge (a dendrite's partial, noisy short)
 * @param index the first point of the log at which the drop was seen
 * @param timeS that point's time on the log's axis, s
 * @param at its wall-clock time, or null when the log's start is unknown
 * @param voltageBeforeV the highest voltage in the window before the drop, V
 * @param voltageV the voltage at the flagged point, V
 * @param currentA the current at the flagged point, A (positive: charging)
 * @param cycle the cycle number at that point
 * @param location the point's line or byte offset in the file
 * @param stackPressurePa the stack pressure at that moment from the run's samples, NaN when not known
 */
public record ShortCircuit(Kind kind, int index, double timeS, Instant at, double voltageBeforeV, double voltageV,
        double currentA, int cycle, long location, double stackPressurePa) {

    /** How bad. */
    public enum Kind {
        SOFT, HARD
    }

    /** The voltage drop, V. */
    public double dropV() {
        return voltageBeforeV - voltageV;
    }

    /** A copy with the stack pressure at the flagged moment. */
    public ShortCircuit withStackPressurePa(double pressurePa) {
        return new ShortCircuit(kind, index, timeS, at, voltageBeforeV, voltageV, currentA, cycle, location, pressurePa);
    }

    /** A copy with the wall-clock time. */
    public ShortCircuit withTime(Instant time) {
        return new ShortCircuit(kind, index, timeS, time, voltageBeforeV, voltageV, currentA, cycle, location,
                stackPressurePa);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%s short at t=%.1f s%s (cycle %d, %s): %.3f V -> %.3f V at %.4g mA%s",
                kind, timeS, at == null ? "" : " (" + at + ")", cycle, location < 0 ? "?" : "at " + location,
                voltageBeforeV, voltageV, currentA * 1e3,
                Double.isNaN(stackPressurePa) ? "" : String.format(java.util.Locale.ROOT, ", stack %.2f MPa",
                        stackPressurePa / 1e6));
    }
}
