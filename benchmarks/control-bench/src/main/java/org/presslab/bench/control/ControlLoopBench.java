package org.presslab.bench.control;

import java.util.Arrays;
import java.util.Locale;

import org.presslab.time.TimeSources;
import org.presslab.control.api.StationListener;
import org.presslab.control.api.StationSample;
import org.presslab.control.Stations;
import org.presslab.control.StandaloneStation;
import org.presslab.control.StationSpec;
import org.presslab.press.api.DeviceKind;
import org.presslab.press.sim.SimSpec;
import org.presslab.press.sim.SimulatedDevice;
import org.presslab.press.sim.SimulatedDevices;
import org.presslab.time.TimeSource;

/**
 * The station's control loop on the simulated automatic press in real time: for each rate, ramp to
 * and hold 15 MPa on a 10 mm cell, warm up, then record the start time of every loop tick (each
 * sample carries it) for the measuring window. Reports the achieved rate, the jitter of the loop
 * period |period - nominal| at p50/p99/max, the mean and max time spent inside a tick, and drops.
 *
 * <p>Arguments: {@code [measureSeconds=20] [rates=100,1000] [background=none|fits|both]}. {@code fits} runs
 * impedance fits ({@code R0-p(R1,CPE1)-p(R2,CPE2)} on a spectrum of the simulated analyzer, back to back on a
 * thread of minimum priority, as a station's EIS thread does) in the same JVM while the loop is measured;
 * {@code both} measures each rate without and then with them, and adds late ticks (gaps above 50 ms) and fits done.
 */
public final class ControlLoopBench {

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 20;
        String rates = args.length > 1 ? args[1] : "100,1000";
        String background = args.length > 2 ? args[2] : "none";
        System.out.printf(Locale.ROOT, "Control loop on the simulated press, real time, %s, %d CPUs, %.0f s per rate%n",
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), seconds);
        System.out.println("rate_Hz  achieved_Hz  ticks   jitter_p50_us  jitter_p99_us  jitter_max_us  tick_mean_us  tick_max_us  overruns/drops  true_1s_mean_err_MPa  late_50ms  background");
        for (String r : rates.split(",")) {
            if (!"fits".equals(background)) {
                run(Double.parseDouble(r.trim()), seconds, false);
            }
            if (!"none".equals(background)) {
                run(Double.parseDouble(r.trim()), seconds, true);
            }
        }
    }

    /** Fits spectra of the simulated analyzer back to back until interrupted; counts them. */
    static Thread fitter(SimulatedDevice press, TimeSource time, int[] fits) {
        org.presslab.analyzer.sim.SimulatedAnalyzer eis = org.presslab.analyzer.sim.SimulatedAnalyzers.create(time,
                org.presslab.analyzer.sim.SimAnalyzerSpec.defaults().minPointS(0.001).periodsPerPoint(0.5), press);
        org.presslab.impedance.api.CircuitFitter f = org.presslab.impedance.ImpedanceAnalysis.circuitFitter();
        Thread t = new Thread(() -> {
            double[] freq = org.presslab.analyzer.api.MeasurementRequest.logSweep(1e6, 1, 8);
            org.presslab.impedance.api.Spectrum s;
            try {
                s = eis.measure(new org.presslab.analyzer.api.MeasurementRequest(freq, 0.01, "bench")).result().get();
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            // the worst case: fits back to back, no pause for measuring
            while (!Thread.currentThread().isInterrupted()) {
                f.fit(s, "R0-p(R1,CPE1)-p(R2,CPE2)");
                fits[0]++;
            }
        }, "bench-eis-fits");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    }

    static void run(double rateHz, double seconds, boolean fits) throws Exception {
        TimeSource time = TimeSources.system();
        SimSpec spec = SimSpec.defaults(DeviceKind.AUTOMATIC_HYDRAULIC_PRESS).id("bench-press").seed(1);
        SimulatedDevice press = SimulatedDevices.create(time, spec);
        StandaloneStation station = Stations.create(StationSpec.of("bench").cellDiameterMm(10).fixtureRatingMPa(100)
                .loopRateHz(rateHz).driverFilter("(presslab.driver.id=bench-press)").historyS(0), time);
        int capacity = (int) (rateHz * seconds * 1.2) + 1000;
        long[] stamps = new long[capacity];
        int[] n = { 0 };
        boolean[] recording = { false };
        double[] worstError = { 0 };
        station.addListener(new StationListener() {
            @Override
            public void onSample(StationSample s) {
                if (recording[0] && n[0] < capacity) {
                    stamps[n[0]++] = s.timeNanos();
                }
            }
        });
        // The hold error on the plant's TRUE pressure (noise-free), as 1-s means: what the cell feels, not the sensor.
        double cellArea = Math.PI * 0.010 * 0.010 / 4;
        Thread trueSampler = new Thread(() -> {
            double sum = 0;
            int k = 0;
            long second = System.nanoTime();
            while (!Thread.currentThread().isInterrupted()) {
                if (recording[0]) {
                    sum += press.plantState().forceN() / cellArea;
                    k++;
                    if (System.nanoTime() - second >= 1_000_000_000L) {
                        worstError[0] = Math.max(worstError[0], Math.abs(sum / k - 15e6));
                        sum = 0;
                        k = 0;
                        second = System.nanoTime();
                    }
                } else {
                    second = System.nanoTime();
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-true-pressure");
        trueSampler.setDaemon(true);
        station.start();
        station.bindDriver(press);
        Thread.sleep(300);
        station.ramp(15e6, 5e6);
        Thread.sleep(6000);
        StandaloneStation.LoopStats before = station.loopStats();
        int[] fitCount = { 0 };
        Thread fitThread = fits ? fitter(press, time, fitCount) : null;
        if (fitThread != null) {
            fitThread.start();
        }
        trueSampler.start();
        recording[0] = true;
        Thread.sleep(Math.round(seconds * 1000));
        recording[0] = false;
        if (fitThread != null) {
            fitThread.interrupt();
        }
        trueSampler.interrupt();
        Thread.sleep(100);
        StandaloneStation.LoopStats after = station.loopStats();
        station.close();
        press.close();

        int count = n[0];
        long nominal = Math.round(1e9 / rateHz);
        long[] jitter = new long[count - 1];
        for (int i = 1; i < count; i++) {
            jitter[i - 1] = Math.abs(stamps[i] - stamps[i - 1] - nominal);
        }
        int late = 0;
        for (int i = 1; i < count; i++) {
            if (stamps[i] - stamps[i - 1] > 50_000_000L) {
                late++;
            }
        }
        Arrays.sort(jitter);
        double achieved = (count - 1) * 1e9 / (stamps[count - 1] - stamps[0]);
        long meanWork = after.ticks() > before.ticks() ? after.meanWorkNanos() : 0;
        System.out.printf(Locale.ROOT, "%7.0f  %11.2f  %6d  %13.1f  %13.1f  %13.1f  %12.2f  %11.1f  %14d  %20.3f  %9d  %s%n", rateHz,
                achieved, count, pct(jitter, 0.50) / 1e3, pct(jitter, 0.99) / 1e3, jitter[jitter.length - 1] / 1e3,
                meanWork / 1e3, after.maxWorkNanos() / 1e3, after.droppedSamples(), worstError[0] / 1e6, late,
                fits ? fitCount[0] + " fits" : "none");
    }

    static double pct(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))];
    }
}
