package org.presslab.impedance.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImpedanceMainTest {

    @TempDir
    Path dir;

    private String run(int expectedRc, String... args) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int rc = new ImpedanceMain(new PrintStream(buf, true, StandardCharsets.UTF_8)).run(args);
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(expectedRc, rc, out);
        return out;
    }

    private Path resource(String name) throws IOException {
        Path p = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/eis/impedance.py/" + name)) {
            Files.copy(in, p);
        }
        return p;
    }

    @Test
    void fitKkAndDrtOnAZplotFile() throws IOException {
        String f = resource("Circuit1_EIS_1.z").toString();
        String fit = run(0, "fit", f, "L0-R0-p(R1,CPE1)");
        assertTrue(fit.contains("converged") && fit.contains("R1 "), fit);
        String kk = run(0, "kk", f);
        assertTrue(kk.contains("-> VALID"), kk);
        String drt = run(0, "drt", f, "--method", "lcurve");
        assertTrue(drt.contains("L_CURVE") && drt.contains("tau/s"), drt);
    }

    @Test
    void conductivityAndArrhenius() throws IOException {
        String c = run(0, "conductivity", "--r", "8488.3", "--thickness-mm", "1", "--diameter-mm", "10");
        assertTrue(c.contains("sigma = 1.5000") || c.contains("sigma = 1.49999"), c);
        Path t = dir.resolve("arr.txt");
        double kb = 8.617333262e-5;
        StringBuilder sb = new StringBuilder("T/K sigma/(S/cm)\n");
        for (double temp : new double[] {280, 300, 320, 340}) {
            sb.append(temp).append(' ').append(50 * Math.exp(-0.4 / (kb * temp))).append('\n');
        }
        Files.writeString(t, sb);
        String a = run(0, "arrhenius", t.toString());
        assertTrue(a.contains("Ea = 0.4000"), a);
    }

    @Test
    void errorsNameTheProblem() throws IOException {
        assertTrue(run(2, "fit", "/nonexistent.z", "R0").contains("cannot read /nonexistent.z"));
        String f = resource("Circuit1_EIS_1.z").toString();
        assertTrue(run(2, "fit", f, "R0-p(R1,C1").contains("position 10"));
        assertTrue(run(2, "frobnicate").contains("unknown command"));
        Path bad = dir.resolve("bad.txt");
        Files.writeString(bad, "1 2 3\n2 NaN 4\n");
        // through the importers (org.presslab.impedance.io is on the test class path) ...
        String viaImporter = run(2, "kk", bad.toString());
        assertTrue(viaImporter.contains("bad.txt"), viaImporter);
        // ... and through the numeric-table fallback
        String viaTable = run(2, "kk", bad.toString(), "--columns", "0,1,2");
        assertTrue(viaTable.contains("line 2") && viaTable.contains("NaN"), viaTable);
    }
}
