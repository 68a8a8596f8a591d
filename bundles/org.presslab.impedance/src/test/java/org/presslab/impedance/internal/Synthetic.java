package org.presslab.impedance.internal;

import java.util.Random;

import org.presslab.impedance.api.Spectrum;
import org.presslab.impedance.api.SpectrumMetadata;

/** Synthetic spectra with known parameters for the tests. */
final class Synthetic {

    static final String TWO_CPE_W = "R0-p(R1,CPE1)-p(R2,CPE2)-W1";
    static final double[] TWO_CPE_W_TRUE = {10, 50, 1e-6, 0.9, 100, 1e-4, 0.8, 20};

    static final String RC_WO = "R0-p(R1,C1)-p(R2-Wo1,C2)";
    static final double[] RC_WO_TRUE = {10, 50, 1e-7, 100, 200, 1.0, 1e-5};

    private Synthetic() {
    }

    /** n frequencies log-spaced from fHigh down to fLow. */
    static double[] logFrequencies(double fHigh, double fLow, int n) {
        double[] f = new double[n];
        for (int i = 0; i < n; i++) {
            f[i] = fHigh * Math.pow(fLow / fHigh, i / (double) (n - 1));
        }
        return f;
    }

    static double[] standardFrequencies() {
        return logFrequencies(1e6, 1e-2, 60);
    }

    static Spectrum clean(String circuit, double[] p) {
        return Circuit.parse(circuit).simulate(standardFrequencies(), p);
    }

    /** Gaussian noise of standard deviation sigma |Z| on each of Z' and Z''. */
    static Spectrum noisy(Spectrum s, double sigma, Random rnd) {
        int n = s.size();
        double[] re = new double[n];
        double[] im = new double[n];
        for (int i = 0; i < n; i++) {
            double m = s.modulus(i);
            re[i] = s.real(i) + sigma * m * rnd.nextGaussian();
            im[i] = s.imag(i) + sigma * m * rnd.nextGaussian();
        }
        return new Spectrum(s.frequencies(), re, im, SpectrumMetadata.ofSource("synthetic noisy"));
    }
}
