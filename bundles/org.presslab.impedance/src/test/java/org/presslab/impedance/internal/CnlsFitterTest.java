package org.presslab.impedance.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.presslab.impedance.api.CircuitModel;
import org.presslab.impedance.api.FitOptions;
import org.presslab.impedance.api.FitResult;
import org.presslab.impedance.api.FittedParameter;
import org.presslab.impedance.api.ParameterConstraint;
import org.presslab.impedance.api.Spectrum;
import org.presslab.impedance.api.Weighting;

class CnlsFitterTest {

    private final CnlsFitter fitter = new CnlsFitter();

    static List<Arguments> circuits() {
        return List.of(
                Arguments.of(Synthetic.TWO_CPE_W, Synthetic.TWO_CPE_W_TRUE),
                Arguments.of(Synthetic.RC_WO, Synthetic.RC_WO_TRUE),
                Arguments.of("R0-p(R1,C1)", new double[] {5, 200, 2e-6}),
                Arguments.of("L0-R0-p(R1,CPE1)-Ws1", new double[] {2e-6, 20, 300, 5e-6, 0.85, 150, 3.0}),
                Arguments.of("R0-p(R1,CPE1)-G1", new double[] {15, 80, 2e-6, 0.9, 120, 0.05}));
    }

    @ParameterizedTest
    @MethodSource("circuits")
    void recoversNoiseFreeParametersFromAutomaticGuesses(String circuit, double[] truth) {
        Spectrum s = Synthetic.clean(circuit, truth);
        FitResult r = fitter.fit(s, circuit);
        assertTrue(r.converged(), r.warnings().toString());
        for (int k = 0; k < truth.length; k++) {
            assertEquals(truth[k], r.values()[k], 1e-6 * Math.abs(truth[k]), circuit + " " + r.parameters().get(k).name());
        }
    }

    private FitResult fitFromTruth(Spectrum s, String circuit, double[] truth, Weighting w) {
        CircuitModel m = fitter.parse(circuit);
        List<ParameterConstraint> starts = new ArrayList<>();
        for (int k = 0; k < truth.length; k++) {
            starts.add(ParameterConstraint.start(m.parameterNames().get(k), truth[k]));
        }
        return fitter.fit(s, circuit, new FitOptions(w, starts, 1000, 0));
    }

    /** With 1 % noise the automatic fit must find the minimum a fit started at the true values finds. */
    @ParameterizedTest
    @MethodSource("circuits")
    void noisyFitReachesTheMinimumOfAFitStartedAtTheTruth(String circuit, double[] truth) {
        Spectrum clean = Synthetic.clean(circuit, truth);
        Random rnd = new Random(42);
        for (int trial = 0; trial < 40; trial++) {
            Spectrum s = Synthetic.noisy(clean, trial % 2 == 0 ? 0.01 : 0.005, rnd);
            FitResult auto = fitter.fit(s, circuit);
            FitResult ref = fitFromTruth(s, circuit, truth, Weighting.MODULUS);
            assertTrue(auto.chiSquare() <= ref.chiSquare() * (1 + 1e-6),
                    circuit + " trial " + trial + ": automatic chi2 " + auto.chiSquare() + " > " + ref.chiSquare());
            for (int k = 0; k < truth.length; k++) {
                assertEquals(ref.values()[k], auto.values()[k], 1e-4 * Math.abs(ref.values()[k]) + 1e-12,
                        circuit + " trial " + trial + " " + auto.parameters().get(k).name());
            }
        }
    }

    /**
     * Monte Carlo coverage of the 95 % intervals: 200 noisy spectra (1 % Gaussian noise on Z' and
     * Z'' proportional to |Z|, modulus weighting), fixed seed. Each parameter's interval must hold
     * the true value in 88..99 % of the trials.
     */
    @ParameterizedTest
    @MethodSource("circuits")
    void confidenceIntervalsCoverTheTruthAbout95PercentOfTheTime(String circuit, double[] truth) {
        Spectrum clean = Synthetic.clean(circuit, truth);
        Random rnd = new Random(20261125L);
        int trials = 200;
        int[] hits = new int[truth.length];
        for (int t = 0; t < trials; t++) {
            FitResult r = fitter.fit(Synthetic.noisy(clean, 0.01, rnd), circuit);
            for (int k = 0; k < truth.length; k++) {
                if (r.parameters().get(k).ciContains(truth[k])) {
                    hits[k]++;
                }
            }
        }
        for (int k = 0; k < truth.length; k++) {
            double cov = hits[k] / (double) trials;
            assertTrue(cov >= 0.88 && cov <= 0.99, circuit + " " + fitter.parse(circuit).parameterNames().get(k)
                    + " coverage " + cov);
        }
    }

