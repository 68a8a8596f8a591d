package org.presslab.impedance.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.presslab.impedance.BenchmarkSet;
import org.presslab.impedance.api.FitOptions;
import org.presslab.impedance.api.FitResult;
import org.presslab.impedance.api.ParameterConstraint;
import org.presslab.impedance.api.Spectrum;
import org.presslab.impedance.api.Weighting;

/**
 * The issue-12 properties on the 200 generated spectra of both families, against fits started
 * at the truth (the global reference with random starts as well is benchmarks/impedance-bench
 * SetCheck). Limits sit at the measured figures: a regression that loses a minimum or a label
 * fails.
 */
class BenchmarkSetTest {

    private static final String A = BenchmarkSet.TWO_ARC_W;
    private final CnlsFitter fitter = new CnlsFitter();

    private FitResult fromTruth(BenchmarkSet.Case c) {
        List<ParameterConstraint> cs = new ArrayList<>();
        Circuit m = Circuit.parse(c.circuit());
        for (int j = 0; j < c.truth().length; j++) {
            cs.add(ParameterConstraint.start(m.parameterNames().get(j), c.truth()[j]));
        }
        return fitter.fit(c.spectrum(), c.circuit(), new FitOptions(Weighting.MODULUS, cs, 1000, 0));
    }

    private static double apexHz(double r, double q, double a) {
        return 1 / (2 * Math.PI * Math.pow(r * q, 1 / a));
    }

    private static boolean resistancesWithin5(double[] fit, double[] truth, int... idx) {
        for (int j : idx) {
            if (Math.abs(fit[j] / truth[j] - 1) > 0.05) {
                return false;
            }
        }
        return true;
    }

    @Test
    void defaultFitsReachTheMinimumOfTheTruthStartWithCanonicalLabels() {
        int reached = 0;
        int labelled = 0;
        int covered = 0;
        int total = 0;
        int reordered = 0;
        int within = 0;
        int ceiling = 0;
        List<BenchmarkSet.Case> cases = BenchmarkSet.generate(A, 200);
        for (BenchmarkSet.Case c : cases) {
            FitResult auto = fitter.fit(c.spectrum(), A);
            FitResult ref = fromTruth(c);
            reached += auto.chiSquare() <= ref.chiSquare() * (1 + 1e-6) ? 1 : 0;
            double[] p = auto.values();
            // canonical labels: block 1 is the high-frequency arc, as in the truth
            labelled += apexHz(p[1], p[2], p[3]) > apexHz(p[4], p[5], p[6]) ? 1 : 0;
            reordered += auto.notes().stream().anyMatch(n -> n.contains("order of time constant")) ? 1 : 0;
            double[] t = c.truth();
            within += resistancesWithin5(p, t, 0, 1, 4) ? 1 : 0;
            ceiling += resistancesWithin5(ref.values(), t, 0, 1, 4) ? 1 : 0;
            for (int j = 0; j < t.length; j++) {
                total++;
                covered += auto.parameters().get(j).ciContains(t[j]) ? 1 : 0;
            }
        }
        System.out.printf("benchmark set %s, 200 spectra: truth-start minimum reached %d, labels %d, reordered %d,"
                + " R within 5 %% %d (truth start %d), CI coverage %.3f%n", A, reached, labelled, reordered, within, ceiling,
                covered / (double) total);
        // measured 2026-12-04: 200, 200, reordered 4, R 150 (150), coverage 0.946
        assertEquals(200, reached, "fits reaching the truth-start minimum");
        assertEquals(200, labelled, "fits with block 1 the high-frequency arc");
        assertEquals(ceiling, within, "resistances within 5 % below the truth-start ceiling");
        assertTrue(reordered > 0, "some fits must have needed reordering, and said so");
        double coverage = covered / (double) total;
        assertTrue(coverage > 0.92 && coverage < 0.97, "95 % CI coverage " + coverage);
    }

