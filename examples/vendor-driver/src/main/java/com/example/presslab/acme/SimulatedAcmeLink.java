package com.example.presslab.acme;

import java.util.concurrent.TimeoutException;

/** A link to the in-process device model, with a line delay like a 115200 baud round trip. */
public final class SimulatedAcmeLink implements AcmeLink {

    private final AcmeServoPressDevice device;
    private final long roundTripMicros;
    private volatile boolean closed;

    public SimulatedAcmeLink(AcmeServoPressDevice device, long roundTripMicros) {
        this.device = device;
        this.roundTripMicros = roundTripMicros;
    }

    @Override
    public String transact(String request, long timeoutMillis) throws TimeoutException, InterruptedException {
        if (closed) {
            throw new IllegalStateException("link closed");
        }
        String answer = device.handle(request);
        if (answer == null) {
            Thread.sleep(timeoutMillis);
            throw new TimeoutException("no answer to '" + request + "' within " + timeoutMillis + " ms");
        }
        if (roundTripMicros > 0) {
            Thread.sleep(roundTripMicros / 1000, (int) (roundTripMicros % 1000) * 1000);
        }
        return answer;
    }

    @Override
    public String describe() {
        return "simulated SP-5T";
    }

    @Override
    public void close() {
        closed = true;
    }
}
