package org.presslab.analyzer.api;

import java.util.Objects;

/**
 * The driver's view of its instrument: a value, never an exception.
 *
 * @param state connection state
 * @param message one line for people: what is wrong and, where the driver knows, what to do
 */
public record AnalyzerHealth(State state, String message) {

    /** The link between the driver and its instrument. */
    public enum State {
        /** Opening the link or waiting for the first answer. */
        CONNECTING,
        /** Answering; measurements may start. */
        CONNECTED,
        /** Not answering, or the cell it measures is gone; the driver keeps trying. */
        DISCONNECTED,
        /** The instrument reports a fault or the driver cannot work (bad configuration). */
        FAULT;

        public boolean isUp() {
            return this == CONNECTED;
        }
    }

    public AnalyzerHealth {
        Objects.requireNonNull(state, "state");
        message = Objects.requireNonNullElse(message, "");
    }

    public static AnalyzerHealth connected() {
        return new AnalyzerHealth(State.CONNECTED, "");
    }
}
