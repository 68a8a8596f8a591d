package org.presslab.bench.impedance;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.presslab.impedance.api.CircuitFitter;
import org.presslab.impedance.api.DrtAnalyzer;
import org.presslab.impedance.api.DrtResult;
import org.presslab.impedance.api.FitResult;
import org.presslab.impedance.api.KkResult;
import org.presslab.impedance.api.KramersKronig;
import org.presslab.impedance.api.Spectrum;
import org.presslab.impedance.ImpedanceAnalysis;
import org.presslab.impedance.BenchmarkSet;

/**
 * Time per analysis of one spectrum of the issue-12 benchmark set (200 diverse spectra per
 * family, fixed seed, default options: multi-start included), sampled (SampleTime: median =
 * p0.50). Each invocation takes the next spectrum of the set, so no result can be cached.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FitBenchmark {

    @Param({BenchmarkSet.TWO_ARC_W, BenchmarkSet.RC_WO})
    public String circuit;

    private final CircuitFitter fitter = ImpedanceAnalysis.circuitFitter();
    private final KramersKronig kk = ImpedanceAnalysis.kramersKronig();
    private final DrtAnalyzer drt = ImpedanceAnalysis.drtAnalyzer();
    private Spectrum[] spectra;
    private int next;

    @Setup
    public void setup() {
        List<BenchmarkSet.Case> cases = BenchmarkSet.generate(circuit, 200);
        spectra = cases.stream().map(BenchmarkSet.Case::spectrum).toArray(Spectrum[]::new);
    }

    private Spectrum nextSpectrum() {
        Spectrum s = spectra[next];
        next = (next + 1) % spectra.length;
        return s;
    }

    /** Full CNLS fit with default options (automatic guesses, multi-start, canonical order). */
    @Benchmark
    public FitResult fit() {
        return fitter.fit(nextSpectrum(), circuit);
    }

    /** Lin-KK with automatic M. */
    @Benchmark
    public KkResult linKk() {
        return kk.test(nextSpectrum());
    }

    /** DRT with lambda chosen by GCV over 17 values. */
    @Benchmark
    public DrtResult drtGcv() {
        return drt.analyze(nextSpectrum());
    }
}
