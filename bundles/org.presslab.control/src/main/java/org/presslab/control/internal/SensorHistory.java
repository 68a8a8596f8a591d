package org.presslab.control.internal;

/**
 * The supervisor's short history of new, usable readings: filtered pressure, target and platen
 * position with their device times. Written and read on the supervisor's thread only.
 */
final class SensorHistory {

    private static final int H = 4096;
    private static final double FILTER_TAU_S = 0.02;

    final long[] t = new long[H];
    final double[] p = new double[H];
    final double[] target = new double[H];
    final double[] pos = new double[H];
    int head = -1;
    int size;
    private double pFilt = Double.NaN;
    private long lastT;

    void clear() {
        head = -1;
        size = 0;
        pFilt = Double.NaN;
    }

    void add(long timeNanos, double pressurePa, double targetPa, double positionM) {
        double dtS = Double.isNaN(pFilt) ? 0 : (timeNanos - lastT) / 1e9;
        lastT = timeNanos;
        pFilt = Double.isNaN(pFilt) ? pressurePa : pFilt + (pressurePa - pFilt) * Math.min(1, Math.max(0, dtS) / FILTER_TAU_S);
        head = (head + 1) & (H - 1);
        t[head] = timeNanos;
        p[head] = pFilt;
        target[head] = targetPa;
        pos[head] = positionM;
        if (size < H) {
            size++;
        }
    }

    /** Index of the newest entry at least {@code seconds} older than the newest, or -1. */
    int indexAgo(double seconds) {
        if (size < 2) {
            return -1;
        }
        long want = t[head] - Math.round(seconds * 1e9);
        for (int k = 1; k < size; k++) {
            int i = (head - k) & (H - 1);
            if (t[i] <= want) {
                return i;
            }
        }
        return -1;
    }

    int oldest() {
        return size == 0 ? -1 : (head - size + 1) & (H - 1);
    }

    /** Rise rate of the filtered pressure over the last {@code seconds}, Pa/s; NaN without enough history. */
    double riseRate(double seconds) {
        int back = indexAgo(seconds);
        if (back < 0) {
            return Double.NaN;
        }
        return (p[head] - p[back]) / ((t[head] - t[back]) / 1e9);
    }
}
