package org.presslab.bench.cycling;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.presslab.cycling.Aligner;
import org.presslab.cycling.CyclingImporter;
import org.presslab.cycling.CyclingImporters;
import org.presslab.cycling.CyclingLog;
import org.presslab.cycling.ShortCircuitDetector;

/**
 * A month of galvanostatic cycling logged every 10 s (259,200 points; 0.5 mAh cell at C/2, 1 mV noise),
 * written as an EC-Lab .mpt, a Neware CSV, an Arbin CSV and a plain CSV, then for each: the time to read it
 * (median of 7 after 3 warm-ups, wall clock, one thread), the time to detect short circuits, and the time to
 * align a day of it (8,640 points) with a day of 100 Hz pressure samples (8.64 million, streamed).
 * Usage: {@code java -cp ... org.presslab.bench.cycling.CyclingHarness}.
 */
public final class CyclingHarness {

    private CyclingHarness() {
    }

    static final int POINTS = 30 * 8640;

    public static void main(String[] args) throws IOException {
        CyclingImporter importer = CyclingImporters.builtIn();
        double[][] d = cell(POINTS, 10, 1);
        List<Object[]> files = List.of(new Object[] {"EC-Lab .mpt", mpt(d), "month.mpt"},
                new Object[] {"Neware CSV", neware(d), "month_neware.csv"},
                new Object[] {"Arbin CSV", arbin(d), "month_CH1.csv"},
                new Object[] {"plain CSV", plain(d), "month.csv"});
        System.out.printf(Locale.ROOT, "%d points (30 days every 10 s), Java %s, %d cores, load average %.1f%n", POINTS,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println("| format | file size | read (median of 7) | points/s |");
        System.out.println("|---|---|---|---|");
        CyclingLog last = null;
        for (Object[] f : files) {
            byte[] bytes = (byte[]) f[1];
            double[] t = new double[10];
            for (int r = 0; r < t.length; r++) {
                long t0 = System.nanoTime();
                last = importer.read(new ByteArrayInputStream(bytes), (String) f[2]);
                t[r] = (System.nanoTime() - t0) / 1e9;
            }
            double med = median(Arrays.copyOfRange(t, 3, 10));
            System.out.printf(Locale.ROOT, "| %s | %.1f MB | %.3f s | %.2g |%n", f[0], bytes.length / 1e6, med,
                    last.size() / med);
        }
        ShortCircuitDetector detector = new ShortCircuitDetector();
        double[] t = new double[10];
        for (int r = 0; r < t.length; r++) {
            long t0 = System.nanoTime();
            detector.detect(last);
            t[r] = (System.nanoTime() - t0) / 1e9;
        }
        System.out.printf(Locale.ROOT, "short-circuit detection on %d points: %.1f ms (median of 7)%n", last.size(),
                1e3 * median(Arrays.copyOfRange(t, 3, 10)));
        int day = 8640;
        long[] q = new long[day];
        for (int i = 0; i < day; i++) {
            q[i] = i * 10_000_000_000L;
        }
        long samples = 86_400L * 100;
        for (int r = 0; r < 5; r++) {
            long t0 = System.nanoTime();
            Aligner a = new Aligner(q, List.of(), 2_000_000_000L);
            for (long k = 0; k < samples; k++) {
                a.accept(k * 10_000_000L, 15e6 + (k & 1023));
            }
            double s = (System.nanoTime() - t0) / 1e9;
            if (r >= 2) {
                System.out.printf(Locale.ROOT, "align %d points with %d samples (one day at 100 Hz): %.3f s, %.3g samples/s%n",
                        day, samples, s, samples / s);
            }
        }
    }

    static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }

