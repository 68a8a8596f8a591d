package org.presslab.impedance.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.presslab.impedance.api.KkOptions;
import org.presslab.impedance.api.KkResult;
import org.presslab.impedance.api.Spectrum;
import org.presslab.impedance.api.SpectrumMetadata;

class LinKkTest {

    private final LinKk kk = new LinKk();

    /** impedance.py's dummy-circuit measurements are valid: every residual below 1 %. */
    @ParameterizedTest
    @ValueSource(strings = {"Circuit1_EIS_1.z", "Circuit1_EIS_2.z", "Circuit2_EIS_1.z", "Circuit2_EIS_2.z",
        "Circuit3_EIS_1.z", "Circuit3_EIS_2.z", "exampleDataZPlot.z"})
    void dummyCircuitMeasurementsPass(String file) {
        Spectrum s = TestData.zplotResource(file);
        KkResult r = kk.test(s);
        assertTrue(r.valid(), file + ": max residual " + r.maxResidual() + " at M=" + r.m());
        assertTrue(r.maxResidual() < 0.01);
        assertTrue(r.suspectPoints().isEmpty());
        assertTrue(r.mu() <= 0.85, "mu " + r.mu());
        assertEquals(s.size(), r.residualReal().length);
    }

    /** Schönleber's bare rule (first M with mu <= 0.85) stops far too early on these files. */
    @Test
    void firstMuCrossingAloneUnderfits() {
        Spectrum s = TestData.zplotResource("Circuit1_EIS_1.z");
        KkResult early = kk.test(s, new KkOptions(0.85, 100, 3, true, 0.01));
        assertTrue(early.mu() <= 0.85, "mu at M=3 " + early.mu());
        assertTrue(early.maxResidual() > 0.05, "M=3 residual " + early.maxResidual());
    }

    @Test
    void synthetic_KkCompliantSpectrumHasTinyResiduals() {
        Spectrum s = Synthetic.clean(Synthetic.TWO_CPE_W, Synthetic.TWO_CPE_W_TRUE);
        KkResult r = kk.test(s);
        assertTrue(r.maxResidual() < 0.005, "max " + r.maxResidual());
    }

    /** A cell that drifts during the sweep (its resistance grows with time) violates causality/stationarity. */
    @Test
    void driftingSpectrumIsFlaggedAtTheDriftingPoints() {
        Spectrum s = Synthetic.clean("R0-p(R1,C1)", new double[] {10, 100, 1e-5});
        int n = s.size();
        double[] re = s.reals();
        double[] im = s.imags();
        // last third of the sweep (lowest frequencies): R1 grows by 40 %
        Circuit c = Circuit.parse("R0-p(R1,C1)");
        for (int i = 2 * n / 3; i < n; i++) {
            double grow = 1 + 0.4 * (i - 2 * n / 3) / (double) (n / 3);
            double[] z = c.impedance(s.frequency(i), new double[] {10, 100 * grow, 1e-5});
            re[i] = z[0];
            im[i] = z[1];
        }
        Spectrum drift = new Spectrum(s.frequencies(), re, im, SpectrumMetadata.ofSource("drift"));
        KkResult r = kk.test(drift);
        assertFalse(r.valid(), "drift not detected, max " + r.maxResidual());
        List<Integer> bad = r.suspectPoints();
        assertTrue(bad.contains(n - 1), "the last, most drifted point is suspect: " + bad);

    }

    @Test
    void tauGridSpansTheMeasuredRange() {
        double[] tau = LinKk.taus(5, 2 * Math.PI * 0.1, 2 * Math.PI * 1e5);
        assertEquals(1 / (2 * Math.PI * 1e5), tau[0], 1e-18);
        assertEquals(1 / (2 * Math.PI * 0.1), tau[4], 1e-12);
        assertEquals(Math.sqrt(tau[0] * tau[4]), tau[2], 1e-12);
    }
}
