package org.presslab.runs.api;

/** How a run ended, or that it has not. */
public enum RunOutcome {
    /** Still recording. */
    RUNNING,
    /** Its recipe completed, or it was stopped by hand. */
    COMPLETED,
    /** Its recipe was aborted (by a person or a command). */
    ABORTED,
    /** Its recipe failed because of a trip, an emergency stop or the loss of its driver. */
    TRIPPED,
    /**
     * Presslab stopped while it was running (a crash, a power cut, {@code kill -9}); found at the next start
     * and closed at its last recorded sample.
     */
    INTERRUPTED;

    /** True for every outcome but {@link #RUNNING}. */
    public boolean isFinished() {
        return this != RUNNING;
    }
}
