package org.presslab.analyzer.api;

import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One potentiostat or impedance analyzer (or one channel of one), as seen by control. See the
 * package documentation for the threading, time and result contract.
 */
@ConsumerType
public interface Analyzer {

    /** Service property: stable analyzer id, unique in the installation (String). */
    String PROP_ID = "presslab.analyzer.id";

    /** The stable id, the same as the {@link #PROP_ID} service property. */
    String id();

    /** Identity and ranges. Constant while the instrument stays connected. */
    AnalyzerInfo info();

    /** Connection state and faults, as a value. Never blocks. */
    AnalyzerHealth health();

    /**
     * Starts measuring a spectrum. Returns at once; the measurement runs on the driver's own thread.
     *
     * @throws IllegalArgumentException when the request is outside {@link #info()}'s ranges (the message names
     *         the field, the value and the range)
     * @throws IllegalStateException when a measurement is already running or the instrument is not connected
     *         (the message says which)
     */
    Measurement measure(MeasurementRequest request);

    /** The measurement in progress, if any. */
    Optional<Measurement> current();

    /** Aborts the measurement in progress, if any (its result completes exceptionally). Never blocks. */
    default void abort(String reason) {
        current().ifPresent(m -> m.abort(reason));
    }
}
