package org.presslab.runs.internal;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for the storage tests. {@code PRESSLAB_PG_URL} (with {@code PRESSLAB_PG_USER} and
 * {@code PRESSLAB_PG_PASSWORD}) names one; {@code PRESSLAB_PG_CTL}, a command with {@code %s} for
 * "stop"/"start-again", lets the fault tests stop and restart it ({@code .ci/postgres.sh} sets all four).
 * Without them, and when not root, it starts its own from Debian's {@code /usr/lib/postgresql/*}/bin
 * ({@code initdb}, {@code pg_ctl}) on 127.0.0.1 and a free port in a temporary directory, and stops it when the
 * JVM exits. Otherwise the PostgreSQL tests are skipped and {@link #skipReason()} says why.
 */
final class Postgres {

    private static Postgres instance;
    private static String skip;

    final String url;
    final String user;
    final String password;
    private final List<String> ctl;
    private final Path bin;
    private final Path dir;
    private final int port;
    private int schemas;

    private Postgres(String url, String user, String password, List<String> ctl, Path bin, Path dir, int port) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.ctl = ctl;
        this.bin = bin;
        this.dir = dir;
        this.port = port;
    }

    static synchronized Optional<Postgres> get() {
        if (instance != null || skip != null) {
            return Optional.ofNullable(instance);
        }
        String url = System.getenv("PRESSLAB_PG_URL");
        if (url != null && !url.isBlank()) {
            String c = System.getenv("PRESSLAB_PG_CTL");
            instance = new Postgres(url, env("PRESSLAB_PG_USER", "presslab"), env("PRESSLAB_PG_PASSWORD", ""),
                    c == null || c.isBlank() ? null : List.of("sh", "-c", c), null, null, 0);
            return Optional.of(instance);
        }
        if ("root".equals(System.getProperty("user.name"))) {
            skip = "PRESSLAB_PG_URL is not set and PostgreSQL refuses to run as root (.ci/run starts one as a system user)";
            return Optional.empty();
        }
        Path bin;
        try (Stream<Path> s = Files.list(Path.of("/usr/lib/postgresql"))) {
            bin = s.map(p -> p.resolve("bin")).filter(p -> Files.isExecutable(p.resolve("initdb")))
                    .max(Comparator.comparing(Path::toString)).orElse(null);
        } catch (IOException e) {
            bin = null;
        }
        if (bin == null) {
            skip = "PRESSLAB_PG_URL is not set and no /usr/lib/postgresql/*/bin/initdb is installed (apt-get install postgresql)";
            return Optional.empty();
        }
        try {
            Path dir = Files.createTempDirectory("presslab-pg");
            int port;
            try (ServerSocket ss = new ServerSocket(0)) {
                port = ss.getLocalPort();
            }
            run(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "presslab", "--auth=trust",
                    "-E", "UTF8"));
            Postgres pg = new Postgres("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "presslab", "", null, bin, dir, port);
            pg.startServer();
            Runtime.getRuntime().addShutdownHook(new Thread(pg::stopQuietly));
            instance = pg;
            return Optional.of(pg);
        } catch (IOException | InterruptedException e) {
            skip = "could not start PostgreSQL from " + bin + ": " + e.getMessage();
            return Optional.empty();
        }
    }

    static String skipReason() {
        return skip;
    }

    private static String env(String k, String d) {
        String v = System.getenv(k);
        return v == null ? d : v;
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
    }

    /** True when the tests may stop and restart this server. */
    boolean canRestart() {
        return ctl != null || bin != null;
    }

    void stopServer() throws IOException, InterruptedException {
        if (ctl != null) {
            run(List.of("sh", "-c", String.format(ctl.get(2), "stop")));
        } else {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop"));
        }
    }

    void startServer() throws IOException, InterruptedException {
        if (ctl != null) {
            run(List.of("sh", "-c", String.format(ctl.get(2), "start-again")));
        } else {
            List<String> cmd = new ArrayList<>(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
                    "-l", dir.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                    "-p " + port + " -k " + dir + " -h 127.0.0.1 -c fsync=off", "start"));
            run(cmd);
        }
    }

    private void stopQuietly() {
        try {
            stopServer();
        } catch (IOException | InterruptedException e) {
            // the JVM is exiting
        }
    }

    /** A fresh schema for one test; its JDBC URL. */
    synchronized String newSchemaUrl() throws SQLException {
        String schema = "t" + ProcessHandle.current().pid() + "_" + (++schemas) + "_" + System.nanoTime() % 100000;
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema + "&reWriteBatchedInserts=true";
    }
}
