package org.presslab.impedance.internal;

/**
 * Circuit elements, with impedance.py's definitions. Each evaluates Z(omega) and, where it has a
 * closed form, dZ/dp for each of its parameters.
 */
enum ElementType {
    /** Resistor, Z = R. */
    R(new String[] {"ohm"}, new double[] {0}, new double[] {Double.POSITIVE_INFINITY}, true),
    /** Capacitor, Z = 1/(j w C). */
    C(new String[] {"F"}, new double[] {0}, new double[] {Double.POSITIVE_INFINITY}, true),
    /** Inductor, Z = j w L. */
    L(new String[] {"H"}, new double[] {0}, new double[] {Double.POSITIVE_INFINITY}, true),
    /** Constant-phase element, Z = 1/(Q (j w)^alpha); parameters Q, alpha. */
    CPE(new String[] {"F s^(alpha-1)", ""}, new double[] {0, 0}, new double[] {Double.POSITIVE_INFINITY, 1}, true),
    /** Semi-infinite Warburg, Z = Aw (1 - j)/sqrt(w). */
    W(new String[] {"ohm s^-1/2"}, new double[] {0}, new double[] {Double.POSITIVE_INFINITY}, true),
    /** Finite-space (open, reflective) Warburg, Z = Z0 coth(sqrt(j w tau))/sqrt(j w tau); Z0, tau. */
    Wo(new String[] {"ohm", "s"}, new double[] {0, 0}, new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY}, true),
    /** Finite-length (short, transmissive) Warburg, Z = Z0 tanh(sqrt(j w tau))/sqrt(j w tau); Z0, tau. */
    Ws(new String[] {"ohm", "s"}, new double[] {0, 0}, new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY}, true),
    /** Gerischer, Z = R_G / sqrt(1 + j w t_G); R_G, t_G. */
    G(new String[] {"ohm", "s"}, new double[] {0, 0}, new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY}, true),
    /**
     * Transmission line of a porous electrode with a CPE interface (impedance.py TLMQ):
     * Z = sqrt(R_ion Z_s) coth(sqrt(R_ion / Z_s)), Z_s = 1/(Q_s (j w)^gamma); R_ion, Q_s, gamma.
     * Derivatives by central differences.
     */
    TLMQ(new String[] {"ohm", "F s^(gamma-1)", ""}, new double[] {0, 0, 0},
            new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 1}, false);

    final String[] units;
    final double[] lower;
    final double[] upper;
    final boolean analytic;

    ElementType(String[] units, double[] lower, double[] upper, boolean analytic) {
        this.units = units;
        this.lower = lower;
        this.upper = upper;
        this.analytic = analytic;
    }

    int parameterCount() {
        return units.length;
    }

    /** Element types by name, longest first, so "CPE" wins over "C" and "Wo" over "W". */
    static final ElementType[] BY_NAME_LENGTH = {TLMQ, CPE, Wo, Ws, R, C, L, W, G};

    /**
     * Z at angular frequency w into z[zo], z[zo + 1]; derivatives into dr/di at off.. when dr != null.
     * p holds all parameters of the circuit; this element's start at off.
     */
    void eval(double w, double lnw, double[] p, int off, double[] z, int zo, int cache, double[] dr, double[] di) {
        switch (this) {
            case R -> {
                z[zo] = p[off];
                z[zo + 1] = 0;
                if (dr != null) {
                    dr[off] = 1;
                    di[off] = 0;
                }
            }
            case C -> {
                double c = p[off];
                z[zo] = 0;
                z[zo + 1] = -1.0 / (w * c);
                if (dr != null) {
                    dr[off] = 0;
                    di[off] = 1.0 / (w * c * c);
                }
            }
            case L -> {
                z[zo] = 0;
                z[zo + 1] = w * p[off];
                if (dr != null) {
                    dr[off] = 0;
                    di[off] = w;
                }
            }
            case CPE -> {
                double q = p[off];
                double a = p[off + 1];
                // cos/sin of the constant phase depend on alpha only: computed once per spectrum
                double cos;
                double sin;
                if (z[cache] == 1 && z[cache + 1] == a) {
                    cos = z[cache + 2];
                    sin = z[cache + 3];
                } else {
                    double phi = -a * Math.PI / 2;
                    cos = Math.cos(phi);
                    sin = Math.sin(phi);
                    z[cache] = 1;
                    z[cache + 1] = a;
                    z[cache + 2] = cos;
                    z[cache + 3] = sin;
                }
                double mag = Math.exp(-a * lnw) / q;
                double zr = mag * cos;
                double zi = mag * sin;
                z[zo] = zr;
                z[zo + 1] = zi;
                if (dr != null) {
                    dr[off] = -zr / q;
                    di[off] = -zi / q;
                    // dZ/da = Z * (-ln w - j pi/2)
                    double lr = -lnw;
                    double li = -Math.PI / 2;
                    dr[off + 1] = zr * lr - zi * li;
                    di[off + 1] = zr * li + zi * lr;
                }
            }
            case W -> {
                double s = 1.0 / Math.sqrt(w);
                z[zo] = p[off] * s;
                z[zo + 1] = -p[off] * s;
                if (dr != null) {
                    dr[off] = s;
                    di[off] = -s;
                }
            }
            case Wo, Ws -> warburgFinite(this == Wo, w, p, off, z, zo, dr, di);
            case G -> {
                double rg = p[off];
                double t = p[off + 1];
                // u = 1 + j w t; Z = rg u^-1/2
                Cx u = new Cx(1, w * t);
                Cx inv = u.pow(-0.5);
                z[zo] = rg * inv.re();
                z[zo + 1] = rg * inv.im();
                if (dr != null) {
                    dr[off] = inv.re();
                    di[off] = inv.im();
                    // dZ/dt = rg * (-1/2) u^-3/2 * j w
                    Cx d = u.pow(-1.5).times(new Cx(0, -0.5 * w * rg));
                    dr[off + 1] = d.re();
                    di[off + 1] = d.im();
                }
            }
            case TLMQ -> {
                Cx v = tlmq(w, p[off], p[off + 1], p[off + 2]);
                z[zo] = v.re();
                z[zo + 1] = v.im();
                if (dr != null) {
                    for (int k = 0; k < 3; k++) {
                        double[] q = {p[off], p[off + 1], p[off + 2]};
                        double h = k == 2 ? 1e-6 : Math.abs(q[k]) * 1e-6 + 1e-300;
                        q[k] += h;
                        Cx plus = tlmq(w, q[0], q[1], q[2]);
                        q[k] -= 2 * h;
                        Cx minus = tlmq(w, q[0], q[1], q[2]);
                        dr[off + k] = (plus.re() - minus.re()) / (2 * h);
                        di[off + k] = (plus.im() - minus.im()) / (2 * h);
                    }
                }
            }
            default -> throw new IllegalStateException(name());
        }
    }

    private static void warburgFinite(boolean open, double w, double[] p, int off, double[] z, int zo, double[] dr,
            double[] di) {
        double z0 = p[off];
        double tau = p[off + 1];
        Cx s = new Cx(0, w * tau).sqrt();
        Cx t = s.tanh();
        // g(s) = coth(s)/s (open) or tanh(s)/s (short)
        Cx g;
        Cx dg;
        if (open) {
            Cx coth = Cx.ONE.div(t);
            g = coth.div(s);
            // g' = -(coth^2 - 1)/s - coth/s^2
            Cx csch2 = coth.times(coth).minus(Cx.ONE);
            dg = csch2.div(s).neg().minus(coth.div(s.times(s)));
        } else {
            g = t.div(s);
            Cx sech2 = Cx.ONE.minus(t.times(t));
            dg = sech2.div(s).minus(t.div(s.times(s)));
        }
        z[zo] = z0 * g.re();
        z[zo + 1] = z0 * g.im();
        if (dr != null) {
            dr[off] = g.re();
            di[off] = g.im();
            // ds/dtau = s/(2 tau)
            Cx d = dg.times(s).scale(z0 / (2 * tau));
            dr[off + 1] = d.re();
            di[off + 1] = d.im();
        }
    }

    private static Cx tlmq(double w, double rion, double qs, double gamma) {
        // Z_s = 1/(Q (j w)^gamma)
        Cx zs = Cx.polar(Math.pow(w, -gamma) / qs, -gamma * Math.PI / 2);
        Cx a = zs.scale(rion).sqrt();
        Cx b = Cx.ONE.div(zs).scale(rion).sqrt();
        return a.div(b.tanh());
    }
}
