package org.presslab.impedance.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.math3.analysis.MultivariateMatrixFunction;
import org.apache.commons.math3.analysis.MultivariateVectorFunction;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.osgi.service.component.annotations.Component;
import org.presslab.impedance.api.CircuitFitter;
import org.presslab.impedance.api.CircuitModel;
import org.presslab.impedance.api.FitOptions;
import org.presslab.impedance.api.FitResult;
import org.presslab.impedance.api.FittedParameter;
import org.presslab.impedance.api.KkResult;
import org.presslab.impedance.api.ParameterConstraint;
import org.presslab.impedance.api.Spectrum;
import org.presslab.impedance.api.Weighting;

/**
 * Complex nonlinear least squares with Commons Math's Levenberg-Marquardt optimiser on
 * transformed parameters (log for positive quantities, logistic for two-sided bounds), an
 * analytic Jacobian through the circuit tree, automatic starting values and a multi-start
 * fallback. Plain Java: {@code org.presslab.impedance.ImpedanceAnalysis.circuitFitter()} gives one without OSGi.
 */
@Component(service = CircuitFitter.class)
public final class CnlsFitter implements CircuitFitter {

    @Override
    public CircuitModel parse(String circuit) {
        return Circuit.parse(circuit);
    }

    @Override
    public double[] initialGuess(Spectrum spectrum, CircuitModel model) {
        Circuit c = model instanceof Circuit ci ? ci : Circuit.parse(model.circuit());
        InitialGuess g = new InitialGuess(spectrum);
        return g.guess(c, g.drtReading(c), 0, 1, Double.NaN); // the first start of a fit
    }

    @Override
    public FitResult fit(Spectrum spectrum, String circuitString, FitOptions options) {
        Circuit circuit = Circuit.parse(circuitString);
        return coldFit(new Problem(circuit, spectrum, options), spectrum, options);
    }

    @Override
    public List<FitResult> fitSeries(List<Spectrum> spectra, String circuit, FitOptions options, int threads) {
        return new SeriesFitter(this).fit(spectra, circuit, options, threads);
    }

    /**
     * One start from {@code warm} (a neighbour's result); when it does not reach the noise floor,
     * a cold fit as well, and the better of the two.
     */
    FitResult warmFit(Spectrum spectrum, Circuit circuit, FitOptions options, double[] warm) {
        Problem pb = new Problem(circuit, spectrum, options);
        Blocks blocks = new Blocks(circuit);
        // a parameter the neighbour left on a bound (a resistor at 0) could never leave it again
        double[] start = pb.applyFixed(warm);
        InitialGuess reader = null;
        InitialGuess.Reading drt = null;
        for (int k = 0; k < start.length; k++) {
            if (!pb.isFixed[k] && pb.collapsed(k, start[k])) {
                if (reader == null) {
                    reader = new InitialGuess(spectrum);
                    drt = reader.drtReading(circuit);
                }
                start[k] = reader.guess(circuit, drt, 0, 1, Double.NaN)[k];
            }
        }
        Run r = pb.run(start, options.maxIterations());
        int tried = 1;
        List<String> notes = new ArrayList<>();
        boolean twoWays = options.extraStarts() > 0 && blocks.blocks.size() >= 2 && !blocks.allInterchangeable();
        if (twoWays) {
            // blocks that are not interchangeable: the other assignment of arcs, as in a cold fit
            if (reader == null) {
                reader = new InitialGuess(spectrum);
                drt = reader.drtReading(circuit);
            }
            // the DRT reading with the arcs in the blocks the other way round from the warm result
            double[] g0 = reader.guess(circuit, drt, 0, 1, Double.NaN);
            double[] alt = sameAssignment(blocks, r.p, g0, 10) ? reader.guess(circuit, drt, 1, 1, Double.NaN) : g0;
            Run other = pb.run(pb.applyFixed(alt), options.maxIterations());
            tried++;
            Run best = betterOf(r, other);
            Run worse = best == r ? other : r;
            if (worse.converged && best.converged && worse.chi2 - best.chi2 < 4 * best.chi2 / Math.max(2 * pb.n - pb.free.length, 1)
                    && !sameAssignment(blocks, worse.p, best.p, 3)) {
                notes.add(alternativeNote(circuit, worse, best));
            }
            r = best;
        }
        if (r.converged && !pb.anyAtBound(r.p) && pb.relativeReducedChi2(r.p) <= GATE * pb.kkNoiseFloor(spectrum)) {
            notes.add(0, "warm start from the neighbouring spectrum's result");
            return finish(pb, r, tried, options, notes);
        }
        FitResult cold = coldFit(pb, spectrum, options);
        if (r.converged && r.chi2 < cold.chiSquare() * (1 - 1e-9)) {
            return finish(pb, r, cold.starts() + tried, options, new ArrayList<>(List.of("warm start from the neighbouring "
                    + "spectrum's result; a cold fit, run because the warm one stayed above the noise floor or on a bound, "
                    + "ended higher")));
        }
        return cold.withNote("the warm start from the neighbouring spectrum's result ended "
                + (r.converged ? String.format(Locale.ROOT, "at chi-square %.4g", r.chi2) : "without converging")
                + " above the noise floor or on a bound; this is the cold fit from the automatic guesses");
    }

