package org.presslab.press.sim.internal;

/**
 * Counter-based random numbers: the value for (seed, stream, index) is a pure function of the three,
 * so a sample's noise does not depend on how often, or in which order, anything was read. SplitMix64
 * finaliser (Steele, Lea, Flood 2014), as in {@link java.util.SplittableRandom}.
 */
final class Noise {

    private static final double TWO_PI = 2 * Math.PI;
    private static final double INV_2_53 = 0x1.0p-53;

    private Noise() {
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Uniform in (0, 1). */
    static double uniform(long seed, long stream, long index) {
        long h = mix(seed * 0x9e3779b97f4a7c15L + mix(stream * 0x632be59bd9b4e019L + index));
        return ((h >>> 11) + 0.5) * INV_2_53;
    }

    /** Standard normal (Box-Muller from two uniforms of the same index). */
    static double gaussian(long seed, long stream, long index) {
        double u1 = uniform(seed, stream * 2, index);
        double u2 = uniform(seed, stream * 2 + 1, index);
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(TWO_PI * u2);
    }

    /** Uniform in [lo, hi). */
    static double uniform(long seed, long stream, long index, double lo, double hi) {
        return lo + (hi - lo) * uniform(seed, stream, index);
    }
}
