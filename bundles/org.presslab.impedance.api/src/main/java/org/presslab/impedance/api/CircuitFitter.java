package org.presslab.impedance.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Equivalent-circuit models and complex nonlinear least-squares fitting (Levenberg-Marquardt).
 * Thread-safe.
 */
@ProviderType
public interface CircuitFitter {

    /**
     * Reads a circuit string: elements R, C, L, CPE, W, Wo, Ws, G, TLMQ with a numeric suffix
     * ({@code R0}, {@code CPE1}), joined in series with {@code -} and in parallel with
     * {@code p(a,b,...)}.
     *
     * @throws CircuitSyntaxException naming the position and what was expected
     */
    CircuitModel parse(String circuit);

    /**
     * Starting values guessed from the spectrum alone (the first start of {@link #fit}): the
     * high-frequency resistance for series resistors, arcs (resistance, apex frequency, alpha)
     * read from a quick distribution of relaxation times for the parallel blocks, taken from high
     * to low frequency in circuit order, the low-frequency tail for Warburg elements.
     */
    double[] initialGuess(Spectrum spectrum, CircuitModel model);

    /** Fits {@code circuit} to {@code spectrum}. Never throws for a poor fit: see {@link FitResult#converged()}. */
    FitResult fit(Spectrum spectrum, String circuit, FitOptions options);

    default FitResult fit(Spectrum spectrum, String circuit) {
        return fit(spectrum, circuit, FitOptions.DEFAULT);
    }

    /**
     * Fits one circuit to a sequence of spectra (a temperature or pressure series, a cell while
     * it cycles), in parallel across {@code threads} threads, each taking a contiguous run of the
     * series. The first spectrum of a run is fitted as {@link #fit} would; each next one starts
     * from its neighbour's result (a single start), and is fitted again from the automatic
     * guesses whenever that warm start lands worse: above the noise floor the spectrum allows,
     * where a cold fit would have stopped. The better of the two is kept and the result's notes
     * say so. Results are in the order of the spectra and do not depend on {@code threads}
     * except through which spectrum starts a run.
     *
     * @param threads worker threads, at least 1 (e.g. {@code Runtime.availableProcessors()})
     * @since 1.1
     */
    java.util.List<FitResult> fitSeries(java.util.List<Spectrum> spectra, String circuit, FitOptions options, int threads);
}
