package org.presslab.bench.impedance;

import java.util.List;
import java.util.Locale;

import org.presslab.impedance.api.FitOptions;
import org.presslab.impedance.api.FitResult;
import org.presslab.impedance.api.Spectrum;
import org.presslab.impedance.ImpedanceAnalysis;
import org.presslab.impedance.BenchmarkSet;
import org.presslab.impedance.api.CircuitFitter;

/**
 * Throughput of the series fitter on a 500-spectrum series (BenchmarkSet.series) on 1 and 2
 * threads beside independent cold fits, best of 3 rounds after 1 warm-up round, and how many
 * fits were warm, re-fitted cold, or worse than an independent cold fit. Run:
 * {@code java -cp benchmarks.jar org.presslab.bench.impedance.SeriesHarness}.
 */
public final class SeriesHarness {

    private SeriesHarness() {
    }

    public static void main(String[] args) {
        CircuitFitter fitter = ImpedanceAnalysis.circuitFitter();
        System.out.printf(Locale.ROOT, "load average at start: %.2f on %d cores%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        for (String c : new String[] {BenchmarkSet.TWO_ARC_W, BenchmarkSet.RC_WO}) {
            List<Spectrum> series = BenchmarkSet.series(c, 500, BenchmarkSet.SEED);
            double[] best = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
            List<FitResult> two = null;
            FitResult[] cold = new FitResult[series.size()];
            for (int round = 0; round < 4; round++) {
                long t0 = System.nanoTime();
                fitter.fitSeries(series, c, FitOptions.DEFAULT, 1);
                long t1 = System.nanoTime();
                two = fitter.fitSeries(series, c, FitOptions.DEFAULT, 2);
                long t2 = System.nanoTime();
                for (int i = 0; i < series.size(); i++) {
                    cold[i] = fitter.fit(series.get(i), c);
                }
                long t3 = System.nanoTime();
                if (round >= 1) {
                    best[0] = Math.min(best[0], (t1 - t0) / 1e9);
                    best[1] = Math.min(best[1], (t2 - t1) / 1e9);
                    best[2] = Math.min(best[2], (t3 - t2) / 1e9);
                }
            }
            int warm = 0;
            int refit = 0;
            int worse = 0;
            for (int i = 0; i < series.size(); i++) {
                FitResult r = two.get(i);
                warm += r.notes().stream().anyMatch(n -> n.startsWith("warm start")) ? 1 : 0;
                refit += r.notes().stream().anyMatch(n -> n.startsWith("the warm start")) ? 1 : 0;
                worse += r.chiSquare() > cold[i].chiSquare() * (1 + 1e-6) ? 1 : 0;
            }
            int n = series.size();
            System.out.printf(Locale.ROOT, "%s, series of %d: fitSeries 1 thread %.0f spectra/s, 2 threads %.0f spectra/s;"
                    + " independent cold fits, 1 thread %.0f spectra/s; warm %d, cold re-fits %d, worse than cold %d%n", c, n,
                    n / best[0], n / best[1], n / best[2], warm, refit, worse);
        }
    }
}
