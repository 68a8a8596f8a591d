package org.presslab.bench.impedance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.presslab.impedance.api.CircuitModel;
import org.presslab.impedance.api.FitOptions;
import org.presslab.impedance.api.FitResult;
import org.presslab.impedance.api.FittedParameter;
import org.presslab.impedance.api.ParameterConstraint;
import org.presslab.impedance.api.Spectrum;
import org.presslab.impedance.api.Weighting;
import org.presslab.impedance.ImpedanceAnalysis;
import org.presslab.impedance.BenchmarkSet;
import org.presslab.impedance.api.CircuitFitter;

/**
 * The issue-12 figures of one benchmark family with default options: the best minimum against a
 * global reference (the best of a fit started at the truth and {@code randomStarts} fits from
 * random starts), labels consistent with the truth (block 1 is the high-frequency arc),
 * resistances within 5 % of the truth beside the truth-start ceiling, 95 % interval coverage, and
 * the time per fit (median, p90) with a warmed JIT. Run:
 * {@code java -cp benchmarks.jar org.presslab.bench.impedance.SetCheck [count] [randomStarts]}.
 */
public final class SetCheck {

    private SetCheck() {
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int randomStarts = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        boolean verbose = args.length > 2 && args[2].equals("-v");
        for (String family : new String[] {BenchmarkSet.TWO_ARC_W, BenchmarkSet.RC_WO}) {
            System.out.println(run(family, count, randomStarts, verbose));
        }
    }

