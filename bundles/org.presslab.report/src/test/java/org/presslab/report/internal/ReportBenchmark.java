package org.presslab.report.internal;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.presslab.control.Recipes;
import org.presslab.control.api.RecipeService;
import org.presslab.report.Reports;
import org.presslab.report.api.ReportRequest;
import org.presslab.runs.api.DeviceIdentity;

/**
 * The time to make the HTML and PDF report of a 24-hour run recorded at 100 Hz (8.64 million samples): every
 * section, hold statistics over every raw sample, charts from 2,000 buckets. Not a test: run it with
 * {@code mvn -q -o -pl bundles/org.presslab.report -am test-compile exec:java -Dexec.mainClass=org.presslab.report.internal.ReportBenchmark -Dexec.classpathScope=test}
 * (README "Benchmark"). The samples come from {@link SyntheticStore}, computed on the fly: the figure is the
 * report's own work, not the database's.
 */
public final class ReportBenchmark {

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        RecipeService recipes = Recipes.service(null);
        SyntheticStore store = new SyntheticStore();
        double seconds = 86_400;
        store.add("run-24h", recipes.toJson(SyntheticStore.recipe(seconds - SyntheticStore.RELEASE_END_S)), seconds, 100,
                Instant.parse("2026-12-01T00:00:00Z"), "NZSP-24", new DeviceIdentity("Presslab", "simulated hydraulic press",
                        "SIM-0001", "sim-press-1", "org.presslab.press.sim", "0.1.0"));
        Path dir = Files.createTempDirectory("report-bench");
        try (Reports.Engine e = Reports.builder(store, store::get).recipes(recipes).queue(4).software("bench").build()) {
            System.out.printf(Locale.ROOT, "24 h at 100 Hz: %d samples; heap max %d MB%n", store.sampleCount("run-24h"),
                    Runtime.getRuntime().maxMemory() >> 20);
            for (int i = 0; i < rounds; i++) {
                long t0 = System.nanoTime();
                List<Path> files = e.generate(new ReportRequest(List.of("run-24h"), false, Set.of("html", "pdf"), dir, false), null)
                        .get();
                long t1 = System.nanoTime();
                long bytes = 0;
                for (Path p : files) {
                    bytes += Files.size(p);
                }
                Runtime rt = Runtime.getRuntime();
                System.out.printf(Locale.ROOT, "round %d: HTML + PDF in %.2f s (%d kB), heap used after %d MB%n", i + 1,
                        (t1 - t0) / 1e9, bytes >> 10, (rt.totalMemory() - rt.freeMemory()) >> 20);
            }
        }
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
        OutputStream.nullOutputStream();
    }
}
