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

    /** The step's impedance measurement in flight (a measure step, a periodic one in a hold, a sweep point); null when none. */
    EisJob job;
    /** A hold's next periodic measurement, step clock, s; NaN before the first tick. */
    double nextMeasureAtS = Double.NaN;
    /** The step's own work is done and its end-of-step measurement runs. */
    boolean endPhase;
    /** The end-of-step measurement. */
    EisJob endJob;
    /** A pressure sweep's progress. */
    PressureSweepStepKind.Sweep sweep;

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
        abortEis("next step");
        job = null;
        endJob = null;
        endPhase = false;
        nextMeasureAtS = Double.NaN;
        sweep = null;
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

    /** Aborts the step's measurements in flight (the run ended, the step moved on). */
    void abortEis(String why) {
        if (job != null) {
            job.abort(why);
        }
        if (endJob != null) {
            endJob.abort(why);
        }
    }

    /** The run's id and recipe name, for event properties. */
    void runProperties(java.util.Map<String, Object> p) {
        p.put("run", run.id());
        p.put("recipe", run.recipe().name());
    }

    /**
     * Polls the step's measurement {@code j} (owner). Returns the outcome when it is in (event published),
     * null while it runs; when it failed the station holds where it is, the run fails naming the step and why,
     * and null is returned.
     */
    EisJob.Outcome pollEis(EisJob j, String stepName, java.util.Map<String, Object> extra) {
        try {
            return j.poll(this, extra);
        } catch (EisJob.Failed f) {
            station.holdPresent();
            fail("step " + stepNumber() + " (" + stepName + "): " + f.getMessage() + "; the station holds");
            return null;
        }
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
