package org.presslab.control.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard: register a service of this type to receive every sample and event of the
 * stations selected by the optional service property {@link #PROP_STATION} (all when absent).
 * Calls come from a dispatcher thread per listener, never from a control loop. A listener that
 * falls behind loses its oldest samples (never events), and the loss is counted.
 */
@ConsumerType
public interface StationListener {

    /** Optional service property: only this station id (String). */
    String PROP_STATION = "presslab.station.id";

    default void onSample(StationSample sample) {
    }

    default void onEvent(StationEvent event) {
    }
}
