package org.presslab.control.api;

import java.time.Instant;

import org.presslab.press.api.Quality;

/**
 * One control-loop sample of a station, SI units.
 *
 * @param stationId the station
 * @param timeNanos monotonic time of the sample
 * @param time wall-clock time of the sample
 * @param pressurePa measured pressure on the cell (NaN in a gap)
 * @param forceN measured force
 * @param setpointPa the setpoint in force
 * @param output the actuator output sent
 * @param temperatureK measured temperature
 * @param state the station state
 * @param quality the reading's quality
 * @param gap true while no driver or no fresh reading is available: the record has a hole here
 */
public record StationSample(String stationId, long timeNanos, Instant time, double pressurePa, double forceN,
        double setpointPa, double output, double temperatureK, StationState state, Quality quality, boolean gap) {
}
