package org.presslab.control.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.presslab.control.api.Actor;
import org.presslab.control.api.CommandRefusedException;
import org.presslab.control.api.Recipe;
import org.presslab.control.api.RecipeRun;
import org.presslab.control.api.StationCommands;
import org.presslab.control.api.StationEventType;

/**
 * A station's commands on behalf of one actor: each command goes to the engine unchanged (same checks, same limits)
 * and is then published as a COMMAND event with the actor, its arguments and the outcome. Holds no state but the
 * actor; cheap to create per request.
 */
final class ActorCommands implements StationCommands {

    private final StationEngine engine;
    private final Actor actor;

    ActorCommands(StationEngine engine, Actor actor) {
        this.engine = engine;
        this.actor = Objects.requireNonNull(actor, "actor");
    }

    @Override
    public Actor actor() {
        return actor;
    }

    @Override
    public void ramp(double targetPa, double ratePaPerS) throws CommandRefusedException {
        run("RAMP", args("targetPa", targetPa, "ratePaPerS", ratePaPerS), () -> engine.ramp(targetPa, ratePaPerS));
    }

    @Override
    public void hold(double targetPa) throws CommandRefusedException {
        run("HOLD", args("targetPa", targetPa), () -> engine.hold(targetPa));
    }

    @Override
    public void release(double targetPa, double ratePaPerS) throws CommandRefusedException {
        run("RELEASE", args("targetPa", targetPa, "ratePaPerS", ratePaPerS), () -> engine.release(targetPa, ratePaPerS));
    }

    @Override
    public void emergencyStop(String reason) {
        // The stop comes first; the record of who pressed it follows.
        engine.emergencyStop(reason == null || reason.isBlank() ? "by " + actor : reason + " (by " + actor + ")");
        publish("EMERGENCY_STOP", args("reason", reason == null ? "" : reason), null);
    }

    @Override
    public void reset() throws CommandRefusedException {
        run("RESET", args(), engine::reset);
    }

    @Override
    public RecipeRun start(Recipe recipe) throws CommandRefusedException {
        Objects.requireNonNull(recipe, "recipe");
        RecipeRun[] started = new RecipeRun[1];
        run("RECIPE_START", args("recipe", recipe.name()), () -> started[0] = engine.start(recipe, actor));
        return started[0];
    }

    @Override
    public void acknowledgeOperator() throws CommandRefusedException {
        run("OPERATOR_ACK", args(), engine::acknowledgeOperator);
    }

    @Override
    public void pauseRecipe(RecipeRun.PauseMode mode) throws CommandRefusedException {
        run("RECIPE_PAUSE", args("mode", String.valueOf(mode)), () -> activeRun("pause").pause(mode));
    }

    @Override
    public void resumeRecipe() throws CommandRefusedException {
        run("RECIPE_RESUME", args(), () -> activeRun("resume").resume());
    }

    @Override
    public void abortRecipe(String reason) throws CommandRefusedException {
        run("RECIPE_ABORT", args("reason", reason == null ? "" : reason), () -> activeRun("abort").abort(
                (reason == null || reason.isBlank() ? "aborted" : reason) + " (by " + actor + ")"));
    }

    private RecipeRun activeRun(String what) throws CommandRefusedException {
        RecipeRun r = engine.run().orElse(null);
        if (r == null || r.state().isFinished()) {
            throw new CommandRefusedException("station '" + engine.id() + "': " + what + " refused: no recipe is running");
        }
        return r;
    }

    @FunctionalInterface
    private interface Command {
        void call() throws CommandRefusedException;
    }

    private void run(String command, Map<String, Object> args, Command c) throws CommandRefusedException {
        try {
            c.call();
        } catch (CommandRefusedException | RuntimeException e) {
            publish(command, args, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            throw e;
        }
        publish(command, args, null);
    }

    private void publish(String command, Map<String, Object> args, String refusal) {
        Map<String, Object> p = new LinkedHashMap<>(args);
        p.put("actor", actor.name());
        p.put("source", actor.source().name());
        p.put("command", command);
        p.put("outcome", refusal == null ? "ACCEPTED" : "REFUSED");
        if (refusal != null) {
            p.put("refusal", refusal);
        }
        engine.event(StationEventType.COMMAND, command.toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " by " + actor
                + (refusal == null ? "" : " refused: " + refusal), p);
    }

    private static Map<String, Object> args(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            Object v = kv[i + 1];
            if (v instanceof Double d && !Double.isFinite(d)) {
                v = String.valueOf(d); // NaN and infinities are kept as words, never lost
            }
            m.put((String) kv[i], v);
        }
        return m;
    }
}
