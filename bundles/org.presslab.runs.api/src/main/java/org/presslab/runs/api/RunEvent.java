package org.presslab.runs.api;

import java.time.Instant;
import java.util.Map;

/**
 * A station event recorded in a run, or one of the store's own (type {@code STORE_ALARM},
 * {@code STORE_RECOVERED}, {@code RUN_NOTE}...).
 *
 * @param time UTC wall-clock time
 * @param monotonicNanos monotonic time of the recording process when it was received
 * @param type the {@code StationEventType} name, or the store's own type
 * @param message in words
 * @param properties the event's properties as they were (JSON types: strings, numbers, booleans, lists, maps)
 */
public record RunEvent(Instant time, long monotonicNanos, String type, String message, Map<String, Object> properties) {

    public RunEvent {
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }
}
