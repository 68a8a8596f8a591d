package org.presslab.bench.impedance;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;

import org.presslab.impedance.api.Spectrum;
import org.presslab.impedance.ImpedanceAnalysis;
import org.presslab.impedance.BenchmarkSet;
import org.presslab.impedance.api.CircuitFitter;
import org.presslab.impedance.api.KramersKronig;
import org.presslab.impedance.api.DrtAnalyzer;

/**
 * Companion to the JMH benchmarks for a shared, loaded machine: the thread CPU time of each
 * operation (what the code costs, independent of other processes competing for the cores)
 * next to its wall time, on the 200 spectra of each issue-12 benchmark family after 400 warm-up
 * operations. Run:
 * {@code java -cp benchmarks.jar org.presslab.bench.impedance.CpuTimeHarness}.
 */
public final class CpuTimeHarness {

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private CpuTimeHarness() {
    }

    public static void main(String[] args) {
        CircuitFitter fitter = ImpedanceAnalysis.circuitFitter();
        KramersKronig kk = ImpedanceAnalysis.kramersKronig();
        DrtAnalyzer drt = ImpedanceAnalysis.drtAnalyzer();
        System.out.printf("load average at start: %.2f on %d cores%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
        for (String c : new String[] {BenchmarkSet.TWO_ARC_W, BenchmarkSet.RC_WO}) {
            Spectrum[] spectra = set(c);
            measure("fit " + c, spectra, s -> fitter.fit(s, c));
        }
        Spectrum[] spectra = set(BenchmarkSet.TWO_ARC_W);
        measure("Lin-KK (auto M)", spectra, kk::test);
        measure("DRT (GCV)", Arrays.copyOf(spectra, 200), drt::analyze);
    }

    private static Spectrum[] set(String family) {
        return BenchmarkSet.generate(family, 200).stream().map(BenchmarkSet.Case::spectrum).toArray(Spectrum[]::new);
    }

    private static void measure(String what, Spectrum[] spectra, Function<Spectrum, Object> op) {
        int warm = Math.min(2000, 2 * spectra.length);
        for (int k = 0; k < warm; k++) {
            op.apply(spectra[k % spectra.length]);
        }
        double[] cpu = new double[spectra.length];
        double[] wall = new double[spectra.length];
        for (int k = 0; k < spectra.length; k++) {
            long c0 = CPU.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            op.apply(spectra[k]);
            wall[k] = (System.nanoTime() - w0) / 1e6;
            cpu[k] = (CPU.getCurrentThreadCpuTime() - c0) / 1e6;
        }
        Arrays.sort(cpu);
        Arrays.sort(wall);
        System.out.printf(Locale.ROOT, "%-40s median CPU %.3f ms (p90 %.3f), median wall %.3f ms, n=%d%n", what,
                cpu[cpu.length / 2], cpu[(int) (0.9 * cpu.length)], wall[wall.length / 2], spectra.length);
    }
}
