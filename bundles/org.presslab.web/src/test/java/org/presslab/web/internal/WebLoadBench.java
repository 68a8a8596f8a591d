package org.presslab.web.internal;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.junit.jupiter.api.Test;
import org.presslab.time.TimeSources;
import org.presslab.control.api.Station;
import org.presslab.control.api.StationEvent;
import org.presslab.control.api.StationListener;
import org.presslab.control.api.StationRegistry;
import org.presslab.control.api.StationSample;
import org.presslab.control.Stations;
import org.presslab.control.StandaloneStation;
import org.presslab.control.StationSpec;
import org.presslab.press.sim.SimulatedDevice;
import org.presslab.press.sim.SimulatedDevices;
import org.presslab.time.TimeSource;

/**
 * Load harness, not a test (its name keeps it out of the default test run; it asserts nothing and prints figures):
 * 16 stations on simulated presses at 100 Hz in real time, each holding 15 MPa, served by the web servlet in a real
 * Jetty. The same run measures the loop period jitter of every station (from the samples' monotonic stamps) for a
 * window with no browser connected, then for a window with 4 live streams (Server-Sent Events read by 4 HTTP
 * clients), and prints both side by side with what the clients received.
 *
 * <pre>mvn -q -pl bundles/org.presslab.web -am verify -Dtest=WebLoadBench -Dsurefire.failIfNoSpecifiedTests=false -Dweb.bench.seconds=20</pre>
 */
class WebLoadBench {

    static final int STATIONS = 16;
    static final int CLIENTS = 4;
    static final double RATE_HZ = 100;

    /** Loop stamps of one station during a window. */
    static final class Stamps implements StationListener {
        final long[] t = new long[200_000];
        volatile int n;
        volatile boolean on;

        @Override
        public void onSample(StationSample s) {
            if (on && n < t.length) {
                t[n++] = s.timeNanos();
            }
        }
    }

    @Test
    void run() throws Exception {
        int seconds = Integer.getInteger("web.bench.seconds", 20);
        Configuration.setConfiguration(new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return new AppConfigurationEntry[] {new AppConfigurationEntry(TestLoginModule.class.getName(),
                        AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, Map.of())};
            }
        });
        TimeSource time = TimeSources.system();
        Path tmp = Files.createTempDirectory("web-bench");
        List<StandaloneStation> stations = new ArrayList<>();
        List<SimulatedDevice> presses = new ArrayList<>();
        List<Stamps> stamps = new ArrayList<>();
        WebComponent.DynamicServices services = new WebComponent.DynamicServices();
        PresslabServlet servlet = new PresslabServlet(PresslabServlet.Settings.defaults(), services,
                new JaasAuthenticator("bench", WebLoadBench.class.getClassLoader()));
        StationListener web = new StationListener() {
            @Override
            public void onSample(StationSample s) {
                servlet.hub().onSample(s);
            }

            @Override
            public void onEvent(StationEvent e) {
                servlet.audit().offer(e);
                servlet.hub().onEvent(e);
            }
        };
        for (int i = 0; i < STATIONS; i++) {
            SimulatedDevice p = SimulatedDevices.hydraulicPress(time, "sim-" + i, 100 + i);
            StandaloneStation s = Stations.create(StationSpec.of("s" + i).cellDiameterMm(10).fixtureRatingMPa(100)
                    .loopRateHz(RATE_HZ).driverFilter("(presslab.driver.id=sim-" + i + ")"), time, tmp.resolve("l" + i));
            s.start();
            s.bindDriver(p);
            Stamps st = new Stamps();
            s.addListener(st);
            s.addListener(web);
            presses.add(p);
            stations.add(s);
            stamps.add(st);
        }
        services.registry = new StationRegistry() {
            @Override
            public List<Station> stations() {
                return List.copyOf(stations);
            }

            @Override
            public Optional<Station> station(String id) {
                return stations.stream().filter(s -> s.id().equals(id)).map(s -> (Station) s).findFirst();
            }
        };
        Server jetty = new Server();
        ServerConnector c = new ServerConnector(jetty);
        c.setHost("127.0.0.1");
        c.setPort(0);
        jetty.addConnector(c);
        ServletContextHandler ctx = new ServletContextHandler();
        ctx.addServlet(new ServletHolder(servlet), "/presslab/*");
        jetty.setHandler(ctx);
        jetty.start();
        String base = "http://127.0.0.1:" + c.getLocalPort();
        for (StandaloneStation s : stations) {
            s.ramp(15e6, 5e6);
        }
        Thread.sleep(5_000);
        System.out.printf("web load: %d stations at %.0f Hz holding 15 MPa, %d s per window, load average %.1f at start%n",
                STATIONS, RATE_HZ, seconds, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println("window      clients  ticks    jitter_p50_us  jitter_p99_us  jitter_max_us  sse_msgs/s/client");
        window("no browser", 0, seconds, stamps, base, null);
        HttpClient http = HttpClient.newHttpClient();
        List<AtomicLong> received = new ArrayList<>();
        List<InputStream> streams = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            WebServerTest.Login l = loginAs(http, base);
            HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(base + "/presslab/api/live"))
                    .header("Cookie", l.cookie()).build(), HttpResponse.BodyHandlers.ofInputStream());
            AtomicLong count = new AtomicLong();
            received.add(count);
            streams.add(r.body());
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        if (line.startsWith("data: ")) {
                            count.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    // closed
                }
            }, "sse-client-" + i);
            reader.setDaemon(true);
            reader.start();
        }
        Thread.sleep(1000);
        window("4 browsers", CLIENTS, seconds, stamps, base, received);
        for (InputStream in : streams) {
            in.close();
        }
        servlet.close();
        jetty.stop();
        for (StandaloneStation s : stations) {
            s.close();
        }
        for (SimulatedDevice p : presses) {
            p.close();
        }
    }

    private static WebServerTest.Login loginAs(HttpClient http, String base) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/presslab/api/login"))
                .header("Origin", base).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"vera\",\"password\":\"vera-pw\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        return new WebServerTest.Login(cookie.substring(0, cookie.indexOf(';')), null, r);
    }

    private static void window(String name, int clients, int seconds, List<Stamps> stamps, String base,
            List<AtomicLong> received) throws InterruptedException {
        long[] before = received == null ? null : received.stream().mapToLong(AtomicLong::get).toArray();
        for (Stamps s : stamps) {
            s.n = 0;
            s.on = true;
        }
        Thread.sleep(seconds * 1000L);
        for (Stamps s : stamps) {
            s.on = false;
        }
        long nominal = (long) (1e9 / RATE_HZ);
        int total = 0;
        for (Stamps s : stamps) {
            total += Math.max(0, s.n - 1);
        }
        long[] jitter = new long[total];
        int k = 0;
        for (Stamps s : stamps) {
            for (int i = 1; i < s.n; i++) {
                jitter[k++] = Math.abs(s.t[i] - s.t[i - 1] - nominal);
            }
        }
        Arrays.sort(jitter);
        double perClient = 0;
        if (received != null) {
            long sum = 0;
            for (int i = 0; i < received.size(); i++) {
                sum += received.get(i).get() - before[i];
            }
            perClient = sum / (double) received.size() / seconds;
        }
        System.out.printf("%-11s %7d  %7d  %13.1f  %13.1f  %13.1f  %17.1f%n", name, clients, total,
                jitter[total / 2] / 1e3, jitter[(int) (total * 0.99)] / 1e3, jitter[total - 1] / 1e3, perClient);
    }
}
