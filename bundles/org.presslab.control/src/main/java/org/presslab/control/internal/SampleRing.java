package org.presslab.control.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Single-producer, single-consumer ring of loop samples in primitive arrays: the control loop
 * writes without allocating, locking or waiting; the dispatcher reads behind it. When the
 * reader falls more than a ring behind, the overwritten samples are skipped and counted.
 */
final class SampleRing {

    private final int mask;
    private final long[] time;
    private final double[] pressure;
    private final double[] force;
    private final double[] setpoint;
    private final double[] output;
    private final double[] temperature;
    private final double[] position;
    private final byte[] state;
    private final byte[] quality;
    private final boolean[] gap;
    /** Count of samples written; written only by the producer. */
    private final AtomicLong written = new AtomicLong();
    private long read;
    private long dropped;

    SampleRing(int capacityPowerOfTwo) {
        int cap = Integer.highestOneBit(Math.max(16, capacityPowerOfTwo - 1) << 1);
        mask = cap - 1;
        time = new long[cap];
        pressure = new double[cap];
        force = new double[cap];
        setpoint = new double[cap];
        output = new double[cap];
        temperature = new double[cap];
        position = new double[cap];
        state = new byte[cap];
        quality = new byte[cap];
        gap = new boolean[cap];
    }

    /** Producer side (control loop thread only). */
    void put(long t, double p, double f, double sp, double out, double temp, double pos, int st, int q, boolean g) {
        long w = written.get();
        int i = (int) (w & mask);
        time[i] = t;
        pressure[i] = p;
        force[i] = f;
        setpoint[i] = sp;
        output[i] = out;
        temperature[i] = temp;
        position[i] = pos;
        state[i] = (byte) st;
        quality[i] = (byte) q;
        gap[i] = g;
        written.lazySet(w + 1);
    }

    /** Consumer callback for {@link #drain}. */
    interface Sink {
        void sample(long t, double p, double f, double sp, double out, double temp, double pos, int st, int q, boolean g);
    }

    /** Consumer side (one dispatcher thread at a time): delivers every sample not yet read. */
    int drain(Sink sink) {
        long w = written.get();
        int capacity = mask + 1;
        if (w - read > capacity - 1) {
            long skip = w - read - (capacity - 1);
            dropped += skip;
            read += skip;
        }
        int n = 0;
        while (read < w) {
            int i = (int) (read & mask);
            long t = time[i];
            double p = pressure[i], f = force[i], sp = setpoint[i], out = output[i], temp = temperature[i], pos = position[i];
            int st = state[i], q = quality[i];
            boolean g = gap[i];
            // The producer may have lapped us while we copied: then this slot is a newer sample; drop it.
            if (written.get() - read > capacity - 1) {
                dropped++;
                read++;
                continue;
            }
            read++;
            n++;
            sink.sample(t, p, f, sp, out, temp, pos, st, q, g);
        }
        return n;
    }

    long dropped() {
        return dropped;
    }

    long written() {
        return written.get();
    }
}
