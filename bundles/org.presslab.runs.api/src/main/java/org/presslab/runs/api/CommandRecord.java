package org.presslab.runs.api;

import java.time.Instant;

/**
 * A command given to a station, accepted or refused, with who gave it. Unknown numbers are NaN, unknown
 * strings empty.
 *
 * @param time UTC wall-clock time
 * @param monotonicNanos monotonic time of the recording process when it was received
 * @param actor the actor's name (user name, recipe, "system")
 * @param source where it came from (SHELL, WEB, REST, RECIPE, OPERATOR, SYSTEM)
 * @param command RAMP, HOLD, RELEASE, EMERGENCY_STOP, RESET, RECIPE_START, RECIPE_PAUSE, RECIPE_RESUME,
 *        RECIPE_ABORT or OPERATOR_ACK
 * @param targetPa target pressure, if the command has one
 * @param ratePaPerS rate, if the command has one
 * @param recipe the recipe's name, for RECIPE_START
 * @param reason the reason given (e-stop, abort)
 * @param accepted true when the station accepted it
 * @param refusal the station's message when it refused it
 */
public record CommandRecord(Instant time, long monotonicNanos, String actor, String source, String command,
        double targetPa, double ratePaPerS, String recipe, String reason, boolean accepted, String refusal) {
}
