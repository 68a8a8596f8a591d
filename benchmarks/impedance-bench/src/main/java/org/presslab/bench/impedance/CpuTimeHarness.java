package org.presslab.bench.impedance;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;

import org.presslab.impedance.api.Spectrum;
import org.presslab.impedance.internal.CnlsFitter;
import org.presslab.impedance.internal.LinKk;
import org.presslab.impedance.internal.TikhonovDrt;

/**
 * Companion to the JMH benchmarks for a shared, loaded machine: the thread CPU time of each
 * operation (what the code costs, independent of other processes competing for the cores)
 * next to its wall time. Median over 1,000 spectra after 2,000 warm-up operations. Run:
 * {@code java -cp benchmarks.jar org.presslab.bench.impedance.CpuTimeHarness}.
 */
public final class CpuTimeHarness {

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private CpuTimeHarness() {
    }

    public static void main(String[] args) {
        CnlsFitter fitter = new CnlsFitter();
        LinKk kk = new LinKk();
        TikhonovDrt drt = new TikhonovDrt();
        System.out.printf("load average at start: %.2f on %d cores%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
        for (String c : new String[] {Spectra.TWO_CPE_W, Spectra.RC_WO}) {
            Spectrum[] spectra = Spectra.noisy(c, 1000, 777);
            measure("fit " + c, spectra, s -> fitter.fit(s, c));
        }
        Spectrum[] spectra = Spectra.noisy(Spectra.TWO_CPE_W, 1000, 777);
        measure("Lin-KK (auto M)", spectra, kk::test);
        measure("DRT (GCV)", Arrays.copyOf(spectra, 200), drt::analyze);
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
