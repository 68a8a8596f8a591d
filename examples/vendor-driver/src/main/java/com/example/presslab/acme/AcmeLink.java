package com.example.presslab.acme;

import java.io.IOException;

/**
 * The line to the controller: one request, one answer. A real installation implements it on a
 * serial port; {@link SimulatedAcmeLink} talks to the in-process device model.
 */
public interface AcmeLink extends AutoCloseable {

    /**
     * Sends one request and waits for its answer.
     *
     * @throws java.util.concurrent.TimeoutException when no answer comes within {@code timeoutMillis}
     * @throws IOException when the line is broken
     */
    String transact(String request, long timeoutMillis) throws IOException, java.util.concurrent.TimeoutException,
            InterruptedException;

    /** For messages: "simulated SP-5T", "/dev/ttyUSB0". */
    String describe();

    @Override
    void close();
}
