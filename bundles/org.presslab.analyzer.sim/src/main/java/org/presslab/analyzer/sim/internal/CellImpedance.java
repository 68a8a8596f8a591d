package org.presslab.analyzer.sim.internal;

import org.presslab.analyzer.sim.SimAnalyzerSpec;

/**
 * The impedance of a Na | NASICON-type pellet | Na stack (docs/physics.md §2.2): bulk R_b ∥ C_b, grain
 * boundary R_gb ∥ CPE_gb and the interface R_int ∥ CPE_int in series, shorted by R_short when the cell
 * has shorted.
 * <ul>
 * <li>R_b = L / (σ_b A); R_gb = L/A · (1/σ_tot − 1/σ_b); C_b = ε0 εr A / L.</li>
 * <li>R_int from the simulated cell (R_ref (P/P_ref)^-0.5 / (1 − f), docs/physics.md §1.5); the interface CPE
 * scales with the contact area left, Q_int = q_int · A · (1 − f).</li>
 * </ul>
 * Pure functions; thread-safe.
 */
final class CellImpedance {

    static final double EPS0 = 8.8541878128e-12;

    private final SimAnalyzerSpec s;

    CellImpedance(SimAnalyzerSpec spec) {
        this.s = spec;
    }

    /** Bulk resistance of a pellet of area {@code areaM2}, Ω. */
    double bulkOhm(double areaM2) {
        return s.pelletThicknessM() / (s.bulkConductivitySpm() * areaM2);
    }

    /** Grain-boundary resistance, Ω. */
    double grainBoundaryOhm(double areaM2) {
        return s.pelletThicknessM() / areaM2 * (1 / s.totalConductivitySpm() - 1 / s.bulkConductivitySpm());
    }

    /**
     * Z at {@code f}: {Z', Z''}.
     *
     * @param areaM2 pellet area
     * @param interfaceOhm the cell's interfacial resistance now, Ω (infinite without contact pressure)
     * @param voidFraction the lost-contact fraction f in [0, 1)
     * @param shorted whether the cell has shorted
     */
    double[] impedance(double f, double areaM2, double interfaceOhm, double voidFraction, boolean shorted) {
        double w = 2 * Math.PI * f;
        // bulk: R/(1 + jwRC)
        double rb = bulkOhm(areaM2);
        double cb = EPS0 * s.relativePermittivity() * areaM2 / s.pelletThicknessM();
        double[] z = rc(rb, w * rb * cb);
        // grain boundary: R/(1 + R Q (jw)^a), Q chosen so that C_eff = C_gb (Brug: Q = C^a R^(1-a)... solved for Q)
        double rgb = grainBoundaryOhm(areaM2);
        double qgb = Math.pow(s.grainBoundaryCapacitanceF(), s.grainBoundaryAlpha()) * Math.pow(rgb, s.grainBoundaryAlpha() - 1);
        add(z, zarc(rgb, qgb, s.grainBoundaryAlpha(), w));
        // interface
        double contact = Math.max(1e-6, 1 - voidFraction);
        double qint = s.interfaceCapacitancePerAreaFpm2() * areaM2 * contact;
        if (Double.isInfinite(interfaceOhm)) {
            // no contact pressure: the interface is a blocking CPE
            double m = 1 / (qint * Math.pow(w, s.interfaceAlpha()));
            double ph = -Math.PI / 2 * s.interfaceAlpha();
            z[0] += m * Math.cos(ph);
            z[1] += m * Math.sin(ph);
        } else {
            add(z, zarc(interfaceOhm, qint, s.interfaceAlpha(), w));
        }
        if (shorted) {
            // Z ∥ R_short
            double rs = s.shortResistanceOhm();
            double nr = z[0] * rs, ni = z[1] * rs;
            double dr = z[0] + rs, di = z[1];
            double d = dr * dr + di * di;
            z = new double[] { (nr * dr + ni * di) / d, (ni * dr - nr * di) / d };
        }
        return z;
    }

    /** R/(1 + j x). */
    private static double[] rc(double r, double x) {
        double d = 1 + x * x;
        return new double[] { r / d, -r * x / d };
    }

    /** R/(1 + R Q (jw)^a). */
    static double[] zarc(double r, double q, double a, double w) {
        double m = r * q * Math.pow(w, a);
        double re = 1 + m * Math.cos(Math.PI / 2 * a);
        double im = m * Math.sin(Math.PI / 2 * a);
        double d = re * re + im * im;
        return new double[] { r * re / d, -r * im / d };
    }

    private static void add(double[] z, double[] b) {
        z[0] += b[0];
        z[1] += b[1];
    }
}
