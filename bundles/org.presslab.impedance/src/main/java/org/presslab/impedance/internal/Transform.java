package org.presslab.impedance.internal;

/**
 * Maps an unconstrained optimiser variable u to a parameter p within [lower, upper]:
 * identity when unbounded, p = lower + e^u (or upper - e^u) when bounded on one side, the
 * logistic p = lower + (upper - lower)/(1 + e^-u) when bounded on both. The log form also makes
 * the fit scale-invariant for positive quantities spanning many decades (C, Q, tau).
 */
final class Transform {

    enum Kind { NONE, LOWER, UPPER, BOTH }

    final Kind kind;
    final double lower;
    final double upper;

    Transform(double lower, double upper) {
        this.lower = lower;
        this.upper = upper;
        boolean lo = Double.isFinite(lower);
        boolean hi = Double.isFinite(upper);
        kind = lo && hi ? Kind.BOTH : lo ? Kind.LOWER : hi ? Kind.UPPER : Kind.NONE;
    }

    double toP(double u) {
        return switch (kind) {
            case NONE -> u;
            case LOWER -> lower + Math.exp(u);
            case UPPER -> upper - Math.exp(u);
            case BOTH -> lower + (upper - lower) / (1 + Math.exp(-u));
        };
    }

    /** dp/du at u. */
    double dpdu(double u) {
        return switch (kind) {
            case NONE -> 1;
            case LOWER -> Math.exp(u);
            case UPPER -> -Math.exp(u);
            case BOTH -> {
                double e = Math.exp(-Math.abs(u));
                double s = e / ((1 + e) * (1 + e));
                yield (upper - lower) * s;
            }
        };
    }

    /** Inverse; values on or outside a bound are pulled inside by a small margin. */
    double toU(double p) {
        return switch (kind) {
            case NONE -> p;
            case LOWER -> Math.log(Math.max(p - lower, tiny(p)));
            case UPPER -> Math.log(Math.max(upper - p, tiny(p)));
            case BOTH -> {
                double x = (p - lower) / (upper - lower);
                x = Math.min(Math.max(x, 1e-6), 1 - 1e-6);
                yield Math.log(x / (1 - x));
            }
        };
    }

    private double tiny(double p) {
        double scale = Math.max(Math.abs(p), Math.max(Math.abs(lower), Math.abs(upper) == Double.POSITIVE_INFINITY ? 0 : Math.abs(upper)));
        return scale > 0 ? scale * 1e-6 : 1e-12;
    }

    /** Whether p sits on a finite bound (relative 1e-6 of the bounded span or value). */
    boolean atBound(double p, double start) {
        double ref = Math.max(Math.abs(start), Math.abs(p));
        return switch (kind) {
            case NONE -> false;
            case LOWER -> p - lower <= 1e-8 * Math.max(ref, Math.abs(lower));
            case UPPER -> upper - p <= 1e-8 * Math.max(ref, Math.abs(upper));
            case BOTH -> {
                double x = (p - lower) / (upper - lower);
                yield x < 1e-6 || x > 1 - 1e-6;
            }
        };
    }
}
