package org.presslab.impedance.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.presslab.impedance.api.Spectrum;

/**
 * Starting values from the spectrum itself, the way an electrochemist reads a Nyquist plot: the
 * high-frequency intercept gives the series resistance, each arc (a local maximum of -Z'' over
 * log f) gives a diameter R (real span between the minima of -Z'' on either side) and an apex
 * frequency f (so C = 1/(2 pi f R), and for a CPE alpha from how depressed the arc is and
 * Q = 1/(R (2 pi f)^alpha)), the low-frequency tail gives Warburg and blocking-capacitor values.
 * Parallel blocks take the arcs from high to low frequency in the order they are written.
 */
final class InitialGuess {

    /** One arc read from the data. */
    /** What a guess is built from: arcs (high to low frequency) and the series resistance. */
    record Reading(List<Arc> arcs, double rSeries) {

        /**
         * With fewer arcs than blocks, the missing ones put above the highest detected arc
         * instead of below the lowest: a small, depressed bulk arc next to a large one can hide
         * in the high-frequency intercept, and then the series resistance holds it too.
         */
        Reading withHighFrequencyFill(int blocks, double fMax, double position, InitialGuess g) {
            int missing = blocks - arcs.size();
            if (missing <= 0) {
                return this;
            }
            double top = arcs.isEmpty() ? Math.sqrt(fMax) : arcs.get(0).apexHz();
            List<Arc> out = new ArrayList<>();
            for (int k = missing; k >= 1; k--) {
                // position 0.5: the log-middle between the highest arc and the highest frequency
                double fk = top * Math.pow(fMax / top, 2 * position * k / (missing + 1.0));
                // a hidden arc is comparable to what else |Z| holds at its frequency
                double r = 0.3 * g.modulusAt(fk);
                out.add(new Arc(r, fk, 0, 0.8, r));
            }
            out.addAll(arcs);
            return new Reading(out, rSeries);
        }

        /** Only the {@code k} weightiest arcs, in frequency order (a DRT peak can be the regularisation's). */
        Reading keepWeightiest(int k) {
            if (arcs.size() <= k) {
                return this;
            }
            List<Arc> sorted = new ArrayList<>(arcs);
            sorted.sort((a, b) -> Double.compare(b.weight(), a.weight()));
            List<Arc> keep = sorted.subList(0, Math.max(k, 0));
            List<Arc> out = new ArrayList<>(arcs);
            out.removeIf(a -> !keep.contains(a));
            return new Reading(out, rSeries);
        }
    }

    record Arc(double diameter, double apexHz, double height, double alpha, double weight) {
        Arc(double diameter, double apexHz, double height) {
            this(diameter, apexHz, height, Double.NaN, diameter);
        }
    }

    final double[] f;
    final double[] zr;
    final double[] nz;
    final double rHf;
    final List<Arc> arcs;
    final double tailSpan;
    final double zMax;

