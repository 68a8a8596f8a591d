package org.presslab.impedance;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.presslab.impedance.api.Spectrum;
import org.presslab.impedance.api.SpectrumMetadata;
import org.presslab.impedance.internal.Circuit;

/**
 * The project's benchmark set of synthetic solid-electrolyte spectra (issue 12): diverse parameter
 * sets drawn from fixed ranges with a fixed seed, so a test, a benchmark and the side-by-side
 * comparison with impedance.py see the same spectra without storing them.
 *
 * <p>Family {@link #TWO_ARC_W} {@code R0-p(R1,CPE1)-p(R2,CPE2)-W1} (bulk arc, grain-boundary arc,
 * Warburg tail): R0 log-uniform 1-50 ohm, R1 10-5000 ohm, R2 50-50000 ohm; alpha1, alpha2 uniform
 * 0.7-1.0; apex frequencies log-uniform 1-200 kHz and 1-300 Hz, at least 10^1.5 apart; Q =
 * 1/(R (2 pi f_apex)^alpha), redrawn until both lie in 1e-11..1e-5; the Warburg's |Z| at the
 * second apex uniform 2-30 % of R2.
 *
 * <p>Family {@link #RC_WO} {@code R0-p(R1,C1)-p(R2-Wo1,C2)} (ideal bulk arc, charge transfer with
 * finite-space diffusion): the same R and apex-frequency ranges with alpha = 1, C in
 * 1e-11..1e-5; Wo1 Z0 log-uniform 10-100 % of R2, its time constant tau such that 1/(2 pi tau) is
 * log-uniform between 0.1 Hz and a tenth of the second apex frequency (the diffusion arc lies
 * below the charge-transfer arc, as in a real cell).
 *
 * <p>Both: 60 points log-spaced from 1 MHz to 0.1 Hz; Gaussian noise of 0.5 % of |Z| on Z' and on
 * Z'' independently. Spectrum k of a family depends on (seed, k) alone, so a subset of the first
 * n is the same whatever n.
 */
public final class BenchmarkSet {

    public static final String TWO_ARC_W = "R0-p(R1,CPE1)-p(R2,CPE2)-W1";
    public static final String RC_WO = "R0-p(R1,C1)-p(R2-Wo1,C2)";
    /** The seed of the published figures. */
    public static final long SEED = 20261204L;
    public static final double NOISE = 0.005;

    /** One generated spectrum with the parameters it was made from. */
    public record Case(int index, String circuit, double[] truth, Spectrum clean, Spectrum spectrum) {
        public double[] truth() {
            return truth.clone();
        }
    }

    private BenchmarkSet() {
    }

    /** 60 points, 1 MHz to 0.1 Hz, descending. */
    public static double[] frequencies() {
        int n = 60;
        double[] f = new double[n];
        for (int i = 0; i < n; i++) {
            f[i] = 1e6 * Math.pow(1e-7, i / (double) (n - 1));
        }
        return f;
    }

    /** The first {@code count} cases of a family with the published seed. */
    public static List<Case> generate(String family, int count) {
        return generate(family, count, SEED);
    }

