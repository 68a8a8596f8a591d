package org.presslab.analyzer.api;

import java.util.Objects;

/**
 * Identity and ranges of an analyzer, SI units. Unknown numbers are {@code NaN}; unknown strings are empty.
 *
 * @param vendor manufacturer
 * @param model model name
 * @param serial serial number
 * @param firmware firmware version
 * @param minFrequencyHz lowest frequency it measures, Hz
 * @param maxFrequencyHz highest frequency it measures, Hz
 * @param minAmplitudeV smallest excitation amplitude (rms), V
 * @param maxAmplitudeV largest excitation amplitude (rms), V
 * @param maxPoints the most frequencies one request may hold
 */
public record AnalyzerInfo(String vendor, String model, String serial, String firmware, double minFrequencyHz,
        double maxFrequencyHz, double minAmplitudeV, double maxAmplitudeV, int maxPoints) {

    public AnalyzerInfo {
        vendor = Objects.requireNonNullElse(vendor, "");
        model = Objects.requireNonNullElse(model, "");
        serial = Objects.requireNonNullElse(serial, "");
        firmware = Objects.requireNonNullElse(firmware, "");
        if (maxPoints < 1) {
            throw new IllegalArgumentException("maxPoints must be at least 1, was " + maxPoints);
        }
    }

    /** {@code vendor|model|serial}: the identity recorded with every spectrum. */
    public String identity() {
        return vendor + "|" + model + "|" + serial;
    }

    /**
     * Why {@code request} is outside these ranges, naming the field, the value and the range; null when it fits.
     * Unknown (NaN) bounds are not checked.
     */
    public String check(MeasurementRequest request) {
        double[] f = request.frequenciesHz();
        if (f.length > maxPoints) {
            return "frequenciesHz: " + f.length + " points, more than the " + maxPoints + " this analyzer takes";
        }
        for (int i = 0; i < f.length; i++) {
            if (f[i] < minFrequencyHz || f[i] > maxFrequencyHz) {
                return "frequenciesHz[" + i + "]: " + f[i] + " Hz outside the analyzer's range " + minFrequencyHz + ".."
                        + maxFrequencyHz + " Hz";
            }
        }
        double a = request.amplitudeV();
        if (a < minAmplitudeV || a > maxAmplitudeV) {
            return "amplitudeV: " + a + " V outside the analyzer's range " + minAmplitudeV + ".." + maxAmplitudeV + " V";
        }
        return null;
    }
}
