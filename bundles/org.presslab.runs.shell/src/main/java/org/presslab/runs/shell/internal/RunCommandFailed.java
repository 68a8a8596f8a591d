package org.presslab.runs.shell.internal;

/** A run: command ended with a reason; Karaf prints the message alone. */
public class RunCommandFailed extends Exception {

    private static final long serialVersionUID = 1L;

    public RunCommandFailed(String message) {
        super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
