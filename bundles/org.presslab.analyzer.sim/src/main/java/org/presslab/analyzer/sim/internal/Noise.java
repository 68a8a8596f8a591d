package org.presslab.analyzer.sim.internal;

/**
 * Counter-based Gaussian noise: the value for (seed, stream, index) is a pure function of the three
 * (SplitMix64 finaliser, Box-Muller), so a spectrum's noise does not depend on thread timing.
 */
final class Noise {

    private Noise() {
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static double uniform(long seed, long stream, long index) {
        long h = mix(seed * 0x9e3779b97f4a7c15L + mix(stream * 0x632be59bd9b4e019L + index));
        return ((h >>> 11) + 0.5) * 0x1.0p-53;
    }

    static double gaussian(long seed, long stream, long index) {
        double u1 = uniform(seed, stream * 2, index);
        double u2 = uniform(seed, stream * 2 + 1, index);
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
