package org.presslab.control.shell.internal;

import java.time.Instant;
import java.util.List;

import org.presslab.control.api.Recipe;
import org.presslab.control.api.RecipeRun;
import org.presslab.control.api.RecipeStep;

/** A run whose progress is scripted: every call of {@link #advance()} moves it one poll on. */
final class FakeRun implements RecipeRun {

    private final Recipe recipe = new Recipe("assb-test", 1, "test", 80e6, List.of(
            new RecipeStep.Ramp(74e6, 2e6, 0.5e6, List.of()), new RecipeStep.Dwell(60, List.of()),
            new RecipeStep.Hold(15e6, 0.2e6, 120, List.of())));
    volatile int step;
    volatile State state = State.RUNNING;
    volatile double elapsed;
    volatile String message = "";

    /** One poll later: 10 s pass; a step ends every 3 polls; the run completes after the last step. */
    void advance() {
        elapsed += 10;
        if (elapsed >= 30) {
            elapsed = 0;
            step++;
            if (step >= recipe.steps().size()) {
                state = State.COMPLETED;
                message = "completed";
            }
        }
    }

    @Override
    public String id() {
        return "run-1";
    }

    @Override
    public String stationId() {
        return "s1";
    }

    @Override
    public Recipe recipe() {
        return recipe;
    }

    @Override
    public State state() {
        return state;
    }

    @Override
    public Instant startedAt() {
        return Instant.EPOCH;
    }

    @Override
    public int stepIndex() {
        return step;
    }

    @Override
    public double stepElapsedS() {
        return elapsed;
    }

    @Override
    public double remainingS() {
        return (recipe.steps().size() - step) * 30 - elapsed;
    }

    @Override
    public String message() {
        return message;
    }

    @Override
    public void pause(PauseMode mode) {
        state = State.PAUSED;
    }

    @Override
    public void resume() {
        state = State.RUNNING;
    }

    @Override
    public void abort(String reason) {
        state = State.ABORTED;
        message = reason;
    }
}
