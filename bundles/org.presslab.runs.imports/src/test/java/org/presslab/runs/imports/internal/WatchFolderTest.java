package org.presslab.runs.imports.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.presslab.cycling.CyclingImporters;
import org.presslab.cycling.ShortCircuitDetector;
import org.presslab.impedance.io.SpectrumImporters;

/** The watch folder on a real folder, scanned by hand with a test clock (and once with its own thread). */
class WatchFolderTest {

    @TempDir
    Path dir;

    private final AtomicLong now = new AtomicLong();
    private final MemoryRuns store = FileImportTest.store();
    private final FileImport importer = new FileImport(SpectrumImporters.builtIn(), CyclingImporters.builtIn(), store,
            store, store, new ShortCircuitDetector(), ZoneOffset.UTC, Duration.ofSeconds(2));

    private WatchFolder watcher() throws IOException {
        return new WatchFolder(dir, null, importer, Duration.ofSeconds(5), Duration.ofMillis(100), now::get);
    }

    private void scanAfter(WatchFolder w, long seconds) {
        now.addAndGet(seconds * 1_000_000_000L);
        w.scan();
    }

    @Test
    void importsRejectsAndKeepsThenNothingTwiceAfterARestart() throws IOException {
        Files.writeString(dir.resolve("cycling.mpt"), FileImportTest.gcpl(FileImportTest.START, true), StandardCharsets.ISO_8859_1);
        Path eis = Files.writeString(dir.resolve("eis.csv"), "1000,10,-1\n100,12,-3\n");
        Files.setLastModifiedTime(eis, FileTime.from(FileImportTest.START.plusSeconds(100)));
        Files.writeString(dir.resolve("garbage.dat"), "this is no export\n");
        Path late = Files.writeString(dir.resolve("late.csv"), "1000,10,-1\n100,12,-3\n");
        Files.setLastModifiedTime(late, FileTime.from(FileImportTest.START.plusSeconds(864_000)));

        WatchFolder w = watcher();
        scanAfter(w, 0); // first sight
        assertEquals(0, store.cycling.size() + store.spectra.size(), "nothing read before the files are stable");
        scanAfter(w, 6);
        assertEquals(1, store.cycling.size());
        assertEquals(1, store.spectra.size());
        assertTrue(Files.exists(dir.resolve("garbage.dat.rejected")));
        assertFalse(Files.exists(dir.resolve("garbage.dat")));
        String reason = Files.readString(dir.resolve("garbage.dat.rejected.txt"));
        assertTrue(reason.contains("garbage.dat") && reason.contains("unknown format"), reason);
        assertTrue(Files.exists(late), "a file no run covers is kept where it is");
        String ledger = Files.readString(dir.resolve(Ledger.NAME));
        assertTrue(ledger.contains("NO_RUN\tlate.csv"), ledger);
        assertTrue(ledger.contains("IMPORTED\tcycling.mpt"), ledger);
        w.close();

        WatchFolder restarted = watcher();
        scanAfter(restarted, 0);
        scanAfter(restarted, 60);
        assertEquals(1, store.cycling.size(), "not imported again after a restart");
        assertEquals(1, store.spectra.size());
        restarted.close();
    }

    @Test
    void aFileStillBeingWrittenWaitsUntilItIsStable() throws IOException {
        Path f = dir.resolve("growing.mpt");
        String all = FileImportTest.gcpl(FileImportTest.START, true);
        Files.writeString(f, all.substring(0, all.length() / 3), StandardCharsets.ISO_8859_1);
        WatchFolder w = watcher();
        scanAfter(w, 0);
        Files.writeString(f, all.substring(0, 2 * all.length() / 3), StandardCharsets.ISO_8859_1);
        scanAfter(w, 4);
        Files.writeString(f, all, StandardCharsets.ISO_8859_1);
        scanAfter(w, 4);
        scanAfter(w, 4);
        assertEquals(0, store.cycling.size(), "changed 4 s ago: not stable for 5 s yet");
        scanAfter(w, 2);
        assertEquals(1, store.cycling.size());
        assertEquals(2160, store.cycling.get(0).size(), "the whole file");
        w.close();
    }

    @Test
    void whileTheStoreIsDownFilesWaitAndNothingIsRejected() throws IOException {
        Path eis = Files.writeString(dir.resolve("eis.csv"), "1000,10,-1\n100,12,-3\n");
        Files.setLastModifiedTime(eis, FileTime.from(FileImportTest.START.plusSeconds(100)));
        store.unavailable = true;
        WatchFolder w = watcher();
        scanAfter(w, 0);
        scanAfter(w, 6);
        assertTrue(Files.exists(eis));
        assertFalse(Files.exists(dir.resolve(Ledger.NAME)));
        store.unavailable = false;
        scanAfter(w, 1);
        scanAfter(w, 6);
        assertEquals(1, store.spectra.size());
        w.close();
    }

    @Test
    void itsOwnThreadPicksUpANewFile() throws Exception {
        WatchFolder w = new WatchFolder(dir, null, importer, Duration.ofMillis(200), Duration.ofMillis(100), System::nanoTime);
        w.start();
        try {
            Path eis = Files.writeString(dir.resolve("eis.csv"), "1000,10,-1\n100,12,-3\n");
            Files.setLastModifiedTime(eis, FileTime.from(FileImportTest.START.plusSeconds(100)));
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (store.spectra.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(1, store.spectra.size());
        } finally {
            w.close();
        }
    }
}
