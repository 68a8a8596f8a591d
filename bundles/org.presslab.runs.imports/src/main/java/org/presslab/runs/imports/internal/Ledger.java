package org.presslab.runs.imports.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the watch folder did with each file, kept in the folder as an append-only text file
 * ({@value #NAME}, one tab-separated line per decision: status, file name, size, modification time in ms,
 * run id, message) and forced to disk line by line, so that a restart never imports a file twice. The last
 * line of a name wins. A damaged line (a crash in the middle of a write) is skipped.
 */
final class Ledger {

    static final String NAME = ".presslab-imports";

    /** One decision. */
    record Entry(String status, String name, long size, long mtimeMillis, String runId, String message) {
    }

    private final Path file;
    private final Map<String, Entry> entries = new HashMap<>();

    Ledger(Path folder) throws IOException {
        this.file = folder.resolve(NAME);
        if (Files.exists(file)) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (String line : lines) {
                String[] f = line.split("\t", -1);
                if (f.length < 6) {
                    continue;
                }
                try {
                    entries.put(f[1], new Entry(f[0], f[1], Long.parseLong(f[2]), Long.parseLong(f[3]), f[4], f[5]));
                } catch (NumberFormatException e) {
                    // a line cut by a crash: the file it names is looked at again
                }
            }
        }
    }

    synchronized Entry get(String name) {
        return entries.get(name);
    }

    /** Records a decision: in memory at once (this process never handles the file again), then on disk. */
    synchronized void put(Entry e) throws IOException {
        entries.put(e.name(), e);
        String line = String.join("\t", clean(e.status()), clean(e.name()), Long.toString(e.size()),
                Long.toString(e.mtimeMillis()), clean(e.runId()), clean(e.message())) + "\n";
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
            ch.force(false);
        }
    }

    private static String clean(String s) {
        return s == null ? "" : s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
