package org.presslab.impedance.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.presslab.impedance.api.FitOptions;
import org.presslab.impedance.api.FitResult;
import org.presslab.impedance.api.Spectrum;

/**
 * Fits a series of spectra on several threads: the series is cut into one contiguous run per
 * thread; in each run the first spectrum gets a cold fit, every next one a warm start from its
 * neighbour's result, re-checked with a cold fit when the warm start stays above the noise
 * floor ({@link CnlsFitter#warmFit}). Threads are created per call and ended before it returns,
 * so the DS component holds no pool.
 */
final class SeriesFitter {

    private final CnlsFitter fitter;

    SeriesFitter(CnlsFitter fitter) {
        this.fitter = fitter;
    }

    List<FitResult> fit(List<Spectrum> spectra, String circuitString, FitOptions options, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        Circuit circuit = Circuit.parse(circuitString);
        int n = spectra.size();
        FitResult[] out = new FitResult[n];
        int runs = Math.max(1, Math.min(threads, n));
        if (runs == 1) {
            fitRun(spectra, circuit, options, 0, n, out);
            return Arrays.asList(out);
        }
        ExecutorService pool = Executors.newFixedThreadPool(runs, r -> {
            Thread t = new Thread(r, "presslab-eis-series");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int k = 0; k < runs; k++) {
                int from = (int) ((long) n * k / runs);
                int to = (int) ((long) n * (k + 1) / runs);
                fs.add(pool.submit(() -> fitRun(spectra, circuit, options, from, to, out)));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("series fit interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return Arrays.asList(out);
    }

    private void fitRun(List<Spectrum> spectra, Circuit circuit, FitOptions options, int from, int to, FitResult[] out) {
        double[] previous = null;
        for (int i = from; i < to; i++) {
            FitResult r = previous == null ? fitter.fit(spectra.get(i), circuit.circuit(), options)
                    : fitter.warmFit(spectra.get(i), circuit, options, previous);
            out[i] = r;
            previous = r.converged() ? r.values() : null;
        }
    }
}
