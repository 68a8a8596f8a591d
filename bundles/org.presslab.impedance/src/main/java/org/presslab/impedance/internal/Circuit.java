package org.presslab.impedance.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.presslab.impedance.api.CircuitModel;
import org.presslab.impedance.api.CircuitSyntaxException;
import org.presslab.impedance.api.Spectrum;
import org.presslab.impedance.api.SpectrumMetadata;

/**
 * A parsed circuit: a tree of series and parallel nodes over elements, evaluated without
 * allocation (apart from the complex helpers of the distributed elements) together with the
 * analytic derivatives dZ/dp. Immutable and thread-safe: scratch space is per call.
 *
 * <p>Grammar (impedance.py): {@code series := term ('-' term)*}, {@code term := element | 'p('
 * series (',' series)+ ')'}, {@code element := TYPE suffix}, TYPE one of R C L CPE W Wo Ws G TLMQ,
 * suffix letters/digits/underscore starting with a digit or underscore. Whitespace is ignored.
 */
public final class Circuit implements CircuitModel {

    /** A node writes its Z into s[sp], s[sp+1] and its parameter derivatives into dr/di. */
    abstract static sealed class Node permits Series, Parallel, Element {
        int offset;
        int count;
        int depthSlots;

        abstract void eval(double w, double lnw, double[] p, double[] s, int sp, double[] dr, double[] di);
    }

    static final class Element extends Node {
        final ElementType type;
        final String name;
        /** Start of this element's 4-slot cache in the scratch array (set after parsing). */
        int cache;

        Element(ElementType type, String name) {
            this.type = type;
            this.name = name;
            this.depthSlots = 2;
        }

        @Override
        void eval(double w, double lnw, double[] p, double[] s, int sp, double[] dr, double[] di) {
            type.eval(w, lnw, p, offset, s, sp, cache, dr, di);
        }
    }

    static final class Series extends Node {
        final List<Node> children;

        Series(List<Node> children) {
            this.children = children;
            int d = 0;
            for (Node c : children) {
                d = Math.max(d, c.depthSlots);
            }
            this.depthSlots = 2 + d;
        }

        @Override
        void eval(double w, double lnw, double[] p, double[] s, int sp, double[] dr, double[] di) {
            double zr = 0;
            double zi = 0;
            for (Node c : children) {
                c.eval(w, lnw, p, s, sp + 2, dr, di);
                zr += s[sp + 2];
                zi += s[sp + 3];
            }
            s[sp] = zr;
            s[sp + 1] = zi;
        }
    }

    static final class Parallel extends Node {
        final List<Node> children;

        Parallel(List<Node> children) {
            this.children = children;
            int d = 0;
            for (Node c : children) {
                d = Math.max(d, c.depthSlots);
            }
            // own result, one admittance per child, then the deepest child's scratch
            this.depthSlots = 2 + 2 * children.size() + d;
        }

        @Override
        void eval(double w, double lnw, double[] p, double[] s, int sp, double[] dr, double[] di) {
            int n = children.size();
            int ys = sp + 2;
            int cs = ys + 2 * n;
            double yr = 0;
            double yi = 0;
            for (int k = 0; k < n; k++) {
                children.get(k).eval(w, lnw, p, s, cs, dr, di);
                double a = s[cs];
                double b = s[cs + 1];
                double m = a * a + b * b;
                double cr = a / m;
                double ci = -b / m;
                s[ys + 2 * k] = cr;
                s[ys + 2 * k + 1] = ci;
                yr += cr;
                yi += ci;
            }
            double m = yr * yr + yi * yi;
            double zr = yr / m;
            double zi = -yi / m;
            s[sp] = zr;
            s[sp + 1] = zi;
            if (dr != null) {
                // dZ/dp = (Z Y_k)^2 dZ_k/dp
                for (int k = 0; k < n; k++) {
                    Node c = children.get(k);
                    double ar = zr * s[ys + 2 * k] - zi * s[ys + 2 * k + 1];
                    double ai = zr * s[ys + 2 * k + 1] + zi * s[ys + 2 * k];
                    double fr = ar * ar - ai * ai;
                    double fi = 2 * ar * ai;
                    for (int j = c.offset; j < c.offset + c.count; j++) {
                        double xr = dr[j];
                        double xi = di[j];
                        dr[j] = fr * xr - fi * xi;
                        di[j] = fr * xi + fi * xr;
                    }
                }
            }
        }
    }

