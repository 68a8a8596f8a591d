package org.presslab.impedance.internal;

import java.util.Arrays;

/**
 * Non-negative least squares, min ||A x - b|| subject to x >= 0, by the Lawson-Hanson active-set
 * method (Solving Least Squares Problems, 1974, ch. 23) in the normal-equation form of Bro and
 * de Jong (J. Chemometrics 11 (1997) 393), so a regularised problem {@code Q = A^T A + lambda
 * R^T R}, {@code c = A^T b} is solved without forming the stacked matrix. Commons Math has no
 * NNLS; this is small and tested against the KKT conditions.
 */
public final class Nnls {

    private Nnls() {
    }

    /** Solves min ||A x - b||, x >= 0. */
    public static double[] solve(double[][] a, double[] b) {
        int n = a[0].length;
        double[][] q = new double[n][n];
        double[] c = new double[n];
        for (int r = 0; r < a.length; r++) {
            double[] row = a[r];
            for (int i = 0; i < n; i++) {
                if (row[i] == 0) {
                    continue;
                }
                c[i] += row[i] * b[r];
                for (int j = i; j < n; j++) {
                    q[i][j] += row[i] * row[j];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                q[i][j] = q[j][i];
            }
        }
        return solveNormal(q, c);
    }

    /**
     * Solves min x^T Q x / 2 - c^T x subject to x >= 0 for symmetric positive semi-definite Q.
     *
     * @throws IllegalArgumentException if the sizes disagree
     */
    public static double[] solveNormal(double[][] q, double[] c) {
        return solveNormal(q, c, null);
    }

    /**
     * As {@link #solveNormal(double[][], double[])}, warm-started from a feasible point x0 (for
     * example the solution of a neighbouring regularisation parameter): its positive components
     * form the initial passive set. Null starts from zero.
     */
    public static double[] solveNormal(double[][] q, double[] c, double[] x0) {
        return solveChecked(q, c, x0).x();
    }

    /** A solution and whether the active-set iteration finished (KKT met) within its limit. */
    public record Solution(double[] x, boolean converged, int outerIterations) {
    }

    /**
     * As {@link #solveNormal(double[][], double[], double[])}, telling whether the active-set
     * iteration met the optimality conditions within its limit of 3n + 10 outer iterations; when
     * not, x is the last feasible point (callers must report it, not use it silently).
     */
    public static Solution solveChecked(double[][] q, double[] c, double[] x0) {
        int n = c.length;
        if (q.length != n || q[0].length != n) {
            throw new IllegalArgumentException("Q must be " + n + "x" + n);
        }
        double scale = 0;
        for (int i = 0; i < n; i++) {
            scale = Math.max(scale, Math.abs(q[i][i]));
        }
        double tol = 1e-12 * Math.max(scale, 1e-300) * n;
        double cMax = 0;
        for (double v : c) {
            cMax = Math.max(cMax, Math.abs(v));
        }
        double wTol = 1e-12 * Math.max(cMax, 1e-300) * n;
        double[] x = new double[n];
        boolean[] passive = new boolean[n];
        boolean warm = false;
        if (x0 != null) {
            if (x0.length != n) {
                throw new IllegalArgumentException("x0 must have " + n + " components");
            }
            for (int j = 0; j < n; j++) {
                if (x0[j] > 0) {
                    x[j] = x0[j];
                    passive[j] = true;
                    warm = true;
                }
            }
        }
        double[] w = c.clone();
        int outer = 0;
        int maxOuter = 3 * n + 10;
        boolean done = false;
        while (outer++ < maxOuter) {
            if (!warm) {
                int t = -1;
                double best = wTol;
                for (int j = 0; j < n; j++) {
                    if (!passive[j] && w[j] > best) {
                        best = w[j];
                        t = j;
                    }
                }
                if (t < 0) {
                    done = true;
                    break;
                }
                passive[t] = true;
            }
            warm = false;
            while (true) {
                boolean any = false;
                for (boolean b : passive) {
                    any |= b;
                }
                if (!any) {
                    break;
                }
                double[] s = solvePassive(q, c, passive, tol);
                boolean feasible = true;
                for (int j = 0; j < n; j++) {
                    if (passive[j] && s[j] <= 0) {
                        feasible = false;
                        break;
                    }
                }
                if (feasible) {
                    x = s;
                    break;
                }
                double alpha = Double.POSITIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    if (passive[j] && s[j] <= 0) {
                        double d = x[j] - s[j];
                        if (d > 0) {
                            alpha = Math.min(alpha, x[j] / d);
                        }
                    }
                }
                if (!Double.isFinite(alpha)) {
                    alpha = 0;
                }
                boolean removed = false;
                for (int j = 0; j < n; j++) {
                    if (passive[j]) {
                        x[j] += alpha * (s[j] - x[j]);
                        if (x[j] <= 1e-15 * Math.max(1, Math.abs(s[j])) || (s[j] <= 0 && x[j] <= 0)) {
                            x[j] = 0;
                            passive[j] = false;
                            removed = true;
                        }
                    }
                }
                if (!removed) {
                    // guard against cycling on rounding: drop the most negative
                    int worst = -1;
                    for (int j = 0; j < n; j++) {
                        if (passive[j] && (worst < 0 || s[j] < s[worst])) {
                            worst = j;
                        }
                    }
                    passive[worst] = false;
                    x[worst] = 0;
                }
            }
            for (int i = 0; i < n; i++) {
                double v = c[i];
                for (int j = 0; j < n; j++) {
                    if (x[j] != 0) {
                        v -= q[i][j] * x[j];
                    }
                }
                w[i] = v;
            }
        }
        if (!done) {
            // the limit was reached: done only if no inactive variable still has a positive gradient
            done = true;
            for (int j = 0; j < n; j++) {
                done &= passive[j] || w[j] <= wTol;
            }
        }
        return new Solution(x, done, outer);
    }

