package org.presslab.impedance.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parallel blocks a circuit has in series (its arcs) and which of them are interchangeable:
 * blocks of the same structure ({@code p(R1,CPE1)} and {@code p(R2,CPE2)}) give the same spectrum
 * whichever holds which values, so a fit's labels would depend on where the optimiser landed.
 * {@link #canonical} puts their values in order of time constant, the highest-frequency arc in
 * the first block of the circuit string.
 */
final class Blocks {

    final Circuit circuit;
    /** Top-level parallel blocks in circuit order. */
    final List<Circuit.Parallel> blocks;
    /** Groups (of two or more) of interchangeable blocks, each in circuit order. */
    final List<List<Circuit.Parallel>> groups;

    Blocks(Circuit circuit) {
        this.circuit = circuit;
        List<Circuit.Node> top = circuit.root() instanceof Circuit.Series s ? s.children : List.of(circuit.root());
        blocks = new ArrayList<>();
        Map<String, List<Circuit.Parallel>> bySignature = new LinkedHashMap<>();
        for (Circuit.Node t : top) {
            if (t instanceof Circuit.Parallel q) {
                blocks.add(q);
                bySignature.computeIfAbsent(signature(q), k -> new ArrayList<>()).add(q);
            }
        }
        groups = new ArrayList<>();
        for (List<Circuit.Parallel> g : bySignature.values()) {
            if (g.size() > 1) {
                groups.add(List.copyOf(g));
            }
        }
    }

    /** Whether every block has an interchangeable twin (then reassigning arcs only permutes labels). */
    boolean allInterchangeable() {
        int n = 0;
        for (List<Circuit.Parallel> g : groups) {
            n += g.size();
        }
        return n == blocks.size();
    }

    /** Structure with element types only: {@code p(R,CPE)}. */
    static String signature(Circuit.Node n) {
        if (n instanceof Circuit.Element e) {
            return e.type.name();
        }
        List<Circuit.Node> children = n instanceof Circuit.Series s ? s.children : ((Circuit.Parallel) n).children;
        StringBuilder b = new StringBuilder(n instanceof Circuit.Parallel ? "p(" : "(");
        for (int i = 0; i < children.size(); i++) {
            b.append(i == 0 ? "" : n instanceof Circuit.Parallel ? "," : "-").append(signature(children.get(i)));
        }
        return b.append(')').toString();
    }

    /** The canonical parameters and a note when values moved; the same array and null otherwise. */
    record Ordered(double[] p, String note) {
    }

    Ordered canonical(double[] p) {
        double[] out = p.clone();
        List<String> moved = new ArrayList<>();
        for (List<Circuit.Parallel> g : groups) {
            List<Circuit.Parallel> byTau = new ArrayList<>(g);
            Map<Circuit.Parallel, Double> tau = new LinkedHashMap<>();
            for (Circuit.Parallel q : g) {
                tau.put(q, timeConstant(q, p));
            }
            byTau.sort((a, b) -> Double.compare(tau.get(a), tau.get(b)));
            if (byTau.equals(g)) {
                continue;
            }
            for (int i = 0; i < g.size(); i++) {
                System.arraycopy(p, byTau.get(i).offset, out, g.get(i).offset, g.get(i).count);
            }
            List<String> names = new ArrayList<>();
            for (Circuit.Parallel q : g) {
                names.add(text(q));
            }
            moved.add(String.join(", ", names));
        }
        if (moved.isEmpty()) {
            return new Ordered(p, null);
        }
        return new Ordered(out, "values of " + String.join("; ", moved) + " put in order of time constant, so the first "
                + "block in the circuit string is the highest-frequency arc (FitOptions.canonicalOrder)");
    }

    /**
     * 1/w at the apex of the block's arc: the maximum of -Z'' over a log grid (12 points per
     * decade, 1e-9..1e9 rad/s) refined by a parabola through the three points around it.
     */
    double timeConstant(Circuit.Parallel q, double[] p) {
        double[] s = new double[circuit.scratchSize()];
        int n = 18 * 12 + 1;
        double bestV = Double.NEGATIVE_INFINITY;
        int best = 0;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double lnw = Math.log(1e-9) + i * Math.log(10) / 12;
            q.eval(Math.exp(lnw), lnw, p, s, 0, null, null);
            v[i] = -s[1];
            if (v[i] > bestV) {
                bestV = v[i];
                best = i;
            }
        }
        double shift = 0;
        if (best > 0 && best < n - 1) {
            double d = v[best - 1] - 2 * v[best] + v[best + 1];
            shift = d < 0 ? 0.5 * (v[best - 1] - v[best + 1]) / d : 0;
        }
        double lnw = Math.log(1e-9) + (best + shift) * Math.log(10) / 12;
        return Math.exp(-lnw);
    }

    /** The block as written, e.g. {@code p(R1,CPE1)}. */
    static String text(Circuit.Node n) {
        if (n instanceof Circuit.Element e) {
            return e.name;
        }
        List<Circuit.Node> children = n instanceof Circuit.Series s ? s.children : ((Circuit.Parallel) n).children;
        StringBuilder b = new StringBuilder(n instanceof Circuit.Parallel ? "p(" : "");
        for (int i = 0; i < children.size(); i++) {
            b.append(i == 0 ? "" : n instanceof Circuit.Parallel ? "," : "-").append(text(children.get(i)));
        }
        return b.append(n instanceof Circuit.Parallel ? ")" : "").toString();
    }

    static String describe(Circuit c, double[] p) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < p.length; k++) {
            b.append(k == 0 ? "" : ", ").append(c.parameterNames().get(k)).append(" = ")
                    .append(String.format(Locale.ROOT, "%.4g", p[k]));
        }
        return b.toString();
    }
}