    /** The figures of one run. */
    public record Report(String family, int count, int bestMinimum, int labelsConsistent, int resistancesWithin5,
            int truthStartWithin5, int ciCovered, int ciTotal, double medianMs, double p90Ms, double meanStarts) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: %d spectra%n  best minimum %d/%d%n  %s %d/%d%n"
                    + "  resistances within 5 %% %d/%d (truth-start ceiling %d/%d)%n  95 %% CI coverage %.1f %% (%d/%d)%n"
                    + "  time per fit median %.3f ms, p90 %.3f ms; mean starts %.2f", family, count, bestMinimum, count,
                    family.equals(BenchmarkSet.TWO_ARC_W) ? "labels consistent with the truth (block 1 = high-frequency arc)"
                            : "arcs in the blocks the truth has them (blocks not interchangeable: the other way round can fit"
                            + " as well, with a note)", labelsConsistent, count, resistancesWithin5, count, truthStartWithin5, count,
                    100.0 * ciCovered / ciTotal, ciCovered, ciTotal, medianMs, p90Ms, meanStarts);
        }
    }

    public static Report run(String family, int count, int randomStarts, boolean verbose) {
        CircuitFitter fitter = ImpedanceAnalysis.circuitFitter();
        List<BenchmarkSet.Case> cases = BenchmarkSet.generate(family, count);
        // warm the JIT on other spectra of the same family
        for (BenchmarkSet.Case c : BenchmarkSet.generate(family, 300, 1)) {
            fitter.fit(c.spectrum(), family);
        }
        double[] ms = new double[count];
        FitResult[] auto = new FitResult[count];
        for (int k = 0; k < count; k++) {
            long t0 = System.nanoTime();
            auto[k] = fitter.fit(cases.get(k).spectrum(), family);
            ms[k] = (System.nanoTime() - t0) / 1e6;
        }
        int best = 0;
        int labels = 0;
        int within = 0;
        int ceiling = 0;
        int covered = 0;
        int total = 0;
        double starts = 0;
        CircuitModel m = fitter.parse(family);
        for (int k = 0; k < count; k++) {
            BenchmarkSet.Case c = cases.get(k);
            double[] truth = c.truth();
            FitResult a = auto[k];
            FitResult fromTruth = fitter.fit(c.spectrum(), family, startAt(m, truth, 0));
            double ref = Math.min(fromTruth.chiSquare(), globalReference(fitter, m, c.spectrum(), randomStarts, k));
            boolean ok = a.chiSquare() <= ref * (1 + 1e-6);
            best += ok ? 1 : 0;
            boolean lab = labelsMatch(family, a.values(), truth);
            labels += lab ? 1 : 0;
            within += resistancesWithin(m, a.values(), truth, 0.05) ? 1 : 0;
            ceiling += resistancesWithin(m, fromTruth.values(), truth, 0.05) ? 1 : 0;
            for (int j = 0; j < truth.length; j++) {
                FittedParameter p = a.parameters().get(j);
                total++;
                covered += p.ciContains(truth[j]) ? 1 : 0;
            }
            starts += a.starts();
            if (verbose && (!ok || !lab)) {
                System.out.printf(Locale.ROOT, "#%d %s%s chi2 %.6g ref %.6g starts %d%n  truth %s%n  fit   %s%n  notes %s%n", k,
                        ok ? "" : "MISSED ", lab ? "" : "LABELS", a.chiSquare(), ref, a.starts(), Arrays.toString(truth),
                        Arrays.toString(a.values()), a.warnings());
            }
        }
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        return new Report(family, count, best, labels, within, ceiling, covered, total, sorted[count / 2],
                sorted[(int) Math.ceil(0.9 * count) - 1], starts / count);
    }

    /** A single fit started at {@code start}, no multi-start. */
    static FitOptions startAt(CircuitModel m, double[] start, int extraStarts) {
        List<ParameterConstraint> cs = new ArrayList<>();
        for (int j = 0; j < start.length; j++) {
            cs.add(ParameterConstraint.start(m.parameterNames().get(j), start[j]));
        }
        return new FitOptions(Weighting.MODULUS, cs, 1000, extraStarts);
    }

    /** The lowest chi-square of fits from random starts spread over the benchmark's ranges and beyond. */
    static double globalReference(CircuitFitter fitter, CircuitModel m, Spectrum s, int n, int seed) {
        SplittableRandom rnd = new SplittableRandom(99L * seed + 7);
        double bestChi = Double.POSITIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            double[] p = new double[m.parameterCount()];
            for (int j = 0; j < p.length; j++) {
                String unit = m.parameterUnits().get(j);
                p[j] = switch (unit) {
                    case "ohm" -> Math.pow(10, -0.5 + 5.5 * rnd.nextDouble());
                    case "" -> 0.5 + 0.5 * rnd.nextDouble();
                    case "s" -> Math.pow(10, -3 + 4 * rnd.nextDouble());
                    case "ohm s^-1/2" -> Math.pow(10, 0 + 4 * rnd.nextDouble());
                    default -> Math.pow(10, -12 + 8 * rnd.nextDouble()); // C, Q
                };
            }
            try {
                bestChi = Math.min(bestChi, fitter.fit(s, m.circuit(), startAt(m, p, 0)).chiSquare());
            } catch (RuntimeException e) {
                // a start the optimiser cannot use counts as no result
            }
        }
        return bestChi;
    }

    /** Apex frequencies of the two parallel blocks of a family's parameter vector. */
    static double[] apexes(String family, double[] p) {
        if (family.equals(BenchmarkSet.TWO_ARC_W)) {
            return new double[] {1 / (2 * Math.PI * Math.pow(p[1] * p[2], 1 / p[3])),
                1 / (2 * Math.PI * Math.pow(p[4] * p[5], 1 / p[6]))};
        }
        return new double[] {1 / (2 * Math.PI * p[1] * p[2]), 1 / (2 * Math.PI * p[3] * p[6])};
    }

    /** Block 1 of the fit is the arc of the truth's block 1 (nearest apex on a log scale). */
    static boolean labelsMatch(String family, double[] fit, double[] truth) {
        double[] a = apexes(family, fit);
        double[] t = apexes(family, truth);
        double same = Math.abs(Math.log(a[0] / t[0])) + Math.abs(Math.log(a[1] / t[1]));
        double swapped = Math.abs(Math.log(a[0] / t[1])) + Math.abs(Math.log(a[1] / t[0]));
        return same < swapped;
    }

    /** R0, R1, R2 each within {@code tol} of the truth. */
    static boolean resistancesWithin(CircuitModel m, double[] fit, double[] truth, double tol) {
        for (String r : new String[] {"R0", "R1", "R2"}) {
            int j = m.indexOf(r);
            if (Math.abs(fit[j] / truth[j] - 1) > tol) {
                return false;
            }
        }
        return true;
    }
}
