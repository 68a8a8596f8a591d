package org.presslab.control.api;

/** A station refused a command; the message says why in words a person can act on. */
public class CommandRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    public CommandRefusedException(String message) {
        super(message);
    }
}
