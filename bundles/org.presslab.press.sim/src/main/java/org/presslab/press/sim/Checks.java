package org.presslab.press.sim;

/** Validation helpers for the parameter classes: each failure names the field and the value. */
final class Checks {

    private Checks() {
    }

    static void positive(String field, double v) {
        if (!(v > 0) || Double.isNaN(v)) {
            throw new IllegalArgumentException(field + " must be > 0, was " + v);
        }
    }

    static void finitePositive(String field, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(field + " must be finite and > 0, was " + v);
        }
    }

    static void nonNegative(String field, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(field + " must be finite and >= 0, was " + v);
        }
    }

    static void finite(String field, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(field + " must be finite, was " + v);
        }
    }

    static void range(String field, double v, double lo, double hi) {
        if (!(v >= lo && v <= hi)) {
            throw new IllegalArgumentException(field + " must be in [" + lo + ", " + hi + "], was " + v);
        }
    }
}
