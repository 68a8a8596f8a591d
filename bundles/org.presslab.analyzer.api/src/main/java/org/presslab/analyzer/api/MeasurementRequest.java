package org.presslab.analyzer.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * A potentiostatic EIS measurement: the frequencies in the order to measure them, and the amplitude.
 *
 * @param frequenciesHz frequencies, Hz, each finite and positive, in measuring order (usually high to low)
 * @param amplitudeV excitation amplitude, V rms, finite and positive
 * @param label a free label the driver puts into the spectrum's source (a step, a run); may be empty
 */
public record MeasurementRequest(double[] frequenciesHz, double amplitudeV, String label) {

    public MeasurementRequest {
        Objects.requireNonNull(frequenciesHz, "frequenciesHz");
        label = Objects.requireNonNullElse(label, "");
        if (frequenciesHz.length == 0) {
            throw new IllegalArgumentException("frequenciesHz: at least one frequency is needed");
        }
        frequenciesHz = frequenciesHz.clone();
        for (int i = 0; i < frequenciesHz.length; i++) {
            if (!(frequenciesHz[i] > 0) || !Double.isFinite(frequenciesHz[i])) {
                throw new IllegalArgumentException("frequenciesHz[" + i + "]: must be finite and > 0, was " + frequenciesHz[i]);
            }
        }
        if (!(amplitudeV > 0) || !Double.isFinite(amplitudeV)) {
            throw new IllegalArgumentException("amplitudeV: must be finite and > 0, was " + amplitudeV);
        }
    }

    /** The frequencies (a copy). */
    @Override
    public double[] frequenciesHz() {
        return frequenciesHz.clone();
    }

    /**
     * A logarithmic sweep from {@code maxHz} down to {@code minHz} with {@code pointsPerDecade} points per decade,
     * both ends included.
     */
    public static double[] logSweep(double maxHz, double minHz, int pointsPerDecade) {
        if (!(maxHz > 0) || !(minHz > 0) || !Double.isFinite(maxHz) || !Double.isFinite(minHz) || minHz > maxHz) {
            throw new IllegalArgumentException("a sweep needs finite 0 < minHz <= maxHz, was " + minHz + ".." + maxHz);
        }
        if (pointsPerDecade < 1 || pointsPerDecade > 100) {
            throw new IllegalArgumentException("pointsPerDecade must be in 1..100, was " + pointsPerDecade);
        }
        double decades = Math.log10(maxHz / minHz);
        int n = Math.max(1, (int) Math.round(decades * pointsPerDecade)) + 1;
        if (maxHz == minHz) {
            return new double[] { maxHz };
        }
        double[] f = new double[n];
        for (int i = 0; i < n; i++) {
            f[i] = maxHz * Math.pow(10, -decades * i / (n - 1));
        }
        f[n - 1] = minHz;
        return f;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MeasurementRequest r && Arrays.equals(frequenciesHz, r.frequenciesHz)
                && Double.compare(amplitudeV, r.amplitudeV) == 0 && label.equals(r.label);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(frequenciesHz), amplitudeV, label);
    }

    @Override
    public String toString() {
        return "MeasurementRequest[" + frequenciesHz.length + " points, " + frequenciesHz[0] + ".."
                + frequenciesHz[frequenciesHz.length - 1] + " Hz, " + amplitudeV + " V" + (label.isEmpty() ? "" : ", " + label) + "]";
    }
}