    public static List<Case> generate(String family, int count, long seed) {
        List<Case> out = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            out.add(generateOne(family, k, seed));
        }
        return out;
    }

    public static Case generateOne(String family, int index, long seed) {
        // one independent stream per (family, index): subsets are stable
        SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + index * 7919L + family.hashCode());
        double[] truth = switch (family) {
            case TWO_ARC_W -> twoArcW(rnd);
            case RC_WO -> rcWo(rnd);
            default -> throw new IllegalArgumentException("no benchmark family " + family + "; there are "
                    + TWO_ARC_W + " and " + RC_WO);
        };
        Circuit c = Circuit.parse(family);
        Spectrum clean = c.simulate(frequencies(), truth);
        int n = clean.size();
        double[] re = new double[n];
        double[] im = new double[n];
        for (int i = 0; i < n; i++) {
            double m = clean.modulus(i);
            re[i] = clean.real(i) + NOISE * m * gaussian(rnd);
            im[i] = clean.imag(i) + NOISE * m * gaussian(rnd);
        }
        Spectrum noisy = new Spectrum(clean.frequencies(), re, im,
                SpectrumMetadata.ofSource("benchmark " + family + " #" + index + " seed " + seed));
        return new Case(index, family, truth, clean, noisy);
    }

    /**
     * A series of {@code count} spectra of one cell warming up: spectrum 0 is case 0 of the
     * family; along the series every resistance (and the Warburg or diffusion amplitude) falls
     * smoothly by a factor e^3 = 20 with the capacitances held, so both arcs move up in
     * frequency, as in a temperature series. Same noise as the set.
     */
    public static List<Spectrum> series(String family, int count, long seed) {
        double[] base = generateOne(family, 0, seed).truth;
        Circuit c = Circuit.parse(family);
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5EE5L);
        List<Spectrum> out = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            double g = Math.exp(-3.0 * k / Math.max(count - 1, 1));
            double[] p = base.clone();
            if (family.equals(TWO_ARC_W)) {
                p[0] *= g;
                p[1] *= g;
                p[4] *= g;
                p[7] *= g;
            } else {
                p[0] *= g;
                p[1] *= g;
                p[3] *= g;
                p[4] *= g;
            }
            Spectrum clean = c.simulate(frequencies(), p);
            int n = clean.size();
            double[] re = new double[n];
            double[] im = new double[n];
            for (int i = 0; i < n; i++) {
                double m = clean.modulus(i);
                re[i] = clean.real(i) + NOISE * m * gaussian(rnd);
                im[i] = clean.imag(i) + NOISE * m * gaussian(rnd);
            }
            out.add(new Spectrum(clean.frequencies(), re, im,
                    SpectrumMetadata.ofSource("benchmark series " + family + " #" + k + " seed " + seed)));
        }
        return out;
    }

    private static double[] twoArcW(SplittableRandom rnd) {
        while (true) {
            double r0 = logUniform(rnd, 1, 50);
            double r1 = logUniform(rnd, 10, 5000);
            double r2 = logUniform(rnd, 50, 50000);
            double a1 = 0.7 + 0.3 * rnd.nextDouble();
            double a2 = 0.7 + 0.3 * rnd.nextDouble();
            double f1 = logUniform(rnd, 1e3, 2e5);
            double f2 = logUniform(rnd, 1, 300);
            double frac = 0.02 + 0.28 * rnd.nextDouble();
            if (Math.log10(f1 / f2) < 1.5) {
                continue;
            }
            double q1 = 1 / (r1 * Math.pow(2 * Math.PI * f1, a1));
            double q2 = 1 / (r2 * Math.pow(2 * Math.PI * f2, a2));
            if (!inRange(q1) || !inRange(q2)) {
                continue;
            }
            // |Z_W| = Aw sqrt(2 / w)
            double aw = frac * r2 * Math.sqrt(2 * Math.PI * f2 / 2);
            return new double[] {r0, r1, q1, a1, r2, q2, a2, aw};
        }
    }

    private static double[] rcWo(SplittableRandom rnd) {
        while (true) {
            double r0 = logUniform(rnd, 1, 50);
            double r1 = logUniform(rnd, 10, 5000);
            double r2 = logUniform(rnd, 50, 50000);
            double f1 = logUniform(rnd, 1e3, 2e5);
            double f2 = logUniform(rnd, 1, 300);
            double z0 = r2 * logUniform(rnd, 0.1, 1);
            double fw = logUniform(rnd, 0.1, Math.max(0.1, f2 / 10));
            if (Math.log10(f1 / f2) < 1.5) {
                continue;
            }
            double c1 = 1 / (r1 * 2 * Math.PI * f1);
            double c2 = 1 / (r2 * 2 * Math.PI * f2);
            if (!inRange(c1) || !inRange(c2)) {
                continue;
            }
            return new double[] {r0, r1, c1, r2, z0, 1 / (2 * Math.PI * fw), c2};
        }
    }

    private static boolean inRange(double q) {
        return q >= 1e-11 && q <= 1e-5;
    }

    private static double logUniform(SplittableRandom rnd, double lo, double hi) {
        return lo * Math.pow(hi / lo, rnd.nextDouble());
    }

    /** Standard normal by Box-Muller (SplittableRandom has none). */
    private static double gaussian(SplittableRandom rnd) {
        double u = 1 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