    /**
     * RC + Wo: blocks that are not interchangeable. The fit is never above the truth-start
     * minimum, and where its arcs sit in the other blocks than the truth's, it fits better than
     * the truth-start minimum or says that the other way round fits as well.
     */
    @Test
    void rcWoFitsReachTheTruthStartMinimumAndNameTheOtherAssignment() {
        int reached = 0;
        int otherWay = 0;
        int unexplained = 0;
        int covered = 0;
        int total = 0;
        for (BenchmarkSet.Case c : BenchmarkSet.generate(BenchmarkSet.RC_WO, 200)) {
            FitResult auto = fitter.fit(c.spectrum(), c.circuit());
            FitResult ref = fromTruth(c);
            reached += auto.chiSquare() <= ref.chiSquare() * (1 + 1e-6) ? 1 : 0;
            double[] p = auto.values();
            double[] t = c.truth();
            // block 1 holds the high-frequency arc as in the truth when its R1 C1 is the smaller time constant
            boolean sameWay = p[1] * p[2] < p[3] * p[6] == t[1] * t[2] < t[3] * t[6];
            if (!sameWay) {
                otherWay++;
                boolean better = auto.chiSquare() < ref.chiSquare() * (1 - 1e-6);
                boolean noted = auto.notes().stream().anyMatch(n -> n.contains("other way round"));
                unexplained += better || noted ? 0 : 1;
            }
            for (int j = 0; j < t.length; j++) {
                total++;
                covered += auto.parameters().get(j).ciContains(t[j]) ? 1 : 0;
            }
        }
        System.out.printf("benchmark set %s, 200 spectra: truth-start minimum reached %d, other assignment %d"
                + " (unexplained %d), CI coverage %.3f%n", BenchmarkSet.RC_WO, reached, otherWay, unexplained,
                covered / (double) total);
        // measured 2026-12-04: 200, 7, 0, 0.921
        assertEquals(200, reached);
        assertEquals(0, unexplained);
        assertTrue(otherWay <= 14, "arcs the other way round: " + otherWay);
        double coverage = covered / (double) total;
        assertTrue(coverage > 0.90 && coverage < 0.97, "95 % CI coverage " + coverage);
    }

    @Test
    void canonicalOrderCanBeSwitchedOff() {
        // a spectrum whose optimiser order is the reverse of the canonical one
        for (BenchmarkSet.Case c : BenchmarkSet.generate(A, 60)) {
            FitResult on = fitter.fit(c.spectrum(), A);
            if (on.notes().stream().noneMatch(n -> n.contains("order of time constant"))) {
                continue;
            }
            FitResult off = fitter.fit(c.spectrum(), A, FitOptions.DEFAULT.withCanonicalOrder(false));
            assertEquals(on.chiSquare(), off.chiSquare(), 1e-9 * on.chiSquare());
            assertEquals(on.value("R1"), off.value("R2"), 1e-6 * on.value("R1"));
            assertEquals(on.value("CPE1_1"), off.value("CPE2_1"), 1e-6);
            assertTrue(off.notes().stream().noneMatch(n -> n.contains("order of time constant")));
            return;
        }
        throw new AssertionError("no spectrum among the first 60 needed reordering");
    }

    @Test
    void seriesFitMatchesSingleFitsAndKeepsOrder() {
        List<Spectrum> series = new ArrayList<>();
        // a slowly drifting series: one parameter set, R2 growing 1 % per step
        BenchmarkSet.Case base = BenchmarkSet.generate(A, 1).get(0);
        double[] t = base.truth();
        Circuit m = Circuit.parse(A);
        java.util.Random rnd = new java.util.Random(3);
        for (int k = 0; k < 24; k++) {
            double[] p = t.clone();
            p[4] *= Math.pow(1.01, k);
            series.add(Synthetic.noisy(m.simulate(BenchmarkSet.frequencies(), p), 0.005, rnd));
        }
        List<FitResult> rs = fitter.fitSeries(series, A, FitOptions.DEFAULT, 2);
        assertEquals(series.size(), rs.size());
        int warm = 0;
        for (int k = 0; k < series.size(); k++) {
            FitResult single = fitter.fit(series.get(k), A);
            assertTrue(rs.get(k).chiSquare() <= single.chiSquare() * (1 + 1e-6), "spectrum " + k);
            assertEquals(t[4] * Math.pow(1.01, k), rs.get(k).value("R2"), 0.05 * t[4] * Math.pow(1.01, k), "R2 of " + k);
            warm += rs.get(k).notes().stream().anyMatch(n -> n.startsWith("warm start")) ? 1 : 0;
        }
        // two runs of 12: the first of each is cold
        assertEquals(22, warm);
        assertFalse(rs.contains(null));
    }
}
