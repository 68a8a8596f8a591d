package org.presslab.control.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One cell fixture (geometry, rating) bound to one press driver, with its control loop and its
 * safety supervisor. Registered as a service with the property {@link #PROP_ID}. Thread-safe.
 */
@ProviderType
public interface Station {

    /** Service property: the station id (String). */
    String PROP_ID = "presslab.station.id";

    String id();

    StationConfig config();

    /** A consistent snapshot of the station's state. Never blocks on the loop. */
    StationStatus status();

    /** The limits in force now: the lowest of the fixture rating, the driver's rating and the running recipe's limit. */
    PressureLimits limits();

    /** Every interlock with its state. */
    List<InterlockStatus> interlocks();

    /** Samples of the last {@code seconds}, oldest first (the station keeps a bounded history). */
    List<StationSample> history(double seconds);

    /**
     * Ramps to {@code targetPa} at {@code ratePaPerS}, then holds there.
     *
     * @throws CommandRefusedException beyond a limit, while tripped, without a driver, without an
     *         actuator (monitor-only stations), or while a recipe owns the station
     */
    void ramp(double targetPa, double ratePaPerS) throws CommandRefusedException;

    /** Holds {@code targetPa}; a step of more than the station's step limit is ramped at the default rate. */
    void hold(double targetPa) throws CommandRefusedException;

    /** Lowers the pressure to {@code targetPa} (0 to unload) at {@code ratePaPerS}, then holds there. */
    void release(double targetPa, double ratePaPerS) throws CommandRefusedException;

    /** Emergency stop: the safe state at once, latched until {@link #reset()}. Never refused. */
    void emergencyStop(String reason);

    /**
     * Clears a latched trip once its cause is gone; the station then holds its present pressure.
     *
     * @throws CommandRefusedException while the cause persists (names it)
     */
    void reset() throws CommandRefusedException;

    /**
     * Starts a recipe.
     *
     * @throws CommandRefusedException when its dry run finds violations (all listed), or the station is busy or tripped
     */
    RecipeRun start(Recipe recipe) throws CommandRefusedException;

    /** The running or last recipe run. */
    Optional<RecipeRun> run();

    /** Checks a recipe against this station's limits without moving anything; lists every violation. */
    DryRunReport dryRun(Recipe recipe);

    /** The operator confirms a manual step is done ({@link RecipeStep.Operator}). */
    void acknowledgeOperator() throws CommandRefusedException;

    /**
     * This station's commands on behalf of {@code actor}: every front end issues its commands through here, so that
     * each one is recorded with who sent it ({@link StationEventType#COMMAND}). The methods above act for
     * {@code Actor.system("unknown")}.
     *
     * @since 1.2
     */
    StationCommands as(Actor actor);
}
