package org.presslab.runs.api;

import java.time.Instant;

/**
 * One station sample as stored, SI units.
 *
 * @param time UTC wall-clock time
 * @param monotonicNanos the station's monotonic time (comparable only within one Presslab process)
 * @param pressurePa measured pressure (NaN in a gap)
 * @param forceN measured force
 * @param setpointPa setpoint
 * @param output actuator output
 * @param temperatureK measured temperature
 * @param state the station state's name
 * @param quality the reading's quality name
 * @param gap true when the station had no fresh reading
 */
public record RecordedSample(Instant time, long monotonicNanos, double pressurePa, double forceN, double setpointPa,
        double output, double temperatureK, String state, String quality, boolean gap) {
}