    /** time, current A, voltage V, net charge C: CC charge to 3.8 V, rest, discharge to 2.8 V, rest. */
    static double[][] cell(int n, double dt, long seed) {
        Random rnd = new Random(seed);
        double[][] d = new double[4][n];
        double cap = 1.8;
        double current = 0.25e-3;
        double soc = 0.02;
        double q = 0;
        int phase = 0;
        double restLeft = 0;
        for (int k = 0; k < n; k++) {
            double i = phase == 0 ? current : phase == 2 ? -current : 0;
            double s = Math.min(0.999, Math.max(0.001, soc));
            double ocv = 3.37 + 0.04 * (s - 0.5) + 0.025 * Math.log(s / (1 - s));
            double v = ocv + i * 150;
            d[0][k] = k * dt;
            d[1][k] = i;
            d[2][k] = v + 0.001 * rnd.nextGaussian();
            d[3][k] = q;
            soc += i * dt / cap;
            q += i * dt;
            if (phase == 0 && (v >= 3.8 || soc >= 0.98) || phase == 2 && (v <= 2.8 || soc <= 0.02)) {
                phase++;
                restLeft = 60;
            } else if (phase == 1 || phase == 3) {
                restLeft -= dt;
                if (restLeft <= 0) {
                    phase = (phase + 1) % 4;
                }
            }
        }
        return d;
    }

    static byte[] mpt(double[][] d) {
        StringBuilder b = new StringBuilder("EC-Lab ASCII FILE\r\nNb header lines : 5\r\n\r\n"
                + "Acquisition started on : 11/01/2026 08:00:00.000\r\n"
                + "mode\tox/red\terror\ttime/s\tEwe/V\tI/mA\t(Q-Qo)/mA.h\tcycle number\r\n");
        for (int k = 0; k < d[0].length; k++) {
            b.append(String.format(Locale.ROOT, "1\t1\t0\t%.15E\t%.7E\t%.6E\t%.6E\t0.000000E+000\r\n", d[0][k], d[2][k],
                    d[1][k] * 1e3, d[3][k] / 3.6));
        }
        return b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] neware(double[][] d) {
        StringBuilder b = new StringBuilder("Record ID,Step ID,Step Type,Time,Current(mA),Voltage(V),Capacity(mAh),Realtime\r\n");
        int step = 1;
        double stepStart = 0;
        double qStart = 0;
        for (int k = 0; k < d[0].length; k++) {
            if (k > 0 && Math.signum(d[1][k]) != Math.signum(d[1][k - 1])) {
                step++;
                stepStart = d[0][k];
                qStart = d[3][k];
            }
            long ms = Math.round((d[0][k] - stepStart) * 1000);
            long wall = 1_793_520_000L + (long) d[0][k];
            b.append(k + 1).append(',').append(step).append(',')
                    .append(d[1][k] > 0 ? "CC_Chg" : d[1][k] < 0 ? "CC_DChg" : "Rest").append(',')
                    .append(String.format(Locale.ROOT, "%d:%02d:%02d.%03d,%.4f,%.4f,%.4f,", ms / 3_600_000, ms / 60_000 % 60,
                            ms / 1000 % 60, ms % 1000, Math.abs(d[1][k]) * 1e3, d[2][k], Math.abs(d[3][k] - qStart) / 3.6))
                    .append(java.time.LocalDateTime.ofEpochSecond(wall, 0, java.time.ZoneOffset.UTC).toString().replace('T', ' '))
                    .append("\r\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] arbin(double[][] d) {
        StringBuilder b = new StringBuilder("Data_Point,Test_Time(s),Date_Time,Step_Index,Cycle_Index,Current(A),Voltage(V),"
                + "Charge_Capacity(Ah),Discharge_Capacity(Ah)\r\n");
        double qc = 0;
        double qd = 0;
        for (int k = 0; k < d[0].length; k++) {
            if (k > 0) {
                double dq = d[3][k] - d[3][k - 1];
                qc += Math.max(0, dq);
                qd += Math.max(0, -dq);
            }
            long wall = 1_793_520_000L + (long) d[0][k];
            b.append(String.format(Locale.ROOT, "%d,%.4f,%s,1,1,%.6E,%.6f,%.9E,%.9E\r\n", k + 1, d[0][k],
                    java.time.LocalDateTime.ofEpochSecond(wall, 0, java.time.ZoneOffset.UTC).toString().replace('T', ' '),
                    d[1][k], d[2][k], qc / 3600, qd / 3600));
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] plain(double[][] d) {
        StringBuilder b = new StringBuilder("time/s,current/mA,voltage/V\n");
        for (int k = 0; k < d[0].length; k++) {
            b.append(String.format(Locale.ROOT, "%.3f,%.6f,%.6f%n", d[0][k], d[1][k] * 1e3, d[2][k]));
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
