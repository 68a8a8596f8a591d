package org.presslab.control.api;

/** What a station does when its driver comes back after it was lost. */
public enum RebindPolicy {
    /** Resume the hold (or the recipe step) that was interrupted, ramping from the present pressure at the default rate. */
    RESUME,
    /** Stay in the safe state until an operator resets the station. */
    WAIT_FOR_OPERATOR
}
