package org.presslab.analyzer.api;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import org.osgi.annotation.versioning.ConsumerType;
import org.presslab.impedance.api.Spectrum;

/**
 * A measurement in progress or finished: a handle that never blocks.
 */
@ConsumerType
public interface Measurement {

    /** Key in {@link org.presslab.impedance.api.SpectrumMetadata#extra()}: indices (comma separated) of requested points left out. */
    String DROPPED_POINTS = "droppedPoints";
    /** Key in the metadata's extra: the excitation amplitude, V. */
    String AMPLITUDE_V = "amplitudeV";
    /** Key in the metadata's extra: the analyzer id. */
    String ANALYZER_ID = "analyzerId";
    /** Key in the metadata's extra: when the last point was measured (ISO-8601). */
    String ENDED_AT = "endedAt";

    /** What was asked. */
    MeasurementRequest request();

    /** When it started, on the platform's wall clock. */
    Instant startedAt();

    /** How long the whole measurement should take, s (the instrument's estimate). */
    double expectedDurationS();

    /** 0 at the start, 1 when the last point is measured; never decreases. */
    double progress();

    /**
     * The spectrum: completes normally with it, or exceptionally with an {@link AnalyzerException} (instrument
     * failure, too few valid points) or a {@link java.util.concurrent.CancellationException} (aborted).
     */
    CompletableFuture<Spectrum> result();

    /** Ends the measurement at once; the result completes exceptionally naming the reason. Idempotent; never blocks. */
    void abort(String reason);

    /** True once the result is complete, normally or not. */
    default boolean isDone() {
        return result().isDone();
    }
}
