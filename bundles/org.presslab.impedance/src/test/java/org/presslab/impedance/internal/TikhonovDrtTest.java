package org.presslab.impedance.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.presslab.impedance.api.DrtOptions;
import org.presslab.impedance.api.DrtOptions.LambdaMethod;
import org.presslab.impedance.api.DrtPeak;
import org.presslab.impedance.api.DrtResult;
import org.presslab.impedance.api.Spectrum;

class TikhonovDrtTest {

    private final TikhonovDrt drt = new TikhonovDrt();

    /** Two well-separated RC processes: tau = 5e-6 s (R 50) and 1e-2 s (R 100), R_inf 10. */
    private static Spectrum twoRc(double noise) {
        Spectrum s = Synthetic.clean("R0-p(R1,C1)-p(R2,C2)", new double[] {10, 50, 1e-7, 100, 1e-4});
        return noise > 0 ? Synthetic.noisy(s, noise, new Random(5)) : s;
    }

    @Test
    void findsBothProcessesWithTheirTimeConstantsAndResistances() {
        for (LambdaMethod method : new LambdaMethod[] {LambdaMethod.GCV, LambdaMethod.L_CURVE}) {
            DrtResult r = drt.analyze(twoRc(0.005), new DrtOptions(method, Double.NaN, 10, 1, true));
            assertEquals(2, r.peaks().size(), method + " peaks " + r.peaks());
            DrtPeak p1 = r.peaks().get(0);
            DrtPeak p2 = r.peaks().get(1);
            assertEquals(Math.log10(5e-6), Math.log10(p1.tau()), 0.25, method + " tau1 " + p1);
            assertEquals(Math.log10(1e-2), Math.log10(p2.tau()), 0.25, method + " tau2 " + p2);
            assertEquals(50, p1.resistance(), 5, method + " R1 " + p1);
            assertEquals(100, p2.resistance(), 10, method + " R2 " + p2);
            assertEquals(10, r.rInf(), 1.5, method + " rInf");
            assertEquals(150, r.polarizationResistance(), 10);
            assertTrue(r.lambda() > 0);
            assertEquals(method, r.lambdaMethod());
            for (double g : r.gamma()) {
                assertTrue(g >= 0, "non-negative");
            }
        }
    }

    @Test
    void givenLambdaIsUsedAndLargerLambdaSmoothsMore() {
        DrtResult sharp = drt.analyze(twoRc(0), DrtOptions.withLambda(1e-6));
        DrtResult smooth = drt.analyze(twoRc(0), DrtOptions.withLambda(1e-1));
        assertEquals(1e-6, sharp.lambda());
        double maxSharp = 0;
        double maxSmooth = 0;
        for (double g : sharp.gamma()) {
            maxSharp = Math.max(maxSharp, g);
        }
        for (double g : smooth.gamma()) {
            maxSmooth = Math.max(maxSmooth, g);
        }
        assertTrue(maxSharp > maxSmooth, maxSharp + " vs " + maxSmooth);
        double maxRes = 0;
        for (int i = 0; i < sharp.residualReal().length; i++) {
            maxRes = Math.max(maxRes, Math.abs(sharp.residualReal()[i]));
        }
        assertTrue(maxRes < 0.01, "small lambda fits the data: " + maxRes);
    }

    @Test
    void peaksOfAKnownCurve() {
        double[] tau = {1, 2, 3, 4, 5, 6, 7};
        double[] g = {0, 1, 3, 1, 0.5, 2, 0};
        var peaks = TikhonovDrt.peaks(tau, g, 1.0);
        assertEquals(2, peaks.size());
        assertEquals(3, peaks.get(0).tau());
        assertEquals(6, peaks.get(1).tau());
        assertEquals(0 + 1 + 3 + 1 + 0.25, peaks.get(0).resistance(), 1e-12);
        assertEquals(0.25 + 2 + 0, peaks.get(1).resistance(), 1e-12);
    }

    @Test
    void invalidOptionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> DrtOptions.withLambda(-1));
        assertThrows(IllegalArgumentException.class, () -> new DrtOptions(LambdaMethod.GCV, Double.NaN, 0, 1, true));
    }
}
