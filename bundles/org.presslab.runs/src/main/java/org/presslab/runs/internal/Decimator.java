package org.presslab.runs.internal;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.presslab.runs.internal.Rows.BucketRow;
import org.presslab.runs.internal.Rows.Row;
import org.presslab.runs.internal.Rows.SampleRow;

/**
 * Builds the decimated tiers (1 s and 60 s buckets: count, min, max and mean of pressure and force, mean
 * setpoint and temperature) from the sample stream, per station, on the writer thread. A bucket is closed
 * when a sample falls in another bucket or another run, or when it is older than its width plus 2 s (a
 * station that stopped sending). Gap samples and non-finite values are left out of the statistics; a bucket
 * with no reading is not written (its gap is on record). Not thread-safe: the writer thread owns it.
 */
final class Decimator {

    static final int[] WIDTHS_S = {1, 60};
    private static final long GRACE_US = 2_000_000;

    private static final class Acc {
        final String st;
        final UUID run;
        final int w;
        final long startUs;
        int n;
        double pMin = Double.POSITIVE_INFINITY;
        double pMax = Double.NEGATIVE_INFINITY;
        double pSum;
        int fN;
        double fMin = Double.POSITIVE_INFINITY;
        double fMax = Double.NEGATIVE_INFINITY;
        double fSum;
        int spN;
        double spSum;
        int tN;
        double tSum;

        Acc(String st, UUID run, int w, long startUs) {
            this.st = st;
            this.run = run;
            this.w = w;
            this.startUs = startUs;
        }

        void add(SampleRow s) {
            if (s.gap()) {
                return;
            }
            if (Double.isFinite(s.p())) {
                n++;
                pMin = Math.min(pMin, s.p());
                pMax = Math.max(pMax, s.p());
                pSum += s.p();
            }
            if (Double.isFinite(s.f())) {
                fN++;
                fMin = Math.min(fMin, s.f());
                fMax = Math.max(fMax, s.f());
                fSum += s.f();
            }
            if (Double.isFinite(s.sp())) {
                spN++;
                spSum += s.sp();
            }
            if (Double.isFinite(s.temp())) {
                tN++;
                tSum += s.temp();
            }
        }

        BucketRow row() {
            return new BucketRow(st, run, w, startUs, n, n > 0 ? pMin : Double.NaN, n > 0 ? pMax : Double.NaN,
                    n > 0 ? pSum / n : Double.NaN, fN > 0 ? fMin : Double.NaN, fN > 0 ? fMax : Double.NaN,
                    fN > 0 ? fSum / fN : Double.NaN, spN > 0 ? spSum / spN : Double.NaN, tN > 0 ? tSum / tN : Double.NaN);
        }
    }

    private final Map<String, Acc[]> open = new HashMap<>();

    /** Adds a sample; closed buckets are appended to {@code out}. */
    void accept(SampleRow s, List<Row> out) {
        Acc[] accs = open.computeIfAbsent(s.st(), k -> new Acc[WIDTHS_S.length]);
        for (int i = 0; i < WIDTHS_S.length; i++) {
            long wUs = WIDTHS_S[i] * 1_000_000L;
            long start = Math.floorDiv(s.tUs(), wUs) * wUs;
            Acc a = accs[i];
            if (a == null || a.startUs != start || !Objects.equals(a.run, s.run())) {
                if (a != null) {
                    emit(a, out);
                }
                a = new Acc(s.st(), s.run(), WIDTHS_S[i], start);
                accs[i] = a;
            }
            a.add(s);
        }
    }

    /** Closes the buckets that ended more than 2 s before {@code nowUs}. */
    void flushOlderThan(long nowUs, List<Row> out) {
        for (Iterator<Map.Entry<String, Acc[]>> it = open.entrySet().iterator(); it.hasNext();) {
            Acc[] accs = it.next().getValue();
            boolean any = false;
            for (int i = 0; i < accs.length; i++) {
                Acc a = accs[i];
                if (a != null && a.startUs + a.w * 1_000_000L + GRACE_US < nowUs) {
                    emit(a, out);
                    accs[i] = null;
                }
                any |= accs[i] != null;
            }
            if (!any) {
                it.remove();
            }
        }
    }

    /** Closes the buckets of one station's run (the run ended): the next sample starts new ones. */
    void flushRun(UUID run, List<Row> out) {
        for (Acc[] accs : open.values()) {
            for (int i = 0; i < accs.length; i++) {
                if (accs[i] != null && Objects.equals(accs[i].run, run)) {
                    emit(accs[i], out);
                    accs[i] = null;
                }
            }
        }
    }

    /** Closes every bucket. */
    void flushAll(List<Row> out) {
        for (Acc[] accs : open.values()) {
            for (Acc a : accs) {
                if (a != null) {
                    emit(a, out);
                }
            }
        }
        open.clear();
    }

    private static void emit(Acc a, List<Row> out) {
        if (a.n > 0 || a.fN > 0) {
            out.add(a.row());
        }
    }
}
