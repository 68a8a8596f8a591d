package org.presslab.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue 11: the operator page in a real browser (Debian's headless Chromium driven by Selenium 4 through
 * /usr/bin/chromedriver) against the real distribution, unpacked and started with {@code bin/start} on free ports,
 * with the presslab-web feature installed over the SSH console as the launcher does. A viewer finds every moving
 * control disabled and refused by the API too; an operator dry-runs and runs a short recipe and the live chart moves;
 * the page's EMERGENCY STOP trips the station within one loop period (from the station's own events); a cross-site
 * form post with the session cookie and a request without a session are refused. Screenshots go to
 * docs/screenshots/. Skips with a message when Chromium or chromedriver is absent (CI installs both).
 */
public class WebBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("..", "docs", "screenshots").toAbsolutePath().normalize();
    private static final String RECIPE = "web-short";

    private static Path karaf;
    private static int httpPort;
    private static int sshPort;
    private static String base;
    private static final Map<String, String> PASSWORDS = new java.util.HashMap<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static ChromeDriver browser;
    private static Path profile;

    @BeforeClass
    public static void startKarafAndBrowser() throws Exception {
        assumeTrue("SKIPPED: " + CHROMIUM + " or " + CHROMEDRIVER + " is missing; install Debian's chromium and "
                + "chromium-driver (.ci/run does)", Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER));
        String dist = System.getProperty("presslab.distribution");
        assumeTrue("SKIPPED: no presslab.distribution archive given (run through Maven)", dist != null && new File(dist).isFile());
        Path root = Files.createDirectories(Path.of("target", "browser")).toAbsolutePath();
        Path unpack = Files.createTempDirectory(root, "karaf");
        run(List.of("tar", "xzf", dist, "-C", unpack.toString()), null, 120);
        try (var s = Files.list(unpack)) {
            karaf = s.filter(p -> p.getFileName().toString().startsWith("presslab-distribution")).findFirst().orElseThrow();
        }
        httpPort = freePort();
        sshPort = freePort();
        base = "http://127.0.0.1:" + httpPort;
        replace(karaf.resolve("etc/org.ops4j.pax.web.cfg"), "(?m)^org.osgi.service.http.port *=.*$", "org.osgi.service.http.port = " + httpPort);
        replace(karaf.resolve("etc/org.apache.karaf.shell.cfg"), "(?m)^sshPort *=.*$", "sshPort = " + sshPort);
        StringBuilder users = new StringBuilder("\n");
        for (String[] u : new String[][] {{"vera", "viewergroup"}, {"otto", "operatorgroup"}, {"ada", "admingroup"}}) {
            PASSWORDS.put(u[0], randomPassword());
            users.append(u[0]).append(" = ").append(PASSWORDS.get(u[0])).append(",_g_:").append(u[1]).append('\n');
        }
        Files.writeString(karaf.resolve("etc/users.properties"), users.toString(), java.nio.file.StandardOpenOption.APPEND);
        Path recipes = Files.createDirectories(karaf.resolve("etc/presslab/recipes"));
        Files.writeString(recipes.resolve(RECIPE + ".json"), "{\"name\": \"" + RECIPE + "\", \"version\": 1, "
                + "\"description\": \"browser test: 3 MPa for 60 s\", \"maxPressureMPa\": 20, \"steps\": ["
                + "{\"type\": \"ramp\", \"targetMPa\": 3, \"rateMPaPerS\": 1},"
                + "{\"type\": \"hold\", \"targetMPa\": 3, \"toleranceMPa\": 0.5, \"durationS\": 60},"
                + "{\"type\": \"release\", \"targetMPa\": 1, \"rateMPaPerS\": 1}]}\n");
        run(List.of(karaf.resolve("bin/start").toString()), null, 60);
        await("the SSH console on port " + sshPort, 180, () -> portOpen(sshPort));
        // As the launcher does: the web page is installed once Karaf is up (see the distribution README), without the
        // refresh that would restart the run store (H2's optional servlet import) or Karaf's JAAS (commons-logging).
        long logOffset = Files.size(karaf.resolve("data/log/karaf.log"));
        String out = "";
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!portOpen(httpPort) && System.nanoTime() < until) {
            out = run(List.of(karaf.resolve("bin/client").toString(), "-h", "127.0.0.1", "-a", String.valueOf(sshPort),
                    "-u", "ada", "-p", PASSWORDS.get("ada"), "-r", "5", "-d", "2", "-b"), "feature:install --no-auto-refresh presslab-web\n",
                    120);
            Thread.sleep(2000);
        }
        assertTrue("the web page listens on " + base + " after feature:install presslab-web: " + out, portOpen(httpPort));
        // and the reports, as the launcher installs them next (the Reports view's download links)
        out = run(List.of(karaf.resolve("bin/client").toString(), "-h", "127.0.0.1", "-a", String.valueOf(sshPort), "-u", "ada",
                "-p", PASSWORDS.get("ada"), "-r", "5", "-d", "2", "-b"), "feature:install --no-auto-refresh presslab-reports\n", 180);
        // and a feature typed by hand later, without the flag: the distribution turns Karaf's autoRefresh off
        out = run(List.of(karaf.resolve("bin/client").toString(), "-h", "127.0.0.1", "-a", String.valueOf(sshPort), "-u", "ada",
                "-p", PASSWORDS.get("ada"), "-r", "5", "-d", "2", "-b"), "feature:install presslab-webconsole\n", 180);
        List<String> refreshed = refreshedSince(logOffset);
        assertTrue("installing the web page, the reports and the web console refreshed no bundle (the run store and Karaf's"
                + " JAAS stay up): " + refreshed, refreshed.isEmpty());
        await("station cell1 bound to its simulated press", 120, () -> {
            try {
                Session op = login("otto");
                String body = get(op, "stations/cell1").body();
                return body.contains("\"driver\":\"sim-press-1\"") && !body.contains("NO_DRIVER");
            } catch (Exception e) {
                return false;
            }
        });
        profile = Files.createTempDirectory(root, "chromium-profile");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1100", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterClass
    public static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (karaf != null) {
            try {
                run(List.of(karaf.resolve("bin/stop").toString()), null, 60);
            } catch (Exception e) {
                System.err.println("[presslab-itests] bin/stop: " + e);
            }
        }
    }

    // ---- the scenario (one method: the steps share one Karaf and one browser, in this order) -------------------

    @Test
    public void viewerOperatorEmergencyStopAndCrossSite() throws Exception {
        // 1. No session: refused.
        assertEquals(401, HTTP.send(HttpRequest.newBuilder(URI.create(base + "/presslab/api/stations")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        HttpResponse<String> anonymousPost = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/presslab/api/stations/cell1/ramp"))
                .header("Origin", base).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"targetMPa\": 5}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(anonymousPost.body(), 401, anonymousPost.statusCode());

        // 2. A viewer: every moving control disabled, and the API refuses them too (from the page's own session).
        pageLogin("vera");
        WebElement card = waitFor(By.cssSelector("article.station[data-station=cell1]"));
        waitUntil("the station's state is shown", () -> !card.findElement(By.cssSelector(".state")).getText().isBlank());
        List<WebElement> moving = card.findElements(By.cssSelector("button.moving"));
        assertEquals("ramp, hold, release, reset, acknowledge, start, pause, resume, abort", 9, moving.size());
        for (WebElement b : moving) {
            assertFalse("viewer: '" + b.getText() + "' must be disabled", b.isEnabled());
        }
        assertTrue("viewer: EMERGENCY STOP stays enabled", card.findElement(By.cssSelector("button.estop")).isEnabled());
        assertTrue("viewer: the global EMERGENCY STOP is shown", browser.findElement(By.id("estop-all")).isDisplayed());
        for (String cmd : List.of("ramp", "hold", "release", "reset", "recipe/start")) {
            long status = pageFetch("POST", "stations/cell1/" + cmd, "{\"targetMPa\": 5, \"recipe\": \"" + RECIPE + "\"}");
            assertEquals("viewer " + cmd + " through the API", 403, status);
        }
        shot("viewer");

        // 3. An operator: dry run shown before start, then the run, and the live chart moves.
        browser.findElement(By.id("logout")).click();
        waitFor(By.id("login-form"));
        pageLogin("otto");
        WebElement opCard = waitFor(By.cssSelector("article.station[data-station=cell1]"));
        waitUntil("operator controls enabled", () -> opCard.findElement(By.cssSelector("button[data-action=ramp]")).isEnabled());
        new Select(opCard.findElement(By.cssSelector("select[data-input=recipe]"))).selectByValue(RECIPE);
        WebElement start = opCard.findElement(By.cssSelector("button[data-action=start]"));
        assertFalse("Start waits for a dry run", start.isEnabled());
        opCard.findElement(By.cssSelector("button[data-action=dryrun]")).click();
        waitUntil("the dry run is shown", () -> opCard.findElement(By.cssSelector("[data-field=dryrun]")).getText().contains("may run"));
        assertTrue(start.isEnabled());
        WebElement chart = opCard.findElement(By.cssSelector(".chart"));
        int samplesBefore = intAttr(chart, "data-samples");
        start.click();
        waitUntil("the recipe runs", () -> opCard.findElement(By.cssSelector("[data-field=run]")).getText().contains(RECIPE));
        waitUntil("the live chart moves: pressure above 1 MPa", () -> doubleAttr(chart, "data-last-pressure") > 1.0);
        int samplesAfter = intAttr(chart, "data-samples");
        assertTrue("live samples arrived: " + samplesBefore + " -> " + samplesAfter, samplesAfter - samplesBefore >= 10);
        waitUntil("time left shown", () -> opCard.findElement(By.cssSelector("[data-field=left]")).getText().contains("left"));
        shot("operator-recipe");

        // 4. A cross-site form post with the operator's session cookie (as a browser would send it) is refused.
        Session otto = login("otto");
        HttpResponse<String> evil = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/presslab/api/stations/cell1/estop"))
                .header("Cookie", otto.cookie).header("Origin", "http://evil.example")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("reason=csrf")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(evil.body(), 403, evil.statusCode());
        assertFalse("the station did not stop", get(otto, "stations/cell1").body().contains("EMERGENCY_STOPPED"));

        // 5. The page's EMERGENCY STOP: the station's events say when the command came and when it was stopped.
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        HttpResponse<InputStream> live = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/presslab/api/live"))
                .header("Cookie", otto.cookie).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, live.statusCode());
        Thread reader = new Thread(() -> readEvents(live.body(), events), "sse-reader");
        reader.setDaemon(true);
        reader.start();
        double loopHz = Double.parseDouble(field(get(otto, "stations/cell1").body(), "nominalLoopRateHz"));
        opCard.findElement(By.cssSelector("button.estop[data-action=estop]")).click();
        Instant command = null;
        Instant tripped = null;
        String commandEvent = null;
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((command == null || tripped == null) && System.nanoTime() < until) {
            String e = events.poll(200, TimeUnit.MILLISECONDS);
            if (e == null || !e.contains("\"station\":\"cell1\"")) {
                continue;
            }
            if (e.contains("\"type\":\"COMMAND\"") && e.contains("\"command\":\"EMERGENCY_STOP\"")) {
                command = Instant.parse(field(e, "time"));
                commandEvent = e;
            } else if (e.contains("\"type\":\"INTERLOCK_TRIPPED\"") && e.contains("EMERGENCY_STOP")) {
                tripped = Instant.parse(field(e, "time"));
            }
        }
        assertTrue("COMMAND event of the page's e-stop", command != null);
        assertTrue("the station recorded the web user: " + commandEvent,
                commandEvent.contains("\"actor\":\"otto\"") && commandEvent.contains("\"source\":\"WEB\""));
        assertTrue("INTERLOCK_TRIPPED event of the e-stop", tripped != null);
        // The station latches the stop first and records who pressed it after (ActorCommands), so the COMMAND event's
        // time is not when the stop arrived: that is the web layer's stamp just before it calls the station.
        WebElement outcome = opCard.findElement(By.cssSelector("[data-field=outcome]"));
        waitUntil("the page shows the e-stop's outcome", () -> !outcome.getAttribute("data-received-at").isEmpty());
        Instant received = Instant.parse(outcome.getAttribute("data-received-at"));
        // The station's own record of the trip: the latch's time (from then on every command is refused and the safe
        // action is being sent); the INTERLOCK_TRIPPED event follows once the device has confirmed its safe state.
        Instant latched = Instant.parse(outcome.getAttribute("data-tripped-at"));
        double periodMs = 1000.0 / loopHz;
        double latchMs = Duration.between(received, latched).toNanos() / 1e6;
        double safeMs = Duration.between(received, tripped).toNanos() / 1e6;
        System.out.printf("[presslab-itests] web e-stop: handed to the station %s; latched %.3f ms later (one loop period "
                + "%.1f ms); device in its safe state (INTERLOCK_TRIPPED event) %.3f ms later; COMMAND recorded %s; "
                + "load average %.1f%n", received, latchMs, periodMs, safeMs, command,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        assertTrue("latched after it was handed over: " + latchMs + " ms", latchMs >= 0);
        assertTrue("latched within one loop period: " + latchMs + " ms > " + periodMs + " ms", latchMs <= periodMs);
        assertTrue("the safe-state event follows the latch", !tripped.isBefore(latched));
        waitUntil("the page shows the stop", () -> "EMERGENCY_STOPPED".equals(opCard.getAttribute("data-station") == null ? null
                : opCard.getAttribute("data-state")));
        shot("emergency-stop");

        // 6. The audit view lists the commands with user and source.
        browser.findElement(By.cssSelector("#nav .tab[data-view=audit]")).click();
        waitUntil("the audit list shows otto's e-stop from the web", () -> {
            String t = browser.findElement(By.id("audit-rows")).getText();
            return t.contains("otto") && t.contains("WEB") && t.contains("EMERGENCY_STOP") && t.contains("RECIPE_START");
        });
        shot("audit");

        // 7. The Reports view lists the run otto started, stopped by the e-stop and so highlighted, and the browser
        // downloads its HTML report through the row's link with its own session, as a click does.
        browser.findElement(By.cssSelector("#nav .tab[data-view=reports]")).click();
        waitUntil("the Reports view lists the run of " + RECIPE, () -> browser.findElement(By.id("run-rows")).getText().contains(RECIPE));
        WebElement runRow = browser.findElements(By.cssSelector("#run-rows tr")).stream().filter(r -> r.getText().contains(RECIPE))
                .findFirst().orElseThrow();
        String runId = runRow.getAttribute("title");
        assertTrue("the run's operator is otto: " + runRow.getText(), runRow.getText().contains("otto"));
        assertTrue("a run the e-stop ended is highlighted: " + runRow.getText(), runRow.getAttribute("class").contains("refused"));
        List<WebElement> links = runRow.findElements(By.cssSelector("a.report-link"));
        assertEquals("an HTML and a PDF link", List.of("HTML", "PDF"), links.stream().map(WebElement::getText).toList());
        shot("reports");
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(90));
        @SuppressWarnings("unchecked")
        List<Object> got = (List<Object>) browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], {credentials: 'same-origin'}).then(async r => done([r.status,"
                + " r.headers.get('content-type') || '', await r.text()])).catch(e => done([0, String(e), '']));",
                links.get(0).getAttribute("href"));
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        String report = String.valueOf(got.get(2));
        assertEquals("the HTML report downloads: " + got.get(1) + " " + report.substring(0, Math.min(300, report.length())),
                200L, ((Number) got.get(0)).longValue());
        assertTrue("an HTML document: " + got.get(1), String.valueOf(got.get(1)).startsWith("text/html"));
        assertTrue("the report names the run " + runId, report.contains(runId));
        assertTrue("and its operator", report.contains("otto"));
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(90));
        @SuppressWarnings("unchecked")
        List<Object> pdf = (List<Object>) browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], {credentials: 'same-origin'}).then(async r => { const b = new Uint8Array(await"
                + " r.arrayBuffer()); done([r.status, r.headers.get('content-type') || '', String.fromCharCode(...b.slice(0, 5)),"
                + " b.length]); }).catch(e => done([0, String(e), '', 0]));", links.get(1).getAttribute("href"));
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        assertEquals("the PDF report downloads: " + pdf, 200L, ((Number) pdf.get(0)).longValue());
        assertEquals("a PDF: " + pdf, "%PDF-", pdf.get(2));
        System.out.printf("[presslab-itests] web report: run %s, HTML report of %,d characters and PDF of %,d bytes downloaded in"
                + " the browser%n", runId, report.length(), ((Number) pdf.get(3)).longValue());
        live.body().close();
        // Leave the station as we found it.
        post(otto, "stations/cell1/reset", "{}");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** The bundles karaf.log says Karaf refreshed (restarted) after byte {@code offset} of the log. */
    private static List<String> refreshedSince(long offset) throws IOException {
        byte[] all = Files.readAllBytes(karaf.resolve("data/log/karaf.log"));
        String[] lines = new String(all, (int) Math.min(offset, all.length), all.length - (int) Math.min(offset, all.length),
                java.nio.charset.StandardCharsets.UTF_8).split("\n");
        List<String> out = new java.util.ArrayList<>();
        boolean inRefresh = false;
        for (String l : lines) {
            int bar = l.lastIndexOf(" | ");
            String msg = bar < 0 ? l : l.substring(bar + 3);
            if (msg.startsWith("Refreshing bundles:")) {
                inRefresh = true;
            } else if (inRefresh && msg.startsWith("    ")) {
                out.add(msg.strip());
            } else {
                inRefresh = false;
            }
        }
        return out;
    }

    private static void pageLogin(String user) {
        browser.get(base + "/presslab/");
        waitFor(By.id("login-user")).sendKeys(user);
        browser.findElement(By.id("login-password")).sendKeys(PASSWORDS.get(user));
        browser.findElement(By.id("login-submit")).click();
        waitUntil(user + " logged in", () -> browser.findElement(By.id("who")).getText().contains(user));
    }

    /** A request from inside the page, with the page's session cookie and CSRF token: the HTTP status. */
    private static long pageFetch(String method, String path, String body) {
        Object status = browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('/presslab/api/' + arguments[1], {method: arguments[0], credentials: 'same-origin', headers: {"
                + "'Content-Type': 'application/json', 'X-Presslab-Client': 'page', 'X-CSRF-Token': window.presslab.session.csrfToken},"
                + "body: arguments[2]}).then(r => done(r.status), e => done(-1));", method, path, body);
        return ((Number) status).longValue();
    }

    private static WebElement waitFor(By by) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            List<WebElement> found = browser.findElements(by);
            if (!found.isEmpty() && found.get(0).isDisplayed()) {
                return found.get(0);
            }
            if (System.nanoTime() > until) {
                shotQuietly("failure");
                throw new AssertionError("not shown within 20 s: " + by);
            }
            sleep(100);
        }
    }

    private static void waitUntil(String what, BooleanSupplier condition) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!safe(condition)) {
            if (System.nanoTime() > until) {
                shotQuietly("failure");
                throw new AssertionError("not within 30 s: " + what);
            }
            sleep(100);
        }
    }

    private static boolean safe(BooleanSupplier c) {
        try {
            return c.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void await(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!safe(condition)) {
            if (System.nanoTime() > until) {
                throw new AssertionError("not within " + seconds + " s: " + what + "; see " + karaf.resolve("data/log/karaf.log"));
            }
            Thread.sleep(500);
        }
    }

    private static int intAttr(WebElement e, String name) {
        String v = e.getAttribute(name);
        return v == null || v.isEmpty() ? 0 : Integer.parseInt(v);
    }

    private static double doubleAttr(WebElement e, String name) {
        String v = e.getAttribute(name);
        return v == null || v.isEmpty() || "null".equals(v) ? Double.NaN : Double.parseDouble(v);
    }

    private static void shot(String name) throws IOException {
        Path tmp = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(tmp, SCREENSHOTS.resolve("web-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void shotQuietly(String name) {
        try {
            Path tmp = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(tmp, Path.of("target", "browser", name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (Exception e) {
            System.err.println("[presslab-itests] screenshot failed: " + e);
        }
    }

    private static void readEvents(InputStream in, BlockingQueue<String> out) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String event = null;
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ") && "event".equals(event)) {
                    out.add(line.substring(6));
                }
            }
        } catch (IOException e) {
            // the stream was closed
        }
    }

    /** A string or number field of a flat JSON text (first occurrence). */
    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\":(\"([^\"]*)\"|([-0-9.eE]+))").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no field " + name + " in " + json);
        }
        return m.group(2) != null ? m.group(2) : m.group(3);
    }

    record Session(String cookie, String csrf) {
    }

    private static Session login(String user) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/presslab/api/login"))
                .header("Origin", base).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\": \"" + user + "\", \"password\": \"" + PASSWORDS.get(user) + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(r.body(), 200, r.statusCode());
        String c = r.headers().firstValue("Set-Cookie").orElseThrow();
        return new Session(c.substring(0, c.indexOf(';')), field(r.body(), "csrfToken"));
    }

    private static HttpResponse<String> get(Session s, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/presslab/api/" + path)).header("Cookie", s.cookie).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(Session s, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/presslab/api/" + path)).header("Cookie", s.cookie)
                .header("X-CSRF-Token", s.csrf).header("Origin", base).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String run(List<String> cmd, String stdin, int timeoutS) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(cmd + " did not end within " + timeoutS + " s");
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    private static void replace(Path file, String regex, String with) throws IOException {
        String s = Files.readString(file);
        String t = s.replaceAll(regex, with);
        assertFalse("no " + regex + " in " + file, s.equals(t) && !s.contains(with));
        Files.writeString(file, t);
    }

    private static boolean portOpen(int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String randomPassword() {
        byte[] b = new byte[18];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
