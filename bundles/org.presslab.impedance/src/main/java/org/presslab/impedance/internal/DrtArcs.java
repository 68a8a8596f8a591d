package org.presslab.impedance.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Arcs read from a quick distribution of relaxation times, for starting values: a small arc next
 * to a large one (a 20 ohm bulk arc beside a 30 kohm grain-boundary arc) is invisible as a
 * maximum of -Z'' on the Nyquist plot but is a clear peak of the DRT when the data are weighted
 * by 1/|Z|. A coarse grid (4 points per decade, one decade beyond the data each side), one fixed
 * regularisation parameter and no lambda search keep it to a fraction of a fit's cost; the
 * values only have to be near enough for Levenberg-Marquardt.
 *
 * <p>A peak's resistance is the area of gamma between the minima around it, its apex frequency
 * 1/(2 pi tau_peak), and its alpha from the peak height over the area, inverting the ZARC's
 * closed-form distribution (height = R cot((1 - alpha) pi / 2) / (2 pi)), clamped to 0.6-1:
 * regularisation broadens peaks, so alpha comes out low rather than high. A peak counts when its
 * resistance is at least 1 % of |Z| at its own frequency (what the modulus-weighted fit sees);
 * the last grid decade is a tail (Warburg, blocking capacitance), not an arc, and a peak outside the
 * measured frequencies is the regularisation's, not the data's.
 */
final class DrtArcs {

    static final int POINTS_PER_DECADE = 4;
    static final double LAMBDA = 3e-2;

    /** A DRT peak: resistance, apex frequency, estimated alpha, share of |Z| at the apex. */
    record Peak(double resistance, double apexHz, double alpha, double share) {
    }

    /** The high-frequency resistance and the peaks. */
    record Reading(double rInf, List<Peak> peaks) {
    }

    private DrtArcs() {
    }

    /**
     * Peaks from high to low frequency.
     *
     * @param f frequencies, descending
     * @param zr Z'
     * @param zi Z'' (electrochemical sign: negative for a capacitive response)
     */
    static Reading read(double[] f, double[] zr, double[] zi) {
        return read(f, zr, zi, false, false);
    }

