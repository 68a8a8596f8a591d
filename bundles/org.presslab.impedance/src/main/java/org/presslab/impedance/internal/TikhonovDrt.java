package org.presslab.impedance.internal;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.osgi.service.component.annotations.Component;
import org.presslab.impedance.api.DrtAnalyzer;
import org.presslab.impedance.api.DrtOptions;
import org.presslab.impedance.api.DrtOptions.LambdaMethod;
import org.presslab.impedance.api.DrtPeak;
import org.presslab.impedance.api.DrtResult;
import org.presslab.impedance.api.Spectrum;

/**
 * Distribution of relaxation times by Tikhonov regularisation with non-negativity:
 * {@code Z(w) = R_inf + jwL + sum_k gamma_k dln(tau) / (1 + jw tau_k)} on a log grid of tau,
 * fitted to Z' and Z'' together, weighted by 1/|Z|, minimising
 * {@code ||A x - b||^2 + lambda ||D x||^2} with x >= 0 (Lawson-Hanson NNLS) and D the
 * first-difference operator on gamma (smoothness). lambda is given, or chosen by generalised
 * cross-validation (GCV, trace of the linear smoother) or by the corner of the L-curve
 * (maximum curvature), over a grid of 1e-7..10 with half-decade steps (17 values).
 *
 * <p>Optionally a series capacitance column (blocking electrodes). The difference operator has
 * a null space (a constant gamma), so {@code D^T D} alone is singular; a ridge of
 * {@value #RIDGE} on the gamma diagonal makes {@code A^T A + lambda D^T D} positive definite for
 * the GCV trace at every lambda. At that size it changes gamma by far less than the noise (tested:
 * an analytic ZARC is recovered the same with and without it). An earlier 1e-2 ridge pulled
 * every gamma towards zero by a visible amount. The non-negative solver's non-convergence
 * (iteration limit) is reported in the result's warnings.
 */
@Component(service = DrtAnalyzer.class)
public final class TikhonovDrt implements DrtAnalyzer {

    private static final double[] LAMBDAS;

    static {
        LAMBDAS = new double[17];
        for (int i = 0; i < LAMBDAS.length; i++) {
            LAMBDAS[i] = Math.pow(10, -7 + 0.5 * i);
        }
    }

    /** Ridge on the gamma diagonal, relative to the difference penalty. */
    static final double RIDGE = 1e-6;

