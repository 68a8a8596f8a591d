package org.presslab.serial.jserialcomm.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/** A socat pty pair for tests: two linked pseudo-terminals behind two symbolic links. */
final class SocatPty implements AutoCloseable {

    final Path a;
    final Path b;
    private final Path log;
    private Process process;

    SocatPty(Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/socat")),
                "socat is not installed (apt-get install socat); the pty tests need it");
        this.a = dir.resolve("a");
        this.b = dir.resolve("b");
        this.log = dir.resolve("socat.log");
        start();
    }

    void start() throws Exception {
        process = new ProcessBuilder("/usr/bin/socat", "-d", "-d", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!(Files.exists(a) && Files.exists(b))) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new IOException("socat did not create " + a + " and " + b + ": " + Files.readString(log));
            }
            Thread.sleep(5);
        }
    }

    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            process = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