    /** Reads the features of a spectrum (any point order). */
    InitialGuess(Spectrum s) {
        int n = s.size();
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(s.frequency(b), s.frequency(a)));
        f = new double[n];
        zr = new double[n];
        nz = new double[n];
        double zm = 0;
        for (int i = 0; i < n; i++) {
            f[i] = s.frequency(idx[i]);
            zr[i] = s.real(idx[i]);
            nz[i] = -s.imag(idx[i]);
            zm = Math.max(zm, s.modulus(idx[i]));
        }
        zMax = zm;
        double[] sm = smooth(nz);
        double minR = Double.POSITIVE_INFINITY;
        for (double v : zr) {
            minR = Math.min(minR, v);
        }
        rHf = Math.max(minR, 0);
        double maxNz = 0;
        for (double v : sm) {
            maxNz = Math.max(maxNz, v);
        }
        // local maxima of -Z'' (smoothed), with a prominence of 3 % of the largest
        List<Integer> peaks = new ArrayList<>();
        for (int i = 1; i < n - 1; i++) {
            if (sm[i] > 0 && sm[i] >= sm[i - 1] && sm[i] > sm[i + 1]) {
                peaks.add(i);
            }
        }
        List<Integer> kept = new ArrayList<>();
        for (int k = 0; k < peaks.size(); k++) {
            int i = peaks.get(k);
            int left = argMin(sm, k == 0 ? 0 : peaks.get(k - 1), i);
            int right = argMin(sm, i, k == peaks.size() - 1 ? n - 1 : peaks.get(k + 1));
            double prom = sm[i] - Math.max(sm[left], sm[right]);
            if (prom > 0.03 * maxNz || (sm[i] - Math.min(sm[left], sm[right])) > 0.2 * maxNz) {
                kept.add(i);
            }
        }
        arcs = new ArrayList<>();
        int prevMin = 0;
        for (int k = 0; k < kept.size(); k++) {
            int i = kept.get(k);
            int left = k == 0 ? argMin(sm, 0, i) : prevMin;
            int right = argMin(sm, i, k == kept.size() - 1 ? n - 1 : kept.get(k + 1));
            double span = zr[right] - zr[left];
            double d = Math.max(span, 2 * sm[i]);
            if (k == 0) {
                d = Math.max(d, zr[right] - rHf);
            }
            arcs.add(new Arc(d, f[i], sm[i]));
            prevMin = right;
        }
        tailSpan = Math.max(0, zr[n - 1] - zr[prevMin]);
    }

    /**
     * Arcs read from a quick DRT (see {@link DrtArcs}), high to low frequency, with a Warburg
     * column when the circuit has a W and a capacitance column when it has a finite-space
     * Warburg or a C or CPE in series with everything.
     */
    Reading drtReading(Circuit c) {
        boolean warburg = false;
        boolean capacitance = false;
        for (Circuit.Element e : c.elements()) {
            warburg |= e.type == ElementType.W;
            capacitance |= e.type == ElementType.Wo;
        }
        List<Circuit.Node> top = c.root() instanceof Circuit.Series s ? s.children : List.of(c.root());
        for (Circuit.Node t : top) {
            capacitance |= t instanceof Circuit.Element e && (e.type == ElementType.C || e.type == ElementType.CPE);
        }
        int n = f.length;
        double[] zi = new double[n];
        for (int i = 0; i < n; i++) {
            zi[i] = -nz[i];
        }
        List<Arc> out = new ArrayList<>();
        DrtArcs.Reading r = DrtArcs.read(f, zr, zi, warburg, capacitance);
        for (DrtArcs.Peak pk : r.peaks()) {
            out.add(new Arc(pk.resistance(), pk.apexHz(), 0, pk.alpha(), pk.share()));
        }
        return new Reading(out, r.rInf() > 0 ? r.rInf() : rHf);
    }

    /** The Nyquist reading: arcs as maxima of -Z'', the series resistance as the smallest Z'. */
    Reading nyquistReading() {
        return new Reading(arcs, rHf);
    }

    private static int argMin(double[] v, int from, int to) {
        int best = from;
        for (int i = from; i <= to; i++) {
            if (v[i] < v[best]) {
                best = i;
            }
        }
        return best;
    }

    private static double[] smooth(double[] v) {
        int n = v.length;
        if (n < 5) {
            return v.clone();
        }
        double[] out = new double[n];
        out[0] = v[0];
        out[n - 1] = v[n - 1];
        for (int i = 1; i < n - 1; i++) {
            out[i] = 0.25 * v[i - 1] + 0.5 * v[i] + 0.25 * v[i + 1];
        }
        return out;
    }

    /** |Z| at a frequency, interpolated on log f (the data are held in descending f). */
    double modulusAt(double hz) {
        int n = f.length;
        double[] mod = new double[n];
        for (int i = 0; i < n; i++) {
            mod[i] = Math.hypot(zr[i], nz[i]);
        }
        if (hz >= f[0]) {
            return mod[0];
        }
        for (int i = 1; i < n; i++) {
            if (f[i] <= hz) {
                double t = Math.log(hz / f[i]) / Math.log(f[i - 1] / f[i]);
                return mod[i] + t * (mod[i - 1] - mod[i]);
            }
        }
        return mod[n - 1];
    }

    double wMin() {
        return 2 * Math.PI * f[f.length - 1];
    }

    double wMax() {
        return 2 * Math.PI * f[0];
    }

    /**
     * The guess. {@code arcShift} rotates which data arc goes to which parallel block and
     * {@code tauScale} scales time constants of distributed elements, so the multi-start can
     * explore alternatives of the same reading.
     */
    double[] guess(Circuit c, int arcShift, double tauScale, double alpha) {
        return guess(c, nyquistReading(), arcShift, tauScale, alpha);
    }

    /** As {@link #guess(Circuit, int, double, double)} from the given arcs (Nyquist or DRT). */
    double[] guess(Circuit c, Reading reading, int arcShift, double tauScale, double alpha) {
        List<Arc> source = reading.arcs();
        double[] p = new double[c.parameterCount()];
        List<Circuit.Node> top = c.root() instanceof Circuit.Series s ? s.children : List.of(c.root());
        int blocks = 0;
        for (Circuit.Node t : top) {
            if (t instanceof Circuit.Parallel) {
                blocks++;
            }
        }
        List<Arc> use = arcsFor(source, blocks, arcShift);
        double sumD = 0;
        for (Arc a : use) {
            sumD += a.diameter();
        }
        int block = 0;
        boolean firstR = true;
        double tailZ0 = Math.max(tailSpan, 0.05 * zMax);
        for (Circuit.Node t : top) {
            if (t instanceof Circuit.Parallel q) {
                Arc a = use.get(block++);
                fillArc(q, a, p, tauScale, alpha, tailZ0);
            } else if (t instanceof Circuit.Element e) {
                if (e.type == ElementType.R) {
                    // the first series resistor takes the high-frequency intercept, any other a small share
                    p[e.offset] = firstR ? Math.max(reading.rSeries(), 1e-6 * zMax) : 0.05 * zMax;
                    firstR = false;
                } else {
                    fillLoose(e, p, tauScale, alpha, tailZ0);
                }
            } else {
                fillGeneric(t, p, new Arc(Math.max(sumD, 0.1 * zMax), Math.sqrt(f[0] * f[f.length - 1]), 0),
                        tauScale, alpha, tailZ0);
            }
        }
        return p;
    }

    /** Exactly {@code blocks} arcs: detected ones (rotated by shift) or synthetic fill-ins. */
    List<Arc> arcsFor(List<Arc> source, int blocks, int shift) {
        List<Arc> out = new ArrayList<>(source);
        if (out.size() > blocks && blocks > 0) {
            // keep the weightiest arcs, in frequency order
            List<Arc> sorted = new ArrayList<>(out);
            sorted.sort((a, b) -> Double.compare(b.weight(), a.weight()));
            List<Arc> keep = sorted.subList(0, blocks);
            out.removeIf(a -> !keep.contains(a));
        }
        double lastF = out.isEmpty() ? f[0] : out.get(out.size() - 1).apexHz();
        double fMin = f[f.length - 1];
        int missing = blocks - out.size();
        double rest = Math.max(zr[zr.length - 1] - rHf - out.stream().mapToDouble(Arc::diameter).sum(), 0.1 * zMax);
        for (int k = 1; k <= missing; k++) {
            double fk = lastF * Math.pow(fMin / lastF, k / (missing + 1.0));
            out.add(new Arc(rest / missing, fk, 0));
        }
        if (blocks > 1 && shift != 0) {
            List<Arc> rot = new ArrayList<>();
            for (int k = 0; k < blocks; k++) {
                rot.add(out.get(Math.floorMod(k + shift, blocks)));
            }
            return rot;
        }
        return out;
    }

    private void fillArc(Circuit.Parallel q, Arc a, double[] p, double tauScale, double alpha, double tailZ0) {
        double d = Math.max(a.diameter(), 1e-6 * zMax);
        double w = 2 * Math.PI * a.apexHz();
        double depressed = !Double.isNaN(a.alpha()) ? a.alpha()
                : a.height() > 0 ? (4 / Math.PI) * Math.atan(2 * a.height() / d) : alpha;
        double al = Double.isNaN(alpha) ? depressed : alpha;
        al = Double.isNaN(al) ? 0.9 : Math.min(Math.max(al, 0.5), 0.98);
        for (Circuit.Node branch : q.children) {
            List<Circuit.Node> elems = branch instanceof Circuit.Series s ? s.children : List.of(branch);
            for (Circuit.Node n : elems) {
                if (n instanceof Circuit.Element e) {
                    switch (e.type) {
                        case R -> p[e.offset] = d;
                        case C -> p[e.offset] = 1 / (w * d);
                        case CPE -> {
                            p[e.offset] = 1 / (d * Math.pow(w, al));
                            p[e.offset + 1] = al;
                        }
                        default -> fillLoose(e, p, tauScale, alpha, tailZ0);
                    }
                } else {
                    fillGeneric(n, p, a, tauScale, alpha, tailZ0);
                }
            }
        }
    }

    private void fillGeneric(Circuit.Node n, double[] p, Arc a, double tauScale, double alpha, double tailZ0) {
        if (n instanceof Circuit.Parallel q) {
            fillArc(q, a, p, tauScale, alpha, tailZ0);
        } else if (n instanceof Circuit.Series s) {
            for (Circuit.Node c : s.children) {
                fillGeneric(c, p, a, tauScale, alpha, tailZ0);
            }
        } else if (n instanceof Circuit.Element e) {
            if (e.type == ElementType.R) {
                p[e.offset] = a.diameter();
            } else {
                fillLoose(e, p, tauScale, alpha, tailZ0);
            }
        }
    }

    /** Elements outside an arc: the low-frequency tail or the high-frequency end. */
    private void fillLoose(Circuit.Element e, double[] p, double tauScale, double alpha, double tailZ0) {
        int n = f.length;
        double wl = wMin();
        double nzl = Math.max(nz[n - 1], 0.05 * zMax);
        // half a decade inside the lowest measured frequency: a diffusion time constant at the
        // window's edge sits next to a local minimum with tau beyond the data
        double tauTail = 0.3 * tauScale / wl;
        switch (e.type) {
            case R -> p[e.offset] = 0.05 * zMax;
            case C -> p[e.offset] = 1 / (wl * nzl);
            case L -> p[e.offset] = nz[0] < 0 ? -nz[0] / wMax() : 1e-3 * zMax / wMax();
            case CPE -> {
                double al = Double.isNaN(alpha) ? 0.9 : alpha;
                p[e.offset] = 1 / (nzl * Math.pow(wl, al));
                p[e.offset + 1] = al;
            }
            case W -> p[e.offset] = Math.max(nzl, 0.5 * tailZ0) * Math.sqrt(wl);
            case Wo, Ws, G -> {
                p[e.offset] = tailZ0;
                p[e.offset + 1] = tauTail;
            }
            case TLMQ -> {
                p[e.offset] = tailZ0;
                p[e.offset + 1] = 1 / (nzl * Math.pow(wl, 0.9));
                p[e.offset + 2] = 0.9;
            }
            default -> throw new IllegalStateException(e.type.name());
        }
    }
}
