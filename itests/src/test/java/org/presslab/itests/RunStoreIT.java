package org.presslab.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import javax.inject.Inject;
import javax.sql.DataSource;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceReference;
import org.presslab.control.api.Actor;
import org.presslab.control.api.Recipe;
import org.presslab.control.api.RecipeRun;
import org.presslab.control.api.RecipeStep;
import org.presslab.control.api.Station;
import org.presslab.control.api.StationState;
import org.presslab.runs.api.CommandRecord;
import org.presslab.runs.api.RecordedSample;
import org.presslab.runs.api.Run;
import org.presslab.runs.api.RunEvent;
import org.presslab.runs.api.RunFilter;
import org.presslab.runs.api.RunOutcome;
import org.presslab.runs.api.RunQuery;
import org.presslab.runs.api.RunService;
import org.presslab.runs.api.StoreHealth;

/**
 * The run store in the distribution as shipped (feature presslab-runs, a boot feature): the default
 * datasource configuration gives a pooled H2 DataSource named presslab, the store's Liquibase migrations
 * ran on it, and a recipe on the simulated station is recorded: the run with its samples, events and
 * commands, read back through the store's API and counted in the database itself.
 */
@RunWith(PresslabExam.class)
@ExamReactorStrategy(PerClass.class)
public class RunStoreIT extends PresslabTestSupport {

    private static final String FILTER = "(dataSourceName=presslab)";

    @Inject
    private RunService runs;

    @Inject
    private RunQuery query;

    @Configuration
    public Option[] config() {
        return baseOptions();
    }

    private DataSource presslabDataSource() throws Exception {
        Collection<ServiceReference<DataSource>> refs = List.of();
        long deadline = System.currentTimeMillis() + 30_000;
        while (refs.isEmpty() && System.currentTimeMillis() < deadline) {
            refs = context.getServiceReferences(DataSource.class, FILTER);
            if (refs.isEmpty()) {
                Thread.sleep(100);
            }
        }
        assertEquals("one DataSource service " + FILTER, 1, refs.size());
        return context.getService(refs.iterator().next());
    }

