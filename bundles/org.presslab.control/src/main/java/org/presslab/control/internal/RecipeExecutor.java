package org.presslab.control.internal;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.presslab.control.api.Actor;
import org.presslab.control.api.CommandRefusedException;
import org.presslab.control.api.EisSettings;
import org.presslab.control.api.Recipe;
import org.presslab.control.api.RecipeRun;
import org.presslab.control.api.RecipeStep;
import org.presslab.control.api.StationEventType;
import org.presslab.control.api.StationState;
import org.presslab.control.api.StepCondition;
import org.presslab.control.api.Trip;
import org.presslab.time.TimeSource;

/**
 * Runs a recipe on a station as a state machine ticked by the station's loop (10 Hz) while it holds
 * the station's owner lock; no thread ever sleeps and the executor has no lock of its own. Every
 * pressure command goes through the station's checks. The {@link RecipeRun} calls from front ends
 * (pause, resume, abort) take the owner lock through the station with a bounded wait; readers see
 * volatile fields.
 */
final class RecipeExecutor implements RecipeRun {

    private final StationEngine e;
    private final Recipe recipe;
    private final String id = UUID.randomUUID().toString();
    private final Instant startedAt;
    private final double plannedS;

    private volatile State state = State.RUNNING;
    private volatile int index;
    private boolean stepStarted;
    private volatile double stepElapsed;
    private long lastTick;
    private volatile String message = "";
    private long conditionGoodSince = Long.MIN_VALUE;
    private String waitingFor;
    private boolean waitingForDriver;
    /** What the step kinds keep between ticks (acknowledgement, settling, hold statistics). */
    private final StepContext steps;
    /** Who started the run. */
    private final Actor actor;

    RecipeExecutor(StationEngine engine, Recipe recipe, double plannedS, Actor actor) {
        this.e = engine;
        this.actor = actor;
        this.recipe = recipe;
        this.plannedS = plannedS;
        this.startedAt = engine.time.now();
        this.steps = new StepContext(engine, this);
    }

    /** Called by the station as its owner. */
    void begin() {
        lastTick = e.time.nanoTime();
        e.setRecipeLimit(recipe.maxPressurePa() > 0 ? recipe.maxPressurePa() : Double.NaN, recipe.name());
        e.event(StationEventType.RECIPE_STARTED, String.format(Locale.ROOT, "recipe '%s' v%d started: %d steps, about %.0f s",
                recipe.name(), recipe.version(), recipe.steps().size(), plannedS), Map.of("recipe", recipe.name(), "run", id, "runId", id,
                        "actor", actor.name(), "source", actor.source().name()));
    }

    /** The station's loop, as owner. */
    void tick(long now) {
        double dt = (now - lastTick) / 1e9;
        lastTick = now;
        if (state.isFinished() || state == State.PAUSED) {
            return;
        }
        Trip t = e.latch.get();
        if (t != null) {
            fail("station tripped: " + t.interlock() + ": " + t.message());
            return;
        }
        DriverBinding b = e.binding();
        if (b == null) {
            if (!waitingForDriver) {
                waitingForDriver = true;
                setWaiting("driver lost: waiting for it to return (step clock stopped)");
            }
            return;
        }
        if (waitingForDriver) {
            // The station resumes its hold by itself (rebindPolicy RESUME); re-issue the step so a ramp goes on.
            if (e.binding() == null || Double.isNaN(e.lastPressure)) {
                return;
            }
            waitingForDriver = false;
            state = State.RUNNING;
            message = "";
            e.event(StationEventType.RECIPE_RESUMED, "driver back: recipe '" + recipe.name() + "' resumes step " + (index + 1),
                    Map.of("step", index + 1));
            if (stepStarted && !issue(step())) {
                return;
            }
        }
        RecipeStep step = step();
        if (!stepStarted) {
            stepStarted = true;
            stepElapsed = 0;
            steps.start();
            e.event(StationEventType.STEP_STARTED, "step " + (index + 1) + "/" + recipe.steps().size() + ": " + step.describe(),
                    Map.of("step", index + 1, "type", StepKinds.of(step).name()));
            if (!issue(step)) {
                return;
            }
        }
        String failed = failedCondition(step, b);
        if (failed != null) {
            conditionGoodSince = Long.MIN_VALUE;
            if (state != State.WAITING || waitingFor == null) {
                waitingFor = failed;
                // A ramp stops where it is; a hold or dwell keeps its target (the loop keeps restoring it), only its clock stops.
                StepKinds.of(step).conditionsFailed(steps, step);
                setWaiting("step " + (index + 1) + " waits: " + failed);
            }
            return;
        }
        if (state == State.WAITING) {
            if (conditionGoodSince == Long.MIN_VALUE) {
                conditionGoodSince = now;
            }
            double need = maxHoldGood(step);
            if ((now - conditionGoodSince) / 1e9 < need) {
                return;
            }
            state = State.RUNNING;
            message = "";
            waitingFor = null;
            e.event(StationEventType.RECIPE_RESUMED, "step " + (index + 1) + " conditions good again: continuing",
                    Map.of("step", index + 1));
            if (!issue(step)) {
                return;
            }
        }
        stepElapsed += dt;
        StepKind<RecipeStep> kind = StepKinds.of(step);
        if (!steps.endPhase) {
            kind.ticked(steps, step, dt);
        }
        if (steps.endPhase || kind.done(steps, step)) {
            EisSettings end = step.measureAtEnd();
            if (end != null) {
                // the step's own work is done; measure before the next step (the station holds meanwhile)
                steps.endPhase = true;
                if (steps.endJob == null) {
                    steps.endJob = EisJob.start(steps, end, "step " + (index + 1) + " end");
                }
                if (steps.pollEis(steps.endJob, kind.name() + ", measurement at its end", Map.of("at", "end")) == null) {
                    return;
                }
            }
            finishStep();
        }
    }

