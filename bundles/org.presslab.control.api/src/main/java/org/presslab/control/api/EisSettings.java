package org.presslab.control.api;

import java.util.Objects;

/**
 * How a recipe measures an impedance spectrum: a logarithmic sweep from {@code maxFrequencyHz} down to
 * {@code minFrequencyHz} with {@code pointsPerDecade} points per decade at {@code amplitudeV}, on the
 * station's analyzer; then, when {@code circuit} is not empty, a fit with the platform's circuit fitter,
 * and when {@code kk}, a Lin-KK check. SI units.
 *
 * @param maxFrequencyHz highest frequency, Hz
 * @param minFrequencyHz lowest frequency, Hz
 * @param pointsPerDecade points per decade, 1..100
 * @param amplitudeV excitation amplitude, V rms
 * @param circuit circuit to fit (e.g. {@code R0-p(R1,CPE1)-p(R2,CPE2)}); empty for none
 * @param kk whether to run the Lin-KK check
 * @param timeoutS the longest the measurement may take before it is aborted and the step fails, s; NaN for
 *        the default (twice the analyzer's estimate plus 60 s)
 * @since 1.2
 */
public record EisSettings(double maxFrequencyHz, double minFrequencyHz, int pointsPerDecade, double amplitudeV,
        String circuit, boolean kk, double timeoutS) {

    /** The circuit that separates the grain-boundary arc from the interface arc of a Na | NASICON | Na cell. */
    public static final String DEFAULT_CIRCUIT = "R0-p(R1,CPE1)-p(R2,CPE2)";

    /** 1 MHz to 1 Hz, 8 points per decade, 10 mV, no fit, no KK, default timeout. */
    public static final EisSettings DEFAULT = new EisSettings(1e6, 1, 8, 0.01, "", false, Double.NaN);

    public EisSettings {
        circuit = Objects.requireNonNullElse(circuit, "").trim();
    }

    public EisSettings withCircuit(String c) {
        return new EisSettings(maxFrequencyHz, minFrequencyHz, pointsPerDecade, amplitudeV, c, kk, timeoutS);
    }

    /** Whether a fit is asked for. */
    public boolean fits() {
        return !circuit.isEmpty();
    }

    public String describe() {
        return String.format(java.util.Locale.ROOT, "EIS %s Hz..%s Hz, %d/decade, %.0f mV%s", num(maxFrequencyHz),
                num(minFrequencyHz), pointsPerDecade, amplitudeV * 1e3, fits() ? ", fit " + circuit : "");
    }

    private static String num(double v) {
        return String.format(java.util.Locale.ROOT, "%.3g", v);
    }
}
