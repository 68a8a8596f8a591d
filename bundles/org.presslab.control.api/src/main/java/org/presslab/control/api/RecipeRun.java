package org.presslab.control.api;

import java.time.Instant;

import org.osgi.annotation.versioning.ProviderType;

/** A recipe running (or run) on a station. Thread-safe. */
@ProviderType
public interface RecipeRun {

    /** How a pause takes effect. */
    enum PauseMode {
        /** Finish the present step, then pause. */
        AT_STEP_BOUNDARY,
        /** Pause now, holding the present setpoint; the step's clock stops. */
        IMMEDIATE
    }

    /** The state of a run. */
    enum State {
        RUNNING,
        /** A pause at the step boundary is pending. */
        PAUSING,
        PAUSED,
        /** A step condition does not hold; the run waits for it. */
        WAITING,
        COMPLETED,
        ABORTED,
        /** Stopped by a trip or by the loss of the driver. */
        FAILED;

        public boolean isFinished() {
            return this == COMPLETED || this == ABORTED || this == FAILED;
        }
    }

    String id();

    String stationId();

    Recipe recipe();

    State state();

    Instant startedAt();

    /** 0-based index of the present step; {@code recipe().steps().size()} once completed. */
    int stepIndex();

    /** Seconds spent in the present step (the clock stops while paused). */
    double stepElapsedS();

    /** Estimated seconds until the recipe completes. */
    double remainingS();

    /** Why the run is waiting, paused, aborted or failed; empty otherwise. */
    String message();

    void pause(PauseMode mode) throws CommandRefusedException;

    void resume() throws CommandRefusedException;

    /** Aborts the run; the station holds its present pressure. */
    void abort(String reason);
}