    private RecipeStep step() {
        return recipe.steps().get(index);
    }

    /** Sends the step's command to the station; false when it was refused (the run then fails). */
    private boolean issue(RecipeStep step) {
        StepKind<RecipeStep> kind = StepKinds.of(step);
        try {
            return kind.issue(steps, step);
        } catch (CommandRefusedException | RuntimeException ex) {
            fail("step " + (index + 1) + " (" + kind.name() + ") refused: " + ex.getMessage());
            return false;
        }
    }

    private void finishStep() {
        RecipeStep step = step();
        StepKinds.of(step).finished(steps, step);
        index++;
        stepStarted = false;
        stepElapsed = 0;
        if (index >= recipe.steps().size()) {
            state = State.COMPLETED;
            message = "completed";
            end();
            e.event(StationEventType.RECIPE_COMPLETED, "recipe '" + recipe.name() + "' completed; the station keeps holding "
                    + String.format(Locale.ROOT, "%.3f MPa", e.setpoint.setpoint() / 1e6), Map.of("recipe", recipe.name()));
        } else if (state == State.PAUSING) {
            state = State.PAUSED;
            message = "paused before step " + (index + 1);
            e.event(StationEventType.RECIPE_PAUSED, message, Map.of("step", index + 1));
        }
    }

    private String failedCondition(RecipeStep step, DriverBinding b) {
        for (StepCondition c : step.conditions()) {
            double v = c.kind() == StepCondition.Kind.PRESSURE_IN_BAND ? e.lastPressure : e.lastTemperature;
            boolean ok = !Double.isNaN(v) && (Double.isNaN(c.low()) || v >= c.low()) && (Double.isNaN(c.high()) || v <= c.high());
            if (!ok) {
                boolean pressure = c.kind() == StepCondition.Kind.PRESSURE_IN_BAND;
                return String.format(Locale.ROOT, "%s %s outside [%s, %s]", pressure ? "pressure" : "temperature",
                        edge(v, pressure), Double.isNaN(c.low()) ? "-" : edge(c.low(), pressure),
                        Double.isNaN(c.high()) ? "-" : edge(c.high(), pressure));
            }
        }
        return null;
    }

    private static String edge(double v, boolean pressure) {
        return pressure ? String.format(Locale.ROOT, "%.3f MPa", v / 1e6) : String.format(Locale.ROOT, "%.1f °C", v - 273.15);
    }

    private static double maxHoldGood(RecipeStep step) {
        double m = 0;
        for (StepCondition c : step.conditions()) {
            m = Math.max(m, c.holdGoodS());
        }
        return m;
    }

    private void setWaiting(String why) {
        state = State.WAITING;
        message = why;
        e.event(StationEventType.RECIPE_WAITING, why, Map.of("step", index + 1));
    }

    /** Owner. */
    boolean acknowledge() {
        if (state.isFinished() || index >= recipe.steps().size() || !StepKinds.of(step()).acknowledgeable()
                || !stepStarted) {
            return false;
        }
        steps.acknowledged = true;
        e.event(StationEventType.OPERATOR_ACKNOWLEDGED, "operator acknowledged step " + (index + 1), Map.of("step", index + 1));
        return true;
    }

    /** Owner. */
    void fail(String why) {
        abortInternal(why, State.FAILED);
    }

    /** Owner: the present step ends the run (an operator step timed out); the station holds the present pressure. */
    void abortFromStep(String why) {
        abortInternal(why, State.ABORTED);
    }

