package org.presslab.press.sim.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

import org.presslab.press.api.DeviceKind;
import org.presslab.press.sim.PlantSnapshot;
import org.presslab.press.sim.SimSpec;
import org.presslab.press.sim.SimulatedDevice;
import org.presslab.press.sim.SimulatedDevices;
import org.presslab.time.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a simulated plant across its driver's deactivation: the DS lifecycle writes the device's
 * {@link PlantSnapshot} to a file in the bundle's persistent data area on deactivate and builds the
 * next device with the same id from it on activate. Writes go to a temporary file in the same
 * directory, forced to disk, then moved over the old file atomically, so a crash never leaves a
 * half-written snapshot. Every failure is logged and falls back to a fresh device: nothing here stops
 * a driver from starting.
 */
public final class PlantStore {

    private static final Logger LOG = LoggerFactory.getLogger(PlantStore.class);

    /** Default of {@code restoreMaxAgeS}: an hour, the longest time away the physics is run on for. */
    public static final long DEFAULT_MAX_AGE_S = PlantSnapshot.MAX_AWAY.toSeconds();

    private final Path file;

    /** @param file where this device's snapshot lives (see {@link #fileName(String)}) */
    public PlantStore(Path file) {
        this.file = file;
    }

    /** {@code plant-<id>.properties}, with characters outside {@code [A-Za-z0-9._-]} replaced by {@code _}. */
    public static String fileName(String driverId) {
        return "plant-" + driverId.replaceAll("[^A-Za-z0-9._-]", "_") + ".properties";
    }

    public Path file() {
        return file;
    }

    /**
     * Builds the device for {@code spec}: from the stored snapshot when there is one for this id that is
     * at most {@code maxAgeS} old (0 = never restore) and fits the spec, else a fresh one. A used snapshot
     * is deleted, so a later crash (no deactivate) cannot bring back stale state.
     *
     * @return the device and whether it was restored
     * @throws IllegalArgumentException only for an invalid spec (as {@link SimulatedDevices#create})
     */
    public Result createDevice(TimeSource time, SimSpec spec, long maxAgeS) {
        if (maxAgeS < 0) {
            throw new IllegalArgumentException("restoreMaxAgeS must be >= 0 (0 = never restore), was " + maxAgeS);
        }
        Optional<PlantSnapshot> stored = maxAgeS == 0 ? Optional.empty() : read();
        if (stored.isPresent()) {
            PlantSnapshot snapshot = stored.get();
            Duration age = Duration.between(snapshot.takenAt(), time.now());
            if (age.compareTo(Duration.ofSeconds(maxAgeS)) > 0) {
                LOG.info("Not restoring simulated device '{}' from {}: the snapshot is {} s old, more than "
                        + "restoreMaxAgeS {} s; starting a fresh device", spec.id(), file, age.toSeconds(), maxAgeS);
            } else {
                try {
                    SimulatedDevice device = SimulatedDevices.create(time, spec, snapshot);
                    delete();
                    double held = Math.max(0, age.toNanos() * 1e-9);
                    LOG.info("{}", String.format(Locale.ROOT, "restored simulated %s '%s' at %.2f MPa (held for %.1f s)",
                            noun(spec.kind()), spec.id(), device.plantState().cellPressurePa() / 1e6, held));
                    return new Result(device, true);
                } catch (IllegalArgumentException e) {
                    LOG.warn("Not restoring simulated device '{}' from {}: {}; starting a fresh device", spec.id(), file,
                            e.getMessage());
                }
            }
        }
        return new Result(SimulatedDevices.create(time, spec), false);
    }

    /** A device and whether it came from a snapshot. */
    public record Result(SimulatedDevice device, boolean restored) {
    }

    private static String noun(DeviceKind kind) {
        switch (kind) {
            case SPRING_FRAME:
            case SCREW_FRAME:
            case MOTORIZED_FRAME:
                return "frame";
            case CRIMPER:
                return "crimper";
            default:
                return "press";
        }
    }

    /** The stored snapshot; empty when there is none or it cannot be read (logged as a warning naming the file). */
    public Optional<PlantSnapshot> read() {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) { // IAE: a malformed \\uXXXX escape
            LOG.warn("Ignoring unreadable plant snapshot {}: {}", file, e.toString());
            return Optional.empty();
        }
        try {
            return Optional.of(PlantSnapshot.fromProperties(p));
        } catch (IllegalArgumentException e) {
            LOG.warn("Ignoring corrupt plant snapshot {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Writes {@code snapshot} atomically (temp file, fsync, atomic move).
     *
     * @throws IOException when it cannot; the previous file, if any, is then unchanged
     */
    public void write(PlantSnapshot snapshot) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = Channels.newOutputStream(ch);
                snapshot.toProperties().store(out, "Presslab simulated plant '" + snapshot.id() + "' ("
                        + snapshot.kind() + "), written when its driver was deactivated");
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Snapshots {@code device} and writes it; a failure is logged as a warning (the driver still stops).
     *
     * @return true when written
     */
    public boolean save(SimulatedDevice device) {
        try {
            PlantSnapshot snapshot = device.snapshot();
            write(snapshot);
            LOG.info("{}", String.format(Locale.ROOT, "Simulated device '%s' left at %.2f MPa; plant state saved to %s",
                    device.id(), snapshot.cellPressurePa() / 1e6, file));
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not save the plant state of simulated device '{}' to {}: {}", device.id(), file,
                    e.toString());
            return false;
        }
    }

    private void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not delete the used plant snapshot {}: {}", file, e.toString());
        }
    }
}
