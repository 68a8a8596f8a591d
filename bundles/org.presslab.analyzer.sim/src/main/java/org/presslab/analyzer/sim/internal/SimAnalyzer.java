package org.presslab.analyzer.sim.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.presslab.analyzer.api.AnalyzerException;
import org.presslab.analyzer.api.AnalyzerHealth;
import org.presslab.analyzer.api.AnalyzerInfo;
import org.presslab.analyzer.api.Measurement;
import org.presslab.analyzer.api.MeasurementRequest;
import org.presslab.analyzer.sim.AnalyzerFaults;
import org.presslab.analyzer.sim.SimAnalyzerSpec;
import org.presslab.analyzer.sim.SimulatedAnalyzer;
import org.presslab.impedance.api.Spectrum;
import org.presslab.impedance.api.SpectrumMetadata;
import org.presslab.press.sim.PlantState;
import org.presslab.press.sim.SimulatedCell;
import org.presslab.press.sim.SimulatedDevice;
import org.presslab.time.Scheduled;
import org.presslab.time.TimeSource;

/**
 * The simulated analyzer. A measurement is a chain of one-shot tasks on the {@link TimeSource}, one per
 * frequency, each due after max(periodsPerPoint / f, minPointS): each reads the cell at its own time, so a
 * spectrum measured while the pressure moves shows it. In real time each task runs on its own short-lived
 * thread; in virtual time on the thread that advances time. One lock guards the state; nothing blocks.
 */
public final class SimAnalyzer implements SimulatedAnalyzer, AnalyzerFaults {

    private static final double ROOM_K = 298.15;

    private final TimeSource time;
    private final SimAnalyzerSpec spec;
    private final Supplier<SimulatedDevice> device;
    private final CellImpedance model;
    private final AnalyzerInfo info;
    private final Object lock = new Object();

    private Run current;
    private long measurements;
    // faults
    private final Set<Integer> nanPoints = new TreeSet<>();
    private final Set<Integer> infPoints = new TreeSet<>();
    private int hangAfter = -1;
    private int failAfter = -1;
    private String failMessage;

    public SimAnalyzer(TimeSource time, SimAnalyzerSpec spec, Supplier<SimulatedDevice> device) {
        this.time = time;
        this.spec = spec;
        this.device = device;
        this.model = new CellImpedance(spec);
        this.info = new AnalyzerInfo("Presslab", "Simulated EIS analyzer", spec.id() + "-" + spec.seed(), "1.0",
                spec.minFrequencyHz(), spec.maxFrequencyHz(), spec.minAmplitudeV(), spec.maxAmplitudeV(), spec.maxPoints());
    }

    @Override
    public String id() {
        return spec.id();
    }

    @Override
    public AnalyzerInfo info() {
        return info;
    }

    @Override
    public SimAnalyzerSpec spec() {
        return spec.copy();
    }

    @Override
    public AnalyzerFaults faults() {
        return this;
    }

    @Override
    public AnalyzerHealth health() {
        SimulatedDevice d = device.get();
        if (d == null) {
            return new AnalyzerHealth(AnalyzerHealth.State.DISCONNECTED, "simulated analyzer '" + spec.id()
                    + "': no simulated cell bound (is the simulated press it measures running?)");
        }
        return AnalyzerHealth.connected();
    }

    @Override
    public Measurement measure(MeasurementRequest request) {
        String bad = info.check(request);
        if (bad != null) {
            throw new IllegalArgumentException("simulated analyzer '" + spec.id() + "': " + bad);
        }
        if (device.get() == null) {
            throw new IllegalStateException(health().message());
        }
        synchronized (lock) {
            if (current != null && !current.future.isDone()) {
                throw new IllegalStateException("simulated analyzer '" + spec.id() + "' is busy with " + current.request);
            }
            Run r = new Run(request, measurements++, hangAfter, failAfter, failMessage);
            failAfter = -1;
            failMessage = null;
            current = r;
            r.scheduleNext();
            return r;
        }
    }

    @Override
    public Optional<Measurement> current() {
        synchronized (lock) {
            return current == null || current.future.isDone() ? Optional.empty() : Optional.of(current);
        }
    }

    @Override
    public double[] trueImpedance(double frequencyHz) {
        SimulatedDevice d = device.get();
        if (d == null) {
            return new double[] { Double.NaN, Double.NaN };
        }
        SimulatedCell c = d.cell();
        return model.impedance(frequencyHz, c.areaM2(), c.interfacialResistanceOhm(), c.voidFraction(), c.isShorted());
    }

    /** Point duration, s: a few periods, at least the settling time. */
    double pointS(double f) {
        return Math.max(spec.periodsPerPoint() / f, spec.minPointS());
    }

    // ------------------------------------------------------------------ faults

    @Override
    public void nanPoints(int... indices) {
        synchronized (lock) {
            for (int i : indices) {
                nanPoints.add(i);
            }
        }
    }

    @Override
    public void infinitePoints(int... indices) {
        synchronized (lock) {
            for (int i : indices) {
                infPoints.add(i);
            }
        }
    }

    @Override
    public void hangAfter(int points) {
        synchronized (lock) {
            hangAfter = points;
        }
    }

    @Override
    public void failAfter(int points, String message) {
        synchronized (lock) {
            failAfter = points;
            failMessage = message;
        }
    }

    @Override
    public void clearAll() {
        synchronized (lock) {
            nanPoints.clear();
            infPoints.clear();
            hangAfter = -1;
            failAfter = -1;
            failMessage = null;
        }
    }

    // ------------------------------------------------------------------ one measurement

