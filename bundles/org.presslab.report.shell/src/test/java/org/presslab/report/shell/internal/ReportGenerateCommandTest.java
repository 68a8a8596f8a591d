package org.presslab.report.shell.internal;

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
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.presslab.control.api.StationSample;
import org.presslab.control.api.StationState;
import org.presslab.press.api.Quality;
import org.presslab.report.Reports;
import org.presslab.runs.RunStores;
import org.presslab.runs.api.CellInfo;
import org.presslab.runs.api.Run;
import org.presslab.runs.api.RunStoreException;
import org.presslab.time.TimeSources;
import org.presslab.time.VirtualTimeSource;

/**
 * {@code report:generate} as an administrator types it, on the real report engine ({@link Reports}) over a real run
 * store on H2 holding two runs started by hand: what the console shows, the files it writes, and the errors a wrong
 * format or run id gives.
 */
class ReportGenerateCommandTest {

    /** The store's clock: virtual, an hour ago, so a run of many seconds is recorded at once. */
    static final VirtualTimeSource TIME = TimeSources.virtual(Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS));
    static RunStores.Store store;
    static Reports.Engine engine;
    static Run first;
    static Run second;

    @BeforeAll
    static void record(@TempDir Path tmp) throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + tmp.resolve("runs").toAbsolutePath() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        h2.setPassword("");
        store = RunStores.builder(h2).instanceId("shell-test").spoolDir(tmp.resolve("spool")).time(TIME).open();
        first = record("NZSP-A", 15e6, 12);
        second = record("NZSP-B", 20e6, 8);
        engine = Reports.builder(store, store).exporter(store).software("Presslab shell test").build();
    }

    /** A run by hand on station c1 with {@code seconds} of 100 Hz samples around {@code pa}. */
    static Run record(String cell, double pa, int seconds) throws Exception {
        long until = System.nanoTime() + 20_000_000_000L;
        Run run = null;
        while (run == null) {
            try {
                run = store.start("c1", CellInfo.of(cell), "gina", "SHELL");
            } catch (RunStoreException e) {
                if (System.nanoTime() > until) {
                    throw e; // the store migrates its schema on its own thread first
                }
                Thread.sleep(100);
            }
        }
        for (int i = 0; i < seconds * 100; i++) {
            TIME.advanceNanos(10_000_000L);
            double p = pa * (1 + 0.002 * Math.sin(i / 50.0));
            store.onSample(new StationSample("c1", TIME.nanoTime(), TIME.now(), p, p * 7.85e-5, pa, 0.4, 298.15,
                    StationState.HOLDING, Quality.GOOD, false));
        }
        TIME.advanceNanos(10_000_000L);
        assertTrue(store.flush(Duration.ofSeconds(20)));
        store.stop(run.id(), "gina", "done");
        assertTrue(store.flush(Duration.ofSeconds(20)));
        return store.get(run.id()).orElseThrow();
    }

    @AfterAll
    static void close() {
        if (engine != null) {
            engine.close();
        }
        if (store != null) {
            store.close();
        }
    }

    static ReportGenerateCommand command(Path out, String format, boolean compare, String... runs) {
        ReportGenerateCommand c = new ReportGenerateCommand();
        c.reports = engine;
        c.out = out.toString();
        c.format = format;
        c.compare = compare;
        c.runs = List.of(runs);
        return c;
    }

    static String run(ReportGenerateCommand c) throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        c.console = new PrintStream(console, true, StandardCharsets.UTF_8);
        assertEquals(null, c.execute());
        return console.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesTheHtmlAndPdfOfEachRunWithAProgressLinePerStep(@TempDir Path out) throws Exception {
        String console = run(command(out.resolve("reports"), "html, PDF", false, first.id(), second.id()));
        List<String> lines = console.lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("  run " + first.id() + ": ")), console);
        assertTrue(lines.contains("  run " + second.id() + ": rendering pdf"), console);
        List<Path> files = lines.stream().filter(l -> !l.startsWith("  ")).map(Path::of).toList();
        assertEquals(List.of(out.resolve("reports/report-" + first.id() + ".html"), out.resolve("reports/report-" + first.id() + ".pdf"),
                out.resolve("reports/report-" + second.id() + ".html"), out.resolve("reports/report-" + second.id() + ".pdf")),
                files.stream().map(Path::toAbsolutePath).toList(), "the files, one per line, after the progress");
        String html = Files.readString(files.get(0));
        assertTrue(html.contains(first.id()) && html.contains("NZSP-A") && html.contains("gina"), "the first run's report");
        assertTrue(Files.readString(files.get(2)).contains("NZSP-B"), "the second run's report");
        byte[] pdf = Files.readAllBytes(files.get(1));
        assertEquals("%PDF-", new String(pdf, 0, 5, StandardCharsets.US_ASCII));
        assertTrue(pdf.length > 20_000, "a PDF with its font and charts: " + pdf.length + " bytes");
        try (var left = Files.list(out.resolve("reports"))) {
            assertEquals(4, left.count(), "no .part file left behind");
        }
    }

    @Test
    void aComparisonIsOneReportOverTheRuns(@TempDir Path out) throws Exception {
        String console = run(command(out, "html", true, first.id(), second.id()));
        Path file = out.resolve("comparison-2-runs-" + first.id() + ".html");
        assertTrue(console.lines().anyMatch(l -> l.equals(file.toAbsolutePath().toString())), console);
        String html = Files.readString(file);
        assertTrue(html.contains("NZSP-A") && html.contains("NZSP-B"), "both runs in one report");
    }

    @Test
    void aWrongFormatOrRunIdSaysWhatIsWrongAndWritesNothing(@TempDir Path out) throws Exception {
        IllegalStateException format = assertThrows(IllegalStateException.class,
                () -> run(command(out, "html,docx", false, first.id())));
        assertTrue(format.getMessage().contains("no renderer for format 'docx'") && format.getMessage().contains("html"),
                format.getMessage());
        IllegalStateException id = assertThrows(IllegalStateException.class,
                () -> run(command(out, "html", false, "01234567-89ab-7cde-8f01-23456789abcd")));
        assertTrue(id.getMessage().contains("no run '01234567-89ab-7cde-8f01-23456789abcd'"), id.getMessage());
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
                () -> run(command(out, "html", true, first.id())));
        assertTrue(one.getMessage().contains("a comparison needs at least two runs"), one.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> run(command(out, " , ", false, first.id())));
        assertTrue(none.getMessage().contains("at least one format"), none.getMessage());
        try (var left = Files.list(out)) {
            assertEquals(0, left.count(), "nothing written");
        }
    }
}
