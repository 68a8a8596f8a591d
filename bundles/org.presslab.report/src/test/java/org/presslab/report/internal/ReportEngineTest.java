package org.presslab.report.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.presslab.control.Recipes;
import org.presslab.control.api.RecipeService;
import org.presslab.impedance.ImpedanceAnalysis;
import org.presslab.impedance.api.CircuitFitter;
import org.presslab.impedance.api.FitResult;
import org.presslab.impedance.api.KramersKronig;
import org.presslab.impedance.api.Spectrum;
import org.presslab.impedance.api.SpectrumMetadata;
import org.presslab.report.Reports;
import org.presslab.report.api.ReportContext;
import org.presslab.report.api.ReportRequest;
import org.presslab.report.api.ReportSection;
import org.presslab.report.api.SectionContent;
import org.presslab.runs.api.DeviceIdentity;
import org.presslab.runs.api.RunSpectrum;
import org.presslab.runs.api.SpectrumEntry;

/**
 * Whole reports of a run through the engine: every built-in section on a one-hour run at 10 Hz with spectra at
 * five stack pressures (synthetic R0-p(R1,CPE1) cells whose interfacial resistance falls as p^-0.8, fitted,
 * Lin-KK-tested and DRT-analysed by the real impedance code).
 */
class ReportEngineTest {

    static final Instant START = Instant.parse("2026-12-01T09:00:00Z");
    static final RecipeService RECIPES = Recipes.service(null);
    static SyntheticStore store;

    @BeforeAll
    static void store() {
        store = new SyntheticStore();
        String json = RECIPES.toJson(SyntheticStore.recipe(3600 - SyntheticStore.RELEASE_END_S));
        DeviceIdentity dev = new DeviceIdentity("Presslab", "simulated hydraulic press", "SIM-0001", "sim-press-1",
                "org.presslab.press.sim", "0.1.0.202612041200");
        SyntheticStore.Spec s = store.add("run-a", json, 3600, 10, START, "NZSP-7", dev);
        CircuitFitter fitter = ImpedanceAnalysis.circuitFitter();
        KramersKronig kk = ImpedanceAnalysis.kramersKronig();
        double[] pressures = { 5e6, 10e6, 15e6, 30e6, 60e6 };
        for (int i = 0; i < pressures.length; i++) {
            double rInt = 400 * Math.pow(pressures[i] / 1e6, -0.8);
            double kelvin = 298.15 + 10 * i;
            // the electrolyte's bulk resistance follows Arrhenius with 0.30 eV
            double r0 = 30 * Math.exp(0.30 / InterfacialSection.BOLTZMANN_EV * (1 / kelvin - 1 / 298.15));
            Spectrum sp = model(r0, rInt, 2e-6, 0.85);
            FitResult fit = fitter.fit(sp, "R0-p(R1,CPE1)");
            Instant at = START.plusSeconds(600 + 600L * i);
            s.spectra.add(new RunSpectrum("sp-" + i, "run-a", new SpectrumEntry(at, sp, fit, kk.test(sp), pressures[i], Double.NaN,
                    kelvin, SpectrumEntry.SourceKind.ANALYZER, "sim-analyzer #A1"), false));
        }
        // a second and third run for the comparison: other frames, other noise
        SyntheticStore.Spec b = store.add("run-b", json, 3600, 10, START.plusSeconds(86_400), "NZSP-8",
                new DeviceIdentity("Acme", "spring frame", "SF-2", "ascii-1", "org.presslab.press.ascii", "0.1.0"));
        b.noisePa = 0.06e6;
        SyntheticStore.Spec c = store.add("run-c", json, 3600, 10, START.plusSeconds(2 * 86_400), "NZSP-9",
                new DeviceIdentity("Acme", "screw frame", "SC-3", "ascii-2", "org.presslab.press.ascii", "0.1.0"));
        c.offsetPa = 0.03e6;
    }

