package org.presslab.control.shell.internal;

/**
 * A command that cannot be carried out. The Karaf console prints the message as
 * "Error executing command: ..." and marks the command failed; no stack trace.
 */
public class CommandRefused extends Exception {

    private static final long serialVersionUID = 1L;

    public CommandRefused(String message) {
        super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        // Never shown to the operator; the message says everything.
        return this;
    }
}
