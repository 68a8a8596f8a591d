package org.presslab.control.internal;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.presslab.analyzer.api.Analyzer;
import org.presslab.analyzer.api.Measurement;
import org.presslab.analyzer.api.MeasurementRequest;
import org.presslab.control.api.EisSettings;
import org.presslab.control.api.StationEventType;
import org.presslab.impedance.api.CircuitFitter;
import org.presslab.impedance.api.FitResult;
import org.presslab.impedance.api.KkResult;
import org.presslab.impedance.api.KramersKronig;
import org.presslab.impedance.api.Spectrum;

/**
 * One impedance measurement of a recipe step, from the request to the published SPECTRUM_MEASURED event.
 * The analyzer call and the fit run on the station's EIS thread ({@link EisInstruments#executor()}); the
 * step polls {@link #poll} once per recipe tick as the station's owner, so the loop never waits on an
 * analyzer or a fit. A measurement that overruns its timeout is aborted, one whose analyzer leaves fails;
 * both fail the step with a message saying why.
 */
final class EisJob {

    /** Default timeout: twice the analyzer's estimate plus this, s. */
    static final double TIMEOUT_MARGIN_S = 60;
    /** The longest an analyzer may take to accept a request (its measure() call), s, when the step gives no timeout. */
    static final double START_TIMEOUT_S = 60;

    /** The spectrum, its fit and KK result (null when not asked), and what the station measured meanwhile. */
    record Outcome(Spectrum spectrum, FitResult fit, KkResult kk, Map<String, Object> properties) {
    }

    private final EisSettings settings;
    private final Analyzer analyzer;
    private final String analyzerId;
    private final String label;
    private final long startNanos;
    private final double[] sumsAtStart;
    private final double forceAtStart;
    private final double temperatureAtStart;
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    private volatile Measurement handle;
    private volatile boolean measured;
    private volatile boolean aborted;
    private String failure;

    private EisJob(StepContext c, EisSettings settings, Analyzer analyzer, String label) {
        StationEngine e = c.station;
        this.settings = settings;
        this.analyzer = analyzer;
        this.analyzerId = EisInstruments.safeId(analyzer);
        this.label = label;
        this.startNanos = e.time.nanoTime();
        this.sumsAtStart = e.pressureSums();
        this.forceAtStart = e.lastForce;
        this.temperatureAtStart = e.lastTemperature;
    }

    /** The frequencies of {@code s}, high to low. */
    static double[] frequencies(EisSettings s) {
        return MeasurementRequest.logSweep(s.maxFrequencyHz(), s.minFrequencyHz(), s.pointsPerDecade());
    }

    /** A rough duration for estimates before any analyzer is asked: two periods, at least 0.1 s, per frequency. */
    static double estimateS(EisSettings s) {
        if (s == null) {
            return 0;
        }
        double t = 0;
        try {
            for (double f : frequencies(s)) {
                t += Math.max(2 / f, 0.1);
            }
        } catch (IllegalArgumentException bad) {
            return 0;
        }
        return t;
    }

    /**
     * Starts a measurement (owner). With no analyzer bound the job fails at once (see {@link #poll}).
     *
     * @param label names the step and point in the spectrum's source
     */
    static EisJob start(StepContext c, EisSettings s, String label) {
        EisInstruments instruments = c.station.eis;
        Analyzer a = instruments.analyzer();
        if (a == null) {
            EisJob j = new EisJob(c, s, null, label);
            String target = instruments.analyzerTarget();
            j.failure = "no analyzer: none matches analyzer.target " + (target.isEmpty() ? "(not set)" : target);
            return j;
        }
        EisJob j = new EisJob(c, s, a, label);
        if (s.fits() && instruments.fitter() == null) {
            j.failure = "no circuit fitter to fit " + s.circuit() + " (install the presslab-impedance feature)";
            return j;
        }
        CircuitFitter fitter = instruments.fitter();
        KramersKronig kk = instruments.kk();
        Executor ex = instruments.executor();
        try {
            ex.execute(() -> j.run(ex, fitter, kk));
        } catch (RejectedExecutionException closed) {
            j.failure = "station closing";
        }
        return j;
    }

    /** On the EIS thread: asks the analyzer, then fits when the spectrum is in. */
    private void run(Executor ex, CircuitFitter fitter, KramersKronig kk) {
        if (aborted) {
            return;
        }
        Measurement m;
        try {
            m = analyzer.measure(new MeasurementRequest(frequencies(settings), settings.amplitudeV(), label));
        } catch (RuntimeException e) {
            outcome.completeExceptionally(e);
            return;
        }
        handle = m;
        if (aborted) {
            m.abort("step ended");
            return;
        }
        m.result().whenComplete((spectrum, err) -> {
            measured = true;
            if (err != null) {
                outcome.completeExceptionally(err);
                return;
            }
            try {
                ex.execute(() -> analyse(spectrum, fitter, kk));
            } catch (RejectedExecutionException closed) {
                outcome.completeExceptionally(new IllegalStateException("station closing"));
            }
        });
    }

    private void analyse(Spectrum spectrum, CircuitFitter fitter, KramersKronig kk) {
        try {
            if (spectrum == null) {
                throw new IllegalStateException("the analyzer returned no spectrum");
            }
            FitResult fit = settings.fits() ? fitter.fit(spectrum, settings.circuit()) : null;
            KkResult k = settings.kk() && kk != null ? kk.test(spectrum) : null;
            outcome.complete(new Outcome(spectrum, fit, k, null));
        } catch (RuntimeException e) {
            outcome.completeExceptionally(new IllegalStateException("analysis of the spectrum failed: " + e.getMessage(), e));
        }
    }

