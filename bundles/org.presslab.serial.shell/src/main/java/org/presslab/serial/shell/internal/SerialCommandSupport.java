package org.presslab.serial.shell.internal;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.presslab.serial.SerialPortManager;

/**
 * Base of the serial commands: output to {@link #out}; a port that cannot be used or bad input
 * ends the command with the reason as its error, never a stack trace.
 */
public abstract class SerialCommandSupport implements Action {

    @Reference
    protected SerialPortManager ports;

    protected PrintStream out = System.out;

    @Override
    public final Object execute() throws Exception {
        try {
            doExecute();
            return null;
        } catch (org.presslab.serial.SerialPortException e) {
            throw new SerialCommandFailed(e.getMessage());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new SerialCommandFailed(e.getMessage());
        }
    }

    protected abstract void doExecute() throws Exception;

    /** A failed command; the console prints only the message. */
    public static final class SerialCommandFailed extends Exception {
        private static final long serialVersionUID = 1L;

        public SerialCommandFailed(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