    /** Unconstrained solution on the passive set (Cholesky with a tiny ridge on breakdown), zero elsewhere. */
    private static double[] solvePassive(double[][] q, double[] c, boolean[] passive, double tol) {
        int n = c.length;
        int[] idx = new int[n];
        int m = 0;
        for (int j = 0; j < n; j++) {
            if (passive[j]) {
                idx[m++] = j;
            }
        }
        double[][] l = new double[m][m];
        double ridge = 0;
        for (int attempt = 0; attempt < 6; attempt++) {
            if (cholesky(q, idx, m, l, ridge)) {
                double[] y = new double[m];
                for (int i = 0; i < m; i++) {
                    double v = c[idx[i]];
                    for (int k = 0; k < i; k++) {
                        v -= l[i][k] * y[k];
                    }
                    y[i] = v / l[i][i];
                }
                double[] z = new double[m];
                for (int i = m - 1; i >= 0; i--) {
                    double v = y[i];
                    for (int k = i + 1; k < m; k++) {
                        v -= l[k][i] * z[k];
                    }
                    z[i] = v / l[i][i];
                }
                double[] s = new double[n];
                for (int i = 0; i < m; i++) {
                    s[idx[i]] = z[i];
                }
                return s;
            }
            ridge = ridge == 0 ? tol : ridge * 100;
        }
        throw new ArithmeticException("NNLS: passive-set system is singular: " + Arrays.toString(Arrays.copyOf(idx, m)));
    }

    private static boolean cholesky(double[][] q, int[] idx, int m, double[][] l, double ridge) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = q[idx[i]][idx[j]] + (i == j ? ridge : 0);
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(sum > 0)) {
                        return false;
                    }
                    l[i][i] = Math.sqrt(sum);
                } else {
                    l[i][j] = sum / l[j][j];
                }
            }
        }
        return true;
    }
}
