package org.presslab.runs.api;

/**
 * A request to the run store failed. The message names the run, the value and what to do; the
 * {@link #reason()} lets a front end answer with the right status (404, 400, 409, 503).
 */
public class RunStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a request failed. */
    public enum Reason {
        /** No run (or spectrum, or log) with that id. */
        NOT_FOUND,
        /** The input is invalid: the message names the field and the value. */
        INVALID,
        /** The run's state does not allow it (stopping a finished run, a second run on a station). */
        CONFLICT,
        /** The database cannot be reached now; writes of samples and events are spooled, this request was not. */
        UNAVAILABLE
    }

    private final Reason reason;

    public RunStoreException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public RunStoreException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
