package org.presslab.control.internal;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.presslab.control.api.CommandRefusedException;
import org.presslab.control.api.RecipeStep;
import org.presslab.control.api.StepCondition;

/**
 * Everything the control bundle knows about one kind of {@link RecipeStep}: its file-format name and
 * fields, how it runs in a {@link RecipeExecutor}, how {@link DryRun} checks it and estimates its time.
 * One stateless instance per kind, found through {@link StepKinds}; per-run state lives in the
 * {@link StepContext}. Adding a step kind: its record in the API, a class here, a line in {@link StepKinds}.
 *
 * @param <S> the step record
 */
interface StepKind<S extends RecipeStep> {

    /** The step record this kind handles. */
    Class<S> type();

    /** The file-format name ("ramp", "dwell", ...), also used in events and messages. */
    String name();

    // ------------------------------------------------------------------ codec

    /** The step's own JSON fields, besides {@code type}, {@code conditions} and {@code comment}. */
    Set<String> fields();

    /**
     * Reads the step from its JSON object; every problem goes to {@code f} (the caller drops the step
     * when there was one).
     */
    S read(JsonNode node, RecipeCodec.Fields f, List<StepCondition> conditions);

    /** Writes the step's own fields (edge units) into {@code node}, which already has its {@code type}. */
    void write(S step, ObjectNode node);

    // ------------------------------------------------------------------ run (as the station's owner)

    /**
     * Sends the step's command through the station, when the step starts or goes on after a wait,
     * pause or driver loss. Returns false when the step failed the run itself.
     *
     * @throws CommandRefusedException when the station refused the command (the executor fails the run)
     */
    boolean issue(StepContext c, S step) throws CommandRefusedException;

    /** A condition of the step stopped holding: the run waits. */
    default void conditionsFailed(StepContext c, S step) {
    }

    /** One tick of the step's clock, after {@link StepContext#elapsedS()} advanced by {@code dtS}. */
    default void ticked(StepContext c, S step, double dtS) {
    }

    /** Whether the step is done; it may end the run instead (then returns false). */
    boolean done(StepContext c, S step);

    /** The step completed. */
    default void finished(StepContext c, S step) {
    }

    /** The run ended (failed or aborted) while in this step. */
    default void abandoned(StepContext c, S step) {
    }

    /** Whether the operator can acknowledge the step. */
    default boolean acknowledgeable() {
        return false;
    }

    // ------------------------------------------------------------------ estimates and checks

    /** Seconds the step still needs from pressure {@code fromPa}, {@code elapsedS} into it. */
    double remainingS(S step, double fromPa, double elapsedS);

    /** The pressure the step leaves behind for the estimate of the next one, Pa. */
    default double pressureAfter(S step, double fromPa) {
        return fromPa;
    }

    /**
     * Checks the step against the station without moving anything, adding each violation through
     * {@link DryRun.Check#violation}, and advances the check's pressure and time estimate.
     */
    void dryRun(DryRun.Check check, S step);
}
