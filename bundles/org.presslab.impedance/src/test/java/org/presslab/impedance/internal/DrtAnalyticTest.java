package org.presslab.impedance.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.presslab.impedance.api.DrtOptions;
import org.presslab.impedance.api.DrtOptions.LambdaMethod;
import org.presslab.impedance.api.DrtPeak;
import org.presslab.impedance.api.DrtResult;
import org.presslab.impedance.api.Spectrum;

/** The DRT against distributions known in closed form, on noise-free spectra (80 points, 1 MHz-10 mHz). */
class DrtAnalyticTest {

    private final TikhonovDrt drt = new TikhonovDrt();
    private static final DrtOptions SHARP = new DrtOptions(LambdaMethod.GIVEN, 1e-6, 10, 1, false);

    private static Spectrum clean(String circuit, double[] p) {
        return Circuit.parse(circuit).simulate(Synthetic.logFrequencies(1e6, 1e-2, 80), p);
    }

    /** An RC element's DRT is a delta at tau = RC holding R: one peak there, area R. */
    @Test
    void rcElementGivesOneDeltaPeakAtRcHoldingR() {
        DrtResult r = drt.analyze(clean("R0-p(R1,C1)", new double[] {10, 100, 1e-5}), SHARP);
        assertEquals(1, r.peaks().size(), r.peaks().toString());
        DrtPeak p = r.peaks().get(0);
        // within one grid step (0.1 decade) of tau = 1e-3 s
        assertEquals(-3, Math.log10(p.tau()), 0.1, p.toString());
        assertEquals(100, p.resistance(), 1.0, p.toString());
        assertEquals(10, r.rInf(), 0.1);
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
    }

    /**
     * A ZARC p(R,CPE) has gamma(ln tau) = R/(2 pi) sin((1 - a) pi) / (cosh(a ln(tau/tau0)) - cos((1 - a) pi)),
     * tau0 = (R Q)^(1/a). The computed gamma must follow it within 3 % of its peak everywhere.
     */
    @Test
    void zarcFollowsTheClosedFormDistribution() {
        double rr = 200;
        double a = 0.8;
        double tau0 = 1e-3;
        double q = Math.pow(tau0, a) / rr;
        DrtResult r = drt.analyze(clean("R0-p(R1,CPE1)", new double[] {5, rr, q, a}), SHARP);
        double peak = rr / (2 * Math.PI) * Math.sin((1 - a) * Math.PI) / (1 - Math.cos((1 - a) * Math.PI));
        double worst = 0;
        for (int k = 0; k < r.tau().length; k++) {
            double x = Math.log(r.tau()[k] / tau0);
            double exact = rr / (2 * Math.PI) * Math.sin((1 - a) * Math.PI) / (Math.cosh(a * x) - Math.cos((1 - a) * Math.PI));
            worst = Math.max(worst, Math.abs(r.gamma()[k] - exact));
        }
        assertTrue(worst < 0.03 * peak, "largest deviation " + worst + " of a peak " + peak);
        assertEquals(rr, r.polarizationResistance(), 0.01 * rr);
    }

    /** A blocking electrode R0-p(R1,C1)-C2: the series capacitance column recovers C2; without it, the fit is poor. */
    @Test
    void seriesCapacitanceColumnRecoversABlockingElectrode() {
        Spectrum s = clean("R0-p(R1,C1)-C2", new double[] {10, 100, 1e-6, 1e-4});
        DrtOptions gcv = new DrtOptions(LambdaMethod.GCV, Double.NaN, 10, 1, false);
        DrtResult with = drt.analyze(s, gcv.withSeriesCapacitance(true));
        assertEquals(1e-4, with.seriesCapacitance(), 0.02e-4);
        assertEquals(1, with.peaks().size(), with.peaks().toString());
        assertEquals(100, with.peaks().get(0).resistance(), 3);
        DrtResult without = drt.analyze(s, gcv);
        assertTrue(Double.isInfinite(without.seriesCapacitance()));
        assertTrue(maxResidual(without) > 10 * maxResidual(with), maxResidual(without) + " vs " + maxResidual(with));
    }

    private static double maxResidual(DrtResult r) {
        double m = 0;
        for (int i = 0; i < r.frequency().length; i++) {
            m = Math.max(m, Math.max(Math.abs(r.residualReal()[i]), Math.abs(r.residualImag()[i])));
        }
        return m;
    }
}
