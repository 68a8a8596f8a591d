package org.presslab.runs.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.presslab.cycling.ShortCircuit;
import org.presslab.runs.api.RunStoreException;
import org.presslab.runs.imports.ImportReport;

/** run:import passes the run and file on and prints the report; failures end with their message. */
class RunImportCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    private RunImportCommand command(String run, Path file) {
        RunImportCommand c = new RunImportCommand();
        c.id = run;
        c.file = file.toString();
        c.out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        return c;
    }

    @Test
    void printsTheReport() throws Exception {
        Path f = Files.writeString(dir.resolve("cell.mpt"), "x");
        RunImportCommand c = command("r1", f);
        ShortCircuit s = new ShortCircuit(ShortCircuit.Kind.HARD, 5, 50, Instant.parse("2026-11-30T09:00:50Z"), 3.5, 0.02,
                2.5e-4, 0, 12, 15.1e6);
        c.importer = (file, run, station) -> new ImportReport(file, ImportReport.Outcome.IMPORTED, ImportReport.Kind.CYCLING,
                "BioLogic .mpt (GCPL)", run, Instant.parse("2026-11-30T09:00:00Z"), "header", 10, 10, 15e6, Double.NaN,
                Double.NaN, List.of(s), file.getFileName() + ": attached to run " + run);
        c.execute();
        String out = buffer.toString(StandardCharsets.UTF_8);
        assertTrue(out.startsWith("cell.mpt: attached to run r1\nmeasured 2026-11-30T09:00:00Z (time from header)\n"), out);
        assertTrue(out.contains("HARD short at t=50.0 s (2026-11-30T09:00:50Z) (cycle 0, at 12): 3.500 V -> 0.020 V at 0.2500 mA, "
                + "stack 15.10 MPa"), out);
    }

    @Test
    void failuresEndWithTheirMessage() throws Exception {
        Path f = Files.writeString(dir.resolve("bad.csv"), "x");
        RunImportCommand c = command("nope", f);
        c.importer = (file, run, station) -> {
            throw new RunStoreException(RunStoreException.Reason.NOT_FOUND, "no run with id 'nope'");
        };
        assertEquals("not found: no run with id 'nope'", assertThrows(RunCommandFailed.class, c::execute).getMessage());
        RunImportCommand d = command("r1", f);
        d.importer = (file, run, station) -> {
            throw new java.io.IOException("bad.csv, line 3: voltage/V is NaN");
        };
        assertEquals("bad.csv, line 3: voltage/V is NaN", assertThrows(RunCommandFailed.class, d::execute).getMessage());
        RunImportCommand e = command("r1", dir.resolve("missing.csv"));
        assertTrue(assertThrows(RunCommandFailed.class, e::execute).getMessage().startsWith("no such file: "));
    }
}
