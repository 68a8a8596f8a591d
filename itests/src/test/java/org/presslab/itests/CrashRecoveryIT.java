package org.presslab.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Test;

/**
 * Issue 9, "crash safety", on the real distribution: {@code kill -9} of the Karaf JVM during the default
 * recipe, then a restart.
 *
 * <p>The distribution this reactor built is unpacked and started with {@code bin/start}; everything is
 * driven through the console ({@code bin/client -b}), as an operator would. Station cell1 runs
 * {@code assb-default}, recorded by the run store on the default H2 database; a second station, cell2 on
 * a second simulated press, is emergency-stopped before the kill so that a latch is on disk. Then SIGKILL
 * (no shutdown hook, no flush), {@code bin/start} again, and the record is read back through the console
 * ({@code run:} commands, and {@code jdbc:query} on the run store's tables for the sample times):
 *
 * <ul>
 * <li>the run is there, marked INTERRUPTED, ended at its last recorded sample;</li>
 * <li>at most 1 s of samples is missing before the kill (kill time less the last stored sample's time),
 * and the samples before that are dense (no hole hidden behind a recent last sample);</li>
 * <li>cell2's emergency stop is latched again after the restart;</li>
 * <li>the operator is told: the shell lists the run as INTERRUPTED and the log names it.</li>
 * </ul>
 *
 * A plain JUnit test (no Pax Exam): Pax Exam's container cannot be killed and restarted on the same data
 * folder. Free SSH port, own console user, every JVM it started killed and the folder deleted at the end,
 * also on failure ({@code -Dpresslab.itests.keep=true} keeps the folder).
 */
public class CrashRecoveryIT {

    private static final String STATION = "cell1";
    private static final String LATCHED_STATION = "cell2";
    /** How long the recipe runs before the kill (it ramps to 74 MPa at 2 MPa/s, so it is still ramping). */
    private static final Duration RUN_BEFORE_KILL = Duration.ofSeconds(5);
    /** Boot takes 10-25 s on an idle 2-core machine, up to 2 min when it is shared by several builds. */
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(300);