    private FitResult coldFit(Problem pb, Spectrum spectrum, FitOptions options) {
        Circuit circuit = pb.circuit;
        Blocks blocks = new Blocks(circuit);
        InitialGuess reader = new InitialGuess(spectrum);
        InitialGuess.Reading drt = reader.drtReading(circuit);
        InitialGuess.Reading nyquist = reader.nyquistReading();
        List<double[]> starts = new ArrayList<>();
        starts.add(pb.applyUserStarts(reader.guess(circuit, drt, 0, 1, Double.NaN)));
        // Blocks that are not interchangeable (p(R1,C1) and p(R2-Wo1,C2)) can take the arcs either
        // way round, and the other way can fit as well or better: that start is always tried.
        boolean assignmentCheck = options.extraStarts() > 0 && blocks.blocks.size() >= 2 && !blocks.allInterchangeable();
        if (assignmentCheck) {
            starts.add(pb.applyFixed(reader.guess(circuit, drt, 1, 1, Double.NaN)));
        }
        if (options.extraStarts() > 0) {
            // user starting values belong to the first start; the fallback explores automatic ones
            int nb = blocks.blocks.size();
            double fMax = spectrumMaxHz(spectrum);
            // with fewer DRT arcs than blocks, the missing ones are tried above the highest arc;
            // with as many, the weakest may be the regularisation's: tried without it as well
            InitialGuess.Reading fill = nb == 0 ? null : drt.arcs().size() < nb ? drt : drt.keepWeightiest(nb - 1);
            if (fill != null) {
                starts.add(pb.applyFixed(reader.guess(circuit, fill.withHighFrequencyFill(nb, fMax, 0.5, reader), 0, 1,
                        Double.NaN)));
            }
            starts.add(pb.applyFixed(reader.guess(circuit, nyquist, 0, 1, Double.NaN)));
            if (fill != null) {
                for (double pos : new double[] {0.8, 0.25}) {
                    starts.add(pb.applyFixed(reader.guess(circuit, fill.withHighFrequencyFill(nb, fMax, pos, reader), 0, 1,
                            Double.NaN)));
                }
            }
            // reassigning arcs among interchangeable blocks only permutes labels: no such starts then
            boolean shifts = blocks.blocks.size() >= 2 && !blocks.allInterchangeable();
            double[][] variants = {{0, 10, Double.NaN}, {0, 0.1, Double.NaN}, {1, 1, Double.NaN}, {0, 1, 0.7},
                {-1, 1, Double.NaN}, {0, 100, 0.85}, {1, 0.1, 0.8}, {0, 0.01, Double.NaN}, {0, 1, 0.95}, {0, 3, 0.8}};
            int limit = options.extraStarts() + 1 + (assignmentCheck ? 1 : 0);
            for (int k = 0; k < variants.length && starts.size() < limit; k++) {
                if (variants[k][0] != 0 && !shifts) {
                    continue;
                }
                starts.add(pb.applyFixed(reader.guess(circuit, k % 2 == 0 ? drt : nyquist,
                        (int) variants[k][0], variants[k][1], variants[k][2])));
            }
        }

        Run best = null;
        Run first = null;
        Run second = null;
        int tried = 0;
        int sameMinimum = 0;
        double perfect = 1e-24 * pb.targetNorm2();
        double kkFloor = Double.NaN;
        for (int k = 0; k < starts.size(); k++) {
            Run r = pb.run(starts.get(k), options.maxIterations());
            tried++;
            if (k == 0) {
                first = r;
            } else if (k == 1 && assignmentCheck) {
                second = r;
            }
            if (r.converged && r.chi2 <= perfect) {
                // the model reproduces the data to rounding: no start can do better
                best = r;
                break;
            }
            if (best == null || r.chi2 < best.chi2 * (1 - 1e-9)) {
                boolean improvedClearly = best != null && r.chi2 < best.chi2 * 0.999;
                best = betterOf(best, r);
                sameMinimum = improvedClearly ? 0 : sameMinimum;
            } else if (r.chi2 <= best.chi2 * 1.001) {
                sameMinimum++;
            }
            if (assignmentCheck && k == 0) {
                continue; // the other assignment runs in any case
            }
            if (best.converged) {
                // Gate: a KK-compliant model with many RC elements shows how much of the spectrum is
                // explainable at all. When the circuit leaves no more unexplained than that, its
                // misfit is noise and the minimum is the global one; a local minimum leaves
                // systematic misfit far above the floor. Only then are more starts needed.
                if (Double.isNaN(kkFloor)) {
                    kkFloor = pb.kkNoiseFloor(spectrum);
                }
                if (pb.relativeReducedChi2(best.p) <= GATE * kkFloor) {
                    break;
                }
            }
            // Above the floor (a misspecified model, or a local minimum): stop once three starts
            // agree on the same minimum; two may share a basin.
            if (best.converged && sameMinimum >= 2) {
                break;
            }
        }
        List<String> notes = new ArrayList<>();
        if (second != null && first.converged && second.converged) {
            Run other = best == first ? second : best == second ? first : null;
            double s2 = best.chi2 / Math.max(2 * pb.n - pb.free.length, 1);
            if (other != null && other.chi2 - best.chi2 < 4 * s2 && !sameAssignment(blocks, other.p, best.p, 3)) {
                notes.add(alternativeNote(circuit, other, best));
            }
        }
        return finish(pb, best, tried, options, notes);
    }

