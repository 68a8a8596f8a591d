package org.presslab.emulators;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A virtual serial cable: socat's pair of linked pseudo-terminals, reached through two stable
 * symbolic links ({@code host} for the driver, {@code device} for the emulator). {@link #stop()}
 * pulls the cable (both ptys vanish, the links are removed); {@link #start()} plugs a new pair in
 * under the same names, as a replugged USB adapter under a udev name.
 *
 * <p>Needs Debian's {@code socat} ({@code apt-get install socat}).
 */
public final class PtyPair implements AutoCloseable {

    private static final Path SOCAT = Path.of("/usr/bin/socat");

    private final Path host;
    private final Path device;
    private final Path log;
    private Process process;

    private PtyPair(Path dir) {
        this.host = dir.resolve("host");
        this.device = dir.resolve("device");
        this.log = dir.resolve("socat.log");
    }

    /** True when socat is installed. */
    public static boolean socatAvailable() {
        return Files.isExecutable(SOCAT);
    }

    /** Creates the pair under {@code dir} and waits until both links exist. */
    public static PtyPair start(Path dir) throws IOException {
        PtyPair p = new PtyPair(dir);
        p.start();
        return p;
    }

    /** The driver's end. */
    public Path host() {
        return host;
    }

    /** The emulator's end. */
    public Path device() {
        return device;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Plugs the cable in (again). */
    public synchronized void start() throws IOException {
        if (isRunning()) {
            return;
        }
        if (!socatAvailable()) {
            throw new IOException("socat is not installed at " + SOCAT + " (apt-get install socat)");
        }
        process = new ProcessBuilder(SOCAT.toString(), "-d", "-d", "pty,raw,echo=0,link=" + host, "pty,raw,echo=0,link=" + device)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        try {
            while (!(Files.exists(host) && Files.exists(device))) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    process.destroyForcibly();
                    throw new IOException("socat did not create " + host + " and " + device + ": " + Files.readString(log));
                }
                Thread.sleep(2);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting socat", e);
        }
    }

    /** Pulls the cable: socat exits, both ptys vanish and the links are removed. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
        try {
            Files.deleteIfExists(host);
            Files.deleteIfExists(device);
        } catch (IOException e) {
            // socat removes them itself; nothing else to do
        }
    }

    @Override
    public void close() {
        stop();
    }
}