    @Test
    public void theDefaultDataSourceIsAPooledH2DatabaseInTheDataFolder() throws Exception {
        ServiceReference<DataSource> ref = context.getServiceReferences(DataSource.class, FILTER).iterator().next();
        assertEquals("H2 JDBC Driver", ref.getProperty("osgi.jdbc.driver.name"));
        DataSource ds = presslabDataSource();
        assertTrue("pax-jdbc-config wrapped the driver's DataSource in HikariCP, got " + ds.getClass().getName(),
                ds.getClass().getName().startsWith("com.zaxxer.hikari."));
        // The pool.* keys of the .cfg reached HikariCP (read through its public getters; the probe does not import it).
        assertEquals(8, ds.getClass().getMethod("getMaximumPoolSize").invoke(ds));
        assertEquals(5000L, ds.getClass().getMethod("getConnectionTimeout").invoke(ds));
        try (Connection c = ds.getConnection()) {
            DatabaseMetaData md = c.getMetaData();
            assertEquals("H2", md.getDatabaseProductName());
            assertTrue(md.getDatabaseProductVersion(), md.getDatabaseProductVersion().startsWith("2.3.232"));
            // ${karaf.data} in the .cfg was replaced: the database file is in this Karaf's data folder.
            String expected = "jdbc:h2:file:" + System.getProperty("karaf.data") + "/presslab/db/presslab";
            assertTrue(md.getURL() + " is in " + expected, md.getURL().replace("//", "/").startsWith(expected.replace("//", "/")));
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
                assertTrue(rs.next());
                assertEquals("each commit is written to the file at once (crash safety)", "0", rs.getString(1));
            }
        }
        assertTrue("the database file exists", java.nio.file.Files.isRegularFile(
                java.nio.file.Path.of(System.getProperty("karaf.data"), "presslab", "db", "presslab.mv.db")));
    }

    @Test
    public void theMigrationsRanAndTheStoreIsHealthy() throws Exception {
        assertTrue("the run store is OK on H2: " + runs.health(),
                waitFor(() -> runs.health().state() == StoreHealth.State.OK, 30_000));
        assertTrue(runs.health().database(), runs.health().database().startsWith("H2 2.3.232"));
        try (Connection c = presslabDataSource().getConnection(); Statement s = c.createStatement()) {
            Set<String> tables = new TreeSet<>();
            try (ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT));
                }
            }
            assertTrue("the store's tables exist: " + tables, tables.containsAll(List.of("pl_run", "pl_sample",
                    "databasechangelog", "databasechangeloglock")));
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM DATABASECHANGELOG")) {
                assertTrue(rs.next());
                assertTrue("Liquibase recorded its change sets", rs.getInt(1) > 0);
            }
            try (ResultSet rs = s.executeQuery("SELECT LOCKED FROM DATABASECHANGELOGLOCK")) {
                while (rs.next()) {
                    assertFalse("Liquibase released its lock", rs.getBoolean(1));
                }
            }
        }
    }

    @Test
    public void aRecipeOnTheSimulatedStationIsRecordedWithSamplesEventsAndCommands() throws Exception {
        Station cell1 = station("cell1", 30_000);
        assertTrue(waitFor(() -> cell1.status().state() != StationState.NO_DRIVER, 15_000));
        assertNotTrippedAtBoot(cell1);
        assertTrue("the run store is up: " + runs.health(), waitFor(() -> runs.health().state() == StoreHealth.State.OK, 30_000));
        Instant before = Instant.now();

        Recipe recipe = new Recipe("itest-recorded", 1, "3 MPa for 2 s", 20 * MPA, List.of(
                new RecipeStep.Ramp(3 * MPA, 5 * MPA, 0.3 * MPA, List.of()),
                new RecipeStep.Hold(3 * MPA, 0.3 * MPA, 2, List.of()),
                new RecipeStep.Release(0.5 * MPA, 5 * MPA, 0.3 * MPA, List.of())));
        Actor actor = new Actor("itest-operator", Actor.Source.SHELL);
        RecipeRun recipeRun = cell1.as(actor).start(recipe);
        assertTrue("the recipe ends: " + cell1.run(), waitFor(() -> cell1.run().map(r -> r.state().isFinished()).orElse(false), 60_000));
        String recipeRunId = recipeRun.id();

        Run run = waitForValue(() -> runs.list(RunFilter.ALL.station("cell1").since(before)).stream()
                .filter(r -> r.recipeRunId().equals(recipeRunId) && r.outcome().isFinished()).findFirst(),
                30_000, "the finished run of recipe run " + recipeRunId);
        assertEquals("itest-recorded", run.recipeName());
        assertEquals(RunOutcome.COMPLETED, run.outcome());
        assertEquals("itest-operator", run.operator());
        assertEquals("SHELL", run.operatorSource());
        assertEquals(64, run.recipeSha256().length());
        assertEquals("sim-press-1", run.device().driverId());
        assertEquals("org.presslab.press.sim", run.device().driverBundle());

        // Samples: the whole recipe at the loop rate, and every one of them in the database.
        long count = query.sampleCount(run.id());
        double seconds = (run.end().toEpochMilli() - run.start().toEpochMilli()) / 1000.0;
        System.out.printf("[presslab-itests] run store: run %s, %.1f s, %d samples recorded%n", run.id(), seconds, count);
        assertTrue("samples at about the loop rate (100 Hz) over " + seconds + " s, got " + count, count >= 50 * seconds);
        List<RecordedSample> raw = new ArrayList<>();
        query.forEachSample(run.id(), null, null, raw::add);
        assertEquals("every sample of the run lies within its start and end (forEachSample returns that window);"
                + " outside it: " + samplesOutside(run), count, raw.size());
        double peak = raw.stream().mapToDouble(RecordedSample::pressurePa).filter(Double::isFinite).max().orElse(0);
        assertEquals("the recorded pressure reached the recipe's 3 MPa", 3 * MPA, peak, 0.5 * MPA);
        try (Connection c = presslabDataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM pl_sample WHERE run_id = ?")) {
            ps.setObject(1, java.util.UUID.fromString(run.id()));
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("the samples are rows in the database", count, rs.getLong(1));
            }
        }

        // Events: at least the recipe's start and end.
        List<RunEvent> events = query.events(run.id(), null, null, 0);
        List<String> types = events.stream().map(RunEvent::type).toList();
        assertTrue("RECIPE_STARTED recorded: " + types, types.contains("RECIPE_STARTED"));
        assertTrue("the recipe's end recorded: " + types, types.stream().anyMatch(t -> t.startsWith("RECIPE_") && !t.equals("RECIPE_STARTED")));

        // Commands: the recipe start, with its actor.
        List<CommandRecord> commands = query.commands(run.id());
        Optional<CommandRecord> start = commands.stream().filter(c -> c.command().equals("RECIPE_START")).findFirst();
        assertTrue("RECIPE_START recorded: " + commands, start.isPresent());
        assertEquals("itest-operator", start.get().actor());
        assertEquals("SHELL", start.get().source());
        assertTrue(start.get().accepted());
        assertEquals("itest-recorded", start.get().recipe());
    }

    /** The run's stored samples before its start or after its end, as "t_us (state)", for failure messages. */
    private String samplesOutside(Run run) throws Exception {
        List<String> outside = new ArrayList<>();
        long start = run.start().getEpochSecond() * 1_000_000 + run.start().getNano() / 1000;
        long end = run.end().getEpochSecond() * 1_000_000 + run.end().getNano() / 1000;
        try (Connection c = presslabDataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT t_us, state FROM pl_sample WHERE run_id = ? AND (t_us < ? OR t_us > ?) ORDER BY t_us")) {
            ps.setObject(1, java.util.UUID.fromString(run.id()));
            ps.setLong(2, start);
            ps.setLong(3, end);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    outside.add(rs.getLong(1) + " (" + rs.getString(2) + ")");
                }
            }
        }
        return outside + " with start_us " + start + ", end_us " + end;
    }
}
