package org.presslab.bench.impedance;

import java.util.Random;

import org.presslab.impedance.api.CircuitModel;
import org.presslab.impedance.api.Spectrum;
import org.presslab.impedance.api.SpectrumMetadata;
import org.presslab.impedance.internal.CnlsFitter;

/** The benchmark spectra: 60 points, 1 MHz to 10 mHz, 1 % Gaussian noise proportional to |Z|, fixed seeds. */
public final class Spectra {

    public static final String TWO_CPE_W = "R0-p(R1,CPE1)-p(R2,CPE2)-W1";
    public static final String RC_WO = "R0-p(R1,C1)-p(R2-Wo1,C2)";

    private Spectra() {
    }

    public static double[] truth(String circuit) {
        return switch (circuit) {
            case TWO_CPE_W -> new double[] {10, 50, 1e-6, 0.9, 100, 1e-4, 0.8, 20};
            case RC_WO -> new double[] {10, 50, 1e-7, 100, 200, 1.0, 1e-5};
            default -> throw new IllegalArgumentException("no true parameters for " + circuit);
        };
    }

    public static double[] frequencies() {
        int n = 60;
        double[] f = new double[n];
        for (int i = 0; i < n; i++) {
            f[i] = 1e6 * Math.pow(1e-8, i / (double) (n - 1));
        }
        return f;
    }

    /** {@code count} noisy spectra of the circuit at its true parameters. */
    public static Spectrum[] noisy(String circuit, int count, long seed) {
        CircuitModel m = new CnlsFitter().parse(circuit);
        Spectrum clean = m.simulate(frequencies(), truth(circuit));
        Random rnd = new Random(seed);
        Spectrum[] out = new Spectrum[count];
        for (int k = 0; k < count; k++) {
            int n = clean.size();
            double[] re = new double[n];
            double[] im = new double[n];
            for (int i = 0; i < n; i++) {
                double mod = clean.modulus(i);
                re[i] = clean.real(i) + 0.01 * mod * rnd.nextGaussian();
                im[i] = clean.imag(i) + 0.01 * mod * rnd.nextGaussian();
            }
            out[k] = new Spectrum(clean.frequencies(), re, im, SpectrumMetadata.ofSource("bench " + circuit + " #" + k));
        }
        return out;
    }
}
