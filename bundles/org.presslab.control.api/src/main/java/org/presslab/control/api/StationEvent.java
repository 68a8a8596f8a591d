package org.presslab.control.api;

import java.time.Instant;
import java.util.Map;

/**
 * A state change of a station, for people and for the record.
 *
 * @param stationId the station
 * @param time when it happened
 * @param type what happened
 * @param message in words
 * @param properties extra details (step index, interlock, values)
 */
public record StationEvent(String stationId, Instant time, StationEventType type, String message,
        Map<String, Object> properties) {

    public StationEvent {
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }
}
