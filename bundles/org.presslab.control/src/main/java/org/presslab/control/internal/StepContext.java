package org.presslab.control.internal;

/**
 * What a {@link StepKind} sees of a running recipe: the station, the present step's number and clock,
 * and the state a step keeps between ticks. Used by the station's owner only (the loop's thread or a
 * front end holding the owner lock), like the {@link RecipeExecutor} that owns it.
 */
final class StepContext {

    /** The station; steps call its package-private commands (recipeCommand, holdPresent, ...). */
    final StationEngine station;
    private final RecipeExecutor run;

    // Per step, reset by start().
    /** The operator acknowledged the present step. */
    boolean acknowledged;
    /** Step clock when the pressure last came within an operator step's tolerance; NaN when outside. */
    double settleSince = Double.NaN;
    /** Hold statistics: pressure sums at the start of the present second; null until the first tick. */
    double[] secondMark;
    double secondElapsed;

    // Per run.
    /** Largest deviation of a 1-s mean from a hold's target, Pa. */
    double maxMeanDeviationPa;
    boolean inExcursion;

    StepContext(StationEngine station, RecipeExecutor run) {
        this.station = station;
        this.run = run;
    }

    /** A new step starts. */
    void start() {
        settleSince = Double.NaN;
        acknowledged = false;
        secondMark = null;
    }

    /** The present step's number, 1-based. */
    int stepNumber() {
        return run.stepIndex() + 1;
    }

    /** Seconds the present step has run (its clock stops while the run waits or pauses). */
    double elapsedS() {
        return run.stepElapsedS();
    }

    /** Ends the run as failed. */
    void fail(String why) {
        run.fail(why);
    }

    /** Ends the run as aborted; the station holds the present pressure. */
    void abort(String why) {
        run.abortFromStep(why);
    }
}
