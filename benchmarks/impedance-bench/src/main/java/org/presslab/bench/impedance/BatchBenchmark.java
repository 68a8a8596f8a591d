package org.presslab.bench.impedance;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.presslab.impedance.api.FitResult;
import org.presslab.impedance.api.Spectrum;
import org.presslab.impedance.internal.CnlsFitter;

/**
 * A batch of 1,000 spectra fitted one after the other on one thread, and spread over all cores.
 * Spectra per second = 1000 / (seconds per operation). The setup first checks that every
 * automatic fit of the batch reaches the minimum a fit started at the true parameters reaches,
 * and refuses to benchmark otherwise.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BatchBenchmark {

    @Param({Spectra.TWO_CPE_W, Spectra.RC_WO})
    public String circuit;

    private final CnlsFitter fitter = new CnlsFitter();
    private Spectrum[] batch;

    @Setup
    public void setup() {
        batch = Spectra.noisy(circuit, 1000, 777);
        BestMinimumCheck.Report r = BestMinimumCheck.check(circuit, batch);
        System.out.println();
        System.out.println(r);
        if (r.worse() > 0) {
            throw new IllegalStateException(r.toString());
        }
    }

    @Benchmark
    public double sequential() {
        double s = 0;
        for (Spectrum sp : batch) {
            s += fitter.fit(sp, circuit).chiSquare();
        }
        return s;
    }

    @Benchmark
    public double parallel() {
        return Arrays.stream(batch).parallel().map(sp -> fitter.fit(sp, circuit)).mapToDouble(FitResult::chiSquare).sum();
    }
}
