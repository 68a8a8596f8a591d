package org.presslab.runs.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.presslab.control.api.StationSample;
import org.presslab.control.api.StationState;
import org.presslab.press.api.Quality;
import org.presslab.runs.RunStores;
import org.presslab.runs.api.StoreHealth;

/** The run: commands on a real store (H2), as the shell calls them. */
class RunCommandsTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

    private <T extends RunCommandSupport> T cmd(T c, RunStores.Store store) {
        c.runs = store;
        c.out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        return c;
    }

    private String out() {
        String s = buf.toString(StandardCharsets.UTF_8);
        buf.reset();
        return s;
    }

    @Test
    void startNoteShowStopListExport() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + tmp.resolve("runs").toAbsolutePath());
        ds.setUser("sa");
        try (RunStores.Store store = RunStores.builder(ds).instanceId("shell-test").spoolDir(tmp.resolve("spool")).open()) {
            long end = System.nanoTime() + 60_000_000_000L;
            while (store.health().state() != StoreHealth.State.OK && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            RunStartCommand start = cmd(new RunStartCommand(), store);
            start.station = "cell1";
            start.cellId = "NZSP-9";
            start.operator = "jane";
            start.diameterMm = 10;
            start.thicknessMm = 0.8;
            start.execute();
            String started = out();
            assertTrue(started.startsWith("run "), started);
            String id = started.split(" ")[1];
            for (int i = 0; i < 50; i++) {
                store.onSample(new StationSample("cell1", i * 10_000_000L, Instant.now(), 15e6 + i, 1178, 15e6, 0.5, 298,
                        StationState.HOLDING, Quality.GOOD, false));
            }
            RunNoteCommand note = cmd(new RunNoteCommand(), store);
            note.id = id;
            note.text = List.of("seal", "checked");
            note.execute();
            assertTrue(out().contains("note added"));

            RunStartCommand again = cmd(new RunStartCommand(), store);
            again.station = "cell1";
            again.cellId = "other";
            again.operator = "jane";
            RunCommandFailed busy = assertThrows(RunCommandFailed.class, again::execute);
            assertTrue(busy.getMessage().startsWith("conflict: station cell1 already records run " + id), busy.getMessage());

            RunStopCommand stop = cmd(new RunStopCommand(), store);
            stop.id = id;
            stop.execute();
            assertTrue(out().contains("stopped"));
            assertTrue(store.flush(Duration.ofSeconds(20)));

            RunShowCommand show = cmd(new RunShowCommand(), store);
            show.query = store;
            show.id = id;
            show.execute();
            String shown = out();
            assertTrue(shown.contains("outcome    COMPLETED"), shown);
            assertTrue(shown.contains("NZSP-9") && shown.contains("10.000 mm") && shown.contains("0.800 mm"), shown);
            assertTrue(shown.contains("samples    50 raw"), shown);
            assertTrue(shown.contains(": seal checked"), shown); // signed by the shell user (karaf outside a session)

            RunListCommand list = cmd(new RunListCommand(), store);
            list.outcome = "completed";
            list.execute();
            assertTrue(out().contains(id));
            RunListCommand bad = cmd(new RunListCommand(), store);
            bad.outcome = "FINISHED";
            assertTrue(assertThrows(RunCommandFailed.class, bad::execute).getMessage().contains("one of RUNNING"));
            RunListCommand since = cmd(new RunListCommand(), store);
            since.since = "yesterday";
            assertTrue(assertThrows(RunCommandFailed.class, since::execute).getMessage().contains("ISO-8601"));

            RunExportCommand export = cmd(new RunExportCommand(), store);
            export.exporter = store;
            export.id = id;
            export.format = "hdf5";
            export.dir = tmp.resolve("out").toString();
            export.execute();
            assertTrue(Files.size(Path.of(out().trim())) > 1000);

            RunShowCommand missing = cmd(new RunShowCommand(), store);
            missing.query = store;
            missing.id = "0193a5c2-7f00-7abc-8def-0123456789ab";
            assertEquals("not found: no run '0193a5c2-7f00-7abc-8def-0123456789ab'",
                    assertThrows(RunCommandFailed.class, missing::execute).getMessage());
        }
    }
}
