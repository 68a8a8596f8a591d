package org.presslab.cycling.internal;

/**
 * Turns a capacity counter that an instrument resets (per step, half cycle or cycle) into net charge since
 * the start: when the counter's reset key changes, what it held is added to an offset.
 */
final class Charge {

    private double offset;
    private double lastSigned;
    private Object lastKey;
    private boolean started;

    /**
     * @param key what the instrument resets the counter on (step or half-cycle number)
     * @param signedValue the counter's value signed so that charging adds (C)
     * @return net charge since the start, C
     */
    double next(Object key, double signedValue) {
        if (started && !key.equals(lastKey)) {
            offset += lastSigned;
        }
        started = true;
        lastKey = key;
        lastSigned = signedValue;
        return offset + signedValue;
    }
}
