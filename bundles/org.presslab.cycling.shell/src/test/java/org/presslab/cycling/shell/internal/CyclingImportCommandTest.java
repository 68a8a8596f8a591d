package org.presslab.cycling.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.presslab.cycling.CyclingImporters;

/** cycling:import on a generated plain CSV log (two cycles, then a hard short in the third charge). */
class CyclingImportCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    private CyclingImportCommand command(Path file) {
        CyclingImportCommand c = new CyclingImportCommand();
        c.importer = CyclingImporters.builtIn();
        c.file = file.toString();
        c.out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        return c;
    }

    private Path log() throws Exception {
        StringBuilder b = new StringBuilder("time/s,current/mA,voltage/V\n");
        double t = 0;
        for (int cycle = 0; cycle < 3; cycle++) {
            for (int k = 0; k < 360; k++, t += 10) { // 1 h charge at 0.5 mA: 0.5 mAh
                double v = cycle == 2 && k >= 200 ? 0.01 : 3.3 + 0.4 * k / 360.0;
                b.append(String.format(Locale.ROOT, "%.1f,0.5,%.4f%n", t, v));
            }
            for (int k = 0; k < 342; k++, t += 10) { // 0.95 h discharge: 0.475 mAh
                b.append(String.format(Locale.ROOT, "%.1f,-0.5,%.4f%n", t, 3.5 - 0.5 * k / 342.0));
            }
        }
        return Files.writeString(dir.resolve("cell.csv"), b.toString());
    }

    @Test
    void summaryPerCycleAndTheShort() throws Exception {
        command(log()).execute();
        String out = buffer.toString(StandardCharsets.UTF_8);
        assertTrue(out.startsWith("cell.csv: CSV (time, current, voltage), instrument not named, 2106 points over 5.85 h, "
                + "start not in the file"), out);
        assertTrue(out.contains("0.4986") && out.contains("0.4736") && out.contains("95.0"), out);
        assertTrue(out.contains("1 short circuit(s):") && out.contains("HARD short at t=16040.0 s (cycle 2, at 1606): 3.521 V -> 0.010 V"), out);
    }

    @Test
    void pointsListed() throws Exception {
        CyclingImportCommand c = command(log());
        c.points = true;
        c.execute();
        String out = buffer.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("time/s\tI/mA\tEwe/V\tcapacity/mAh\tcycle\n0.000\t0.500000\t3.300000\t0.00000\t0\n"), out);
    }

    @Test
    void aBadFileFailsWithItsLine() throws Exception {
        Path f = Files.writeString(dir.resolve("bad.csv"), "time/s,current/mA,voltage/V\n0,1,3.3\n10,1,oops\n");
        CyclingImportCommand.Failed e = assertThrows(CyclingImportCommand.Failed.class, () -> command(f).execute());
        assertEquals(f + ", line 3: voltage/V is not a number: 'oops'", e.getMessage());
    }
}
