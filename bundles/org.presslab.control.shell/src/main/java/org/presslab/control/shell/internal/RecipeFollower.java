package org.presslab.control.shell.internal;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;

import org.presslab.control.api.RecipeRun;
import org.presslab.control.api.StationStatus;

/**
 * Prints live progress of a recipe run until it finishes or the following thread is interrupted
 * (Ctrl-C in the Karaf console). Following never touches the run itself: stopping to follow
 * leaves the recipe running.
 */
public final class RecipeFollower {

    /** Waits between polls; {@link Thread#sleep} in the shell, instantaneous in tests. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final PrintStream out;
    private final Sleeper sleeper;
    private final Supplier<LocalTime> clock;
    private final long pollMillis;
    private final int linesPerProgress;

    /**
     * @param pollMillis how often the run is polled
     * @param linesPerProgress a progress line every so many polls even when nothing changed
     */
    public RecipeFollower(PrintStream out, Sleeper sleeper, Supplier<LocalTime> clock, long pollMillis, int linesPerProgress) {
        this.out = out;
        this.sleeper = sleeper;
        this.clock = clock;
        this.pollMillis = pollMillis;
        this.linesPerProgress = Math.max(1, linesPerProgress);
    }

    /** How following ended. */
    public enum End {
        /** The run completed, was aborted or failed. */
        FINISHED,
        /** The follower was interrupted; the run goes on. */
        DETACHED
    }

    /**
     * Follows {@code run}, printing a line at once, at every step or state change and every
     * {@code linesPerProgress} polls.
     *
     * @param status the station's status, for pressure and setpoint
     */
    public End follow(RecipeRun run, Supplier<StationStatus> status) {
        int lastStep = -1;
        RecipeRun.State lastState = null;
        String lastMessage = null;
        int polls = 0;
        while (true) {
            RecipeRun.State state = run.state();
            int step = run.stepIndex();
            String message = run.message();
            boolean changed = step != lastStep || state != lastState || !message.equals(lastMessage);
            if (changed || polls % linesPerProgress == 0) {
                out.println(clock.get().format(HMS) + " " + StationViews.progressLine(run, status.get()));
                out.flush();
                polls = 0;
            }
            lastStep = step;
            lastState = state;
            lastMessage = message;
            if (state.isFinished()) {
                out.println("recipe '" + run.recipe().name() + "' " + state.name().toLowerCase()
                        + (StationViews.redundant(message, state) ? "" : ": " + message));
                return End.FINISHED;
            }
            polls++;
            try {
                sleeper.sleep(pollMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return detached(run);
            }
            if (Thread.currentThread().isInterrupted()) {
                return detached(run);
            }
        }
    }

    private End detached(RecipeRun run) {
        out.println("stopped following; recipe '" + run.recipe().name() + "' goes on on station " + run.stationId()
                + " (recipe:follow " + run.stationId() + " to watch it again, recipe:abort " + run.stationId() + " to stop it)");
        return End.DETACHED;
    }
}
