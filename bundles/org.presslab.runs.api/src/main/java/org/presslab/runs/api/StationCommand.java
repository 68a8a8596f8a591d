package org.presslab.runs.api;

import java.util.Objects;

/**
 * A recorded command with the station it was given to and the run it fell in: one line of the audit trail.
 *
 * @param stationId the station
 * @param runId the run open on the station at the time, or empty when none was
 * @param command the command, who gave it, from where, when, and whether the station accepted it
 * @since 1.2
 */
public record StationCommand(String stationId, String runId, CommandRecord command) {

    public StationCommand {
        Objects.requireNonNull(stationId, "stationId");
        Objects.requireNonNull(command, "command");
        runId = Objects.requireNonNullElse(runId, "");
    }
}
