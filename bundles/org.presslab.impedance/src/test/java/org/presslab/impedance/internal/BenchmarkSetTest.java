package org.presslab.impedance.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.presslab.impedance.api.FitOptions;
import org.presslab.impedance.api.FitResult;
import org.presslab.impedance.api.ParameterConstraint;
import org.presslab.impedance.api.Spectrum;
import org.presslab.impedance.api.Weighting;

/**
 * The issue-12 properties on the first 60 spectra of the generated family
 * {@code R0-p(R1,CPE1)-p(R2,CPE2)-W1} (the full 200 of both families, against a global reference
 * of random starts, run in benchmarks/impedance-bench SetCheck). Limits sit at the measured
 * figures: a regression that loses a minimum or a label fails.
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

    @Test
    void defaultFitsReachTheMinimumOfTheTruthStartWithCanonicalLabels() {
        int reached = 0;
        int labelled = 0;
        int covered = 0;
        int total = 0;
        int reordered = 0;
        List<BenchmarkSet.Case> cases = BenchmarkSet.generate(A, 60);
        for (BenchmarkSet.Case c : cases) {
            FitResult auto = fitter.fit(c.spectrum(), A);
            FitResult ref = fromTruth(c);
            reached += auto.chiSquare() <= ref.chiSquare() * (1 + 1e-6) ? 1 : 0;
            double[] p = auto.values();
            // canonical labels: block 1 is the high-frequency arc, as in the truth
            labelled += apexHz(p[1], p[2], p[3]) > apexHz(p[4], p[5], p[6]) ? 1 : 0;
            reordered += auto.notes().stream().anyMatch(n -> n.contains("order of time constant")) ? 1 : 0;
            double[] t = c.truth();
            for (int j = 0; j < t.length; j++) {
                total++;
                covered += auto.parameters().get(j).ciContains(t[j]) ? 1 : 0;
            }
        }
        System.out.printf("benchmark set, first 60 of %s: truth-start minimum reached %d, labels %d, reordered %d,"
                + " CI coverage %.3f%n", A, reached, labelled, reordered, covered / (double) total);
        // measured 2026-12-04: 60/60, labels 60/60, coverage 0.956
        assertEquals(60, reached, "fits reaching the truth-start minimum");
        assertEquals(60, labelled, "fits with block 1 the high-frequency arc");
        assertTrue(reordered > 0, "some fits must have needed reordering, and said so");
        double coverage = covered / (double) total;
        assertTrue(coverage > 0.90 && coverage < 0.98, "95 % CI coverage " + coverage);
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
