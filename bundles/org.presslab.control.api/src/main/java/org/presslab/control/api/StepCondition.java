package org.presslab.control.api;

/**
 * A condition that pauses a step while it does not hold, and lets it go on once it has held
 * for {@code holdGoodS}.
 *
 * @param kind what is checked
 * @param low lower bound (Pa or K), NaN for none
 * @param high upper bound (Pa or K), NaN for none
 * @param holdGoodS how long the condition must hold again before the step resumes
 */
public record StepCondition(Kind kind, double low, double high, double holdGoodS) {

    /** What a condition checks. */
    public enum Kind {
        /** The measured pressure is within [low, high]. */
        PRESSURE_IN_BAND,
        /** The measured temperature is within [low, high]. */
        TEMPERATURE_IN_BAND
    }
}
