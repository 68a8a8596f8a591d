package org.presslab.runs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.presslab.runs.internal.Rows.Row;

/** The spool's frames: every row type round-trips (NaN and infinity too); a torn or damaged frame is detected. */
class SpoolTest {

    @TempDir
    Path tmp;

    static List<Row> rows(int n) {
        UUID run = RunIds.next();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(new Rows.SampleRow("cell1", run, 1_000_000L * i, i, i == 0 ? Double.NaN : 15e6 + i,
                    Double.POSITIVE_INFINITY, 15e6, 0.5, 298, "HOLDING", "GOOD", false));
        }
        rows.add(new Rows.EventRow("cell1", run, 5, 6, "TRIP", "tripped", "{\"x\":1}"));
        rows.add(new Rows.GapRow(RunIds.next(), "cell1", run, 1, null, "DRIVER_LOST", 0, "no driver"));
        rows.add(new Rows.RunEndRow(run, "cell1", 9, "COMPLETED", ""));
        return rows;
    }

    @Test
    void framesRoundTripEveryRowType() throws IOException {
        Spool s = new Spool(tmp.resolve("spool"), 1 << 20);
        List<Row> a = rows(10);
        List<Row> b = rows(3);
        s.append(a);
        s.append(b);
        Path file = s.files().get(0);
        List<Row> back = Spool.readAll(file, 0);
        assertEquals(a.size() + b.size(), back.size());
        assertEquals(a.get(3), back.get(3));
        assertTrue(Double.isNaN(((Rows.SampleRow) back.get(0)).p()));
        assertEquals(a.get(a.size() - 2), back.get(a.size() - 2), "an open gap (null end) survives");
        s.close();
    }

    @Test
    void aTornLastFrameIsDetectedAndTheFramesBeforeItAreRead() throws IOException {
        Spool s = new Spool(tmp.resolve("spool"), 1 << 20);
        s.append(rows(5));
        s.append(rows(5));
        Path file = s.files().get(0);
        s.close();
        long size = Files.size(file);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size - 7); // kill -9 in the middle of the second append
        }
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            Spool.Frame first = Spool.read(in, file, 0);
            assertEquals(8, first.rows().size());
            Spool.CorruptSpoolException e = assertThrows(Spool.CorruptSpoolException.class, () -> Spool.read(in, file, first.endPos()));
            assertTrue(e.getMessage().contains("torn frame"), e.getMessage());
        }
    }

    @Test
    void aFlippedByteFailsTheChecksum() throws IOException {
        Spool s = new Spool(tmp.resolve("spool"), 1 << 20);
        s.append(rows(5));
        Path file = s.files().get(0);
        s.close();
        byte[] all = Files.readAllBytes(file);
        all[40] ^= 0x01;
        Files.write(file, all);
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            Spool.CorruptSpoolException e = assertThrows(Spool.CorruptSpoolException.class, () -> Spool.read(in, file, 0));
            assertTrue(e.getMessage().contains("checksum"), e.getMessage());
        }
    }

    @Test
    void theSizeLimitRefusesAnAppendAndLeavesTheFileIntact() throws IOException {
        Spool s = new Spool(tmp.resolve("spool"), 3_000);
        s.append(rows(5));
        IOException e = assertThrows(IOException.class, () -> s.append(rows(50)));
        assertTrue(e.getMessage().contains("spool full"), e.getMessage());
        assertEquals(8, Spool.readAll(s.files().get(0), 0).size());
        s.close();
    }

    @Test
    void anEmptyFileReadsAsNoFrame() throws IOException {
        Path p = Files.createFile(tmp.resolve("spool-x.bin"));
        try (FileChannel in = FileChannel.open(p, StandardOpenOption.READ)) {
            assertNull(Spool.read(in, p, 0));
        }
    }

    @Test
    void runIdsAreVersion7TimeOrderedAndUniqueAcrossThreads() throws InterruptedException {
        Set<UUID> all = java.util.Collections.synchronizedSet(new HashSet<>());
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread th = new Thread(() -> {
                UUID prev = null;
                for (int i = 0; i < 50_000; i++) {
                    UUID u = RunIds.next();
                    assertEquals(7, u.version());
                    assertEquals(2, u.variant());
                    if (prev != null) {
                        assertTrue(u.toString().compareTo(prev.toString()) > 0, "time-ordered within a thread");
                    }
                    prev = u;
                    all.add(u);
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        assertEquals(200_000, all.size());
        long ms = System.currentTimeMillis();
        assertTrue(Math.abs(RunIds.millisOf(RunIds.next()) - ms) < 5_000);
    }
}
