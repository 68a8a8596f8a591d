package org.presslab.impedance.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class NnlsTest {

    @Test
    void unconstrainedSolutionIsReturnedWhenPositive() {
        double[][] a = {{1, 0}, {0, 2}, {1, 1}};
        double[] x = {3, 4};
        double[] b = {3, 8, 7};
        assertArrayEquals(x, Nnls.solve(a, b), 1e-12);
    }

    @Test
    void negativeComponentIsClampedToZero() {
        // unconstrained solution is (2, -1); constrained: x2 = 0, x1 = argmin over x1 alone
        double[][] a = {{1, 1}, {1, -1}, {1, 0}};
        double[] b = {1, 3, 2};
        double[] x = Nnls.solve(a, b);
        assertEquals(0, x[1], 1e-14);
        assertEquals(2, x[0], 1e-12);
    }

    /** KKT conditions on random problems: x >= 0, gradient w = A^T(b - Ax) <= 0, w_j = 0 where x_j > 0; and no better point by brute force. */
    @Test
    void randomProblemsSatisfyKktAndBeatEveryActiveSet() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            int m = 4 + rnd.nextInt(8);
            int n = 1 + rnd.nextInt(6);
            double[][] a = new double[m][n];
            double[] b = new double[m];
            for (int i = 0; i < m; i++) {
                b[i] = rnd.nextGaussian();
                for (int j = 0; j < n; j++) {
                    a[i][j] = rnd.nextGaussian();
                }
            }
            double[] x = Nnls.solve(a, b);
            double[] r = residual(a, b, x);
            double scale = 0;
            for (double[] row : a) {
                for (double v : row) {
                    scale = Math.max(scale, Math.abs(v));
                }
            }
            for (int j = 0; j < n; j++) {
                assertTrue(x[j] >= 0);
                double w = 0;
                for (int i = 0; i < m; i++) {
                    w += a[i][j] * r[i];
                }
                assertTrue(w <= 1e-9 * scale, "gradient " + w + " trial " + trial);
                if (x[j] > 0) {
                    assertEquals(0, w, 1e-9 * scale * 10, "trial " + trial);
                }
            }
            double best = norm2(r);
            // brute force: unconstrained least squares on every subset, keep the feasible ones
            for (int mask = 1; mask < (1 << n); mask++) {
                double[] xs = subsetLeastSquares(a, b, mask, n);
                if (xs == null) {
                    continue;
                }
                boolean feasible = true;
                for (double v : xs) {
                    feasible &= v >= 0;
                }
                if (feasible) {
                    assertTrue(norm2(residual(a, b, xs)) >= best - 1e-9, "trial " + trial + " subset " + mask);
                }
            }
        }
    }

    /** A warm start from any feasible point reaches the same solution as a cold start. */
    @Test
    void warmStartGivesTheSameSolution() {
        Random rnd = new Random(13);
        for (int trial = 0; trial < 100; trial++) {
            int m = 10 + rnd.nextInt(10);
            int n = 2 + rnd.nextInt(8);
            double[][] a = new double[m][n];
            double[] b = new double[m];
            double[][] q = new double[n][n];
            double[] c = new double[n];
            for (int i = 0; i < m; i++) {
                b[i] = rnd.nextGaussian();
                for (int j = 0; j < n; j++) {
                    a[i][j] = rnd.nextGaussian();
                }
            }
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    c[j] += a[i][j] * b[i];
                    for (int k = 0; k < n; k++) {
                        q[j][k] += a[i][j] * a[i][k];
                    }
                }
            }
            double[] x0 = new double[n];
            for (int j = 0; j < n; j++) {
                x0[j] = rnd.nextBoolean() ? rnd.nextDouble() : 0;
            }
            assertArrayEquals(Nnls.solveNormal(q, c), Nnls.solveNormal(q, c, x0), 1e-9, "trial " + trial);
        }
    }

    private static double[] subsetLeastSquares(double[][] a, double[] b, int mask, int n) {
        int k = Integer.bitCount(mask);
        int[] idx = new int[k];
        for (int j = 0, c = 0; j < n; j++) {
            if ((mask & (1 << j)) != 0) {
                idx[c++] = j;
            }
        }
        double[][] sub = new double[a.length][k];
        for (int i = 0; i < a.length; i++) {
            for (int c = 0; c < k; c++) {
                sub[i][c] = a[i][idx[c]];
            }
        }
        try {
            double[] s = new org.apache.commons.math3.linear.QRDecomposition(
                    new org.apache.commons.math3.linear.Array2DRowRealMatrix(sub)).getSolver()
                    .solve(new org.apache.commons.math3.linear.ArrayRealVector(b)).toArray();
            double[] x = new double[n];
            for (int c = 0; c < k; c++) {
                x[idx[c]] = s[c];
            }
            return x;
        } catch (RuntimeException singular) {
            return null;
        }
    }

    private static double[] residual(double[][] a, double[] b, double[] x) {
        double[] r = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            double v = b[i];
            for (int j = 0; j < x.length; j++) {
                v -= a[i][j] * x[j];
            }
            r[i] = v;
        }
        return r;
    }

    private static double norm2(double[] r) {
        double s = 0;
        for (double v : r) {
            s += v * v;
        }
        return s;
    }
}
