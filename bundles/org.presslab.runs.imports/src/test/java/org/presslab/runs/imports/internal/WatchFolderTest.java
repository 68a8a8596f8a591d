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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.presslab.runs.imports.FileImporter;

/**
 * The watch folder on a real folder, scanned by hand with a test clock (and once with its own thread), importing into
 * the real run store on an embedded H2 database (run r1 of {@link FileImportTest#recordRun}).
 */
class WatchFolderTest {

    @TempDir
    Path dir;

    @TempDir
    Path dbDir;

    private final AtomicLong now = new AtomicLong();
    private RunStoreFixture runs;
    private String r1;
    private FileImport importer;

    @BeforeEach
    void record() throws Exception {
        runs = new RunStoreFixture(dbDir, FileImportTest.RUN_START);
        r1 = FileImportTest.recordRun(runs);
        importer = FileImportTest.importer(runs, ZoneOffset.UTC);
    }

    @AfterEach
    void closeStore() throws Exception {
        runs.close();
    }

    private WatchFolder watcher() throws IOException {
        return new WatchFolder(dir, null, importer, Duration.ofSeconds(5), Duration.ofMillis(100), now::get);
    }

    private void scanAfter(WatchFolder w, long seconds) {
        now.addAndGet(seconds * 1_000_000_000L);
        w.scan();
    }

    private int cyclingLogs() {
        return runs.store.cyclingLogs(r1).size();
    }

    private int spectra() {
        return runs.store.spectra(r1).size();
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
        assertEquals(0, cyclingLogs() + spectra(), "nothing read before the files are stable");
        scanAfter(w, 6);
        assertEquals(1, cyclingLogs());
        assertEquals(1, spectra());
        assertTrue(Files.exists(dir.resolve("garbage.dat.rejected")));
        assertFalse(Files.exists(dir.resolve("garbage.dat")));
        String reason = Files.readString(dir.resolve("garbage.dat.rejected.txt"));
        assertTrue(reason.contains("garbage.dat") && reason.contains("unknown format"), reason);
        assertTrue(Files.exists(late), "a file no run covers is kept where it is");
        String ledger = Files.readString(dir.resolve(Ledger.NAME));
        assertTrue(ledger.contains("NO_RUN\tlate.csv"), ledger);
        assertTrue(ledger.contains("IMPORTED\tcycling.mpt"), ledger);
        assertTrue(ledger.contains("IMPORTED\teis.csv"), ledger);
        w.close();

        WatchFolder restarted = watcher();
        scanAfter(restarted, 0);
        scanAfter(restarted, 60);
        assertEquals(1, cyclingLogs(), "not imported again after a restart");
        assertEquals(1, spectra());
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
        assertEquals(0, cyclingLogs(), "changed 4 s ago: not stable for 5 s yet");
        scanAfter(w, 2);
        assertEquals(1, cyclingLogs());
        assertEquals(2160, runs.store.cyclingLogs(r1).get(0).points(), "the whole file");
        w.close();
    }

    @Test
    void whileTheStoreIsDownFilesWaitAndNothingIsRejected() throws Exception {
        Path eis = Files.writeString(dir.resolve("eis.csv"), "1000,10,-1\n100,12,-3\n");
        Files.setLastModifiedTime(eis, FileTime.from(FileImportTest.START.plusSeconds(100)));
        AtomicInteger attempts = new AtomicInteger();
        FileImporter counting = (file, run, station) -> {
            attempts.incrementAndGet();
            return importer.importFile(file, run, station);
        };
        runs.databaseDown();
        WatchFolder w = new WatchFolder(dir, null, counting, Duration.ofSeconds(5), Duration.ofMillis(100), now::get);
        scanAfter(w, 0);
        scanAfter(w, 6); // stable: tried, the store answers UNAVAILABLE
        scanAfter(w, 1);
        scanAfter(w, 6); // stable again: tried again
        assertEquals(2, attempts.get(), "tried again while the store is down");
        assertTrue(Files.exists(eis), "the file stays where it is");
        assertFalse(Files.exists(dir.resolve("eis.csv.rejected")));
        assertFalse(Files.exists(dir.resolve("eis.csv.rejected.txt")));
        assertFalse(Files.exists(dir.resolve(Ledger.NAME)), "nothing decided, so nothing in the ledger");
        runs.databaseUp();
        scanAfter(w, 1);
        scanAfter(w, 6);
        assertEquals(1, spectra());
        assertTrue(Files.readString(dir.resolve(Ledger.NAME)).contains("IMPORTED\teis.csv"));
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
            while (spectra() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(1, spectra());
        } finally {
            w.close();
        }
    }
}