    private final String text;
    private final Node root;
    private final List<Element> elements;
    private final List<String> names;
    private final List<String> units;
    private final double[] lower;
    private final double[] upper;
    private final int scratch;

    private Circuit(String text, Node root, List<Element> elements) {
        this.text = text;
        this.root = root;
        this.elements = List.copyOf(elements);
        List<String> n = new ArrayList<>();
        List<String> u = new ArrayList<>();
        List<Double> lo = new ArrayList<>();
        List<Double> hi = new ArrayList<>();
        for (Element e : elements) {
            int k = e.type.parameterCount();
            for (int j = 0; j < k; j++) {
                n.add(k == 1 ? e.name : e.name + "_" + j);
                u.add(e.type.units[j]);
                lo.add(e.type.lower[j]);
                hi.add(e.type.upper[j]);
            }
        }
        this.names = Collections.unmodifiableList(n);
        this.units = Collections.unmodifiableList(u);
        this.lower = lo.stream().mapToDouble(Double::doubleValue).toArray();
        this.upper = hi.stream().mapToDouble(Double::doubleValue).toArray();
        int slot = root.depthSlots;
        for (Element e : elements) {
            e.cache = slot;
            slot += 4;
        }
        this.scratch = slot;
    }

    /**
     * Parses an impedance.py circuit string.
     *
     * @throws CircuitSyntaxException with position and expectation
     */
    public static Circuit parse(String circuit) {
        if (circuit == null) {
            throw new CircuitSyntaxException("", 0, "expected a circuit string, got null");
        }
        Parser p = new Parser(circuit);
        Node root = p.series();
        p.skipSpace();
        if (p.pos < circuit.length()) {
            char c = circuit.charAt(p.pos);
            throw new CircuitSyntaxException(circuit, p.pos, c == ')' ? "unbalanced ')'" : c == ','
                    ? "',' outside p(...)" : "expected '-' or end of circuit but found '" + c + "'");
        }
        int[] counter = {0};
        assignOffsets(root, counter);
        return new Circuit(circuit.replaceAll("\\s+", ""), root, p.elements);
    }

    private static void assignOffsets(Node n, int[] counter) {
        n.offset = counter[0];
        if (n instanceof Element e) {
            counter[0] += e.type.parameterCount();
        } else if (n instanceof Series s) {
            s.children.forEach(c -> assignOffsets(c, counter));
        } else if (n instanceof Parallel q) {
            q.children.forEach(c -> assignOffsets(c, counter));
        }
        n.count = counter[0] - n.offset;
    }

    private static final class Parser {
        final String s;
        int pos;
        final List<Element> elements = new ArrayList<>();
        final Set<String> seen = new HashSet<>();

        Parser(String s) {
            this.s = s;
        }

        void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        Node series() {
            List<Node> terms = new ArrayList<>();
            terms.add(term());
            while (true) {
                skipSpace();
                if (pos < s.length() && s.charAt(pos) == '-') {
                    pos++;
                    terms.add(term());
                } else {
                    break;
                }
            }
            return terms.size() == 1 ? terms.get(0) : new Series(List.copyOf(terms));
        }

