package org.presslab.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.presslab.control.api.Station;
import org.presslab.control.api.StationEvent;
import org.presslab.control.api.StationListener;
import org.presslab.control.api.StationRegistry;
import org.presslab.control.api.StationSample;
import org.presslab.control.Recipes;
import org.presslab.control.StandaloneStation;
import org.presslab.control.StationSpec;
import org.presslab.control.Stations;
import org.presslab.press.sim.SimulatedDevice;
import org.presslab.press.sim.SimulatedDevices;
import org.presslab.report.Reports;
import org.presslab.report.api.ReportRenderer;
import org.presslab.runs.RunStores;
import org.presslab.time.TimeSource;
import org.presslab.time.TimeSources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Runs, notes, reports and the stored audit through the real servlet in a real Jetty, with a real JAAS login, control's
 * real station on the simulated press and the real run store on an embedded H2 file database (opened through its
 * exported factory, the code its DS component runs) and the real report service (built by {@code Reports}, as its
 * DS component builds it): the download route streams the real HTML and PDF report of the recorded run.
 */
class WebRunsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String RECIPE = """
            {"name": "web-short", "maxPressureMPa": 80, "steps": [
              {"type": "ramp", "targetMPa": 2, "rateMPaPerS": 4},
              {"type": "hold", "targetMPa": 2, "toleranceMPa": 0.5, "durationS": 1}
            ]}""";

    private static Server jetty;
    private static String base;
    private static StandaloneStation station;
    private static SimulatedDevice press;
    private static RunStores.Store store;
    private static WebComponent.DynamicServices services;
    private static PresslabServlet servlet;
    private static String runId;

    @BeforeAll
    static void start(@TempDir Path tmp) throws Exception {
        Configuration.setConfiguration(new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return "test-realm".equals(name) ? new AppConfigurationEntry[] {new AppConfigurationEntry(
                        TestLoginModule.class.getName(), AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, Map.of())}
                        : null;
            }
        });
        TimeSource time = TimeSources.system();
        press = SimulatedDevices.hydraulicPress(time, "sim-r", 5);
        station = Stations.create(StationSpec.of("r1").cellDiameterMm(10).fixtureRatingMPa(80)
                .driverFilter("(presslab.driver.id=sim-r)"), time, tmp.resolve("latches"));
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + tmp.resolve("runs").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE;DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        h2.setPassword("");
        Files.createDirectories(tmp.resolve("recipes"));
        services = new WebComponent.DynamicServices();
        services.registry = new StationRegistry() {
            @Override
            public List<Station> stations() {
                return List.of(station);
            }

            @Override
            public Optional<Station> station(String id) {
                return "r1".equals(id) ? Optional.of(station) : Optional.empty();
            }
        };
        services.recipes = Recipes.service(tmp.resolve("recipes"));
        // the control core as the store's DS component sees it: the run keeps its recipe's JSON
        store = RunStores.builder(h2).instanceId("web-test").spoolDir(tmp.resolve("spool")).time(time)
                .stations(services.registry).recipes(services.recipes).open();
        station.addListener(store);
        station.start();
        station.bindDriver(press);
        services.runs = store;
        services.runQuery = store;
        servlet = new PresslabServlet(PresslabServlet.Settings.defaults(), services,
                new JaasAuthenticator("test-realm", WebRunsTest.class.getClassLoader()));
        station.addListener(new StationListener() {
            @Override
            public void onSample(StationSample s) {
                servlet.hub().onSample(s);
            }

            @Override
            public void onEvent(StationEvent e) {
                servlet.audit().offer(e);
                servlet.hub().onEvent(e);
            }
        });
        jetty = new Server();
        ServerConnector c = new ServerConnector(jetty);
        c.setHost("127.0.0.1");
        c.setPort(0);
        jetty.addConnector(c);
        ServletContextHandler ctx = new ServletContextHandler();
        ctx.addServlet(new ServletHolder(servlet), "/presslab/*");
        jetty.setHandler(ctx);
        jetty.start();
        base = "http://127.0.0.1:" + c.getLocalPort();

        // One short recipe run, started by the operator through the API, recorded by the store.
        WebServerTest.Login op = login("otto", "otto-pw");
        HttpResponse<String> started = post(op, "stations/r1/recipe/start", Map.of("json", RECIPE), true);
        assertEquals(200, started.statusCode(), started.body());
        // The store migrates its schema on its writer thread: reads fail until then.
        long until = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < until && !finished()) {
            Thread.sleep(50);
        }
        assertTrue(store.flush(Duration.ofSeconds(10)), "the store committed the run");
        runId = store.list(org.presslab.runs.api.RunFilter.ALL).get(0).id();
    }

    private static boolean finished() {
        try {
            List<org.presslab.runs.api.Run> runs = store.list(org.presslab.runs.api.RunFilter.ALL);
            return !runs.isEmpty() && !runs.get(0).running();
        } catch (org.presslab.runs.api.RunStoreException e) {
            return false;
        }
    }

    @AfterAll
    static void stop() throws Exception {
        servlet.close();
        jetty.stop();
        station.close();
        store.close();
        press.close();
    }

    static WebServerTest.Login login(String user, String password) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/presslab/api/login"))
                .header("Origin", base).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("user", user, "password", password))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        String cookie = r.headers().firstValue("Set-Cookie").map(s -> s.substring(0, s.indexOf(';'))).orElseThrow();
        return new WebServerTest.Login(cookie, JSON.readTree(r.body()).get("csrfToken").asText(), r);
    }

    static HttpResponse<String> post(WebServerTest.Login l, String path, Object body, boolean withCsrf) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/presslab/api/" + path))
                .header("Content-Type", "application/json").header("Origin", base).header("Cookie", l.cookie())
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (withCsrf) {
            b.header("X-CSRF-Token", l.csrf());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(WebServerTest.Login l, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/presslab/api/" + path)).header("Cookie", l.cookie())
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theRecipeRunIsListedWithItsOutcomeAndDetails() throws Exception {
        WebServerTest.Login viewer = login("vera", "vera-pw");
        HttpResponse<String> list = get(viewer, "runs?station=r1&limit=10");
        assertEquals(200, list.statusCode(), list.body());
        JsonNode runs = JSON.readTree(list.body());
        assertEquals(1, runs.size(), list.body());
        JsonNode r = runs.get(0);
        assertEquals(runId, r.get("id").asText());
        assertEquals("r1", r.get("station").asText());
        assertEquals("web-short", r.get("recipe").asText());
        assertEquals("otto", r.get("operator").asText());
        assertEquals("REST", r.get("operatorSource").asText());
        assertEquals("COMPLETED", r.get("outcome").asText(), list.body());
        assertFalse(r.get("end").isNull());
        assertEquals(0, JSON.readTree(get(viewer, "runs?station=nowhere").body()).size());

        JsonNode detail = JSON.readTree(get(viewer, "runs/" + runId).body());
        assertEquals(runId, detail.get("id").asText());
        assertTrue(detail.get("counts").get("samples").asLong() > 50, detail.toString());
        assertTrue(detail.get("gaps").isArray());
        assertEquals(404, get(viewer, "runs/0190c2a4-0000-7000-8000-000000000000").statusCode());

        HttpResponse<String> samples = get(viewer, "runs/" + runId + "/samples?points=20");
        assertEquals(200, samples.statusCode(), samples.body());
        JsonNode s = JSON.readTree(samples.body());
        int n = s.get("t").size();
        assertTrue(n >= 1 && n <= 20, "decimated to at most 20 points, got " + n);
        double peak = 0;
        for (JsonNode v : s.get("pressureMaxMPa")) {
            peak = Math.max(peak, v.isNull() ? 0 : v.asDouble());
        }
        assertEquals(2.0, peak, 0.5, "the hold at 2 MPa is in the stored samples: " + samples.body());
        assertEquals(400, get(viewer, "runs/" + runId + "/samples?points=0").statusCode());
        assertEquals(400, get(viewer, "runs/" + runId + "/samples?from=yesterday").statusCode());
    }

    @Test
    void theAuditComesFromTheStoreWithTheActorAndFallsBackToMemory() throws Exception {
        WebServerTest.Login viewer = login("vera", "vera-pw");
        JsonNode audit = JSON.readTree(get(viewer, "audit?limit=50").body());
        assertEquals("store", audit.get("source").asText(), audit.toString());
        JsonNode start = null;
        for (JsonNode e : audit.get("entries")) {
            if ("RECIPE_START".equals(e.get("properties").get("command").asText())) {
                start = e;
            }
        }
        assertTrue(start != null, "the recipe start is in the stored audit: " + audit);
        assertEquals("otto", start.get("properties").get("actor").asText());
        assertEquals("REST", start.get("properties").get("source").asText());
        assertEquals("ACCEPTED", start.get("properties").get("outcome").asText());
        assertEquals("r1", start.get("station").asText());

        services.runQuery = null;
        try {
            JsonNode mem = JSON.readTree(get(viewer, "audit?limit=50").body());
            assertEquals("memory", mem.get("source").asText());
            assertTrue(mem.get("entries").size() >= 1, mem.toString());
            HttpResponse<String> detail = get(viewer, "runs/" + runId);
            assertEquals(503, detail.statusCode());
            assertTrue(detail.body().contains("presslab-runs"), detail.body());
        } finally {
            services.runQuery = store;
        }
    }

    @Test
    void notesNeedTheOperatorRoleAndTheCsrfToken() throws Exception {
        WebServerTest.Login viewer = login("vera", "vera-pw");
        HttpResponse<String> byViewer = post(viewer, "runs/" + runId + "/notes", Map.of("text", "looks fine"), true);
        assertEquals(403, byViewer.statusCode(), byViewer.body());
        WebServerTest.Login op = login("otto", "otto-pw");
        HttpResponse<String> noToken = post(op, "runs/" + runId + "/notes", Map.of("text", "no token"), false);
        assertEquals(403, noToken.statusCode(), noToken.body());
        assertTrue(noToken.body().contains("CSRF"), noToken.body());
        assertEquals(400, post(op, "runs/" + runId + "/notes", Map.of("text", " "), true).statusCode());
        HttpResponse<String> ok = post(op, "runs/" + runId + "/notes", Map.of("text", "pellet cracked at the edge"), true);
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals("otto", JSON.readTree(ok.body()).get("author").asText());
        JsonNode notes = JSON.readTree(get(viewer, "runs/" + runId).body()).get("notes");
        List<String> texts = new java.util.ArrayList<>();
        notes.forEach(x -> texts.add(x.get("author").asText() + ": " + x.get("text").asText()));
        assertTrue(texts.contains("otto: pellet cracked at the edge"), texts.toString());
        assertFalse(texts.stream().anyMatch(t -> t.contains("looks fine") || t.contains("no token")), texts.toString());
        assertEquals(404, post(op, "runs/0190c2a4-0000-7000-8000-000000000000/notes", Map.of("text", "x"), true).statusCode());
    }

    @Test
    void reportsRefuseUnknownFormatsAndSayWhenTheServiceIsMissing() throws Exception {
        WebServerTest.Login viewer = login("vera", "vera-pw");
        HttpResponse<String> bad = get(viewer, "runs/" + runId + "/report?format=docx");
        assertEquals(400, bad.statusCode(), bad.body());
        assertTrue(bad.body().contains("html or pdf"), bad.body());
        HttpResponse<String> none = get(viewer, "runs/" + runId + "/report?format=html");
        assertEquals(503, none.statusCode(), none.body());
        assertTrue(none.body().contains("presslab-reports"), none.body());
    }

    /** The real report service over the test's store, as {@code Reports} builds it for the DS component too. */
    static Reports.Builder reports() {
        return Reports.builder(store, store).recipes(services.recipes);
    }

    /**
     * The real report of the recorded run through the download route: the HTML page and the PDF (read back with PDFBox)
     * show the run, its operator and source, its recipe with the plan, the sample count and the recorded commands.
     */
    @Test
    void theRealReportOfTheRecordedRunIsDownloadedAsHtmlAndPdf() throws Exception {
        try (Reports.Engine engine = reports().build()) {
            services.reports = engine;
            WebServerTest.Login viewer = login("vera", "vera-pw");
            String samples = String.valueOf(store.sampleCount(runId));
            HttpResponse<String> html = get(viewer, "runs/" + runId + "/report?format=html");
            assertEquals(200, html.statusCode(), html.body());
            assertEquals("attachment; filename=\"report-" + runId + ".html\"",
                    html.headers().firstValue("Content-Disposition").orElse(""));
            String page = html.body();
            assertTrue(page.startsWith("<!DOCTYPE html>"), page.substring(0, Math.min(200, page.length())));
            for (String s : List.of("Run report: r1, recipe web-short", runId, "otto (REST)", "RECIPE_START", "COMPLETED",
                    "Recipe &#39;web-short&#39; version 1", "Pressure and force", "Hold statistics", samples)) {
                assertTrue(page.contains(s), "'" + s + "' missing from the HTML report");
            }
            assertFalse(page.contains("cannot be read"), "the store kept the recipe's JSON");

            HttpResponse<byte[]> pdf = http.send(HttpRequest.newBuilder(URI.create(base + "/presslab/api/runs/" + runId
                    + "/report?format=pdf")).header("Cookie", viewer.cookie()).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, pdf.statusCode(), new String(pdf.body(), java.nio.charset.StandardCharsets.UTF_8));
            assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElse(""));
            assertEquals("attachment; filename=\"report-" + runId + ".pdf\"",
                    pdf.headers().firstValue("Content-Disposition").orElse(""));
            try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
                assertTrue(doc.getNumberOfPages() >= 2, "pages: " + doc.getNumberOfPages());
                String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
                for (String s : List.of(runId, "otto (REST)", "samples recorded " + samples, "web-short", "time since start (s)")) {
                    assertTrue(text.contains(s), "'" + s + "' missing from the PDF text");
                }
            }
        } finally {
            services.reports = null;
        }
    }

    /**
     * The download path's failures with the real report service on one thread with a queue of one: its html renderer
     * wrapped so the test can hold it or make it fail, and no pdf renderer. Checks the headers and body of a real
     * report, that a failing render is a JSON error without an attachment, that a missing renderer is named, and
     * that with the worker busy and the queue full the next download is refused at once with 503.
     */
    @Test
    void aReportIsStreamedAsAnAttachmentAndItsFailuresAreErrors() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean fail = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicReference<java.util.concurrent.CountDownLatch> block =
                new java.util.concurrent.atomic.AtomicReference<>(new java.util.concurrent.CountDownLatch(0));
        java.util.concurrent.atomic.AtomicReference<java.util.concurrent.CountDownLatch> entered =
                new java.util.concurrent.atomic.AtomicReference<>(new java.util.concurrent.CountDownLatch(1));
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        ReportRenderer real = Reports.renderers().get("html");
        ReportRenderer html = new ReportRenderer() {
            @Override
            public String format() {
                return real.format();
            }

            @Override
            public String extension() {
                return real.extension();
            }

            @Override
            public String mediaType() {
                return real.mediaType();
            }

            @Override
            public void render(org.presslab.report.api.Report report, java.io.OutputStream out) throws java.io.IOException {
                entered.get().countDown();
                try {
                    block.get().await();
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException("interrupted");
                }
                if (fail.get()) {
                    throw new IllegalStateException("chart failed");
                }
                real.render(report, out);
            }
        };
        // asked once per download on the request's thread (formats()), and again by the report's job when it runs
        try (Reports.Engine engine = reports().threads(1).queue(1).renderers(() -> {
            asked.incrementAndGet();
            return Map.of("html", html);
        }).build()) {
            services.reports = engine;
            WebServerTest.Login viewer = login("vera", "vera-pw");
            HttpResponse<String> ok = get(viewer, "runs/" + runId + "/report?format=html");
            assertEquals(200, ok.statusCode(), ok.body());
            assertEquals("text/html;charset=utf-8", ok.headers().firstValue("Content-Type").orElse("")
                    .replace(" ", "").toLowerCase(java.util.Locale.ROOT));
            assertEquals("attachment; filename=\"report-" + runId + ".html\"",
                    ok.headers().firstValue("Content-Disposition").orElse(""));
            assertTrue(ok.body().startsWith("<!DOCTYPE html>") && ok.body().contains(runId)
                    && ok.body().contains("Run report: r1, recipe web-short") && ok.body().contains("COMPLETED")
                    && ok.body().contains(String.valueOf(store.sampleCount(runId))), ok.body());
            // A render that fails before its first byte: a JSON error naming the run and the cause, no attachment.
            fail.set(true);
            HttpResponse<String> failed = get(viewer, "runs/" + runId + "/report?format=html");
            fail.set(false);
            assertEquals(500, failed.statusCode(), failed.body());
            assertTrue(failed.body().contains(runId) && failed.body().contains("chart failed"), failed.body());
            assertTrue(failed.headers().firstValue("Content-Disposition").isEmpty());
            // No pdf renderer registered: said so.
            HttpResponse<String> pdf = get(viewer, "runs/" + runId + "/report?format=pdf");
            assertEquals(503, pdf.statusCode(), pdf.body());
            assertTrue(pdf.body().contains("no pdf renderer"), pdf.body());
            // The service's worker busy and its queue full: the next download is refused at once with 503.
            java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch rendering = new java.util.concurrent.CountDownLatch(1);
            block.set(held);
            entered.set(rendering);
            java.util.concurrent.CompletableFuture<HttpResponse<String>> first = http.sendAsync(HttpRequest.newBuilder(
                    URI.create(base + "/presslab/api/runs/" + runId + "/report?format=html")).header("Cookie", viewer.cookie())
                    .build(), HttpResponse.BodyHandlers.ofString());
            // the first download's report is made and its render waits at the gate: the worker is busy
            assertTrue(rendering.await(30, java.util.concurrent.TimeUnit.SECONDS), "the first report reached its renderer");
            long until = System.nanoTime() + 30_000_000_000L;
            int before = asked.get();
            java.util.concurrent.CompletableFuture<HttpResponse<String>> second = http.sendAsync(HttpRequest.newBuilder(
                    URI.create(base + "/presslab/api/runs/" + runId + "/report?format=html")).header("Cookie", viewer.cookie())
                    .build(), HttpResponse.BodyHandlers.ofString());
            // the second download asked for the formats on its request thread, which then queues its report at once
            while (asked.get() == before && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            Thread.sleep(300);
            HttpResponse<String> third = get(viewer, "runs/" + runId + "/report?format=html");
            assertEquals(503, third.statusCode(), third.body());
            assertTrue(third.body().contains("busy"), third.body());
            held.countDown();
            assertEquals(200, first.get(30, java.util.concurrent.TimeUnit.SECONDS).statusCode());
            assertEquals(200, second.get(30, java.util.concurrent.TimeUnit.SECONDS).statusCode());
        } finally {
            services.reports = null;
        }
    }
}