    private static String alternativeNote(Circuit circuit, Run other, Run best) {
        return String.format(Locale.ROOT, "the arcs assigned to the blocks the other way round fit almost as well "
                + "(chi-square %.6g against %.6g, a difference within the noise): %s; the data do not decide "
                + "which block holds which arc", other.chi2, best.chi2, Blocks.describe(circuit, other.p));
    }

    private static double spectrumMaxHz(Spectrum s) {
        double m = 0;
        for (int i = 0; i < s.size(); i++) {
            m = Math.max(m, s.frequency(i));
        }
        return m;
    }

    /** Whether two parameter sets put the arcs in the same blocks (apexes within {@code factor}). */
    private static boolean sameAssignment(Blocks blocks, double[] a, double[] b, double factor) {
        for (Circuit.Parallel q : blocks.blocks) {
            double ta = blocks.timeConstant(q, a);
            double tb = blocks.timeConstant(q, b);
            if (Math.abs(Math.log(ta / tb)) > Math.log(factor)) {
                return false;
            }
        }
        return true;
    }

    /** Canonical order (when asked), then the result with its notes. */
    private static FitResult finish(Problem pb, Run best, int tried, FitOptions options, List<String> notes) {
        Run r = best;
        if (options.canonicalOrder() && !pb.anyFixedOrStarted()) {
            Blocks.Ordered o = new Blocks(pb.circuit).canonical(best.p);
            if (o.note() != null) {
                r = new Run(o.p(), best.chi2, best.converged, best.iterations);
                notes.add(0, o.note());
            }
        } else if (options.canonicalOrder()) {
            Blocks.Ordered o = new Blocks(pb.circuit).canonical(best.p);
            if (o.note() != null) {
                notes.add(0, "interchangeable blocks left in the optimiser's order because parameters are fixed or "
                        + "started by name: " + o.note().replace(" put in order", " would be put in order"));
            }
        }
        FitResult res = pb.result(r, tried);
        for (String n : notes) {
            res = res.withNote(n);
        }
        return res;
    }