        Node term() {
            skipSpace();
            if (pos >= s.length()) {
                throw new CircuitSyntaxException(s, pos, "expected an element (R, C, L, CPE, W, Wo, Ws, G, TLMQ) or 'p(' "
                        + (s.isBlank() ? "in an empty circuit" : "after '" + s.charAt(pos - 1) + "' at the end"));
            }
            int start = pos;
            if (s.startsWith("p(", pos) || (s.charAt(pos) == 'p' && followingNonSpace(pos + 1) == '(')) {
                pos = s.indexOf('(', pos) + 1;
                List<Node> branches = new ArrayList<>();
                branches.add(series());
                skipSpace();
                while (pos < s.length() && s.charAt(pos) == ',') {
                    pos++;
                    branches.add(series());
                    skipSpace();
                }
                if (pos >= s.length()) {
                    throw new CircuitSyntaxException(s, pos, "expected ')' to close 'p(' opened at position " + start);
                }
                if (s.charAt(pos) != ')') {
                    throw new CircuitSyntaxException(s, pos, "expected ',' or ')' in 'p(' opened at position " + start
                            + " but found '" + s.charAt(pos) + "'");
                }
                if (branches.size() < 2) {
                    throw new CircuitSyntaxException(s, pos, "expected ',' and a second branch: p(...) needs at least two");
                }
                pos++;
                return new Parallel(List.copyOf(branches));
            }
            if (!Character.isLetter(s.charAt(pos))) {
                throw new CircuitSyntaxException(s, pos, "expected an element (R, C, L, CPE, W, Wo, Ws, G, TLMQ) or 'p(' but found '"
                        + s.charAt(pos) + "'");
            }
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
                pos++;
            }
            String name = s.substring(start, pos);
            ElementType type = null;
            for (ElementType t : ElementType.BY_NAME_LENGTH) {
                String tn = t.name();
                if (name.startsWith(tn) && name.length() > tn.length()
                        && (Character.isDigit(name.charAt(tn.length())) || name.charAt(tn.length()) == '_')) {
                    type = t;
                    break;
                }
            }
            if (type == null) {
                boolean knownType = false;
                for (ElementType t : ElementType.BY_NAME_LENGTH) {
                    knownType |= name.equals(t.name());
                }
                throw new CircuitSyntaxException(s, start, knownType
                        ? "expected a number after element type '" + name + "' (e.g. " + name + "1)"
                        : "expected an element name (R, C, L, CPE, W, Wo, Ws, G or TLMQ followed by a number) but found '"
                                + name + "'");
            }
            if (!seen.add(name)) {
                throw new CircuitSyntaxException(s, start, "expected a new element name: '" + name + "' is used twice");
            }
            Element e = new Element(type, name);
            elements.add(e);
            return e;
        }

        private char followingNonSpace(int i) {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            return i < s.length() ? s.charAt(i) : 0;
        }
    }

    @Override
    public String circuit() {
        return text;
    }

    @Override
    public List<String> parameterNames() {
        return names;
    }

    @Override
    public List<String> parameterUnits() {
        return units;
    }

    @Override
    public double[] defaultLowerBounds() {
        return lower.clone();
    }

    @Override
    public double[] defaultUpperBounds() {
        return upper.clone();
    }

    /** Top-level node (for the initial-guess heuristics). */
    Node root() {
        return root;
    }

    List<Element> elements() {
        return elements;
    }

    /** Scratch doubles one evaluation needs: the tree's stack plus 4 cache slots per element. */
    int scratchSize() {
        return scratch;
    }

    @Override
    public double[] impedance(double frequencyHz, double[] parameters) {
        checkLength(parameters);
        double[] s = new double[scratchSize()];
        double w = 2 * Math.PI * frequencyHz;
        root.eval(w, Math.log(w), parameters, s, 0, null, null);
        return new double[] {s[0], s[1]};
    }

    /**
     * Evaluates Z and all dZ/dp at one angular frequency. {@code scratch} must hold
     * {@link #scratchSize()} values, zeroed before the first call and reused across the points
     * of one spectrum with the same p (it caches per-parameter constants); dr/di
     * {@link #parameterCount()} (or null for Z only).
     */
    void eval(double w, double[] p, double[] scratch, double[] dr, double[] di) {
        root.eval(w, Math.log(w), p, scratch, 0, dr, di);
    }

    @Override
    public Spectrum simulate(double[] frequencyHz, double[] parameters) {
        checkLength(parameters);
        double[] re = new double[frequencyHz.length];
        double[] im = new double[frequencyHz.length];
        double[] s = new double[scratchSize()];
        for (int i = 0; i < frequencyHz.length; i++) {
            double w = 2 * Math.PI * frequencyHz[i];
            root.eval(w, Math.log(w), parameters, s, 0, null, null);
            re[i] = s[0];
            im[i] = s[1];
        }
        return new Spectrum(frequencyHz, re, im, SpectrumMetadata.ofSource("synthetic: " + text));
    }

    private void checkLength(double[] p) {
        if (p.length != names.size()) {
            throw new IllegalArgumentException(text + " has " + names.size() + " parameters " + names + ", got "
                    + p.length + " values");
        }
    }

    @Override
    public String toString() {
        return text + " " + names;
    }
}