    @Override
    public DrtResult analyze(Spectrum s, DrtOptions o) {
        int n = s.size();
        double fMin = Double.POSITIVE_INFINITY;
        double fMax = 0;
        double zScale = 0;
        for (int i = 0; i < n; i++) {
            fMin = Math.min(fMin, s.frequency(i));
            fMax = Math.max(fMax, s.frequency(i));
            zScale = Math.max(zScale, s.modulus(i));
        }
        double tMin = 1 / (2 * Math.PI * fMax) * Math.pow(10, -o.extendDecades());
        double tMax = 1 / (2 * Math.PI * fMin) * Math.pow(10, o.extendDecades());
        int m = Math.max(2, (int) Math.ceil(Math.log10(tMax / tMin) * o.pointsPerDecade()) + 1);
        double[] tau = new double[m];
        for (int k = 0; k < m; k++) {
            tau[k] = tMin * Math.pow(tMax / tMin, k / (double) (m - 1));
        }
        double dln = Math.log(tau[1] / tau[0]);
        int off = (o.inductance() ? 2 : 1) + (o.seriesCapacitance() ? 1 : 0);
        int cCol = o.seriesCapacitance() ? off - 1 : -1;
        int cols = m + off;
        double wMin = 2 * Math.PI * fMin;
        double lScale = zScale / (2 * Math.PI * fMax);
        double[][] a = new double[2 * n][cols];
        double[] b = new double[2 * n];
        for (int i = 0; i < n; i++) {
            double w = 2 * Math.PI * s.frequency(i);
            double g = 1 / s.modulus(i);
            a[i][0] = g * zScale;
            if (o.inductance()) {
                a[n + i][1] = g * w * lScale;
            }
            if (cCol > 0) {
                // coefficient x: Z_C = -j x zScale wMin / w, so C = 1 / (x zScale wMin)
                a[n + i][cCol] = -g * zScale * wMin / w;
            }
            for (int k = 0; k < m; k++) {
                double x = w * tau[k];
                double d = 1 + x * x;
                a[i][off + k] = g * zScale * dln / d;
                a[n + i][off + k] = -g * zScale * dln * x / d;
            }
            b[i] = g * s.real(i);
            b[n + i] = g * s.imag(i);
        }
        double[][] ata = new double[cols][cols];
        double[] atb = new double[cols];
        for (int r = 0; r < 2 * n; r++) {
            double[] row = a[r];
            for (int i = 0; i < cols; i++) {
                if (row[i] == 0) {
                    continue;
                }
                atb[i] += row[i] * b[r];
                for (int j = 0; j < cols; j++) {
                    ata[i][j] += row[i] * row[j];
                }
            }
        }
        // D^T D of the first difference on the gamma block (+ a tiny ridge so every column is penalised)
        double[][] dtd = new double[cols][cols];
        for (int k = 0; k < m - 1; k++) {
            int i = off + k;
            dtd[i][i] += 1;
            dtd[i + 1][i + 1] += 1;
            dtd[i][i + 1] -= 1;
            dtd[i + 1][i] -= 1;
        }
        for (int k = 0; k < m; k++) {
            dtd[off + k][off + k] += RIDGE;
        }
        List<String> warnings = new ArrayList<>();
        int[] unconverged = {0};

        double lambda;
        LambdaMethod method = o.lambdaMethod();
        double[] x;
        if (method == LambdaMethod.GIVEN) {
            lambda = o.lambda();
            x = solve(regularised(ata, dtd, lambda), atb, null, unconverged);
        } else {
            double bestScore = Double.POSITIVE_INFINITY;
            double[] bestX = null;
            double bestL = LAMBDAS[0];
            double[] logRes = new double[LAMBDAS.length];
            double[] logSol = new double[LAMBDAS.length];
            double[][] xs = new double[LAMBDAS.length][];
            double[] prev = null;
            for (int li = LAMBDAS.length - 1; li >= 0; li--) {
                double lam = LAMBDAS[li];
                double[][] qm = regularised(ata, dtd, lam);
                // from smooth to sharp, each solve warm-started from the previous lambda's solution
                double[] xl = solve(qm, atb, prev, unconverged);
                prev = xl;
                xs[li] = xl;
                double res = residualNorm2(a, b, xl);
                logRes[li] = Math.log(Math.max(res, 1e-300));
                logSol[li] = Math.log(Math.max(quad(dtd, xl), 1e-300));
                if (method == LambdaMethod.GCV) {
                    // GCV = N ||r||^2 / (N - tr H)^2, H = A (A^T A + lambda D^T D)^-1 A^T
                    RealMatrix inv = new LUDecomposition(new Array2DRowRealMatrix(qm, false)).getSolver().getInverse();
                    double tr = 0;
                    for (int i = 0; i < cols; i++) {
                        for (int j = 0; j < cols; j++) {
                            tr += inv.getEntry(i, j) * ata[j][i];
                        }
                    }
                    double nn = 2.0 * n;
                    double score = nn * res / ((nn - tr) * (nn - tr));
                    if (score < bestScore) {
                        bestScore = score;
                        bestX = xl;
                        bestL = lam;
                    }
                }
            }
            if (method == LambdaMethod.L_CURVE) {
                int corner = lCorner(logRes, logSol);
                bestX = xs[corner];
                bestL = LAMBDAS[corner];
            }
            lambda = bestL;
            x = bestX;
        }
        if (unconverged[0] > 0) {
            warnings.add("the non-negative least-squares solver stopped at its iteration limit for " + unconverged[0]
                    + (method == LambdaMethod.GIVEN ? " (the given) lambda" : " of " + LAMBDAS.length + " lambdas")
                    + "; gamma may not be the regularised optimum");
        }
        double rInf = x[0] * zScale;
        double cSeries = cCol > 0 && x[cCol] > 0 ? 1 / (x[cCol] * zScale * wMin) : Double.POSITIVE_INFINITY;
        double ind = o.inductance() ? x[1] * lScale : 0;
        double[] gamma = new double[m];
        for (int k = 0; k < m; k++) {
            gamma[k] = x[off + k] * zScale;
        }
        double[] rr = new double[n];
        double[] ri = new double[n];
        double[] f = new double[n];
        for (int i = 0; i < n; i++) {
            double w = 2 * Math.PI * s.frequency(i);
            double zr = rInf;
            double zi = w * ind - (Double.isInfinite(cSeries) ? 0 : 1 / (w * cSeries));
            for (int k = 0; k < m; k++) {
                double xk = w * tau[k];
                double d = 1 + xk * xk;
                zr += gamma[k] * dln / d;
                zi -= gamma[k] * dln * xk / d;
            }
            rr[i] = (s.real(i) - zr) / s.modulus(i);
            ri[i] = (s.imag(i) - zi) / s.modulus(i);
            f[i] = s.frequency(i);
        }
        return new DrtResult(tau, gamma, rInf, ind, lambda, method, peaks(tau, gamma, dln), f, rr, ri, cSeries, warnings);
    }