    /** How far above the Lin-KK noise floor a fit may be and still count as the global minimum. */
    static final double GATE = 1.25;

    private static Run betterOf(Run a, Run b) {
        if (a == null) {
            return b;
        }
        if (b.converged && !a.converged) {
            return b.chi2 <= a.chi2 * 1.001 ? b : a;
        }
        return b.chi2 < a.chi2 ? b : a;
    }

    private static final ConcurrentHashMap<Integer, Double> T975 = new ConcurrentHashMap<>();

    /** Two-sided 95 % Student t quantile, cached per degrees of freedom (the inversion is slow). */
    static double tQuantile975(int dof) {
        return T975.computeIfAbsent(dof, d -> new TDistribution(d).inverseCumulativeProbability(0.975));
    }

    /** The outcome of one start. */
    record Run(double[] p, double chi2, boolean converged, int iterations) {
    }

    /** One spectrum, one circuit, one set of constraints. */
    static final class Problem {
        final Circuit circuit;
        final int n;
        final int np;
        final double[] w;
        final double[] zr;
        final double[] zi;
        final double[] wre;
        final double[] wim;
        final double[] target;
        final int[] free;
        final Transform[] tf;
        final double[] fixedValues;
        final boolean[] isFixed;
        final Double[] userStart;
        final Weighting weighting;
        final boolean constrained;
        final double zMax;

        Problem(Circuit circuit, Spectrum s, FitOptions o) {
            this.circuit = circuit;
            this.weighting = o.weighting();
            n = s.size();
            np = circuit.parameterCount();
            if (2 * n <= np) {
                throw new IllegalArgumentException(circuit.circuit() + " has " + np + " parameters; a spectrum of " + n
                        + " points gives only " + 2 * n + " values");
            }
            w = new double[n];
            zr = s.reals();
            zi = s.imags();
            wre = new double[n];
            wim = new double[n];
            target = new double[2 * n];
            for (int i = 0; i < n; i++) {
                w[i] = 2 * Math.PI * s.frequency(i);
                double m = Math.hypot(zr[i], zi[i]);
                switch (o.weighting()) {
                    case UNIT -> {
                        wre[i] = 1;
                        wim[i] = 1;
                    }
                    case MODULUS -> {
                        wre[i] = 1 / m;
                        wim[i] = 1 / m;
                    }
                    case PROPORTIONAL -> {
                        wre[i] = 1 / Math.max(Math.abs(zr[i]), 1e-3 * m);
                        wim[i] = 1 / Math.max(Math.abs(zi[i]), 1e-3 * m);
                    }
                    default -> throw new IllegalStateException();
                }
                if (!(m > 0)) {
                    throw new IllegalArgumentException("point " + i + " has |Z| = 0; it cannot be weighted by "
                            + o.weighting());
                }
                target[i] = wre[i] * zr[i];
                target[n + i] = wim[i] * zi[i];
            }
            double[] lo = circuit.defaultLowerBounds();
            double[] hi = circuit.defaultUpperBounds();
            isFixed = new boolean[np];
            fixedValues = new double[np];
            userStart = new Double[np];
            Map<String, ParameterConstraint> byName = new HashMap<>();
            for (ParameterConstraint c : o.constraints()) {
                int k = circuit.indexOf(c.name());
                if (k < 0) {
                    throw new IllegalArgumentException("constraint on " + c.name() + ": " + circuit.circuit()
                            + " has no such parameter; it has " + circuit.parameterNames());
                }
                byName.put(c.name(), c);
            }
            List<Integer> fr = new ArrayList<>();
            tf = new Transform[np];
            for (int k = 0; k < np; k++) {
                ParameterConstraint c = byName.get(circuit.parameterNames().get(k));
                double l = lo[k];
                double h = hi[k];
                if (c != null) {
                    if (!Double.isNaN(c.lower())) {
                        l = c.lower();
                    }
                    if (!Double.isNaN(c.upper())) {
                        h = c.upper();
                    }
                    if (!(l < h)) {
                        throw new IllegalArgumentException("parameter " + c.name() + ": bounds [" + l + ", " + h
                                + "] are empty");
                    }
                    if (c.fixed()) {
                        isFixed[k] = true;
                        fixedValues[k] = c.initial();
                    } else if (!Double.isNaN(c.initial())) {
                        if (c.initial() < l || c.initial() > h) {
                            throw new IllegalArgumentException("parameter " + c.name() + ": start " + c.initial()
                                    + " lies outside its bounds [" + l + ", " + h + "]");
                        }
                        userStart[k] = c.initial();
                    }
                }
                tf[k] = new Transform(l, h);
                if (!isFixed[k]) {
                    fr.add(k);
                }
            }
            constrained = !byName.isEmpty();
            double zm = 0;
            for (int i = 0; i < n; i++) {
                zm = Math.max(zm, Math.hypot(zr[i], zi[i]));
            }
            zMax = zm;
            free = fr.stream().mapToInt(Integer::intValue).toArray();
            if (free.length == 0) {
                throw new IllegalArgumentException("every parameter of " + circuit.circuit() + " is fixed: nothing to fit");
            }
        }

