package org.presslab.runs.imports.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.presslab.runs.api.RunStoreException;
import org.presslab.runs.imports.FileImporter;
import org.presslab.runs.imports.ImportReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one folder for export files and imports each new one into the run that covers it.
 *
 * <ul>
 * <li>A {@link WatchService} wakes the scan when a file appears or changes; a scan also runs every poll interval,
 * which is the whole mechanism where the file system sends no events (network shares) or the service cannot be
 * had.</li>
 * <li>A file is read only once its size and modification time have not changed for {@code stableFor}: an
 * instrument may still be writing it.</li>
 * <li>Imported, unmatched and rejected files are written to the {@link Ledger} in the folder: after a restart none
 * is imported or reported again. A file changed after its import is reported once and not imported again
 * (import it by hand with its run id).</li>
 * <li>A file that cannot be read is renamed {@code name.rejected} beside a {@code name.rejected.txt} holding the
 * reason; a file no run covers is left where it is and logged. Neither stops the others: each file is handled
 * on its own. While the run store is unavailable, files wait where they are and are tried again once they have
 * been unchanged for {@code stableFor} again.</li>
 * </ul>
 */
final class WatchFolder implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(WatchFolder.class);

    static final String REJECTED = ".rejected";

    private final Path folder;
    private final String stationId;
    private final FileImporter importer;
    private final long stableForNanos;
    private final Duration pollInterval;
    private final LongSupplier nanoTime;
    private final Ledger ledger;
    private final Map<String, Seen> seen = new HashMap<>();
    private final Set<String> changedReported = new HashSet<>();
    private volatile Thread thread;
    private volatile WatchService watch;
    private volatile boolean closed;
    private final Object wake = new Object();

    /** A file's size and time as last seen, and since when they have not changed. */
    private record Seen(long size, long mtimeMillis, long sinceNanos) {
    }

    WatchFolder(Path folder, String stationId, FileImporter importer, Duration stableFor, Duration pollInterval,
            LongSupplier nanoTime) throws IOException {
        this.folder = Objects.requireNonNull(folder, "folder");
        if (!Files.isDirectory(folder)) {
            throw new IOException("watch folder " + folder + " is not a folder (create it, or correct 'folder')");
        }
        this.stationId = stationId == null || stationId.isBlank() ? null : stationId;
        this.importer = Objects.requireNonNull(importer, "importer");
        this.stableForNanos = stableFor.toNanos();
        this.pollInterval = pollInterval;
        this.nanoTime = nanoTime;
        this.ledger = new Ledger(folder);
    }

    /** Starts the watching thread. */
    void start() {
        try {
            WatchService w = folder.getFileSystem().newWatchService();
            folder.register(w, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            watch = w;
        } catch (IOException | UnsupportedOperationException e) {
            LOG.info("watch folder {}: no file system events ({}), polling every {}", folder, e.toString(), pollInterval);
        }
        Thread t = new Thread(this::loop, "presslab-watch " + folder.getFileName());
        t.setDaemon(true);
        thread = t;
        t.start();
        LOG.info("watching {} for impedance and cycling exports{}", folder,
                stationId == null ? "" : " (runs of station " + stationId + ")");
    }

    private void loop() {
        while (!closed) {
            try {
                scan();
                WatchService w = watch;
                if (w == null) {
                    synchronized (wake) {
                        if (!closed) {
                            wake.wait(pollInterval.toMillis());
                        }
                    }
                } else {
                    var key = w.poll(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                    if (key != null) {
                        key.pollEvents();
                        key.reset();
                    }
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("watch folder {}: scan failed, trying again", folder, e);
            }
        }
    }

    /** One pass over the folder: every stable new file is handled. */
    void scan() {
        long now = nanoTime.getAsLong();
        Set<String> present = new HashSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                if (closed) {
                    return;
                }
                String name = file.getFileName().toString();
                if (ignored(name)) {
                    continue;
                }
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(file, BasicFileAttributes.class);
                } catch (IOException e) {
                    continue; // gone between listing and reading
                }
                if (!a.isRegularFile()) {
                    continue;
                }
                present.add(name);
                long size = a.size();
                long mtime = a.lastModifiedTime().toMillis();
                Ledger.Entry done = ledger.get(name);
                if (done != null) {
                    if ((done.size() != size || done.mtimeMillis() != mtime) && changedReported.add(name)) {
                        LOG.warn("watch folder {}: {} changed after it was {} ({}); not imported again, import it by "
                                + "hand with its run id", folder, name, done.status().toLowerCase(java.util.Locale.ROOT),
                                done.message());
                    }
                    continue;
                }
                Seen s = seen.get(name);
                if (s == null || s.size() != size || s.mtimeMillis() != mtime) {
                    seen.put(name, new Seen(size, mtime, now));
                    continue;
                }
                if (now - s.sinceNanos() < stableForNanos) {
                    continue;
                }
                handle(file, name, size, mtime);
                seen.remove(name);
            }
        } catch (IOException e) {
            LOG.warn("watch folder {}: cannot list it: {}", folder, e.toString());
        }
        seen.keySet().retainAll(present);
    }

    private static boolean ignored(String name) {
        return name.startsWith(".") || name.startsWith("~") || name.endsWith(REJECTED) || name.endsWith(REJECTED + ".txt")
                || name.endsWith(".tmp") || name.endsWith(".part") || name.endsWith(".lock");
    }

    private void handle(Path file, String name, long size, long mtime) {
        try {
            ImportReport r = importer.importFile(file, null, stationId);
            if (r.outcome() == ImportReport.Outcome.IMPORTED) {
                LOG.info("watch folder: {}", r.message());
                record(new Ledger.Entry("IMPORTED", name, size, mtime, r.runId(), r.message()));
            } else {
                LOG.warn("watch folder {}: {} kept, not attached: {} (measured {}, time from {})", folder, name,
                        r.message(), r.measuredAt(), r.timeFrom());
                record(new Ledger.Entry(r.outcome().name(), name, size, mtime, r.runId(), r.message()));
            }
        } catch (RunStoreException e) {
            if (e.reason() == RunStoreException.Reason.UNAVAILABLE) {
                LOG.warn("watch folder {}: {} waits: the run store is unavailable ({})", folder, name, e.getMessage());
            } else {
                reject(file, name, size, mtime, "the run store refused it: " + e.getMessage());
            }
        } catch (IOException e) {
            reject(file, name, size, mtime, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("watch folder {}: {} could not be imported", folder, name, e);
            reject(file, name, size, mtime, "import failed: " + e);
        }
    }

    private void reject(Path file, String name, long size, long mtime, String reason) {
        Path target = file.resolveSibling(name + REJECTED);
        String where = target.getFileName().toString();
        try {
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(file.resolveSibling(name + REJECTED + ".txt"), "Presslab could not import " + name + ":\n"
                    + reason + "\n\nFix or re-export the file and put it back under a new name.\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            where = name + " (left in place: " + e + ")";
        }
        LOG.warn("watch folder {}: {} rejected: {}; now {}", folder, name, reason, where);
        record(new Ledger.Entry("REJECTED", name, size, mtime, "", reason));
    }

    private void record(Ledger.Entry entry) {
        try {
            ledger.put(entry);
        } catch (IOException e) {
            LOG.error("watch folder {}: cannot write the ledger {} ({}): {} may be handled again after a restart",
                    folder, Ledger.NAME, e.toString(), entry.name());
        }
    }

    @Override
    public void close() {
        closed = true; // no interrupt: it would close a channel in the middle of a ledger write
        synchronized (wake) {
            wake.notifyAll();
        }
        Thread t = thread;
        WatchService w = watch;
        if (w != null) {
            try {
                w.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(30_000); // a file being imported is finished first
                if (t.isAlive()) {
                    LOG.warn("watch folder {}: the watcher did not stop within 30 s", folder);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
