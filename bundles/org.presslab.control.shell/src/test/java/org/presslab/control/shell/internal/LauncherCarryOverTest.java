package org.presslab.control.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9: the record outlives a rebuild. When `./presslab start` unpacks a newer build it moves the previous
 * installation aside; the run store's H2 database, its spool and the station latches (data/presslab) must move
 * into the new installation, with the lab's database settings, or the history of every run would vanish from
 * the console (and be deleted at the next rebuild). Runs the launcher's own carry_over function (the script
 * sourced with PRESSLAB_FUNCTIONS_ONLY=1) on two folders laid out like unpacked distributions.
 */
class LauncherCarryOverTest {

    private static final Path LAUNCHER = Path.of("../../presslab").toAbsolutePath().normalize();
    private static final String DATASOURCE = "etc/org.ops4j.datasource-presslab.cfg";

    @TempDir
    Path dir;

    private String carryOver(Path old, Path fresh) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", "PRESSLAB_FUNCTIONS_ONLY=1 . \"$0\"; carry_over \"$1\" \"$2\"",
                LAUNCHER.toString(), old.toString(), fresh.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "launcher answered");
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void runsLatchesAndAChangedDatabaseSettingMoveIntoTheNewInstallation() throws Exception {
        Path old = dir.resolve("karaf.previous");
        Path fresh = dir.resolve("karaf");
        write(old.resolve("data/presslab/db/presslab.mv.db"), "the runs");
        write(old.resolve("data/presslab/stations/cell1.latch"), "EMERGENCY_STOP");
        write(old.resolve("data/presslab/spool/cell1.spool"), "spooled rows");
        write(old.resolve("data/cache/some.bundle"), "framework cache: not carried");
        write(old.resolve(DATASOURCE), "osgi.jdbc.driver.name = PostgreSQL JDBC Driver\n");
        write(old.resolve("etc/presslab-db.password"), "secret");
        write(fresh.resolve(DATASOURCE), "osgi.jdbc.driver.name = H2 JDBC Driver\n");

        String said = carryOver(old, fresh);

        assertEquals("the runs", Files.readString(fresh.resolve("data/presslab/db/presslab.mv.db")));
        assertEquals("EMERGENCY_STOP", Files.readString(fresh.resolve("data/presslab/stations/cell1.latch")));
        assertEquals("spooled rows", Files.readString(fresh.resolve("data/presslab/spool/cell1.spool")));
        assertFalse(Files.exists(old.resolve("data/presslab")), "moved, not copied: one database, not two diverging ones");
        assertFalse(Files.exists(fresh.resolve("data/cache")), "only data/presslab is carried over");
        assertEquals("osgi.jdbc.driver.name = PostgreSQL JDBC Driver\n", Files.readString(fresh.resolve(DATASOURCE)));
        assertEquals("secret", Files.readString(fresh.resolve("etc/presslab-db.password")));
        assertTrue(said.contains("data/presslab") && said.contains(DATASOURCE), said);
    }

    @Test
    void aFirstInstallationOrAnUnchangedSettingLeavesTheNewOneAsShipped() throws Exception {
        Path fresh = dir.resolve("karaf");
        write(fresh.resolve(DATASOURCE), "shipped\n");
        assertEquals("", carryOver(dir.resolve("none"), fresh), "nothing to carry over, nothing said");
        assertEquals("shipped\n", Files.readString(fresh.resolve(DATASOURCE)));

        Path old = dir.resolve("karaf.previous");
        write(old.resolve(DATASOURCE), "shipped\n");
        String said = carryOver(old, fresh);
        assertFalse(said.contains(DATASOURCE), "an unchanged setting is not reported as kept: " + said);
        assertFalse(Files.exists(fresh.resolve("data/presslab")));
    }
}