    /** Z of R0 in series with R1 parallel to a CPE (Q, alpha), 40 frequencies 1 MHz to 0.1 Hz, 0.2 % noise. */
    static Spectrum model(double r0, double r1, double q, double alpha) {
        int n = 40;
        double[] f = new double[n];
        double[] re = new double[n];
        double[] im = new double[n];
        java.util.Random rnd = new java.util.Random(7);
        for (int i = 0; i < n; i++) {
            f[i] = Math.pow(10, 6 - 7.0 * i / (n - 1));
            double w = 2 * Math.PI * f[i];
            double mag = q * Math.pow(w, alpha);
            double yr = 1 / r1 + mag * Math.cos(alpha * Math.PI / 2);
            double yi = mag * Math.sin(alpha * Math.PI / 2);
            double den = yr * yr + yi * yi;
            re[i] = (r0 + yr / den) * (1 + 0.002 * rnd.nextGaussian());
            im[i] = (-yi / den) * (1 + 0.002 * rnd.nextGaussian());
        }
        return new Spectrum(f, re, im, SpectrumMetadata.EMPTY);
    }

    static List<ReportSection> sections() {
        return Reports.sections(RECIPES, ImpedanceAnalysis.drtAnalyzer());
    }

    /** The engine as {@link Reports} builds it, over the synthetic store. */
    static ReportEngine engine(List<ReportSection> sections, int threads, int queue) {
        return (ReportEngine) Reports.builder(store, store::get).sections(() -> sections).threads(threads).queue(queue)
                .software("Presslab test").clock(Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC)).build();
    }

    @Test
    void aRunReportShowsEverySectionAsImageAndText(@TempDir Path dir) throws Exception {
        List<String> lines = new ArrayList<>();
        List<Path> files;
        try (ReportEngine e = engine(sections(), 1, 4)) {
            files = e.generate(new ReportRequest(List.of("run-a"), false, Set.of("html", "pdf"), dir, false), lines::add)
                    .get(120, TimeUnit.SECONDS);
        }
        assertEquals(2, files.size());
        assertTrue(lines.stream().anyMatch(l -> l.contains("hold statistics of run run-a, step 4")), lines.toString());
        Path pdf = files.stream().filter(p -> p.toString().endsWith(".pdf")).findFirst().orElseThrow();
        Path html = files.stream().filter(p -> p.toString().endsWith(".html")).findFirst().orElseThrow();
        Path pngs = Path.of("target/sample-report");
        ReportChecks.PdfFacts f = ReportChecks.pdf(pdf, pngs, 96);
        Files.copy(html, pngs.resolve("report.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(pdf, pngs.resolve("report.pdf"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertTrue(f.pages() >= 4, "pages " + f.pages());
        for (int i = 0; i < f.pages(); i++) {
            // the margin boxes alone (report name, page number) ink about 0.08 %; a page with a few lines 0.2 %
            assertTrue(f.inkShare()[i] > 0.0015, "page " + (i + 1) + " looks blank: " + f.inkShare()[i]);
        }
        String text = f.text();
        for (String s : List.of("Provenance", "Recipe: planned and achieved", "Pressure and force", "Hold statistics", "Impedance",
                "Interfacial resistance and conductivity", "refused: ramp to 120.000 MPa", "SIM-0001", "org.presslab.press.sim",
                "Lin-KK: VALID", "driver sim-press-1 lost")) {
            assertTrue(text.contains(s), "'" + s + "' missing from the PDF text");
        }
        for (String label : List.of("time since start (h)", "stack pressure (MPa)", "Z′ (Ω)", "frequency (Hz)", "τ (s)")) {
            assertTrue(RenderersTest.count(text, label) >= 2, "'" + label + "' should be on a chart axis and in its caption");
        }
        for (String label : List.of("pressure (MPa)", "force (kN)", "temperature (°C)", "R interfacial (Ω)", "−Z″ (Ω)", "γ (Ω)")) {
            assertTrue(text.contains(label), "'" + label + "' missing");
        }
        // the fitted exponent and activation energy are the ones the synthetic cells were made with
        assertTrue(text.contains("0.80"), text);
        assertTrue(text.contains("activation energy 0.30"), text);
        String h = Files.readString(html);
        assertTrue(h.contains("src=\"data:image/png;base64,") && !h.contains("<object"), "HTML charts are data URIs");
        assumeTrue(ReportChecks.chromiumPresent(), "SKIPPED browser check: chromium and chromium-driver are not installed");
        ReportChecks.BrowserFacts b = ReportChecks.browser(html, dir.resolve("profile"));
        assertEquals(List.of(), b.consoleErrors());
        assertTrue(b.images() >= 10, "images: " + b.images());
        assertEquals(List.of(), b.brokenImages());
    }

    @Test
    void holdStatisticsMatchAnIndependentComputationFromTheSamplesAsCsv(@TempDir Path dir) throws Exception {
        // The raw samples of the synthetic hold (a known 3-s excursion and a gap), written as CSV and read back. The
        // same check on a hold the real store recorded, from its own CSV export: RecordedRunReportTest.
        RunTimeline tl = new RunTimeline(store.get("run-a").orElseThrow(), store, Instant.now());
        RunTimeline.Phase hold = tl.phases().get(3);
        Path csv = dir.resolve("samples.csv");
        try (BufferedWriter w = Files.newBufferedWriter(csv)) {
            w.write("time,pressure_Pa,gap\n");
            store.forEachSample("run-a", hold.start(), hold.end(), s -> {
                try {
                    w.write(s.time() + "," + s.pressurePa() + "," + s.gap() + "\n");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        List<String> rows = Files.readAllLines(csv);
        List<double[]> pts = new ArrayList<>();
        Instant t0 = hold.start();
        for (String row : rows.subList(1, rows.size())) {
            String[] c = row.split(",");
            if (!Boolean.parseBoolean(c[2])) {
                pts.add(new double[] { Duration.between(t0, Instant.parse(c[0])).toNanos() / 1e9, Double.parseDouble(c[1]) });
            }
        }
        double target = 15e6;
        double tol = 0.05e6;
        // two-pass mean and standard deviation
        double mean = pts.stream().mapToDouble(p -> p[1]).average().orElseThrow();
        double ss = pts.stream().mapToDouble(p -> (p[1] - mean) * (p[1] - mean)).sum();
        double sd = Math.sqrt(ss / (pts.size() - 1));
        // drift: normal equations of a straight line in hours
        double mx = pts.stream().mapToDouble(p -> p[0] / 3600).average().orElseThrow();
        double sxy = pts.stream().mapToDouble(p -> (p[0] / 3600 - mx) * (p[1] - mean)).sum();
        double sxx = pts.stream().mapToDouble(p -> (p[0] / 3600 - mx) * (p[0] / 3600 - mx)).sum();
        double drift = sxy / sxx;
        // worst 1-s mean, brute force over every sample at least 1 s after the first
        double worst = 0;
        for (int i = 0; i < pts.size(); i++) {
            if (pts.get(i)[0] - pts.get(0)[0] < 1) {
                continue;
            }
            double sum = 0;
            int n = 0;
            for (int j = i; j >= 0 && pts.get(j)[0] > pts.get(i)[0] - 1; j--) {
                if (i - j > 20 || (j < i && pts.get(j + 1)[0] - pts.get(j)[0] > 0.5)) {
                    break;
                }
                sum += pts.get(j)[1];
                n++;
            }
            worst = Math.max(worst, Math.abs(sum / n - target));
        }
        // time out of band: sample intervals that start out of band, not across the gap
        double out = 0;
        for (int i = 1; i < pts.size(); i++) {
            if (Math.abs(pts.get(i - 1)[1] - target) > tol && pts.get(i)[0] - pts.get(i - 1)[0] < 0.5) {
                out += pts.get(i)[0] - pts.get(i - 1)[0];
            }
        }
        ReportContext ctx = new Timelines.EngineContext(List.of(store.get("run-a").orElseThrow()), false, store, 2000, Instant.now(),
                "test", null);
        HoldSection.Hold h = HoldSection.holds(ctx, store.get("run-a").orElseThrow(), RECIPES).get(0);
        HoldStatistics.Result r = h.stats();
        assertEquals(pts.size(), r.samples());
        assertEquals(mean, r.meanPa(), 1e-6 * mean);
        assertEquals(sd, r.sdPa(), 1e-6 * sd);
        assertEquals(drift, r.driftPaPerHour(), 1e-6 * Math.abs(drift) + 1e-3);
        assertEquals(worst, r.worstOneSecondMeanDeviationPa(), 1e-6 * worst);
        assertEquals(out, r.secondsOutOfBand(), 0.11, "out of band: one sample interval of slack at the gap's edge");
        // excursions: runs of out-of-band samples, ended by an in-band sample or the gap
        int count = 0;
        boolean inRun = false;
        for (int i = 0; i < pts.size(); i++) {
            boolean o = Math.abs(pts.get(i)[1] - target) > tol;
            boolean afterGap = i > 0 && pts.get(i)[0] - pts.get(i - 1)[0] > 0.5;
            if (o && (!inRun || afterGap)) {
                count++;
            }
            inRun = o;
        }
        assertEquals(count, r.excursionCount());
        // the settling at the hold's start and the 3-s bump of 0.12 MPa; noise of 0.02 MPa stays in the band
        assertEquals(2, r.excursionCount());
        assertEquals(3.0, r.excursions().get(1).seconds(), 0.15);
        // and the report prints them
        ByteArrayOutputStream html = new ByteArrayOutputStream();
        try (ReportEngine e = engine(sections(), 1, 4)) {
            e.render(List.of("run-a"), "html", html).get(60, TimeUnit.SECONDS);
        }
        String page = html.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(page.contains(Format.mpa(mean, 4)), "mean " + Format.mpa(mean, 4) + " not in the report");
        assertTrue(page.contains(Format.fixed(sd / 1e3, 2) + " kPa"), "sd not in the report");
    }

    @Test
    void aComparisonPutsTheRunsSideBySide(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        try (ReportEngine e = engine(sections(), 1, 4)) {
            e.render(List.of("run-a", "run-b", "run-c"), "pdf", pdf).get(120, TimeUnit.SECONDS);
        }
        Path p = dir.resolve("c.pdf");
        Files.write(p, pdf.toByteArray());
        ReportChecks.PdfFacts f = ReportChecks.pdf(p, Path.of("target/sample-comparison"), 72);
        assertTrue(f.text().contains("Comparison of the runs") && f.text().contains("Hold quality per run"), f.text());
        assertTrue(f.text().contains("spring frame") && f.text().contains("screw frame"), f.text());
    }

    @Test
    void aFailingSectionIsReportedAndTheRestIsMade() {
        ReportSection broken = new ReportSection() {
            @Override
            public String id() {
                return "lab";
            }

            @Override
            public String title() {
                return "Lab section";
            }

            @Override
            public Optional<SectionContent> build(ReportContext context) {
                throw new IllegalStateException("glovebox sensor file missing");
            }
        };
        List<ReportSection> s = new ArrayList<>(sections());
        s.add(1, broken);
        try (ReportEngine e = engine(s, 1, 4)) {
            var report = e.build(List.of("run-a"), x -> { });
            assertEquals("Lab section", report.sections().get(1).title());
            assertTrue(report.sections().get(1).blocks().get(0).toString().contains("glovebox sensor file missing"));
            assertTrue(report.sections().size() >= 6);
        }
    }

    @Test
    void unknownRunsAndFormatsAreNamedAndAFullQueueRefusesAtOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ReportSection slow = new ReportSection() {
            @Override
            public String id() {
                return "slow";
            }

            @Override
            public String title() {
                return "slow";
            }

            @Override
            public Optional<SectionContent> build(ReportContext context) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Optional.empty();
            }
        };
        try (ReportEngine e = engine(List.of(slow), 1, 1)) {
            var x = assertThrows(ExecutionException.class, () -> e.render(List.of("nope"), "html", new ByteArrayOutputStream())
                    .get(10, TimeUnit.SECONDS));
            assertTrue(x.getCause().getMessage().contains("no run 'nope'"), x.getCause().getMessage());
            x = assertThrows(ExecutionException.class, () -> e.render(List.of("run-a"), "docx", new ByteArrayOutputStream())
                    .get(10, TimeUnit.SECONDS));
            assertTrue(x.getCause().getMessage().contains("no renderer for format 'docx' (available: html, pdf)"), x.getCause().getMessage());
            var running = e.render(List.of("run-a"), "html", new ByteArrayOutputStream());
            Thread.sleep(200);
            var waiting = e.render(List.of("run-a"), "html", new ByteArrayOutputStream());
            var refused = e.render(List.of("run-a"), "html", new ByteArrayOutputStream());
            var r = assertThrows(CompletionException.class, refused::join);
            assertTrue(r.getCause().getMessage().contains("the report queue is full"), r.getCause().getMessage());
            release.countDown();
            running.get(30, TimeUnit.SECONDS);
            waiting.get(30, TimeUnit.SECONDS);
        }
        assertTrue(String.format(Locale.ROOT, "%s", "ok").equals("ok"));
    }
}
