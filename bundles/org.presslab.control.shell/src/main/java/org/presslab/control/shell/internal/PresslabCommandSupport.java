package org.presslab.control.shell.internal;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Action;
import org.presslab.control.api.CommandRefusedException;
import org.presslab.control.api.RecipeFormatException;

/**
 * Base of every Presslab command: output goes to {@link #out}, and every refusal (a limit, a busy
 * station, an absent driver, bad input) ends the command with its reason as the error message,
 * never a stack trace.
 */
public abstract class PresslabCommandSupport implements Action {

    /** Command output; the session's stream in Karaf, a buffer in tests. */
    protected PrintStream out = System.out;

    @Override
    public final Object execute() throws Exception {
        try {
            doExecute();
            return null;
        } catch (CommandRefusedException | RecipeFormatException e) {
            throw new CommandRefused(e.getMessage());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CommandRefused(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** The command itself. */
    protected abstract void doExecute() throws Exception;
}