    /**
     * As {@link #read(double[], double[], double[])} with optional extra columns for what a
     * circuit puts in series with its arcs: a semi-infinite Warburg (Z = A (1 - j)/sqrt(w)) and a
     * capacitance (blocking electrode, finite-space diffusion at low frequency). Without them their
     * tails fill the long-tau end of gamma and hide a low-frequency arc as a shoulder.
     */
    static Reading read(double[] f, double[] zr, double[] zi, boolean warburg, boolean capacitance) {
        int n = f.length;
        double tMin = 1 / (2 * Math.PI * f[0]) / 10;
        double tMax = 1 / (2 * Math.PI * f[n - 1]) * 10;
        int m = (int) Math.ceil(Math.log10(tMax / tMin) * POINTS_PER_DECADE) + 1;
        double[] tau = new double[m];
        for (int k = 0; k < m; k++) {
            tau[k] = tMin * Math.pow(tMax / tMin, k / (double) (m - 1));
        }
        double dln = Math.log(tau[1] / tau[0]);
        int cols = m + 1 + (warburg ? 1 : 0) + (capacitance ? 1 : 0);
        int wCol = warburg ? m + 1 : -1;
        int cCol = capacitance ? cols - 1 : -1;
        double wMin = 2 * Math.PI * f[n - 1];
        double[][] q = new double[cols][cols];
        double[] c = new double[cols];
        double[] row = new double[cols];
        double[] rowI = new double[cols];
        double[] mod = new double[n];
        for (int i = 0; i < n; i++) {
            double w = 2 * Math.PI * f[i];
            mod[i] = Math.hypot(zr[i], zi[i]);
            double g = 1 / mod[i];
            row[0] = g;
            rowI[0] = 0;
            for (int k = 0; k < m; k++) {
                double x = w * tau[k];
                double d = 1 + x * x;
                row[k + 1] = g * dln / d;
                rowI[k + 1] = -g * dln * x / d;
            }
            if (wCol > 0) {
                // scaled so the coefficient is |Z_W| at the lowest frequency
                double v = g * Math.sqrt(wMin / w) / Math.sqrt(2);
                row[wCol] = v;
                rowI[wCol] = -v;
            }
            if (cCol > 0) {
                // scaled so the coefficient is |Z_C| at the lowest frequency
                row[cCol] = 0;
                rowI[cCol] = -g * wMin / w;
            }
            double br = g * zr[i];
            double bi = g * zi[i];
            for (int a = 0; a < cols; a++) {
                c[a] += row[a] * br + rowI[a] * bi;
                for (int b = a; b < cols; b++) {
                    q[a][b] += row[a] * row[b] + rowI[a] * rowI[b];
                }
            }
        }
        // Ridge on gamma scaled by each column's own weight (Marquardt's scaling): the penalty is
        // relative to what the data say about that time constant, so a 10 ohm arc at 100 kHz and a
        // 30 kohm arc at 10 Hz are regularised alike. A penalty on differences of gamma in ohms
        // would flatten the small one against the large one.
        for (int k = 1; k <= m; k++) {
            q[k][k] *= 1 + LAMBDA;
        }
        for (int a = 0; a < cols; a++) {
            for (int b = 0; b < a; b++) {
                q[a][b] = q[b][a];
            }
        }
        double[] x = Nnls.solveNormal(q, c);
        double[] gamma = new double[m];
        for (int k = 0; k < m; k++) {
            gamma[k] = x[k + 1];
        }
        // |Z| at each grid tau's frequency, interpolated on log f (data are descending in f)
        List<Peak> out = new ArrayList<>();
        int tailFrom = m - 1 - POINTS_PER_DECADE;
        List<Integer> maxima = new ArrayList<>();
        for (int k = 0; k < m; k++) {
            boolean left = k == 0 || gamma[k] > gamma[k - 1];
            boolean right = k == m - 1 || gamma[k] >= gamma[k + 1];
            if (left && right && gamma[k] > 0) {
                maxima.add(k);
            }
        }
        for (int p = 0; p < maxima.size(); p++) {
            int k = maxima.get(p);
            int lo = p == 0 ? 0 : argMin(gamma, maxima.get(p - 1), k);
            int hi = p == maxima.size() - 1 ? m - 1 : argMin(gamma, k, maxima.get(p + 1));
            double r = 0;
            for (int j = lo; j <= hi; j++) {
                r += gamma[j] * dln * ((j == lo && p > 0) || (j == hi && p < maxima.size() - 1) ? 0.5 : 1);
            }
            double apex = 1 / (2 * Math.PI * tau[k]);
            double share = r / modulusAt(f, mod, apex);
            if (k >= tailFrom || share < 0.01 || r <= 0 || apex > f[0] || apex < f[n - 1]) {
                continue;
            }
            double h = gamma[k] / r; // = cot((1 - alpha) pi / 2) / (2 pi) for a ZARC
            double alpha = 1 - (2 / Math.PI) * Math.atan(1 / (2 * Math.PI * h));
            out.add(new Peak(r, apex, Math.min(Math.max(alpha, 0.6), 1.0), share));
        }
        return new Reading(x[0], out);
    }

    private static double modulusAt(double[] f, double[] mod, double hz) {
        int n = f.length;
        if (hz >= f[0]) {
            return mod[0];
        }
        if (hz <= f[n - 1]) {
            return mod[n - 1];
        }
        for (int i = 1; i < n; i++) {
            if (f[i] <= hz) {
                double t = Math.log(hz / f[i]) / Math.log(f[i - 1] / f[i]);
                return mod[i] + t * (mod[i - 1] - mod[i]);
            }
        }
        return mod[n - 1];
    }

    private static int argMin(double[] v, int from, int to) {
        int best = from;
        for (int i = from; i <= to; i++) {
            if (v[i] < v[best]) {
                best = i;
            }
        }
        return best;
    }
}
