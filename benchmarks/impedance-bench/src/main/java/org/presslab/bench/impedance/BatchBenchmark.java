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
import org.presslab.impedance.api.FitOptions;
import org.presslab.impedance.api.FitResult;
import org.presslab.impedance.api.Spectrum;
import org.presslab.impedance.ImpedanceAnalysis;
import org.presslab.impedance.BenchmarkSet;
import org.presslab.impedance.api.CircuitFitter;

/**
 * A series of 500 spectra (BenchmarkSet.series: one cell warming up, resistances falling 20x)
 * fitted with CircuitFitter.fitSeries on 1 and on 2 threads, and as 500 independent cold fits on
 * one thread. Spectra per second = 500 / (seconds per operation).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BatchBenchmark {

    @Param({BenchmarkSet.TWO_ARC_W, BenchmarkSet.RC_WO})
    public String circuit;

    private final CircuitFitter fitter = ImpedanceAnalysis.circuitFitter();
    private List<Spectrum> series;

    @Setup
    public void setup() {
        series = BenchmarkSet.series(circuit, 500, BenchmarkSet.SEED);
    }

    @Benchmark
    public double seriesOneThread() {
        return sum(fitter.fitSeries(series, circuit, FitOptions.DEFAULT, 1));
    }

    @Benchmark
    public double seriesTwoThreads() {
        return sum(fitter.fitSeries(series, circuit, FitOptions.DEFAULT, 2));
    }

    @Benchmark
    public double independentColdFits() {
        double s = 0;
        for (Spectrum sp : series) {
            s += fitter.fit(sp, circuit).chiSquare();
        }
        return s;
    }

    private static double sum(List<FitResult> rs) {
        return rs.stream().mapToDouble(FitResult::chiSquare).sum();
    }
}
