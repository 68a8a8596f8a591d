package org.presslab.runs.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A galvanostatic cycling log (BioLogic .mpr/.mpt, Neware or Arbin CSV, plain CSV) to align with a run's
 * pressure trace. Columnar: point {@code i} is at UTC time {@code start + elapsedS[i]}. Immutable; arrays
 * are copied in and out. Units: s, A, V, Ah, Pa. Each point may carry the stack pressure at its time.
 */
public final class CyclingLog {

    /**
     * A short circuit found in the log (a sudden voltage collapse).
     *
     * @param elapsedS when, seconds from the log's start
     * @param voltageBeforeV voltage just before
     * @param voltageAfterV voltage just after
     * @param stackPressurePa stack pressure at that moment (NaN: the store fills it from the run's record)
     * @param description how it was detected, in words
     */
    public record ShortCircuit(double elapsedS, double voltageBeforeV, double voltageAfterV, double stackPressurePa,
            String description) {

        public ShortCircuit {
            description = Objects.requireNonNullElse(description, "");
        }
    }

    /**
     * One point of the log.
     *
     * @param time UTC time
     * @param elapsedS seconds from the log's start
     * @param currentA current (positive: charge, as the file says)
     * @param voltageV cell voltage
     * @param capacityAh capacity (charge passed) in the present half cycle or cumulative, as the file says
     * @param cycleIndex cycle number
     */
    public record Point(Instant time, double elapsedS, double currentA, double voltageV, double capacityAh,
            int cycleIndex) {
    }

    private final String source;
    private final String format;
    private final Instant start;
    private final double[] elapsedS;
    private final double[] currentA;
    private final double[] voltageV;
    private final double[] capacityAh;
    private final int[] cycleIndex;
    private final double[] stackPressurePa;
    private final List<ShortCircuit> shortCircuits;
    private final Map<String, String> metadata;

    /**
     * @param source the file name or other origin
     * @param format the file format, e.g. "BioLogic .mpr"
     * @param start UTC time of elapsed 0 (from the file, or set by the importer when the file has none)
     * @param metadata anything else the file said (cell, channel, technique)
     * @throws IllegalArgumentException if the arrays differ in length, are empty, an elapsed time is not
     *         finite or goes backwards (the message names the index)
     */
    public CyclingLog(String source, String format, Instant start, double[] elapsedS, double[] currentA,
            double[] voltageV, double[] capacityAh, int[] cycleIndex, List<ShortCircuit> shortCircuits,
            Map<String, String> metadata) {
        this(source, format, start, elapsedS, currentA, voltageV, capacityAh, cycleIndex, null, shortCircuits, metadata);
    }

    /**
     * A log whose points carry the stack pressure at their time, read from the run's samples (NaN inside a
     * gap of the record, before its first and after its last sample: never extrapolated).
     *
     * @param stackPressurePa one value per point, Pa, or null for none (all NaN)
     * @since 1.1
     */
    public CyclingLog(String source, String format, Instant start, double[] elapsedS, double[] currentA,
            double[] voltageV, double[] capacityAh, int[] cycleIndex, double[] stackPressurePa,
            List<ShortCircuit> shortCircuits, Map<String, String> metadata) {
        this.source = Objects.requireNonNullElse(source, "");
        this.format = Objects.requireNonNullElse(format, "");
        this.start = Objects.requireNonNull(start, "start");
        int n = Objects.requireNonNull(elapsedS, "elapsedS").length;
        if (n == 0) {
            throw new IllegalArgumentException("cycling log '" + this.source + "' has no points");
        }
        if (Objects.requireNonNull(currentA, "currentA").length != n || Objects.requireNonNull(voltageV, "voltageV").length != n
                || Objects.requireNonNull(capacityAh, "capacityAh").length != n
                || Objects.requireNonNull(cycleIndex, "cycleIndex").length != n) {
            throw new IllegalArgumentException("cycling log '" + this.source + "': columns differ in length: elapsed "
                    + n + ", current " + currentA.length + ", voltage " + voltageV.length + ", capacity "
                    + capacityAh.length + ", cycle " + cycleIndex.length);
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(elapsedS[i]) || (i > 0 && elapsedS[i] < elapsedS[i - 1])) {
                throw new IllegalArgumentException("cycling log '" + this.source + "' point " + i
                        + ": elapsed time must be finite and not go backwards, was " + elapsedS[i]);
            }
        }
        this.elapsedS = elapsedS.clone();
        this.currentA = currentA.clone();
        this.voltageV = voltageV.clone();
        this.capacityAh = capacityAh.clone();
        this.cycleIndex = cycleIndex.clone();
        if (stackPressurePa != null && stackPressurePa.length != n) {
            throw new IllegalArgumentException("cycling log '" + this.source + "': " + stackPressurePa.length
                    + " stack pressures for " + n + " points");
        }
        if (stackPressurePa == null) {
            this.stackPressurePa = new double[n];
            java.util.Arrays.fill(this.stackPressurePa, Double.NaN);
        } else {
            this.stackPressurePa = stackPressurePa.clone();
        }
        this.shortCircuits = List.copyOf(shortCircuits == null ? List.of() : shortCircuits);
        this.metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public String source() {
        return source;
    }

    public String format() {
        return format;
    }

    public Instant start() {
        return start;
    }

    /** UTC time of the last point. */
    public Instant end() {
        return time(size() - 1);
    }

    public int size() {
        return elapsedS.length;
    }

    /** UTC time of point {@code i} (microsecond resolution). */
    public Instant time(int i) {
        return start.plusNanos(Math.round(elapsedS[i] * 1e6) * 1000L);
    }

    public Point point(int i) {
        return new Point(time(i), elapsedS[i], currentA[i], voltageV[i], capacityAh[i], cycleIndex[i]);
    }

    public double[] elapsedS() {
        return elapsedS.clone();
    }

    public double[] currentA() {
        return currentA.clone();
    }

    public double[] voltageV() {
        return voltageV.clone();
    }

    public double[] capacityAh() {
        return capacityAh.clone();
    }

    public int[] cycleIndex() {
        return cycleIndex.clone();
    }

    /** Stack pressure at each point, Pa (NaN where the record cannot say). @since 1.1 */
    public double[] stackPressurePa() {
        return stackPressurePa.clone();
    }

    /** Stack pressure at point {@code i}, Pa, or NaN. @since 1.1 */
    public double stackPressurePa(int i) {
        return stackPressurePa[i];
    }

    /** This log with the stack pressure at each point. @since 1.1 */
    public CyclingLog withStackPressure(double[] pressurePa) {
        return new CyclingLog(source, format, start, elapsedS, currentA, voltageV, capacityAh, cycleIndex, pressurePa,
                shortCircuits, metadata);
    }

    public List<ShortCircuit> shortCircuits() {
        return shortCircuits;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    /** This log with other short circuits (e.g. with stack pressures filled in). */
    public CyclingLog withShortCircuits(List<ShortCircuit> s) {
        return new CyclingLog(source, format, start, elapsedS, currentA, voltageV, capacityAh, cycleIndex, stackPressurePa,
                s, metadata);
    }

    @Override
    public String toString() {
        return "CyclingLog[" + source + ", " + format + ", " + size() + " points from " + start + ", "
                + shortCircuits.size() + " short circuits]";
    }
}