    @Test
    public void killNineDuringTheDefaultRecipeLosesAtMostOneSecondAndKeepsTheLatch() throws Exception {
        try (KarafProcess karaf = KarafProcess.unpack("crash")) {
            // A second simulated press and station, only to carry a latch across the crash.
            karaf.etc("org.presslab.press.sim.hydraulic-press2.cfg", "presslab.driver.id = sim-press-2\n");
            karaf.etc("org.presslab.control.station-" + LATCHED_STATION + ".cfg", String.join("\n",
                    "id = " + LATCHED_STATION,
                    "description = crash test: latched before the kill",
                    "cellDiameterMm = 10",
                    "fixtureRatingMPa = 100",
                    "driver.target = (presslab.driver.id=sim-press-2)",
                    "loopRateHz = 50", ""));

            long t0 = System.nanoTime();
            karaf.start();
            awaitReady(karaf);
            System.out.printf("[presslab-itests] crash: first boot to both stations bound and the run store up: %.1f s%n",
                    (System.nanoTime() - t0) / 1e9);

            KarafProcess.ClientResult estop = karaf.client("station:estop --reason 'crash test latch' " + LATCHED_STATION);
            assertTrue(estop.toString(), estop.ok());
            KarafProcess.ClientResult started = karaf.client("recipe:run " + STATION + " assb-default");
            assertTrue("the default recipe starts: " + started, started.ok());

            String runId = awaitOpenRun(karaf);
            Thread.sleep(RUN_BEFORE_KILL.toMillis());
            // The recording reaches the database before the kill (the density check after the restart shows it
            // was still live in the last two seconds).
            long[] beforeKill = sampleStats(karaf, runId);
            assertTrue("samples were being recorded before the kill: " + beforeKill[0], beforeKill[0] > 0);
            // The run must still be open when the JVM dies, or the test would check nothing about a crash. On a
            // machine so loaded that the control loop stays away for a second, cell1 trips and the run ends
            // TRIPPED before the kill: say so plainly instead of failing on the outcome later.
            Map<String, String> open = queryRow(karaf, "SELECT outcome, outcome_message FROM pl_run WHERE id = '" + runId + "'");
            if (!"RUNNING".equals(open.get("OUTCOME"))) {
                throw new AssertionError("the run ended before the kill (" + open + "); cell1:\n"
                        + karaf.client("station:status " + STATION).output() + "\nload average "
                        + Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim());
            }

            long killedAtMs = karaf.kill9();
            assertFalse("the Karaf JVM is gone after SIGKILL", karaf.alive());
            assertTrue("the emergency stop's latch is on disk",
                    Files.isRegularFile(karaf.home().resolve("data/presslab/stations/" + LATCHED_STATION + ".latch")));

            long t1 = System.nanoTime();
            karaf.start();
            awaitReady(karaf);
            double restartS = (System.nanoTime() - t1) / 1e9;

            // The run: there, INTERRUPTED, closed at its last sample. The store closes it once its database is
            // back and migrated, which may be after the stations are bound: wait for it to leave RUNNING.
            String runRow = "SELECT outcome, end_us FROM pl_run WHERE id = '" + runId + "'";
            karaf.awaitConsole(query(runRow), out -> !out.contains("RUNNING")
                    && out.lines().count() >= 3, BOOT_TIMEOUT);
            Map<String, String> run = queryRow(karaf, runRow);
            assertEquals("the run is marked INTERRUPTED after the restart", "INTERRUPTED", run.get("OUTCOME"));
            long endUs = Long.parseLong(run.get("END_US"));

            long[] after = sampleStats(karaf, runId);
            long count = after[0];
            long lastUs = after[1];
            double missingS = (killedAtMs * 1000.0 - lastUs) / 1e6;
            long denseFromUs = lastUs - 2_000_000;
            long lastTwoSeconds = countSamplesBetween(karaf, runId, denseFromUs, lastUs);
            System.out.printf("[presslab-itests] crash: run %s, %d samples stored, last %s, killed at %s: "
                    + "%.3f s of samples missing before the kill; %d samples in the 2 s before the last one; "
                    + "restart to ready %.1f s%n", runId, count, Instant.ofEpochMilli(lastUs / 1000),
                    Instant.ofEpochMilli(killedAtMs), missingS, lastTwoSeconds, restartS);

            assertEquals("the interrupted run ends at its last recorded sample", lastUs, endUs);
            assertTrue("at most 1 s of samples missing before the kill, found " + missingS + " s", missingS <= 1.0);
            assertTrue("the last stored sample is not after the kill: " + missingS + " s", missingS > -0.05);
            // cell1 loops at 100 Hz; even on a loaded machine most loop samples are kept (a late loop holds and
            // resumes, it does not skip half its samples).
            assertTrue("the samples before the last one are dense: " + lastTwoSeconds + " in 2 s at 100 Hz",
                    lastTwoSeconds >= 100);
            assertTrue("more samples after the restart than in the last look before the kill: " + count + " vs "
                    + beforeKill[0], count >= beforeKill[0]);

            // The latch survived the crash.
            KarafProcess.ClientResult status = karaf.client("station:status " + LATCHED_STATION);
            assertTrue(status.toString(), status.ok() && status.output().contains("EMERGENCY_STOPPED"));

            // The operator is told: in the shell and in the log.
            KarafProcess.ClientResult list = karaf.client("run:list");
            assertTrue(list.toString(), list.ok());
            assertTrue("run:list shows the run as INTERRUPTED: " + list.output(),
                    list.output().lines().anyMatch(l -> l.contains(shortId(runId)) && l.contains("INTERRUPTED")));
            String log = karaf.logText();
            assertTrue("karaf.log names the interrupted run", log.lines()
                    .anyMatch(l -> l.contains(runId) && l.toLowerCase(Locale.ROOT).contains("interrupted")));

            karaf.stop();
        }
    }

