package org.presslab.impedance.internal;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.osgi.service.component.annotations.Component;
import org.presslab.impedance.api.KkOptions;
import org.presslab.impedance.api.KkResult;
import org.presslab.impedance.api.KramersKronig;
import org.presslab.impedance.api.Spectrum;

/**
 * Linear Kramers-Kronig test after Schönleber et al., Electrochim. Acta 131 (2014) 20: the
 * spectrum is fitted, linearly and weighted by 1/|Z|, with the KK-compliant model
 * {@code R0 + jwL + 1/(jwC) + sum_k R_k/(1 + jw tau_k)}, tau_k log-spaced from 1/w_max to
 * 1/w_min; M grows from 1 until {@code mu = 1 - sum|R_k<0| / sum R_k>=0} falls to the threshold.
 * The series inductance and (optional) capacitance are what impedance.py adds for real cells and
 * dummy circuits: without them, cable inductance at high frequency or a blocking capacitance at
 * low frequency leaves residuals of tens of percent on perfectly valid data.
 */
@Component(service = KramersKronig.class)
public final class LinKk implements KramersKronig {

    @Override
    public KkResult test(Spectrum s, KkOptions o) {
        int n = s.size();
        int extra = o.seriesCapacitance() ? 3 : 2;
        int maxM = Math.min(o.maxM(), 2 * n - extra - 1);
        if (maxM < 1) {
            throw new IllegalArgumentException("a Lin-KK test needs more points than " + n);
        }
        double wMin = Double.POSITIVE_INFINITY;
        double wMax = 0;
        for (int i = 0; i < n; i++) {
            double w = 2 * Math.PI * s.frequency(i);
            wMin = Math.min(wMin, w);
            wMax = Math.max(wMax, w);
        }
        if (o.fixedM() > 0) {
            return fit(s, Math.min(o.fixedM(), maxM), wMin, wMax, o);
        }
        // Schönleber's rule is "increase M until mu <= c". On real data mu also dips below c at
        // small M, where a coarse tau grid interpolates an arc between two grid points with a
        // negative neighbour (Circuit1_EIS_1.z: M = 3, mu = 0.83, residuals 12 %). So the mu
        // criterion is applied among the M whose fit has reached the noise floor: rms residual
        // within a factor 2 of the best any M <= maxM attains.
        int top = Math.min(maxM, n);
        KkResult[] all = new KkResult[top + 1];
        double bestRms = Double.POSITIVE_INFINITY;
        for (int m = 1; m <= top; m++) {
            all[m] = fit(s, m, wMin, wMax, o);
            bestRms = Math.min(bestRms, all[m].rmsResidual());
        }
        KkResult firstAdequate = null;
        for (int m = 1; m <= top; m++) {
            if (all[m].rmsResidual() <= 2 * bestRms) {
                if (firstAdequate == null) {
                    firstAdequate = all[m];
                }
                if (all[m].mu() <= o.muThreshold()) {
                    return all[m];
                }
            }
        }
        return firstAdequate;
    }

    static double[] taus(int m, double wMin, double wMax) {
        double[] tau = new double[m];
        double tMin = 1 / wMax;
        double tMax = 1 / wMin;
        for (int k = 0; k < m; k++) {
            tau[k] = m == 1 ? tMin : tMin * Math.pow(tMax / tMin, k / (double) (m - 1));
        }
        return tau;
    }

    /** One linear KK fit with exactly m RC elements over the measured range. */
    static KkResult fitFixed(Spectrum s, int m, boolean capacitance) {
        double wMin = Double.POSITIVE_INFINITY;
        double wMax = 0;
        for (int i = 0; i < s.size(); i++) {
            double w = 2 * Math.PI * s.frequency(i);
            wMin = Math.min(wMin, w);
            wMax = Math.max(wMax, w);
        }
        return fit(s, m, wMin, wMax, new KkOptions(0.85, Math.max(m, 1), m, capacitance, 0.01));
    }

    private static KkResult fit(Spectrum s, int m, double wMin, double wMax, KkOptions o) {
        int n = s.size();
        boolean cap = o.seriesCapacitance();
        int cols = m + 2 + (cap ? 1 : 0);
        double[] tau = taus(m, wMin, wMax);
        double[][] a = new double[2 * n][cols];
        double[] b = new double[2 * n];
        // column scales keep the inductance/capacitance columns comparable to the resistances
        double lScale = 1 / wMax;
        double cScale = wMin;
        for (int i = 0; i < n; i++) {
            double w = 2 * Math.PI * s.frequency(i);
            double g = 1 / s.modulus(i);
            a[i][0] = g;
            a[n + i][1] = g * w * lScale;
            int c = 2;
            if (cap) {
                a[n + i][2] = -g * cScale / w;
                c = 3;
            }
            for (int k = 0; k < m; k++) {
                double x = w * tau[k];
                double d = 1 + x * x;
                a[i][c + k] = g / d;
                a[n + i][c + k] = -g * x / d;
            }
            b[i] = g * s.real(i);
            b[n + i] = g * s.imag(i);
        }
        RealVector x = new QRDecomposition(new Array2DRowRealMatrix(a, false), 1e-300).getSolver()
                .solve(new ArrayRealVector(b, false));
        double r0 = x.getEntry(0);
        double l = x.getEntry(1) * lScale;
        double invC = cap ? x.getEntry(2) * cScale : 0;
        int c0 = cap ? 3 : 2;
        double[] r = new double[m];
        double pos = 0;
        double neg = 0;
        for (int k = 0; k < m; k++) {
            r[k] = x.getEntry(c0 + k);
            if (r[k] >= 0) {
                pos += r[k];
            } else {
                neg -= r[k];
            }
        }
        double mu = pos > 0 ? 1 - neg / pos : 0;
        double[] rr = new double[n];
        double[] ri = new double[n];
        double[] f = new double[n];
        for (int i = 0; i < n; i++) {
            double w = 2 * Math.PI * s.frequency(i);
            double zr = r0;
            double zi = w * l - invC / w;
            for (int k = 0; k < m; k++) {
                double xk = w * tau[k];
                double d = 1 + xk * xk;
                zr += r[k] / d;
                zi -= r[k] * xk / d;
            }
            double mod = s.modulus(i);
            rr[i] = (s.real(i) - zr) / mod;
            ri[i] = (s.imag(i) - zi) / mod;
            f[i] = s.frequency(i);
        }
        double c = cap ? (invC != 0 ? 1 / invC : Double.POSITIVE_INFINITY) : Double.POSITIVE_INFINITY;
        return new KkResult(m, mu, tau, r, r0, l, c, f, rr, ri, o.residualLimit());
    }
}
