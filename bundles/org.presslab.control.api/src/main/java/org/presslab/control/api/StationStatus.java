package org.presslab.control.api;

import java.time.Instant;

import org.presslab.press.api.ConnectionState;
import org.presslab.press.api.Quality;

/**
 * A snapshot of a station, SI units; unknown values are NaN.
 *
 * @param stationId the station
 * @param time when the snapshot was taken
 * @param state what the station does
 * @param driverId the bound driver, or null
 * @param connection the driver's connection state, or null without a driver
 * @param pressurePa measured pressure on the cell
 * @param forceN measured force
 * @param setpointPa the present (ramped) setpoint
 * @param targetPa where the ramp is going
 * @param output the last actuator output, in {@code outputUnit}
 * @param temperatureK measured temperature
 * @param quality quality of the last reading
 * @param trip the latched trip, or null
 * @param message one line for people: what the station is doing or why it stopped
 * @param loopRateHz achieved loop rate over the last second
 * @param outputUnit the unit of {@code output}: "1" (a raw output fraction, 0..1), "N" (a force setpoint) or
 *        "Pa" (a pressure setpoint); empty without an actuator
 */
public record StationStatus(String stationId, Instant time, StationState state, String driverId,
        ConnectionState connection, double pressurePa, double forceN, double setpointPa, double targetPa, double output,
        double temperatureK, Quality quality, Trip trip, String message, double loopRateHz, String outputUnit) {
}
