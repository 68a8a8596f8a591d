package org.presslab.cycling.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.presslab.cycling.Trace;

class TraceTest {

    private static final long S = 1_000_000_000L;

    /** 15 MPa rising 1 kPa/s, sampled every 10 ms from t = 100 s to 200 s, with a recorded gap 150..152 s. */
    private static Trace trace() {
        int n = 10_001;
        long[] t = new long[n];
        double[] p = new double[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            long time = 100 * S + i * (S / 100);
            if (time > 150 * S && time < 152 * S) {
                continue; // no samples while the driver was away
            }
            t[k] = time;
            p[k] = 15e6 + 1e3 * (time / 1e9 - 100);
            k++;
        }
        return new Trace(java.util.Arrays.copyOf(t, k), java.util.Arrays.copyOf(p, k),
                List.of(new Trace.Gap(150 * S, 152 * S)), S);
    }

    @Test
    void interpolatesBetweenSamples() {
        assertEquals(15e6 + 1e3 * 20.005, trace().at(120 * S + S / 200), 1e-3);
        assertEquals(15e6, trace().at(100 * S), 0);
    }

    @Test
    void nanInsideAGapAndNeverExtrapolated() {
        Trace tr = trace();
        assertTrue(Double.isNaN(tr.at(151 * S)), "inside the gap");
        assertTrue(Double.isNaN(tr.at(150 * S + S / 200)), "between the last sample before the gap and the gap");
        assertTrue(Double.isNaN(tr.at(99 * S)), "before the first sample");
        assertTrue(Double.isNaN(tr.at(200 * S + 1)), "after the last sample");
        assertEquals(15e6 + 1e3 * 52.01, tr.at(152 * S + S / 100), 1e-3, "after the gap again");
    }

    @Test
    void samplesTooFarApartAreAGapNobodyRecorded() {
        Trace tr = new Trace(new long[] {0, S, 10 * S}, new double[] {1, 2, 3}, List.of(), 2 * S);
        assertEquals(1.5, tr.at(S / 2), 1e-12);
        assertTrue(Double.isNaN(tr.at(5 * S)));
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Trace(new long[] {2, 1}, new double[] {1, 2}, List.of(), S));
        assertThrows(IllegalArgumentException.class, () -> new Trace(new long[] {1}, new double[] {1, 2}, List.of(), S));
        assertThrows(IllegalArgumentException.class, () -> new Trace(new long[] {1}, new double[] {1}, List.of(), 0));
        assertThrows(IllegalArgumentException.class, () -> new Trace.Gap(5, 4));
        assertTrue(Double.isNaN(new Trace(new long[0], new double[0], null, S).at(0)));
    }

    @Test
    void theStreamingAlignerAgreesWithTheTrace() {
        java.util.Random rnd = new java.util.Random(5);
        int n = 5000;
        long[] t = new long[n];
        double[] v = new double[n];
        long now = 0;
        for (int i = 0; i < n; i++) {
            now += rnd.nextInt(200) == 0 ? 3 * S : S / 100 + rnd.nextInt(1000); // some spacings beyond the limit
            t[i] = now;
            v[i] = rnd.nextInt(50) == 0 ? Double.NaN : 15e6 + rnd.nextGaussian() * 1e4;
        }
        List<Trace.Gap> gaps = List.of(new Trace.Gap(t[100], t[130]), new Trace.Gap(t[2000] + 5, t[2001] - 5),
                new Trace.Gap(t[120], t[400]));
        Trace trace = new Trace(t, v, gaps, S);
        long[] q = new long[20_000];
        for (int i = 0; i < q.length; i++) {
            q[i] = (long) (rnd.nextDouble() * (now + 2 * S)) - S;
        }
        q[0] = t[10]; // exactly on samples too
        q[1] = t[3000];
        java.util.Arrays.sort(q);
        org.presslab.cycling.Aligner aligner = new org.presslab.cycling.Aligner(q, gaps, S);
        for (int i = 0; i < n; i++) {
            aligner.accept(t[i], v[i]);
        }
        double[] streamed = aligner.result();
        int finite = 0;
        for (int i = 0; i < q.length; i++) {
            double expected = trace.at(q[i]);
            if (Double.isNaN(expected)) {
                assertTrue(Double.isNaN(streamed[i]), "query " + i + " at " + q[i] + ": " + streamed[i]);
            } else {
                assertEquals(expected, streamed[i], Math.abs(expected) * 1e-12, "query " + i + " at " + q[i]);
            }
            finite += Double.isFinite(expected) ? 1 : 0;
        }
        assertTrue(finite > q.length / 3 && finite < q.length, finite + " of " + q.length + " answered");
    }
}