    /**
     * Owner, once per recipe tick. Returns null while the measurement runs; the outcome, with the event already
     * published, once it is in; throws {@link Failed} naming why when it failed, timed out or lost its analyzer
     * (the job is then aborted).
     */
    Outcome poll(StepContext c, Map<String, Object> extraProperties) throws Failed {
        if (failure != null) {
            throw new Failed(failure);
        }
        if (outcome.isDone()) {
            try {
                Outcome o = outcome.get();
                return publish(c, o, extraProperties);
            } catch (ExecutionException | CompletionException | CancellationException e) {
                Throwable t = e instanceof ExecutionException || e instanceof CompletionException ? e.getCause() : e;
                while (t instanceof CompletionException && t.getCause() != null) {
                    t = t.getCause();
                }
                failure = "EIS on analyzer '" + analyzerId + "' failed: " + (t instanceof CancellationException ? "aborted: " : "")
                        + t.getMessage();
                throw new Failed(failure);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        if (!measured) {
            if (c.station.eis.analyzer() != analyzer) {
                abort("analyzer left");
                failure = "analyzer '" + analyzerId + "' went away during the measurement";
                throw new Failed(failure);
            }
            double elapsed = (c.station.time.nanoTime() - startNanos) / 1e9;
            double limit = timeoutS();
            if (elapsed > limit) {
                Measurement m = handle;
                abort("timed out");
                failure = String.format(Locale.ROOT, "EIS on analyzer '%s' timed out after %.0f s (limit %.0f s%s); aborted",
                        analyzerId, elapsed, limit, m == null ? ", the analyzer did not accept the request"
                                : String.format(Locale.ROOT, ", progress %.0f %%, expected %.0f s", 100 * safeProgress(m),
                                        m.expectedDurationS()));
                throw new Failed(failure);
            }
        }
        return null;
    }

    private static double safeProgress(Measurement m) {
        try {
            return m.progress();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private double timeoutS() {
        if (Double.isFinite(settings.timeoutS())) {
            return settings.timeoutS();
        }
        Measurement m = handle;
        if (m == null) {
            return START_TIMEOUT_S;
        }
        double expected = m.expectedDurationS();
        return Double.isFinite(expected) && expected >= 0 ? 2 * expected + TIMEOUT_MARGIN_S : START_TIMEOUT_S + TIMEOUT_MARGIN_S;
    }

    /** Ends the measurement (a step abandoned, a timeout). Idempotent; never blocks. */
    void abort(String why) {
        aborted = true;
        Measurement m = handle;
        if (m != null && !m.isDone()) {
            try {
                m.abort(why);
            } catch (RuntimeException ignored) {
                // the analyzer's own trouble; the job is failed either way
            }
        }
        outcome.completeExceptionally(new CancellationException(why));
    }

    /** Owner: publishes SPECTRUM_MEASURED with what the station measured meanwhile. */
    private Outcome publish(StepContext c, Outcome o, Map<String, Object> extra) {
        StationEngine e = c.station;
        double[] sums = e.pressureSums();
        double n = sums[1] - sumsAtStart[1];
        double pressure = n > 0 ? (sums[0] - sumsAtStart[0]) / n : e.lastPressure;
        double force = mean(forceAtStart, e.lastForce);
        double temperature = mean(temperatureAtStart, e.lastTemperature);
        if (Double.isNaN(temperature)) {
            temperature = o.spectrum().metadata().temperatureK();
        }
        Spectrum s = o.spectrum().withMetadata(o.spectrum().metadata().withStackPressurePa(pressure).withTemperatureK(temperature));
        Map<String, Object> p = new HashMap<>();
        p.put("spectrum", s);
        if (o.fit() != null) {
            p.put("fit", o.fit());
        }
        if (o.kk() != null) {
            p.put("kk", o.kk());
        }
        p.put("pressurePa", pressure);
        p.put("forceN", force);
        p.put("temperatureK", temperature);
        p.put("analyzer", safeIdentity());
        p.put("analyzerId", analyzerId);
        p.put("step", c.stepNumber());
        p.put("durationS", (e.time.nanoTime() - startNanos) / 1e9);
        c.runProperties(p);
        if (extra != null) {
            p.putAll(extra);
        }
        String fitText = o.fit() == null ? "" : String.format(Locale.ROOT, ", fit %s%s", o.fit().circuit(),
                o.fit().converged() ? "" : " (not converged)");
        e.event(StationEventType.SPECTRUM_MEASURED, String.format(Locale.ROOT, "step %d: spectrum of %d points at %.3f MPa on '%s'%s",
                c.stepNumber(), s.size(), pressure / 1e6, analyzerId, fitText), p);
        return new Outcome(s, o.fit(), o.kk(), p);
    }

    private String safeIdentity() {
        try {
            return analyzer.info().identity();
        } catch (RuntimeException ex) {
            return analyzerId;
        }
    }

    private static double mean(double a, double b) {
        if (Double.isFinite(a) && Double.isFinite(b)) {
            return (a + b) / 2;
        }
        return Double.isFinite(b) ? b : a;
    }

    /** A measurement that failed; the message says why. */
    static final class Failed extends Exception {
        private static final long serialVersionUID = 1L;

        Failed(String message) {
            super(message, null, false, false);
        }
    }
}
