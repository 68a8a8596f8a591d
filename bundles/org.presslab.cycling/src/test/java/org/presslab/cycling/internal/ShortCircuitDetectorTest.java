package org.presslab.cycling.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.presslab.cycling.CyclingImporters;
import org.presslab.cycling.CyclingLog;
import org.presslab.cycling.ShortCircuit;
import org.presslab.cycling.ShortCircuitDetector;

/**
 * Generated logs with realistic noise (1 mV, 2 mV on the sparse log): a clean log gives no flag; a soft short
 * (a 0.3 V drop, then 30 mV noise) and a hard short (collapse to about 15 mV) are flagged at their onset,
 * within one sample, read through the .mpt reader as a file would be.
 */
class ShortCircuitDetectorTest {

    private final ShortCircuitDetector detector = new ShortCircuitDetector();

    private static CyclingLog log(CellLogs.Data d) throws IOException {
        return CyclingImporters.builtIn().read(new ByteArrayInputStream(CellLogs.mpt(d, false)), "cell.mpt");
    }

    /** A time 3000 s into the second cycle's charge. */
    private static double inSecondCharge(CellLogs.Data clean) {
        for (int k = 0; k < clean.n; k++) {
            if (clean.cycle[k] == 1 && clean.step[k] == 5) {
                return clean.t[k] + 3000.0;
            }
        }
        throw new AssertionError("no second charge");
    }

    private static int onset(CellLogs.Data d, double at) {
        for (int k = 0; k < d.n; k++) {
            if (d.t[k] >= at) {
                return k;
            }
        }
        throw new AssertionError();
    }

    @Test
    void cleanLogsGiveNoFlag() throws IOException {
        for (long seed = 1; seed <= 5; seed++) {
            assertEquals(List.of(), detector.detect(log(CellLogs.generate(3, 5, 0.001, null, seed))), "seed " + seed);
        }
        assertEquals(List.of(), detector.detect(log(CellLogs.generate(3, 60, 0.002, null, 9))), "sparse, noisier");
    }

    @Test
    void hardShortFlaggedAtItsOnset() throws IOException {
        CellLogs.Data clean = CellLogs.clean();
        double at = inSecondCharge(clean);
        CellLogs.Data d = CellLogs.generate(3, 5, 0.001, new CellLogs.Short(at, true), 1);
        List<ShortCircuit> flags = detector.detect(log(d));
        assertEquals(1, flags.size(), flags.toString());
        ShortCircuit s = flags.get(0);
        assertEquals(ShortCircuit.Kind.HARD, s.kind());
        assertTrue(Math.abs(s.index() - onset(d, at)) <= 1, "flagged at point " + s.index() + ", onset " + onset(d, at));
        assertTrue(s.voltageV() < 0.1 && s.dropV() > 3, s.toString());
        assertEquals(1, s.cycle());
        assertEquals(CellLogs.START.plusNanos(Math.round((s.timeS()) * 1e9)).toEpochMilli(), s.at().toEpochMilli());
    }

    @Test
    void softShortFlaggedAtItsOnset() throws IOException {
        CellLogs.Data clean = CellLogs.clean();
        double at = inSecondCharge(clean);
        for (long seed = 1; seed <= 5; seed++) {
            CellLogs.Data d = CellLogs.generate(3, 5, 0.001, new CellLogs.Short(at, false), seed);
            List<ShortCircuit> flags = detector.detect(log(d));
            assertEquals(1, flags.size(), "seed " + seed + ": " + flags);
            ShortCircuit s = flags.get(0);
            assertEquals(ShortCircuit.Kind.SOFT, s.kind());
            assertTrue(Math.abs(s.index() - onset(d, at)) <= 1, "seed " + seed + ": flagged at point " + s.index()
                    + ", onset " + onset(d, at));
        }
    }

    @Test
    void aDropAtACurrentStepIsNotAShort() {
        // charge at 1 mA, the current halves (a CC step of a protocol) and the IR drop takes 0.2 V off: explained
        CyclingLog.Builder b = CyclingLog.builder("step", "test");
        for (int k = 0; k < 100; k++) {
            boolean second = k >= 50;
            b.add(k, second ? 0.5e-3 : 1e-3, 3.4 + k * 1e-3 - (second ? 0.2 : 0), Double.NaN, -1, -1, k);
        }
        assertEquals(List.of(), detector.detect(b.build()));
    }

    @Test
    void dischargeIsNotLookedAt() {
        CyclingLog.Builder b = CyclingLog.builder("dis", "test");
        for (int k = 0; k < 100; k++) {
            b.add(k, -1e-3, k == 50 ? 0.01 : 3.0, Double.NaN, -1, -1, k);
        }
        assertEquals(List.of(), detector.detect(b.build()));
    }

    @Test
    void aDataGapResetsTheWindow() {
        CyclingLog.Builder b = CyclingLog.builder("gap", "test");
        b.add(0, 1e-3, 3.6, Double.NaN, -1, -1, 1).add(1, 1e-3, 3.6, Double.NaN, -1, -1, 2);
        b.add(2000, 1e-3, 3.2, Double.NaN, -1, -1, 3); // 2000 s later, after a pause of the log: not "sudden"
        assertEquals(List.of(), detector.detect(b.build()));
    }

    @Test
    void settingsAreChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ShortCircuitDetector.Settings(Double.NaN, 1, 0.5, 10, 300, 0.05, 0.01));
        assertEquals("short-circuit settings: softDropV is NaN, must be a number in [1.0E-4, 10.0]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ShortCircuitDetector.Settings(0.5, 0.2, 0.5, 10, 300, 0.05, 0.01));
        assertThrows(IllegalArgumentException.class,
                () -> new ShortCircuitDetector.Settings(0.1, 1, 0.5, Double.POSITIVE_INFINITY, 300, 0.05, 0.01));
    }
}
