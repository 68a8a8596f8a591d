package org.presslab.control.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The commands of one station on behalf of one {@link Actor} ({@link Station#as(Actor)}). Each command, accepted or
 * refused, is published as a {@link StationEventType#COMMAND} event carrying the actor, the command, its arguments and
 * its outcome. The checks are those of the {@link Station} methods of the same names: no actor can move a press
 * beyond the station's limits.
 */
@ProviderType
public interface StationCommands {

    /** The actor these commands are issued for. */
    Actor actor();

    /** As {@link Station#ramp(double, double)}. */
    void ramp(double targetPa, double ratePaPerS) throws CommandRefusedException;

    /** As {@link Station#hold(double)}. */
    void hold(double targetPa) throws CommandRefusedException;

    /** As {@link Station#release(double, double)}. */
    void release(double targetPa, double ratePaPerS) throws CommandRefusedException;

    /** As {@link Station#emergencyStop(String)}: never refused. */
    void emergencyStop(String reason);

    /** As {@link Station#reset()}. */
    void reset() throws CommandRefusedException;

    /** As {@link Station#start(Recipe)}; the run records this actor as the one who started it. */
    RecipeRun start(Recipe recipe) throws CommandRefusedException;

    /** As {@link Station#acknowledgeOperator()}. */
    void acknowledgeOperator() throws CommandRefusedException;

    /**
     * Pauses the running recipe.
     *
     * @throws CommandRefusedException when no recipe runs, or as {@link RecipeRun#pause(RecipeRun.PauseMode)}
     */
    void pauseRecipe(RecipeRun.PauseMode mode) throws CommandRefusedException;

    /**
     * Resumes the paused recipe.
     *
     * @throws CommandRefusedException when no recipe is paused, or as {@link RecipeRun#resume()}
     */
    void resumeRecipe() throws CommandRefusedException;

    /**
     * Aborts the running recipe; the station holds its present pressure.
     *
     * @throws CommandRefusedException when no recipe runs
     */
    void abortRecipe(String reason) throws CommandRefusedException;
}