    private void abortInternal(String why, State end) {
        if (state.isFinished()) {
            return;
        }
        state = end;
        message = why;
        steps.abortEis("recipe " + end.name().toLowerCase(Locale.ROOT) + ": " + why);
        if (index < recipe.steps().size()) {
            StepKinds.of(step()).abandoned(steps, step());
        }
        if (end == State.ABORTED) {
            e.holdPresent();
        }
        e.recipeEndedEarly();
        end();
        e.event(end == State.ABORTED ? StationEventType.RECIPE_ABORTED : StationEventType.RECIPE_FAILED,
                "recipe '" + recipe.name() + "' " + end.name().toLowerCase(Locale.ROOT) + " in step " + (index + 1) + ": " + why,
                Map.of("recipe", recipe.name(), "step", index + 1));
    }

    private void end() {
        e.setRecipeLimit(Double.NaN, "");
    }

    // ------------------------------------------------------------------ RecipeRun

    @Override
    public String id() {
        return id;
    }

    @Override
    public String stationId() {
        return e.cfg.id();
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
        return startedAt;
    }

    @Override
    public int stepIndex() {
        return index;
    }

    @Override
    public double stepElapsedS() {
        return stepElapsed;
    }

    @Override
    public double remainingS() {
        if (state.isFinished()) {
            return 0;
        }
        double p = e.lastPressure;
        double total = 0;
        for (int i = index; i < recipe.steps().size(); i++) {
            RecipeStep s = recipe.steps().get(i);
            double elapsed = i == index ? stepElapsed : 0;
            StepKind<RecipeStep> kind = StepKinds.of(s);
            total += kind.remainingS(s, p, elapsed) + EisJob.estimateS(s.measureAtEnd());
            p = kind.pressureAfter(s, p);
        }
        return total;
    }

    @Override
    public String message() {
        return message;
    }

    /** Largest deviation of a 1-s mean from the target in the present or last hold step, Pa. */
    double holdMaxMeanDeviationPa() {
        return steps.maxMeanDeviationPa;
    }

    @Override
    public void pause(PauseMode mode) throws CommandRefusedException {
        e.asOwner("pause of recipe '" + recipe.name() + "'", () -> {
            pauseAsOwner(mode);
            return null;
        });
    }

    private void pauseAsOwner(PauseMode mode) throws CommandRefusedException {
        if (state.isFinished()) {
            throw new CommandRefusedException("recipe '" + recipe.name() + "' is " + state + "; nothing to pause");
        }
        if (state == State.PAUSED) {
            return;
        }
        if (mode == PauseMode.IMMEDIATE) {
            state = State.PAUSED;
            message = "paused in step " + (index + 1) + " (" + step().describe() + "), holding the present setpoint";
            e.holdPresent();
        } else {
            state = State.PAUSING;
            message = "pausing after step " + (index + 1);
        }
        e.event(StationEventType.RECIPE_PAUSED, message, Map.of("step", index + 1, "mode", mode.name()));
    }

    @Override
    public void resume() throws CommandRefusedException {
        e.asOwner("resume of recipe '" + recipe.name() + "'", () -> {
            resumeAsOwner();
            return null;
        });
    }

    private void resumeAsOwner() throws CommandRefusedException {
        if (state == State.PAUSING) {
            state = State.RUNNING;
            message = "";
            e.event(StationEventType.RECIPE_RESUMED, "pending pause cancelled", Map.of("step", index + 1));
            return;
        }
        if (state != State.PAUSED) {
            throw new CommandRefusedException("recipe '" + recipe.name() + "' is " + state + ", not paused");
        }
        Trip t = e.latch.get();
        if (t != null) {
            throw new CommandRefusedException("recipe '" + recipe.name() + "' cannot resume: station tripped (" + t.message() + ")");
        }
        state = State.RUNNING;
        message = "";
        lastTick = e.time.nanoTime();
        e.event(StationEventType.RECIPE_RESUMED, "recipe '" + recipe.name() + "' resumed at step " + (index + 1),
                Map.of("step", index + 1));
        if (stepStarted && !issue(step())) {
            return;
        }
    }

    @Override
    public void abort(String reason) {
        String why = reason == null || reason.isBlank() ? "aborted" : "aborted: " + reason;
        try {
            e.asOwner("abort of recipe '" + recipe.name() + "'", () -> {
                abortInternal(why, State.ABORTED);
                return null;
            });
        } catch (CommandRefusedException busy) {
            // The station's loop is blocked: an abort must not be lost. Emergency stop is the way out now.
            throw new IllegalStateException(busy.getMessage(), busy);
        }
    }
}