    private static double[] solve(double[][] q, double[] c, double[] x0, int[] unconverged) {
        Nnls.Solution sol = Nnls.solveChecked(q, c, x0);
        if (!sol.converged()) {
            unconverged[0]++;
        }
        return sol.x();
    }

    private static double[][] regularised(double[][] ata, double[][] dtd, double lambda) {
        int c = ata.length;
        double[][] q = new double[c][c];
        for (int i = 0; i < c; i++) {
            for (int j = 0; j < c; j++) {
                q[i][j] = ata[i][j] + lambda * dtd[i][j];
            }
        }
        return q;
    }

    private static double residualNorm2(double[][] a, double[] b, double[] x) {
        double s = 0;
        for (int r = 0; r < a.length; r++) {
            double v = -b[r];
            for (int j = 0; j < x.length; j++) {
                v += a[r][j] * x[j];
            }
            s += v * v;
        }
        return s;
    }

    private static double quad(double[][] m, double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
                s += x[i] * m[i][j] * x[j];
            }
        }
        return s;
    }

    /** Index of maximum curvature of the (log residual, log seminorm) curve. */
    static int lCorner(double[] x, double[] y) {
        int best = x.length / 2;
        double bestK = Double.NEGATIVE_INFINITY;
        for (int i = 1; i < x.length - 1; i++) {
            double ax = x[i - 1];
            double ay = y[i - 1];
            double bx = x[i];
            double by = y[i];
            double cx = x[i + 1];
            double cy = y[i + 1];
            double area2 = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
            double d = Math.hypot(bx - ax, by - ay) * Math.hypot(cx - bx, cy - by) * Math.hypot(cx - ax, cy - ay);
            if (d <= 0) {
                continue;
            }
            // signed Menger curvature; the L-curve corner bends towards the origin
            double k = 2 * area2 / d;
            if (k > bestK) {
                bestK = k;
                best = i;
            }
        }
        return best;
    }

    /**
     * Local maxima above 1 % of the largest. A peak's R is the area of gamma between the minima
     * that separate it from its neighbours (a shared minimum point counted half to each side).
     */
    static List<DrtPeak> peaks(double[] tau, double[] gamma, double dln) {
        int m = gamma.length;
        double max = 0;
        for (double g : gamma) {
            max = Math.max(max, g);
        }
        List<Integer> idx = new ArrayList<>();
        for (int k = 0; k < m; k++) {
            boolean left = k == 0 || gamma[k] > gamma[k - 1];
            boolean right = k == m - 1 || gamma[k] >= gamma[k + 1];
            if (left && right && gamma[k] > 0.01 * max) {
                idx.add(k);
            }
        }
        int np = idx.size();
        int[] bound = new int[np + 1];
        bound[0] = 0;
        bound[np] = m - 1;
        for (int p = 1; p < np; p++) {
            int lo = idx.get(p - 1);
            int best = lo;
            for (int k = lo; k <= idx.get(p); k++) {
                if (gamma[k] < gamma[best]) {
                    best = k;
                }
            }
            bound[p] = best;
        }
        List<DrtPeak> out = new ArrayList<>();
        for (int p = 0; p < np; p++) {
            double r = 0;
            for (int j = bound[p]; j <= bound[p + 1]; j++) {
                boolean shared = (j == bound[p] && p > 0) || (j == bound[p + 1] && p < np - 1);
                r += (shared ? 0.5 : 1) * gamma[j] * dln;
            }
            int k = idx.get(p);
            out.add(new DrtPeak(tau[k], 1 / (2 * Math.PI * tau[k]), r, gamma[k]));
        }
        return out;
    }
}