    /** Both stations bound to their simulated presses and the run store answering. */
    private static void awaitReady(KarafProcess karaf) throws Exception {
        karaf.awaitConsole("station:list", out -> boundLine(out, STATION) && boundLine(out, LATCHED_STATION), BOOT_TIMEOUT);
        karaf.awaitConsole(query("SELECT COUNT(*) AS n FROM pl_run"), out -> !out.isBlank(), BOOT_TIMEOUT);
    }

    private static boolean boundLine(String out, String station) {
        return out.lines().anyMatch(l -> l.matches("^" + station + "\\b.*") && !l.contains("NO_DRIVER"));
    }

    /** The id of the open run of the recipe just started on cell1. */
    private static String awaitOpenRun(KarafProcess karaf) throws Exception {
        KarafProcess.ClientResult r = karaf.awaitConsole(query("SELECT id FROM pl_run WHERE station_id = '" + STATION
                + "' AND outcome = 'RUNNING' AND recipe_name = 'assb-default'"),
                out -> UUID_TEXT.matcher(out).find(), Duration.ofSeconds(30));
        Matcher m = UUID_TEXT.matcher(r.output());
        assertTrue(m.find());
        return m.group();
    }

    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** {count, max t_us} of the run's raw samples ({0, 0} without any). */
    private static long[] sampleStats(KarafProcess karaf, String runId) throws Exception {
        Map<String, String> row = queryRow(karaf, "SELECT COUNT(*) AS n, COALESCE(MAX(t_us), 0) AS last_us FROM pl_sample"
                + " WHERE run_id = '" + runId + "'");
        return new long[] {Long.parseLong(row.get("N")), Long.parseLong(row.get("LAST_US"))};
    }

    private static long countSamplesBetween(KarafProcess karaf, String runId, long fromUs, long toUs) throws Exception {
        return Long.parseLong(queryRow(karaf, "SELECT COUNT(*) AS n FROM pl_sample WHERE run_id = '" + runId
                + "' AND t_us BETWEEN " + fromUs + " AND " + toUs).get("N"));
    }

    /**
     * Karaf's {@code jdbc:query} on the presslab datasource. The SQL goes unquoted: the command joins its
     * remaining arguments, and a double-quoted query is refused ("too many arguments") in batch mode. So no
     * '&gt;' or '&lt;' (the console's redirections) in the SQL.
     */
    private static String query(String sql) {
        if (sql.contains(">") || sql.contains("<") || sql.contains("\"")) {
            throw new IllegalArgumentException("not safe to pass through the console unquoted: " + sql);
        }
        return "jdbc:query presslab " + sql;
    }

    /**
     * The first row of a {@code jdbc:query} table (header, rule, rows; cells separated by '|'), keyed by
     * upper-case column label (the command prints the columns in its own order).
     */
    private static Map<String, String> queryRow(KarafProcess karaf, String sql) throws Exception {
        KarafProcess.ClientResult r = karaf.client(query(sql));
        assertTrue(sql + ": " + r, r.ok());
        List<String> lines = r.output().lines().filter(l -> !l.isBlank()).toList();
        for (int i = 1; i + 1 < lines.size(); i++) {
            if (lines.get(i).matches("^[-+\\s]+$")) {
                String[] names = lines.get(i - 1).split("\\|");
                String[] cells = lines.get(i + 1).split("\\|");
                Map<String, String> row = new HashMap<>();
                for (int c = 0; c < names.length && c < cells.length; c++) {
                    row.put(names[c].trim().toUpperCase(Locale.ROOT), cells[c].trim());
                }
                return row;
            }
        }
        throw new AssertionError("no row from " + sql + ":\n" + r.output());
    }

    private static String shortId(String runId) {
        return runId.substring(0, 8);
    }
}
