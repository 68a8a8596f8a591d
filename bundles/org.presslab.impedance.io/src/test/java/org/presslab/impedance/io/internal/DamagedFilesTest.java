package org.presslab.impedance.io.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.presslab.impedance.api.Spectrum;
import org.presslab.impedance.api.SpectrumFormatException;
import org.presslab.impedance.io.SpectrumImporters;

/**
 * Every real file (but the two largest) cut short at many places, and with bytes overwritten, either still imports
 * (a cut at a line end leaves valid, shorter data) or fails with a located
 * {@link SpectrumFormatException} of the reader itself, never with a runtime exception (which the
 * registry would wrap, giving the exception a cause).
 */
class DamagedFilesTest {

    private final ImporterRegistry importer = new ImporterRegistry(SpectrumImporters.builtInReaders());

    private static List<Path> files() throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(Fixtures.IMPEDANCE_PY)) {
            s.filter(p -> !p.getFileName().toString().equals("LICENSE")).forEach(out::add);
        }
        if (Files.isDirectory(Fixtures.SHARED)) {
            for (String dir : new String[] {"pyimpspec", "yadg"}) {
                try (Stream<Path> s = Files.list(Fixtures.SHARED.resolve(dir))) {
                    s.filter(DamagedFilesTest::small).forEach(out::add);
                }
            }
        }
        out.sort(null);
        return out;
    }

    /** The two 1.3-1.6 MB .mpt files add time but no layout the smaller files lack. */
    private static boolean small(Path p) {
        try {
            return Files.size(p) < 300_000;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void truncatedAnywhereGivesDataOrALocatedError() throws IOException {
        int failures = 0;
        for (Path p : files()) {
            byte[] full = Files.readAllBytes(p);
            for (int k = 1; k < 7; k++) {
                int cut = (int) ((long) full.length * k / 7) + k; // not on a round boundary
                failures += check(Arrays.copyOf(full, Math.min(cut, full.length - 1)), p + " cut at " + cut);
            }
        }
        assertTrue(failures > 0, "some cuts must be detected");
    }

    @Test
    void overwrittenBytesGiveDataOrALocatedError() throws IOException {
        for (Path p : files()) {
            byte[] full = Files.readAllBytes(p);
            for (int k = 1; k < 5; k++) {
                byte[] b = full.clone();
                int at = (int) ((long) b.length * k / 5);
                for (int i = at; i < Math.min(b.length, at + 16); i++) {
                    b[i] = (byte) (0x5a ^ i);
                }
                check(b, p + " overwritten at " + at);
            }
        }
    }

    /** 1 if the damage was reported, 0 if the data still imported. */
    private int check(byte[] b, String what) {
        try {
            List<Spectrum> s = importer.read(b, what);
            assertFalse(s.isEmpty(), what);
            return 0;
        } catch (SpectrumFormatException e) {
            assertNull(e.getCause(), () -> what + ": a reader crashed instead of reporting: " + e.getMessage());
            assertTrue(e.getMessage().startsWith(what), e.getMessage());
            return 1;
        } catch (IOException e) {
            throw new AssertionError(what + ": " + e, e);
        }
    }
}
