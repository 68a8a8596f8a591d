package org.presslab.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.presslab.time.TimeSources;
import org.presslab.control.api.RecipeService;
import org.presslab.control.api.Station;
import org.presslab.control.api.StationRegistry;
import org.presslab.control.api.StationState;
import org.presslab.control.Stations;
import org.presslab.control.StandaloneStation;
import org.presslab.control.StationSpec;
import org.presslab.control.Recipes;
import org.presslab.impedance.api.CircuitFitter;
import org.presslab.impedance.api.SpectrumImporter;
import org.presslab.press.api.PressDriver;
import org.presslab.press.sim.SimulatedDevice;
import org.presslab.press.sim.SimulatedDevices;
import org.presslab.time.TimeSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The servlet in a real Jetty 9.4 (the one Pax Web 8 runs in Karaf), a real JAAS login, control's real station on the
 * simulated press in real time, and java.net.http as the client: sessions, roles, the origin and CSRF checks, input
 * errors, refusals by the station, the audit of COMMAND events and the live stream's rate.
 */
class WebServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** False while the realm has no login modules, as Karaf's while a feature install refreshes its JAAS bundle. */
    private static volatile boolean realmUp = true;
    private static Server jetty;
    private static String base;
    private static StandaloneStation station;
    private static SimulatedDevice press;
    private static WebComponent.DynamicServices services;
    private static PresslabServlet servlet;
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start(@TempDir Path tmp) throws Exception {
        Configuration.setConfiguration(new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return "test-realm".equals(name) && realmUp ? new AppConfigurationEntry[] {new AppConfigurationEntry(
                        TestLoginModule.class.getName(), AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, Map.of())}
                        : null;
            }
        });
        TimeSource time = TimeSources.system();
        press = SimulatedDevices.hydraulicPress(time, "sim-w", 5);
        station = Stations.create(StationSpec.of("w1").cellDiameterMm(10).fixtureRatingMPa(80)
                .driverFilter("(presslab.driver.id=sim-w)"), time, tmp.resolve("latches"));
        station.start();
        station.bindDriver(press);
        Files.createDirectories(tmp.resolve("recipes"));
        RecipeService recipes = Recipes.service(tmp.resolve("recipes"));
        services = new WebComponent.DynamicServices();
        services.registry = new StationRegistry() {
            @Override
            public List<Station> stations() {
                return List.of(station);
            }

            @Override
            public Optional<Station> station(String id) {
                return "w1".equals(id) ? Optional.of(station) : Optional.empty();
            }
        };
        services.recipes = recipes;
        servlet = new PresslabServlet(PresslabServlet.Settings.defaults(), services,
                new JaasAuthenticator("test-realm", WebServerTest.class.getClassLoader()));
        station.addListener(new org.presslab.control.api.StationListener() {
            @Override
            public void onSample(org.presslab.control.api.StationSample s) {
                servlet.hub().onSample(s);
            }

            @Override
            public void onEvent(org.presslab.control.api.StationEvent e) {
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
    }

    @AfterAll
    static void stop() throws Exception {
        servlet.close();
        jetty.stop();
        station.close();
        press.close();
    }

    /** A logged-in client: cookie and CSRF token. */
    record Login(String cookie, String csrf, HttpResponse<String> response) {
    }

    static Login login(String user, String password) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/presslab/api/login"))
                .header("Origin", base).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("user", user, "password", password))))
                .build(), HttpResponse.BodyHandlers.ofString());
        String cookie = r.headers().firstValue("Set-Cookie").map(s -> s.substring(0, s.indexOf(';'))).orElse(null);
        String csrf = r.statusCode() == 200 ? JSON.readTree(r.body()).get("csrfToken").asText() : null;
        return new Login(cookie, csrf, r);
    }

    static HttpResponse<String> post(Login l, String path, Object body, String origin, boolean withCsrf) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/presslab/api/" + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body)));
        if (l != null) {
            b.header("Cookie", l.cookie());
            if (withCsrf) {
                b.header("X-CSRF-Token", l.csrf());
            }
        }
        if (origin != null) {
            b.header("Origin", origin);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(Login l, String path) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/presslab/api/" + path)).GET();
        if (l != null) {
            b.header("Cookie", l.cookie());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The newest audit entry's properties that match, waiting up to 3 s (events arrive on the listener thread). */
    static JsonNode awaitAudit(Login l, java.util.function.Predicate<JsonNode> match) throws Exception {
        long until = System.nanoTime() + 3_000_000_000L;
        do {
            JsonNode audit = JSON.readTree(get(l, "audit?limit=20").body());
            assertEquals("memory", audit.get("source").asText(), "no run store in this test: the list in memory");
            for (JsonNode e : audit.get("entries")) {
                if (match.test(e.get("properties"))) {
                    return e.get("properties");
                }
            }
            Thread.sleep(20);
        } while (System.nanoTime() < until);
        throw new AssertionError("no matching audit entry in " + get(l, "audit?limit=20").body());
    }

    static void resetStation() throws Exception {
        if (station.status().state() == StationState.EMERGENCY_STOPPED || station.status().state() == StationState.TRIPPED) {
            station.reset();
        }
    }

    @Test
    void withoutSessionEverythingButTheFilesIsRefused() throws Exception {
        assertEquals(401, get(null, "stations").statusCode());
        assertEquals(401, get(null, "live").statusCode());
        HttpResponse<String> estop = post(null, "stations/w1/estop", Map.of(), base, false);
        assertEquals(401, estop.statusCode(), estop.body());
        assertFalse(station.status().state() == StationState.EMERGENCY_STOPPED);
        // A made-up cookie is no session either.
        assertEquals(401, get(new Login("PRESSLAB_SESSION=forged", null, null), "stations").statusCode());
        assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(base + "/presslab/")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(base + "/presslab/static/vendor/uplot/uPlot.iife.min.js")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(404, http.send(HttpRequest.newBuilder(URI.create(base + "/presslab/static/../WEB-INF/x.js")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void aRealmWithoutLoginModulesIsAnUnavailableServiceNotAWrongPassword() throws Exception {
        realmUp = false;
        try {
            HttpResponse<String> r = login("vera", "vera-pw").response();
            assertEquals(503, r.statusCode(), r.body());
            assertEquals("5", r.headers().firstValue("Retry-After").orElse(""));
            String error = JSON.readTree(r.body()).get("error").asText();
            assertTrue(error.startsWith("logins are not possible right now") && error.contains("try again"), error);
            assertTrue(!error.contains("test-realm") && !error.contains("LoginModule"), "no realm detail before login: " + error);
            assertTrue(r.headers().firstValue("Set-Cookie").isEmpty(), "no session");
        } finally {
            realmUp = true;
        }
        assertEquals(200, login("vera", "vera-pw").response().statusCode(), "the same credentials once the realm is back");
    }

    @Test
    void loginSetsAStrictHttpOnlyCookieAndRefusesWrongPasswordsAndUsersWithoutRole() throws Exception {
        Login ok = login("vera", "vera-pw");
        assertEquals(200, ok.response().statusCode());
        String setCookie = ok.response().headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"), setCookie);
        assertEquals("viewer", JSON.readTree(ok.response().body()).get("role").asText());
        assertEquals(401, login("vera", "wrong").response().statusCode());
        assertEquals(401, login("nobody", "x").response().statusCode());
        assertEquals(403, login("guest", "guest-pw").response().statusCode(), "a user with no web role cannot log in");
        // logout ends the session
        assertEquals(200, post(ok, "logout", Map.of(), base, true).statusCode());
        assertEquals(401, get(ok, "stations").statusCode());
    }

    @Test
    void aViewerReadsAndStopsButNeverMovesAPress() throws Exception {
        resetStation();
        Login viewer = login("vera", "vera-pw");
        JsonNode stations = JSON.readTree(get(viewer, "stations").body());
        assertEquals("w1", stations.get(0).get("id").asText());
        double setpointBefore = station.status().setpointPa();
        for (String cmd : List.of("ramp", "hold", "release", "reset", "ack", "recipe/start", "recipe/pause",
                "recipe/resume", "recipe/abort")) {
            HttpResponse<String> r = post(viewer, "stations/w1/" + cmd, Map.of("targetMPa", 20, "recipe", "assb-default"), base, true);
            assertEquals(403, r.statusCode(), cmd + ": " + r.body());
            assertTrue(r.body().contains("operator role"), r.body());
        }
        assertEquals(setpointBefore, station.status().setpointPa(), 0.0, "nothing moved");
        HttpResponse<String> estop = post(viewer, "stations/w1/estop", Map.of("reason", "test"), base, true);
        assertEquals(200, estop.statusCode(), estop.body());
        assertEquals(StationState.EMERGENCY_STOPPED, station.status().state());
        JsonNode last = awaitAudit(viewer, e -> "EMERGENCY_STOP".equals(e.path("command").asText())
                && "vera".equals(e.path("actor").asText()));
        assertEquals("EMERGENCY_STOP", last.get("command").asText());
        assertEquals("vera", last.get("actor").asText());
        assertEquals("REST", last.get("source").asText());
        assertEquals("ACCEPTED", last.get("outcome").asText());
        resetStation();
    }

    @Test
    void crossSiteAndTokenlessRequestsAreRefusedBeforeTheStation() throws Exception {
        resetStation();
        Login op = login("otto", "otto-pw");
        assertEquals("operator", JSON.readTree(op.response().body()).get("role").asText());
        // A cross-site form post with the session cookie (what a browser sends) and even the right token.
        HttpResponse<String> evil = post(op, "stations/w1/estop", "reason=x", "http://evil.example", true);
        assertEquals(403, evil.statusCode(), evil.body());
        assertTrue(evil.body().contains("evil.example"), evil.body());
        assertEquals(403, post(op, "stations/w1/ramp", Map.of("targetMPa", 5), "http://evil.example", true).statusCode());
        assertEquals(403, post(op, "stations/w1/ramp", Map.of("targetMPa", 5), null, true).statusCode(), "no Origin, no Referer");
        HttpResponse<String> noToken = post(op, "stations/w1/ramp", Map.of("targetMPa", 5), base, false);
        assertEquals(403, noToken.statusCode());
        assertTrue(noToken.body().contains("CSRF"), noToken.body());
        assertFalse(station.status().state() == StationState.EMERGENCY_STOPPED);
        assertEquals(403, login("otto", "otto-pw").response().statusCode() == 200
                ? post(null, "login", Map.of("user", "otto", "password", "otto-pw"), "http://evil.example", false).statusCode()
                : -1, "login from another site");
    }

    @Test
    void badNumbersAreRefusedWithTheFieldAndLimitsByTheStation() throws Exception {
        resetStation();
        Login op = login("otto", "otto-pw");
        HttpResponse<String> missing = post(op, "stations/w1/ramp", Map.of(), base, true);
        assertEquals(400, missing.statusCode());
        assertTrue(missing.body().contains("targetMPa"), missing.body());
        HttpResponse<String> text = post(op, "stations/w1/ramp", Map.of("targetMPa", "lots"), base, true);
        assertEquals(400, text.statusCode());
        assertTrue(text.body().contains("targetMPa") && text.body().contains("lots"), text.body());
        HttpResponse<String> nan = post(op, "stations/w1/hold", Map.of("targetMPa", "NaN"), base, true);
        assertEquals(400, nan.statusCode(), nan.body());
        HttpResponse<String> inf = post(op, "stations/w1/ramp", "{\"targetMPa\": 1e400}", base, true);
        assertEquals(400, inf.statusCode(), inf.body());
        HttpResponse<String> broken = post(op, "stations/w1/ramp", "{\"targetMPa\": ", base, true);
        assertEquals(400, broken.statusCode(), broken.body());
        HttpResponse<String> tooHigh = post(op, "stations/w1/ramp", Map.of("targetMPa", 150), base, true);
        assertEquals(409, tooHigh.statusCode(), tooHigh.body());
        assertTrue(tooHigh.body().contains("80"), "names the fixture rating: " + tooHigh.body());
        assertEquals(404, post(op, "stations/nope/ramp", Map.of("targetMPa", 5), base, true).statusCode());
        // A refused command is on record too.
        JsonNode refused = awaitAudit(op, e -> "RAMP".equals(e.path("command").asText())
                && "REFUSED".equals(e.path("outcome").asText()));
        assertTrue(refused.get("refusal").asText().contains("80"), refused.toString());
        assertEquals(150e6, refused.get("targetPa").asDouble(), 1.0);
        assertEquals("otto", refused.get("actor").asText());
    }

    @Test
    void anOperatorRampsAndTheLiveStreamCarriesAtLeastTenSamplesASecond() throws Exception {
        resetStation();
        Login op = login("otto", "otto-pw");
        HttpRequest live = HttpRequest.newBuilder(URI.create(base + "/presslab/api/live")).header("Cookie", op.cookie()).build();
        HttpResponse<java.io.InputStream> stream = http.send(live, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, stream.statusCode());
        assertEquals("text/event-stream", stream.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        HttpResponse<String> ramp = post(op, "stations/w1/ramp", Map.of("targetMPa", 3, "rateMPaPerS", 2), base, true);
        assertEquals(200, ramp.statusCode(), ramp.body());
        List<Long> sampleTimes = new ArrayList<>();
        boolean sawCommand = false;
        long until = System.nanoTime() + 2_000_000_000L;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            String event = null;
            String line;
            while (System.nanoTime() < until && (line = in.readLine()) != null) {
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    JsonNode d = JSON.readTree(line.substring(6));
                    if ("sample".equals(event)) {
                        sampleTimes.add(d.get("t").asLong());
                    }
                    if ("event".equals(event) && "COMMAND".equals(d.get("type").asText())) {
                        sawCommand = true;
                    }
                }
            }
        }
        assertTrue(sampleTimes.size() >= 15, "at least 10 updates/s over ~2 s, got " + sampleTimes.size());
        assertTrue(sampleTimes.size() <= 2 * 21 + 2, "decimated to about 20/s, got " + sampleTimes.size());
        assertNotNull(station.status());
        assertTrue(Set.of(StationState.RAMPING, StationState.SETTLING, StationState.HOLDING).contains(station.status().state()),
                station.status().toString());
        assertTrue(sawCommand, "the ramp's COMMAND event came through the stream");
    }
}
