package org.presslab.control.api;

import java.time.Instant;

import org.presslab.press.api.SafeAction;

/**
 * A latched interlock trip.
 *
 * @param interlock which interlock
 * @param message what happened, with the value and the limit ("pressure 81.2 MPa above limit 80.0 MPa (fixture rating)")
 * @param action the safe action taken
 * @param time when it tripped
 */
public record Trip(InterlockKind interlock, String message, SafeAction action, Instant time) {
}