    private final class Run implements Measurement {
        final MeasurementRequest request;
        final double[] f;
        final long number;
        final int hang;
        final int fail;
        final String failMsg;
        final Instant startedAt = time.now();
        final long startNanos = time.nanoTime();
        final double expectedS;
        final CompletableFuture<Spectrum> future = new CompletableFuture<>();
        final double[] re;
        final double[] im;
        int next;
        Scheduled task;
        double progress;
        double temperatureK = Double.NaN;

        Run(MeasurementRequest request, long number, int hang, int fail, String failMsg) {
            this.request = request;
            this.f = request.frequenciesHz();
            this.number = number;
            this.hang = hang;
            this.fail = fail;
            this.failMsg = failMsg;
            this.re = new double[f.length];
            this.im = new double[f.length];
            double s = 0;
            for (double x : f) {
                s += pointS(x);
            }
            this.expectedS = s;
        }

        /** Lock held. */
        void scheduleNext() {
            if (next == hang) {
                return; // the instrument went silent
            }
            task = time.schedule("sim-eis-" + spec.id() + "-point", TimeSource.seconds(pointS(f[next])), this::point);
        }

        private void point() {
            Spectrum done = null;
            AnalyzerException failed = null;
            synchronized (lock) {
                if (future.isDone()) {
                    return;
                }
                int k = next;
                if (k == fail) {
                    failed = new AnalyzerException("simulated analyzer '" + spec.id() + "': instrument error at point " + k + " ("
                            + f[k] + " Hz): " + failMsg);
                } else {
                    SimulatedDevice d = device.get();
                    if (d == null) {
                        failed = new AnalyzerException("simulated analyzer '" + spec.id() + "': the simulated cell went away at point "
                                + k + " (" + f[k] + " Hz): the press driver it measures stopped");
                    } else {
                        SimulatedCell c = d.cell();
                        PlantState ps = d.plantState();
                        temperatureK = Double.isNaN(ps.temperatureK()) ? ROOM_K : ps.temperatureK();
                        double[] z = model.impedance(f[k], c.areaM2(), c.interfacialResistanceOhm(), c.voidFraction(), c.isShorted());
                        double mod = Math.hypot(z[0], z[1]);
                        double sigma = spec.noiseRelative() * (1 + f[k] / spec.noiseCornerHz()) * mod;
                        long stream = number * 4;
                        re[k] = z[0] + sigma * Noise.gaussian(spec.seed(), stream, k);
                        im[k] = z[1] + sigma * Noise.gaussian(spec.seed(), stream + 1, k);
                        if (nanPoints.contains(k)) {
                            re[k] = Double.NaN;
                        }
                        if (infPoints.contains(k)) {
                            im[k] = Double.POSITIVE_INFINITY;
                        }
                        next = k + 1;
                        progress = Math.min(1, (time.nanoTime() - startNanos) / 1e9 / expectedS);
                        if (next == f.length) {
                            progress = 1;
                            try {
                                done = spectrum();
                            } catch (AnalyzerException e) {
                                failed = e;
                            }
                        } else {
                            scheduleNext();
                        }
                    }
                }
            }
            // complete outside the lock: dependants run on this thread
            if (failed != null) {
                future.completeExceptionally(failed);
            } else if (done != null) {
                future.complete(done);
            }
        }

        /** Lock held: the finite points; non-finite ones are left out and listed. */
        private Spectrum spectrum() throws AnalyzerException {
            List<Integer> kept = new ArrayList<>();
            List<Integer> dropped = new ArrayList<>();
            for (int i = 0; i < f.length; i++) {
                (Double.isFinite(re[i]) && Double.isFinite(im[i]) ? kept : dropped).add(i);
            }
            if (kept.size() * 2 < f.length) {
                throw new AnalyzerException("simulated analyzer '" + spec.id() + "': only " + kept.size() + " of " + f.length
                        + " points valid (non-finite at " + dropped + ")");
            }
            double[] kf = new double[kept.size()];
            double[] kr = new double[kept.size()];
            double[] ki = new double[kept.size()];
            for (int j = 0; j < kept.size(); j++) {
                int i = kept.get(j);
                kf[j] = f[i];
                kr[j] = re[i];
                ki[j] = im[i];
            }
            Map<String, String> extra = new HashMap<>();
            extra.put(AMPLITUDE_V, Double.toString(request.amplitudeV()));
            extra.put(ANALYZER_ID, spec.id());
            extra.put(ENDED_AT, time.now().toString());
            if (!dropped.isEmpty()) {
                extra.put(DROPPED_POINTS, dropped.stream().map(String::valueOf).collect(Collectors.joining(",")));
            }
            SimulatedDevice d = device.get();
            double diameter = d == null ? Double.NaN : d.cell().diameterM();
            String source = "analyzer:" + spec.id() + (request.label().isEmpty() ? "" : " " + request.label());
            SpectrumMetadata m = new SpectrumMetadata(source, info.vendor() + " " + info.model() + " " + info.serial(), null,
                    startedAt, temperatureK, diameter, spec.pelletThicknessM(), Double.NaN, extra); // the instrument does not know the stack pressure: control adds it
            return new Spectrum(kf, kr, ki, m);
        }

        @Override
        public MeasurementRequest request() {
            return request;
        }

        @Override
        public Instant startedAt() {
            return startedAt;
        }

        @Override
        public double expectedDurationS() {
            return expectedS;
        }

        @Override
        public double progress() {
            synchronized (lock) {
                return progress;
            }
        }

        @Override
        public CompletableFuture<Spectrum> result() {
            return future;
        }

        @Override
        public void abort(String reason) {
            synchronized (lock) {
                if (task != null) {
                    task.cancel();
                }
            }
            future.completeExceptionally(new CancellationException("measurement on simulated analyzer '" + spec.id()
                    + "' aborted" + (reason == null || reason.isBlank() ? "" : ": " + reason)));
        }

        @Override
        public String toString() {
            return request.toString();
        }
    }
}