    /**
     * A user start with the two arcs swapped and the Warburg far off lands Levenberg-Marquardt in
     * a local minimum; the KK gate notices the misfit and the multi-start fallback finds the
     * global minimum.
     */
    @Test
    void multiStartRescuesABadUserStart() {
        String c = Synthetic.TWO_CPE_W;
        Spectrum s = Synthetic.noisy(Synthetic.clean(c, Synthetic.TWO_CPE_W_TRUE), 0.01, new Random(8));
        double[] bad = {1, 5000, 1e-2, 0.5, 1, 1e-9, 0.99, 1e4};
        CircuitModel m = fitter.parse(c);
        List<ParameterConstraint> starts = new ArrayList<>();
        for (int k = 0; k < bad.length; k++) {
            starts.add(ParameterConstraint.start(m.parameterNames().get(k), bad[k]));
        }
        FitResult single = fitter.fit(s, c, new FitOptions(Weighting.MODULUS, starts, 1000, 0));
        FitResult multi = fitter.fit(s, c, new FitOptions(Weighting.MODULUS, starts, 1000, 6));
        FitResult ref = fitFromTruth(s, c, Synthetic.TWO_CPE_W_TRUE, Weighting.MODULUS);
        assertTrue(single.chiSquare() > 2 * ref.chiSquare(), "the bad start alone should stay in a local minimum: "
                + single.chiSquare() + " vs " + ref.chiSquare());
        assertTrue(multi.starts() > 1);
        assertEquals(ref.chiSquare(), multi.chiSquare(), 1e-6 * ref.chiSquare());
    }

    @Test
    void everyWeightingRecoversNoiseFreeParameters() {
        Spectrum s = Synthetic.clean(Synthetic.TWO_CPE_W, Synthetic.TWO_CPE_W_TRUE);
        for (Weighting w : Weighting.values()) {
            FitResult r = fitter.fit(s, Synthetic.TWO_CPE_W, FitOptions.DEFAULT.withWeighting(w));
            assertEquals(w, r.weighting());
            for (int k = 0; k < Synthetic.TWO_CPE_W_TRUE.length; k++) {
                assertEquals(Synthetic.TWO_CPE_W_TRUE[k], r.values()[k], 1e-6 * Synthetic.TWO_CPE_W_TRUE[k], w + " " + k);
            }
        }
    }

    @Test
    void fixedParameterStaysAndOthersAdapt() {
        Spectrum s = Synthetic.clean("R0-p(R1,C1)", new double[] {5, 200, 2e-6});
        FitResult r = fitter.fit(s, "R0-p(R1,C1)",
                FitOptions.DEFAULT.withConstraints(List.of(ParameterConstraint.fixed("R0", 7))));
        FittedParameter r0 = r.parameter("R0");
        assertTrue(r0.fixed());
        assertEquals(7, r0.value());
        assertEquals(0, r0.standardError());
        assertTrue(r.chiSquare() > 0);
    }

    @Test
    void boundsAreKeptAndReported() {
        Spectrum s = Synthetic.clean("R0-p(R1,C1)", new double[] {5, 200, 2e-6});
        FitResult r = fitter.fit(s, "R0-p(R1,C1)",
                FitOptions.DEFAULT.withConstraints(List.of(ParameterConstraint.bounded("R1", 10, 150))));
        double r1 = r.value("R1");
        assertTrue(r1 >= 10 && r1 <= 150, "R1 = " + r1);
        assertTrue(r.parameter("R1").atBound(), "R1 should sit at its upper bound 150: " + r1);
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("R1") && w.contains("bound")), r.warnings().toString());
    }

    @Test
    void twoSeriesResistorsAreFlaggedNotIdentifiable() {
        Spectrum s = Synthetic.noisy(Synthetic.clean("R0-p(R1,C1)", new double[] {5, 200, 2e-6}), 0.01, new Random(3));
        FitResult r = fitter.fit(s, "R0-R2-p(R1,C1)");
        assertFalse(r.parameter("R0").identifiable());
        assertFalse(r.parameter("R2").identifiable());
        assertTrue(r.parameter("R1").identifiable());
        assertFalse(r.trustworthy());
    }

    @Test
    void iterationLimitIsReportedAsNotConverged() {
        Spectrum s = Synthetic.clean(Synthetic.TWO_CPE_W, Synthetic.TWO_CPE_W_TRUE);
        FitResult r = fitter.fit(s, Synthetic.TWO_CPE_W, new FitOptions(Weighting.MODULUS, List.of(), 1, 0));
        assertFalse(r.converged());
        assertFalse(r.trustworthy());
        assertTrue(r.warnings().get(0).contains("did not converge"), r.warnings().toString());
    }

    @Test
    void badConstraintsAndTooFewPointsAreRefusedByName() {
        Spectrum s = Synthetic.clean("R0-p(R1,C1)", new double[] {5, 200, 2e-6});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fitter.fit(s, "R0-p(R1,C1)",
                FitOptions.DEFAULT.withConstraints(List.of(ParameterConstraint.fixed("R9", 1)))));
        assertTrue(e.getMessage().contains("R9"), e.getMessage());
        Spectrum tiny = new Spectrum(new double[] {1}, new double[] {1}, new double[] {-1}, null);
        e = assertThrows(IllegalArgumentException.class, () -> fitter.fit(tiny, "R0-p(R1,C1)"));
        assertTrue(e.getMessage().contains("3 parameters"), e.getMessage());
    }

    @Test
    void residualsAreRelativeAndModelMatchesSimulation() {
        double[] truth = {5, 200, 2e-6};
        Spectrum s = Synthetic.noisy(Synthetic.clean("R0-p(R1,C1)", truth), 0.01, new Random(9));
        FitResult r = fitter.fit(s, "R0-p(R1,C1)");
        Spectrum model = fitter.parse("R0-p(R1,C1)").simulate(s.frequencies(), r.values());
        for (int i = 0; i < s.size(); i++) {
            assertEquals(model.real(i), r.modelReal()[i], 1e-9 * s.modulus(i));
            assertEquals((s.real(i) - model.real(i)) / s.modulus(i), r.residualReal()[i], 1e-12);
            assertTrue(Math.abs(r.residualImag()[i]) < 0.05);
        }
    }
}
