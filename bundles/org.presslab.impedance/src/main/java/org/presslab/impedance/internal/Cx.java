package org.presslab.impedance.internal;

/** A small immutable complex number for the element formulas that need complex functions. */
record Cx(double re, double im) {

    static final Cx ONE = new Cx(1, 0);

    static Cx polar(double r, double phi) {
        return new Cx(r * Math.cos(phi), r * Math.sin(phi));
    }

    Cx plus(Cx o) {
        return new Cx(re + o.re, im + o.im);
    }

    Cx minus(Cx o) {
        return new Cx(re - o.re, im - o.im);
    }

    Cx times(Cx o) {
        return new Cx(re * o.re - im * o.im, re * o.im + im * o.re);
    }

    Cx scale(double k) {
        return new Cx(re * k, im * k);
    }

    Cx neg() {
        return new Cx(-re, -im);
    }

    Cx div(Cx o) {
        // Smith's algorithm
        if (Math.abs(o.re) >= Math.abs(o.im)) {
            double r = o.im / o.re;
            double d = o.re + o.im * r;
            return new Cx((re + im * r) / d, (im - re * r) / d);
        }
        double r = o.re / o.im;
        double d = o.re * r + o.im;
        return new Cx((re * r + im) / d, (im * r - re) / d);
    }

    double abs() {
        return Math.hypot(re, im);
    }

    Cx sqrt() {
        return pow(0.5);
    }

    Cx pow(double k) {
        double r = abs();
        if (r == 0) {
            return new Cx(0, 0);
        }
        return polar(Math.pow(r, k), k * Math.atan2(im, re));
    }

    /** tanh(x + iy) = (sinh 2x + i sin 2y) / (cosh 2x + cos 2y), saturated for large |x|. */
    Cx tanh() {
        if (Math.abs(re) > 20) {
            return new Cx(Math.signum(re), 0);
        }
        double d = Math.cosh(2 * re) + Math.cos(2 * im);
        return new Cx(Math.sinh(2 * re) / d, Math.sin(2 * im) / d);
    }
}
