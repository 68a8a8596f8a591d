package org.presslab.runs.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import com.fasterxml.jackson.core.type.TypeReference;

import org.presslab.runs.internal.Rows.Row;

/**
 * The local append-only spool the writer uses while the database cannot be written. Each file holds
 * frames {@code [magic 'PLSP' int][length int][CRC-32 of the payload int][payload]}, the payload one batch
 * of rows as JSON (Jackson). Every append is forced to disk before it returns. Files are named
 * {@code spool-<uuid v7>.bin}, so name order is time order; a file is deleted once every frame in it is in
 * the database. A torn frame (a crash during an append) or a damaged one is detected by its length or checksum.
 * Not thread-safe: only the writer thread uses it.
 */
final class Spool implements AutoCloseable {

    static final int MAGIC = 0x504C5350; // "PLSP"
    private static final int HEADER = 12;
    private static final TypeReference<List<Row>> ROWS = new TypeReference<>() {
    };

    /** A frame read back. */
    record Frame(List<Row> rows, long endPos) {
    }

    /** A damaged frame: the file cannot be read past {@code pos}. */
    static final class CorruptSpoolException extends IOException {
        private static final long serialVersionUID = 1L;
        final long pos;

        CorruptSpoolException(Path file, long pos, String why) {
            super("spool file " + file + " is damaged at byte " + pos + ": " + why);
            this.pos = pos;
        }
    }

    private final Path dir;
    private final long maxBytes;
    private Path current;
    private FileChannel out;
    private long rowsAppended;

    Spool(Path dir, long maxBytes) {
        this.dir = dir;
        this.maxBytes = maxBytes;
    }

    Path dir() {
        return dir;
    }

    /** Spool files present, oldest first (those of an earlier process included). */
    List<Path> files() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            Path[] a = s.filter(p -> p.getFileName().toString().startsWith("spool-") && p.getFileName().toString().endsWith(".bin"))
                    .toArray(Path[]::new);
            Arrays.sort(a);
            return List.of(a);
        }
    }

    /** Bytes in every spool file. */
    long bytes() {
        try {
            long n = 0;
            for (Path p : files()) {
                n += Files.size(p);
            }
            return n;
        } catch (IOException e) {
            return 0;
        }
    }

    /** Rows appended by this process and not yet backfilled (approximate across a restart). */
    long rowsAppended() {
        return rowsAppended;
    }

    void backfilled(long rows) {
        rowsAppended = Math.max(0, rowsAppended - rows);
    }

    /**
     * Appends one batch and forces it to disk.
     *
     * @throws IOException when the directory or file cannot be written, or the spool would exceed its size limit
     */
    void append(List<Row> rows) throws IOException {
        if (rows.isEmpty()) {
            return;
        }
        byte[] payload = Json.MAPPER.writerFor(ROWS).writeValueAsBytes(rows);
        long size = bytes();
        if (size + payload.length + HEADER > maxBytes) {
            throw new IOException("spool full: " + size + " bytes in " + dir + ", limit " + maxBytes + " bytes (spool.maxMB)");
        }
        if (out == null) {
            Files.createDirectories(dir);
            current = dir.resolve("spool-" + RunIds.next() + ".bin");
            out = FileChannel.open(current, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        }
        CRC32 crc = new CRC32();
        crc.update(payload);
        ByteBuffer b = ByteBuffer.allocate(HEADER + payload.length);
        b.putInt(MAGIC).putInt(payload.length).putInt((int) crc.getValue()).put(payload).flip();
        long before = out.size();
        try {
            while (b.hasRemaining()) {
                out.write(b);
            }
            out.force(false);
        } catch (IOException e) {
            // Do not leave a torn frame behind for the next append to follow.
            try {
                out.truncate(before);
            } catch (IOException ignored) {
                // the reader detects it by its length or checksum
            }
            throw e;
        }
        rowsAppended += rows.stream().filter(r -> !(r instanceof Rows.BatchMark)).count();
    }

    /** The file being appended to, or null. */
    Path current() {
        return current;
    }

    /** Stops appending to the present file (the next append starts a new one). */
    void roll() throws IOException {
        if (out != null) {
            out.close();
            out = null;
            current = null;
        }
    }

    /**
     * Reads the frame at {@code pos}; null at the end of the file.
     *
     * @throws CorruptSpoolException for a torn or damaged frame
     */
    static Frame read(FileChannel in, Path file, long pos) throws IOException {
        long size = in.size();
        if (pos >= size) {
            return null;
        }
        if (size - pos < HEADER) {
            throw new CorruptSpoolException(file, pos, "torn frame header (" + (size - pos) + " bytes)");
        }
        ByteBuffer h = ByteBuffer.allocate(HEADER);
        readFully(in, h, pos);
        h.flip();
        int magic = h.getInt();
        int len = h.getInt();
        int crcStored = h.getInt();
        if (magic != MAGIC || len < 0 || len > size - pos - HEADER) {
            throw new CorruptSpoolException(file, pos, magic != MAGIC ? "no frame marker" : "torn frame (length " + len + ")");
        }
        ByteBuffer p = ByteBuffer.allocate(len);
        readFully(in, p, pos + HEADER);
        CRC32 crc = new CRC32();
        crc.update(p.array());
        if ((int) crc.getValue() != crcStored) {
            throw new CorruptSpoolException(file, pos, "checksum mismatch");
        }
        List<Row> rows = Json.MAPPER.readValue(p.array(), ROWS);
        return new Frame(rows, pos + HEADER + len);
    }

    private static void readFully(FileChannel in, ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            int n = in.read(b, pos + b.position());
            if (n < 0) {
                throw new IOException("unexpected end of spool file");
            }
        }
    }

    /** Deletes a fully backfilled file. */
    void delete(Path file) throws IOException {
        if (file.equals(current)) {
            roll();
        }
        Files.deleteIfExists(file);
    }

    @Override
    public void close() throws IOException {
        roll();
    }

    /** Reads every frame of a file from {@code pos} (tests and tools). */
    static List<Row> readAll(Path file, long pos) throws IOException {
        List<Row> all = new ArrayList<>();
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            Frame f;
            while ((f = read(in, file, pos)) != null) {
                all.addAll(f.rows());
                pos = f.endPos();
            }
        }
        return all;
    }
}
