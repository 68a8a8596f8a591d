package org.presslab.control.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Properties;

import org.presslab.control.api.InterlockKind;
import org.presslab.control.api.Trip;
import org.presslab.press.api.SafeAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable record of one station's latch: the trip in force (with a lesser trip an emergency stop
 * superseded) and the identity of the device the station was commissioned on. One small properties
 * file per station in the runtime's data folder, replaced atomically (write, fsync, rename), so a
 * kill or a power cut leaves either the old record or the new one. Without a folder (tests, the
 * command-line tool) the record lives in memory only.
 */
final class LatchStore {

    private static final Logger LOG = LoggerFactory.getLogger(LatchStore.class);

    /** What is stored. Any field may be null. */
    record Record(Trip trip, Trip superseded, String deviceIdentity) {
        static final Record EMPTY = new Record(null, null, null);
    }

    private final Path file;

    /** @param folder the data folder, or null for memory only */
    LatchStore(Path folder, String stationId) {
        this.file = folder == null ? null : folder.resolve(safeName(stationId) + ".latch");
    }

    Path file() {
        return file;
    }

    /** Reads the record; an unreadable file is reported and treated as an emergency stop (fail safe). */
    Record load() {
        if (file == null || !Files.exists(file)) {
            return Record.EMPTY;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
            return new Record(trip(p, "trip."), trip(p, "superseded."), p.getProperty("device"));
        } catch (IOException | RuntimeException e) {
            LOG.error("Latch record {} is unreadable ({}): the station starts emergency-stopped", file, e.toString());
            return new Record(new Trip(InterlockKind.EMERGENCY_STOP, "latch record " + file + " unreadable (" + e
                    + "); check the device, then reset", SafeAction.STOP, Instant.now()), null, null);
        }
    }

    /** Writes the record durably; returns false (and logs) when it could not. */
    boolean save(Record r) {
        if (file == null) {
            return true;
        }
        Properties p = new Properties();
        put(p, "trip.", r.trip());
        put(p, "superseded.", r.superseded());
        if (r.deviceIdentity() != null) {
            p.setProperty("device", r.deviceIdentity());
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                p.store(out, "Presslab station latch: written by the station, cleared only by a reset");
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.error("Cannot write the latch record {}: {}; the latch holds in memory only", file, e.toString());
            return false;
        }
    }

    private static void put(Properties p, String prefix, Trip t) {
        if (t == null) {
            return;
        }
        p.setProperty(prefix + "interlock", t.interlock().name());
        p.setProperty(prefix + "message", t.message());
        p.setProperty(prefix + "action", t.action().name());
        p.setProperty(prefix + "time", t.time().toString());
    }

    private static Trip trip(Properties p, String prefix) {
        String k = p.getProperty(prefix + "interlock");
        if (k == null) {
            return null;
        }
        return new Trip(InterlockKind.valueOf(k), p.getProperty(prefix + "message", ""),
                SafeAction.valueOf(p.getProperty(prefix + "action", "HOLD")), Instant.parse(p.getProperty(prefix + "time")));
    }

    private static String safeName(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
