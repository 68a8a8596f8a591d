package org.presslab.control.api;

/** Kinds of {@link StationEvent}. */
public enum StationEventType {
    STATE_CHANGED,
    INTERLOCK_TRIPPED,
    INTERLOCK_RESET,
    DRIVER_BOUND,
    DRIVER_LOST,
    GAP_STARTED,
    GAP_ENDED,
    COMMAND_REFUSED,
    RECIPE_STARTED,
    STEP_STARTED,
    RECIPE_PAUSED,
    RECIPE_RESUMED,
    RECIPE_COMPLETED,
    RECIPE_ABORTED,
    OPERATOR_PROMPT
}