        /** Modulus-weighted (relative) chi-square per degree of freedom of the circuit at p. */
        double relativeReducedChi2(double[] p) {
            double[] s = new double[circuit.scratchSize()];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                circuit.eval(w[i], p, s, null, null);
                double m2 = zr[i] * zr[i] + zi[i] * zi[i];
                double a = s[0] - zr[i];
                double b = s[1] - zi[i];
                sum += (a * a + b * b) / m2;
            }
            return sum / (2 * n - free.length);
        }

        /**
         * Relative chi-square per degree of freedom of a linear KK fit with three RC elements per
         * decade (plus R, L, C): what any causal, linear, stable model can leave unexplained.
         */
        double kkNoiseFloor(Spectrum s) {
            double decades = Math.log10(maxOf(w) / minOf(w));
            int m = (int) Math.min(Math.max(Math.round(3 * decades), 3), n - 4);
            KkResult kk = LinKk.fitFixed(s, m, true);
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += kk.residualReal()[i] * kk.residualReal()[i] + kk.residualImag()[i] * kk.residualImag()[i];
            }
            return sum / Math.max(2 * n - m - 3, 1);
        }

        private static double maxOf(double[] v) {
            double m = Double.NEGATIVE_INFINITY;
            for (double x : v) {
                m = Math.max(m, x);
            }
            return m;
        }

        private static double minOf(double[] v) {
            double m = Double.POSITIVE_INFINITY;
            for (double x : v) {
                m = Math.min(m, x);
            }
            return m;
        }

        double targetNorm2() {
            double s = 0;
            for (double t : target) {
                s += t * t;
            }
            return s;
        }

        /** Whether a free parameter sits on a bound or has collapsed (a vanishing or exploding element). */
        boolean anyAtBound(double[] p) {
            for (int k : free) {
                if (collapsed(k, p[k])) {
                    return true;
                }
            }
            return false;
        }

        /**
         * On a bound, a resistance below 1e-9 of the largest |Z|, or any parameter e^100 away
         * from its bound (the log transform ran away): the element has left the circuit.
         */
        boolean collapsed(int k, double v) {
            if (tf[k].atBound(v, v)) {
                return true;
            }
            if (circuit.parameterUnits().get(k).equals("ohm") && v < 1e-9 * zMax) {
                return true;
            }
            return Math.abs(tf[k].toU(v)) > 100;
        }

        /** Whether the user fixed, started or bounded any parameter by name (then names carry meaning). */
        boolean anyFixedOrStarted() {
            return constrained;
        }

        double[] applyFixed(double[] guess) {
            double[] p = guess.clone();
            for (int k = 0; k < np; k++) {
                if (isFixed[k]) {
                    p[k] = fixedValues[k];
                }
            }
            return p;
        }

        double[] applyUserStarts(double[] guess) {
            double[] p = guess.clone();
            for (int k = 0; k < np; k++) {
                if (isFixed[k]) {
                    p[k] = fixedValues[k];
                } else if (userStart[k] != null) {
                    p[k] = userStart[k];
                }
            }
            return p;
        }

        double[] toP(double[] u) {
            double[] p = fixedValues.clone();
            for (int j = 0; j < free.length; j++) {
                p[free[j]] = tf[free[j]].toP(u[j]);
            }
            return p;
        }

        /** Weighted chi-square at p. */
        double chi2(double[] p) {
            double[] s = new double[circuit.scratchSize()];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                circuit.eval(w[i], p, s, null, null);
                double a = wre[i] * s[0] - target[i];
                double b = wim[i] * s[1] - target[n + i];
                sum += a * a + b * b;
            }
            return sum;
        }

        /** Weighted Jacobian dF/dp over the free parameters at p, 2N x free. */
        double[][] jacobianP(double[] p) {
            double[][] j = new double[2 * n][free.length];
            double[] s = new double[circuit.scratchSize()];
            double[] dr = new double[np];
            double[] di = new double[np];
            for (int i = 0; i < n; i++) {
                circuit.eval(w[i], p, s, dr, di);
                for (int k = 0; k < free.length; k++) {
                    j[i][k] = wre[i] * dr[free[k]];
                    j[n + i][k] = wim[i] * di[free[k]];
                }
            }
            return j;
        }

        Run run(double[] start, int maxIter) {
            double[] u0 = new double[free.length];
            for (int j = 0; j < free.length; j++) {
                u0[j] = tf[free[j]].toU(start[free[j]]);
            }
            double[] bestU = u0.clone();
            double[] bestChi = {Double.POSITIVE_INFINITY};
            // Values and Jacobian separately with lazy evaluation: LM's rejected trial steps then
            // cost a value evaluation only, and the Jacobian is computed at accepted points.
            MultivariateVectorFunction values = u -> {
                double[] p = toP(u);
                double[] v = new double[2 * n];
                double[] s = new double[circuit.scratchSize()];
                double chi = 0;
                for (int i = 0; i < n; i++) {
                    circuit.eval(w[i], p, s, null, null);
                    v[i] = wre[i] * s[0];
                    v[n + i] = wim[i] * s[1];
                    double a = v[i] - target[i];
                    double b = v[n + i] - target[n + i];
                    chi += a * a + b * b;
                }
                if (chi < bestChi[0]) {
                    bestChi[0] = chi;
                    System.arraycopy(u, 0, bestU, 0, u.length);
                }
                return v;
            };
            MultivariateMatrixFunction jacobian = u -> {
                double[] p = toP(u);
                double[][] jac = new double[2 * n][free.length];
                double[] s = new double[circuit.scratchSize()];
                double[] dr = new double[np];
                double[] di = new double[np];
                double[] dpdu = new double[free.length];
                for (int j = 0; j < free.length; j++) {
                    dpdu[j] = tf[free[j]].dpdu(u[j]);
                }
                for (int i = 0; i < n; i++) {
                    circuit.eval(w[i], p, s, dr, di);
                    double[] ja = jac[i];
                    double[] jb = jac[n + i];
                    for (int k = 0; k < free.length; k++) {
                        ja[k] = wre[i] * dr[free[k]] * dpdu[k];
                        jb[k] = wim[i] * di[free[k]] * dpdu[k];
                    }
                }
                return jac;
            };
            LevenbergMarquardtOptimizer lm = new LevenbergMarquardtOptimizer()
                    .withCostRelativeTolerance(1e-12)
                    .withParameterRelativeTolerance(1e-12)
                    .withOrthoTolerance(1e-12);
            boolean converged;
            int iterations;
            double[] u;
            try {
                LeastSquaresOptimizer.Optimum opt = lm.optimize(new LeastSquaresBuilder()
                        .model(values, jacobian)
                        .target(target)
                        .start(u0)
                        .maxIterations(maxIter)
                        .maxEvaluations(4 * maxIter)
                        .lazyEvaluation(true)
                        .build());
                u = opt.getPoint().toArray();
                iterations = opt.getIterations();
                converged = true;
            } catch (MathIllegalStateException e) {
                // iteration/evaluation limit or an LM breakdown (tolerance too small): keep the best point seen
                u = bestU;
                iterations = maxIter;
                converged = false;
            }
            double[] p = toP(u);
            double chi = chi2(p);
            if (!Double.isFinite(chi)) {
                return new Run(start, Double.POSITIVE_INFINITY, false, iterations);
            }
            return new Run(p, chi, converged, iterations);
        }

        FitResult result(Run best, int starts) {
            double[] p = best.p();
            int nf = free.length;
            int dof = 2 * n - nf;
            double chi = best.chi2();
            double s2 = chi / dof;
            double[][] jp = jacobianP(p);
            // scaled normal matrix A = D J^T J D, D = 1/column norms
            double[] norm = new double[nf];
            for (int k = 0; k < nf; k++) {
                double ss = 0;
                for (double[] row : jp) {
                    ss += row[k] * row[k];
                }
                norm[k] = Math.sqrt(ss);
            }
            double[][] a = new double[nf][nf];
            for (double[] row : jp) {
                for (int k = 0; k < nf; k++) {
                    if (row[k] == 0) {
                        continue;
                    }
                    double rk = row[k] / (norm[k] > 0 ? norm[k] : 1);
                    for (int l = 0; l < nf; l++) {
                        a[k][l] += rk * row[l] / (norm[l] > 0 ? norm[l] : 1);
                    }
                }
            }
            SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(a, false));
            double[] sv = svd.getSingularValues();
            double tol = 1e-12 * sv[0];
            boolean[] nullDir = new boolean[nf];
            RealMatrix v = svd.getV();
            for (int m = 0; m < sv.length; m++) {
                if (sv[m] <= tol) {
                    for (int k = 0; k < nf; k++) {
                        if (Math.abs(v.getEntry(k, m)) > 0.1) {
                            nullDir[k] = true;
                        }
                    }
                }
            }
            RealMatrix inv = svd.getSolver().getInverse(); // pseudo-inverse beyond the singular threshold
            double t = dof > 0 ? tQuantile975(dof) : Double.NaN;
            List<FittedParameter> out = new ArrayList<>();
            List<String> warnings = new ArrayList<>();
            if (!best.converged()) {
                warnings.add("Levenberg-Marquardt did not converge within " + best.iterations()
                        + " iterations; the values are the best point reached");
            }
            int j = 0;
            for (int k = 0; k < np; k++) {
                String name = circuit.parameterNames().get(k);
                String unit = circuit.parameterUnits().get(k);
                if (isFixed[k]) {
                    out.add(new FittedParameter(name, unit, p[k], 0, p[k], p[k], true, true, false));
                    continue;
                }
                double se;
                if (norm[j] > 0 && !nullDir[j]) {
                    se = Math.sqrt(Math.max(inv.getEntry(j, j), 0) * s2) / norm[j];
                } else {
                    se = Double.POSITIVE_INFINITY;
                }
                boolean atBound = tf[k].atBound(p[k], p[k]);
                boolean identifiable = !nullDir[j] && Double.isFinite(se) && se <= Math.abs(p[k]);
                if (!identifiable) {
                    warnings.add(name + " is not identifiable from these data"
                            + (Double.isFinite(se) ? " (standard error " + fmt(se) + " exceeds the value " + fmt(p[k]) + ")"
                                    : " (the fit does not depend on it independently of the others)"));
                }
                if (atBound) {
                    warnings.add(name + " = " + fmt(p[k]) + " is at a bound; its interval is not meaningful");
                }
                out.add(new FittedParameter(name, unit, p[k], se, p[k] - t * se, p[k] + t * se, false, identifiable,
                        atBound));
                j++;
            }
            double[] s = new double[circuit.scratchSize()];
            double[] mr = new double[n];
            double[] mi = new double[n];
            double[] rr = new double[n];
            double[] ri = new double[n];
            double[] freq = new double[n];
            for (int i = 0; i < n; i++) {
                circuit.eval(w[i], p, s, null, null);
                mr[i] = s[0];
                mi[i] = s[1];
                double m = Math.hypot(zr[i], zi[i]);
                rr[i] = (zr[i] - s[0]) / m;
                ri[i] = (zi[i] - s[1]) / m;
                freq[i] = w[i] / (2 * Math.PI);
            }
            return new FitResult(circuit.circuit(), weighting, out, chi, dof > 0 ? chi / dof : Double.NaN, freq, mr, mi,
                    rr, ri, best.converged(), best.iterations(), starts, warnings);
        }

        private static String fmt(double x) {
            return String.format(Locale.ROOT, "%.4g", x);
        }
    }
}
