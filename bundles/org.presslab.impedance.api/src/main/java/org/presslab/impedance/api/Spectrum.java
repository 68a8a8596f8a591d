package org.presslab.impedance.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * One impedance spectrum: frequencies in hertz and the complex impedance Z = Z' + jZ'' in ohms,
 * with the usual electrochemical sign (Z'' is negative for a capacitive response, whatever sign
 * convention the source file used). Immutable; the arrays are copied in and out.
 */
public final class Spectrum {

    private final double[] frequency;
    private final double[] real;
    private final double[] imag;
    private final SpectrumMetadata metadata;

    /**
     * @throws IllegalArgumentException if the arrays differ in length, are empty, or hold a
     *         non-finite value or a frequency that is not positive (the message names the index)
     */
    public Spectrum(double[] frequencyHz, double[] realOhm, double[] imagOhm, SpectrumMetadata metadata) {
        Objects.requireNonNull(frequencyHz, "frequency");
        Objects.requireNonNull(realOhm, "real");
        Objects.requireNonNull(imagOhm, "imag");
        if (frequencyHz.length != realOhm.length || frequencyHz.length != imagOhm.length) {
            throw new IllegalArgumentException("frequency, Z' and Z'' must have the same length: "
                    + frequencyHz.length + ", " + realOhm.length + ", " + imagOhm.length);
        }
        if (frequencyHz.length == 0) {
            throw new IllegalArgumentException("a spectrum needs at least one point");
        }
        for (int i = 0; i < frequencyHz.length; i++) {
            if (!(frequencyHz[i] > 0) || Double.isInfinite(frequencyHz[i])) {
                throw new IllegalArgumentException("point " + i + ": frequency must be positive and finite, was " + frequencyHz[i]);
            }
            if (!Double.isFinite(realOhm[i]) || !Double.isFinite(imagOhm[i])) {
                throw new IllegalArgumentException("point " + i + ": Z must be finite, was " + realOhm[i] + ", " + imagOhm[i]);
            }
        }
        this.frequency = frequencyHz.clone();
        this.real = realOhm.clone();
        this.imag = imagOhm.clone();
        this.metadata = metadata == null ? SpectrumMetadata.EMPTY : metadata;
    }

    public int size() {
        return frequency.length;
    }

    public double frequency(int i) {
        return frequency[i];
    }

    public double real(int i) {
        return real[i];
    }

    public double imag(int i) {
        return imag[i];
    }

    public double modulus(int i) {
        return Math.hypot(real[i], imag[i]);
    }

    /** Phase in radians. */
    public double phase(int i) {
        return Math.atan2(imag[i], real[i]);
    }

    public double[] frequencies() {
        return frequency.clone();
    }

    public double[] reals() {
        return real.clone();
    }

    public double[] imags() {
        return imag.clone();
    }

    public SpectrumMetadata metadata() {
        return metadata;
    }

    public Spectrum withMetadata(SpectrumMetadata m) {
        return new Spectrum(frequency, real, imag, m);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Spectrum s && Arrays.equals(frequency, s.frequency) && Arrays.equals(real, s.real)
                && Arrays.equals(imag, s.imag) && metadata.equals(s.metadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(frequency), Arrays.hashCode(real), Arrays.hashCode(imag), metadata);
    }

    @Override
    public String toString() {
        return "Spectrum[" + frequency.length + " points, " + metadata.source() + "]";
    }
}
