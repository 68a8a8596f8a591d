package org.presslab.serial.jserialcomm.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.presslab.serial.Parity;
import org.presslab.serial.SerialSettings;
import org.presslab.serial.StopBits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads back the line settings the kernel actually applied. jSerialComm reports success even when
 * Linux silently keeps other settings (a pseudo-terminal forces 8 data bits and no parity), so
 * the port would talk with the wrong framing. There is no Java call for {@code tcgetattr}; we ask
 * {@code stty -F <device> -a} (coreutils), which opens the device without taking its lock.
 */
final class SettingsVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(SettingsVerifier.class);
    private static final Path STTY = Path.of("/bin/stty");

    private SettingsVerifier() {
    }

    static boolean available() {
        return System.getProperty("os.name", "").toLowerCase().contains("linux") && Files.isExecutable(STTY);
    }

    /** A description of what differs, or empty when the settings took (or cannot be checked). */
    static Optional<String> check(String systemPath, SerialSettings wanted) {
        if (!available()) {
            return Optional.empty();
        }
        String out;
        try {
            Process p = new ProcessBuilder(STTY.toString(), "-F", systemPath, "-a").redirectErrorStream(true).start();
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                LOG.debug("stty on {} did not answer; settings not verified", systemPath);
                return Optional.empty();
            }
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            if (p.exitValue() != 0) {
                LOG.debug("stty on {} failed: {}", systemPath, out.trim());
                return Optional.empty();
            }
        } catch (IOException e) {
            LOG.debug("stty on {} could not run: {}", systemPath, e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        return compare(out, wanted);
    }

    /** Compares {@code stty -a} output with the wanted settings. Package-private for tests. */
    static Optional<String> compare(String sttyOutput, SerialSettings wanted) {
        Set<String> flags = new HashSet<>();
        for (String tok : sttyOutput.split("[\\s;]+")) {
            flags.add(tok.trim());
        }
        StringBuilder problems = new StringBuilder();
        boolean parenb = flags.contains("parenb");
        boolean parodd = flags.contains("parodd");
        Parity actualParity = !parenb ? Parity.NONE : flags.contains("cmspar") ? (parodd ? Parity.MARK : Parity.SPACE)
                : parodd ? Parity.ODD : Parity.EVEN;
        if (actualParity != wanted.parity()) {
            problems.append("parity is ").append(actualParity).append(" not ").append(wanted.parity()).append("; ");
        }
        int bits = flags.contains("cs5") ? 5 : flags.contains("cs6") ? 6 : flags.contains("cs7") ? 7 : flags.contains("cs8") ? 8 : -1;
        if (bits > 0 && bits != wanted.dataBits()) {
            problems.append("data bits are ").append(bits).append(" not ").append(wanted.dataBits()).append("; ");
        }
        boolean cstopb = flags.contains("cstopb");
        boolean wantTwo = wanted.stopBits() != StopBits.ONE;
        if ((flags.contains("cstopb") || flags.contains("-cstopb")) && cstopb != wantTwo) {
            problems.append("stop bits are ").append(cstopb ? "2" : "1").append(" not ").append(wanted.stopBits().label()).append("; ");
        }
        if (problems.length() == 0) {
            return Optional.empty();
        }
        problems.setLength(problems.length() - 2);
        return Optional.of(problems + " (a pseudo-terminal or this adapter does not support it; use 8N1 or 8N2"
                + " where the device allows, or an adapter that supports " + wanted.describe() + ")");
    }
}
