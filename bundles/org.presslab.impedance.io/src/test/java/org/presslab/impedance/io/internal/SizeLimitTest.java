package org.presslab.impedance.io.internal;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.presslab.impedance.api.SpectrumFormatException;
import org.presslab.impedance.io.SpectrumImporters;

/** Files and streams over 64 MiB are refused with a clear error before they fill the heap. */
class SizeLimitTest {

    private final ImporterRegistry importer = new ImporterRegistry(SpectrumImporters.builtInReaders());

    @Test
    void capIsWellBelowTheHeap() {
        assertTrue(ImporterRegistry.MAX_BYTES == 64 * 1024 * 1024);
    }

    @Test
    void largeFileIsRefusedUnread(@TempDir Path dir) throws IOException {
        Path big = dir.resolve("huge.mpt");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(ImporterRegistry.MAX_BYTES + 1L); // sparse: nothing is written
        }
        SpectrumFormatException e = assertThrows(SpectrumFormatException.class, () -> importer.read(big));
        assertTrue(e.getMessage().startsWith(big.toString()) && e.getMessage().contains("file too large")
                && e.getMessage().contains("64 MiB"), e.getMessage());
    }

    @Test
    void endlessStreamIsCutAtTheLimit() {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 'x');
                return len;
            }
        };
        SpectrumFormatException e = assertThrows(SpectrumFormatException.class, () -> importer.read(endless, "pipe"));
        assertTrue(e.getMessage().startsWith("pipe") && e.getMessage().contains("more than " + ImporterRegistry.MAX_BYTES),
                e.getMessage());
    }

    @Test
    void smallFileStillReads() throws IOException {
        Path p = Fixtures.IMPEDANCE_PY.resolve("exampleData.csv");
        assertTrue(!importer.read(p).isEmpty());
        assertTrue(Files.size(p) < ImporterRegistry.MAX_BYTES);
    }
}
