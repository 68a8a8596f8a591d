package org.presslab.impedance.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.presslab.impedance.api.CircuitSyntaxException;

class CircuitTest {

    @Test
    void namesParametersAsImpedancePyDoes() {
        Circuit c = Circuit.parse("R0-p(R1,CPE1)-p(R2,CPE2)-Wo1");
        assertEquals(List.of("R0", "R1", "CPE1_0", "CPE1_1", "R2", "CPE2_0", "CPE2_1", "Wo1_0", "Wo1_1"),
                c.parameterNames());
        assertEquals("ohm", c.parameterUnits().get(0));
        assertEquals(1.0, c.defaultUpperBounds()[3]);
        assertEquals("R0-p(R1,C1)", Circuit.parse(" R0 - p( R1 , C1 ) ").circuit());
    }

    @Test
    void parallelRcMatchesClosedForm() {
        Circuit c = Circuit.parse("R0-p(R1,C1)");
        double r0 = 10, r1 = 100, c1 = 1e-6, f = 1591.55;
        double w = 2 * Math.PI * f;
        double d = 1 + Math.pow(w * r1 * c1, 2);
        double[] z = c.impedance(f, new double[] {r0, r1, c1});
        assertEquals(r0 + r1 / d, z[0], 1e-9);
        assertEquals(-r1 * w * r1 * c1 / d, z[1], 1e-9);
    }

    @Test
    void distributedElementsHaveTheirLimits() {
        // Wo: at low frequency coth(s)/s -> 1/s^2 + 1/3, so Z' -> Z0/3; Ws: Z' -> Z0; G: Z -> R at low f
        assertEquals(100.0 / 3, Circuit.parse("Wo1").impedance(1e-6, new double[] {100, 1})[0], 1e-3);
        assertEquals(100.0, Circuit.parse("Ws1").impedance(1e-6, new double[] {100, 1})[0], 1e-3);
        assertEquals(50.0, Circuit.parse("G1").impedance(1e-9, new double[] {50, 1e-3})[0], 1e-6);
        double[] w = Circuit.parse("W1").impedance(1 / (2 * Math.PI), new double[] {7});
        assertEquals(7, w[0], 1e-12);
        assertEquals(-7, w[1], 1e-12);
        // CPE with alpha = 1 is a capacitor
        double[] cpe = Circuit.parse("CPE1").impedance(1000, new double[] {1e-6, 1});
        assertEquals(-1 / (2 * Math.PI * 1000 * 1e-6), cpe[1], 1e-6);
        assertEquals(0, cpe[0], 1e-9);
    }

    /** The analytic Jacobian of every element, inside series and parallel nodes, against central differences. */
    @Test
    void analyticDerivativesMatchFiniteDifferences() {
        String circuit = "R0-L0-p(R1,CPE1)-p(R2-Wo1,C2)-p(R3-Ws1,CPE3)-G1-W1-p(TLMQ1,C4)";
        Circuit c = Circuit.parse(circuit);
        double[] p = {10, 1e-6, 50, 1e-6, 0.85, 100, 200, 1.0, 1e-5, 30, 80, 0.3, 1e-4, 0.75, 40, 2e-3, 20, 60, 1e-3,
            0.8, 1e-7};
        assertEquals(c.parameterCount(), p.length);
        double[] s = new double[c.scratchSize()];
        double[] dr = new double[p.length];
        double[] di = new double[p.length];
        for (double f : new double[] {1e-2, 0.7, 33, 1e3, 2.5e5}) {
            double w = 2 * Math.PI * f;
            c.eval(w, p, s, dr, di);
            for (int k = 0; k < p.length; k++) {
                double h = Math.abs(p[k]) * 1e-6;
                double[] q = p.clone();
                q[k] += h;
                double[] zp = c.impedance(f, q);
                q[k] -= 2 * h;
                double[] zm = c.impedance(f, q);
                double fr = (zp[0] - zm[0]) / (2 * h);
                double fi = (zp[1] - zm[1]) / (2 * h);
                // differencing error ~ eps |Z| / h on top of the truncation error
                double[] z = c.impedance(f, p);
                double tol = 1e-5 * Math.hypot(fr, fi) + 1e-8 * Math.hypot(z[0], z[1]) / Math.abs(p[k]);
                assertEquals(fr, dr[k], tol, c.parameterNames().get(k) + " real at f=" + f);
                assertEquals(fi, di[k], tol, c.parameterNames().get(k) + " imag at f=" + f);
            }
        }
    }

    @Test
    void malformedStringsAreRefusedWithPositionAndExpectation() {
        assertSyntax("R0-p(R1,C1", 10, "expected ')'");
        assertSyntax("R0-", 3, "expected an element");
        assertSyntax("R0-X1", 3, "expected an element name");
        assertSyntax("R0-p(R1)", 7, "at least two");
        assertSyntax("R0-R0", 3, "used twice");
        assertSyntax("R0)", 2, "unbalanced ')'");
        assertSyntax("R0-CPE", 3, "expected a number after element type 'CPE'");
        assertSyntax("R0 R1", 3, "expected '-' or end of circuit");
        assertSyntax("R0-p(R1;C1)", 7, "expected ',' or ')'");
        assertSyntax("", 0, "expected an element");
    }

    @Test
    void wrongParameterCountIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Circuit.parse("R0-p(R1,C1)").impedance(1, new double[] {1, 2}));
        assertTrue(e.getMessage().contains("3 parameters"), e.getMessage());
    }

    private static void assertSyntax(String circuit, int position, String expected) {
        CircuitSyntaxException e = assertThrows(CircuitSyntaxException.class, () -> Circuit.parse(circuit));
        assertEquals(position, e.position(), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains("position " + position), e.getMessage());
    }
}
