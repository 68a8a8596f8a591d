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
    /** A recipe step finished (properties: step; for a hold, maxMeanDeviationPa). */
    STEP_COMPLETED,
    RECIPE_PAUSED,
    RECIPE_RESUMED,
    RECIPE_COMPLETED,
    RECIPE_ABORTED,
    OPERATOR_PROMPT,
    /** A recipe run stopped because of a trip or the loss of its driver. */
    RECIPE_FAILED,
    /** A step condition failed: the run waits (properties: step, condition). */
    RECIPE_WAITING,
    /** A hold left its tolerance band (properties: deviationPa, tolerancePa). */
    TOLERANCE_EXCURSION,
    /** The operator acknowledged a manual step. */
    OPERATOR_ACKNOWLEDGED,
    /** A listener or EventAdmin fell behind and samples were dropped for it (properties: dropped). */
    SAMPLES_DROPPED,
    /**
     * The control loop was late while controlling: the supervisor put the actuator in HOLD itself (not
     * latched; property action = HOLD, lateS), or the loop came back and resumed control (action = RESUMED,
     * heldS). A loop away for longer than the station's loopStallTripS trips CONTROL_LOOP_STALLED instead.
     */
    LOOP_LATE,
    /**
     * The device did not confirm a safe action within the bound (a blocked or dead driver): the next
     * action was tried (properties: action, next, waitedS), or, with none left, no further command is
     * sent and the device's own watchdog must act (next = NONE).
     */
    SAFE_STATE_ESCALATED,
    /** The station's configuration changed (properties: key.old / key.new per changed key, applied = true/false). */
    CONFIGURATION_CHANGED,
    /**
     * A device with another identity (vendor, model, serial) than the one the station runs on matched its
     * filter: the station does not resume on it and waits for an operator (properties: expected, found).
     */
    DEVICE_CHANGED,
    /**
     * A command from a person or a component, accepted or refused (properties: actor, source, command = RAMP, HOLD,
     * RELEASE, EMERGENCY_STOP, RESET, RECIPE_START, RECIPE_PAUSE, RECIPE_RESUME, RECIPE_ABORT or OPERATOR_ACK; its
     * arguments targetPa, ratePaPerS, recipe, reason when present; outcome = ACCEPTED or REFUSED; refusal = the message
     * when refused).
     *
     * @since 1.2
     */
    COMMAND,
    /**
     * An impedance spectrum was measured during a recipe (properties: spectrum (the impedance API's
     * {@code Spectrum}, its metadata's stackPressurePa and temperatureK filled from the station), fit
     * ({@code FitResult}, when fitted), kk ({@code KkResult}, when checked), pressurePa, forceN and temperatureK at
     * measurement time (means over the measurement where the station has them), analyzer (vendor|model|serial),
     * analyzerId, step, run, recipe, durationS, at = step, end, periodic or sweep (with sweepIndex, targetPa)).
     *
     * @since 1.2
     */
    SPECTRUM_MEASURED,
    /**
     * A pressure sweep step finished (properties: step, pressuresPa and interfacialOhm (double[], in the order
     * measured), exponent (the least-squares slope of ln R_int against ln P), interfaceParameter, referenceOhm,
     * operatingPa (the chosen pressure, when asked), run, recipe).
     *
     * @since 1.2
     */
    SWEEP_COMPLETED
}
