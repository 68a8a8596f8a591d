package org.presslab.itests;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The built distribution as an operator runs it, outside Pax Exam: unpacked from the tar.gz this reactor
 * built, started with {@code bin/start}, driven with {@code bin/client} in batch mode (commands on standard
 * input, as the {@code presslab} launcher does), stopped with {@code bin/stop} or killed with SIGKILL.
 *
 * <p>Each instance takes a free SSH port and a console user with a random password of its own, so a
 * Presslab started by hand on this machine is never touched. {@link #close()} kills the JVM if it is still
 * alive and deletes the folder (kept with {@code -Dpresslab.itests.keep=true}).
 */
final class KarafProcess implements AutoCloseable {

    private static final Path JDK17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
    private static final String USER = "crashtest";

    private final Path root;
    private final Path home;
    private final int sshPort;
    private final String password;
    /** Every Karaf JVM this instance started (a handle carries the start time, so a reused pid is never killed). */
    private final List<ProcessHandle> jvms = new ArrayList<>();

    private KarafProcess(Path root, Path home, int sshPort, String password) {
        this.root = root;
        this.home = home;
        this.sshPort = sshPort;
        this.password = password;
    }

    /** The distribution archive this reactor built (passed by failsafe), else the one under distribution/target. */
    static Path distributionArchive() {
        String path = System.getProperty("presslab.distribution");
        if (path != null && !path.startsWith("${") && Files.isRegularFile(Path.of(path))) {
            return Path.of(path);
        }
        Path target = Path.of("../distribution/target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("presslab-distribution.*\\.tar\\.gz"))
                    .findFirst().orElseThrow(() -> new AssertionError(
                            "no distribution archive: build it first (mvn -DskipTests verify -pl distribution -am)"));
        } catch (IOException e) {
            throw new AssertionError("no distribution archive under " + target.toAbsolutePath() + ": " + e);
        }
    }

    /** Unpacks the distribution into a fresh folder under {@code target/karaf-process/}. */
    static KarafProcess unpack(String name) throws IOException, InterruptedException {
        Path base = Path.of("target", "karaf-process").toAbsolutePath();
        Files.createDirectories(base);
        Path root = Files.createTempDirectory(base, name + "-");
        run(List.of("tar", "-xzf", distributionArchive().toString(), "-C", root.toString()), root, Duration.ofSeconds(120));
        Path home;
        try (Stream<Path> dirs = Files.list(root)) {
            home = dirs.filter(Files::isDirectory).findFirst().orElseThrow(() -> new AssertionError("empty archive"));
        }
        int port = freePort();
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        KarafProcess karaf = new KarafProcess(root, home, port, password);
        Path shellCfg = home.resolve("etc/org.apache.karaf.shell.cfg");
        Files.writeString(shellCfg, Files.readString(shellCfg).replaceAll("(?m)^sshPort *=.*$", "sshPort = " + port));
        // A console user in the shipped admin group (its roles, and the command ACLs, are the distribution's own).
        Files.writeString(home.resolve("etc/users.properties"), "\n" + USER + " = " + password + ",_g_:admingroup\n",
                java.nio.file.StandardOpenOption.APPEND);
        return karaf;
    }

    Path home() {
        return home;
    }

    /** Writes (or replaces) a file under etc/. */
    void etc(String file, String content) throws IOException {
        Files.writeString(home.resolve("etc").resolve(file), content, StandardCharsets.UTF_8);
    }

    /** {@code bin/start}; returns at once (the JVM runs in the background). */
    void start() throws IOException, InterruptedException {
        Files.deleteIfExists(home.resolve("karaf.pid"));
        run(List.of(home.resolve("bin/start").toString()), home, Duration.ofSeconds(60));
    }

    /** The Karaf JVM's pid from {@code karaf.pid} (written by Karaf at start), waiting for it up to the timeout. */
    long pid(Duration timeout) throws InterruptedException, IOException {
        Path file = home.resolve("karaf.pid");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isRegularFile(file)) {
                String text = Files.readString(file).trim();
                if (!text.isEmpty()) {
                    long pid = Long.parseLong(text);
                    ProcessHandle.of(pid).filter(this::isOurs).filter(h -> !jvms.contains(h)).ifPresent(jvms::add);
                    return pid;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Karaf wrote no karaf.pid within " + timeout + "; see " + log());
    }

    /** True while a Karaf JVM of this installation runs. */
    boolean alive() {
        return jvms.stream().anyMatch(ProcessHandle::isAlive);
    }

    /** A JVM whose command line names this installation (karaf.home), so never someone else's process. */
    private boolean isOurs(ProcessHandle h) {
        return h.info().commandLine().map(c -> c.contains(home.toString())).orElse(true);
    }

    /**
     * Sends SIGKILL to the Karaf JVM (no shutdown hook, no finally block, no flush runs) and waits until it is gone.
     *
     * @return the wall-clock time (epoch ms) just before the signal was sent
     */
    long kill9() throws Exception {
        long pid = pid(Duration.ofSeconds(5));
        ProcessHandle handle = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("Karaf JVM " + pid + " is not running"));
        long before = System.currentTimeMillis();
        run(List.of("kill", "-9", Long.toString(pid)), home, Duration.ofSeconds(10));
        handle.onExit().get(30, TimeUnit.SECONDS);
        return before;
    }

    /**
     * Runs console commands over SSH with {@code bin/client -b}, one per line.
     *
     * @return the output, and the client's exit status (non-zero when a command failed or the console was not reachable)
     */
    ClientResult client(String... commands) throws IOException, InterruptedException {
        Path input = Files.createTempFile(root, "commands", ".txt");
        Files.writeString(input, String.join("\n", commands) + "\n");
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/client").toString(), "-h", "127.0.0.1",
                "-a", Integer.toString(sshPort), "-u", USER, "-p", password, "-r", "1", "-d", "1", "-b")
                .directory(home.toFile()).redirectErrorStream(true).redirectInput(input.toFile());
        environment(pb.environment());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("bin/client did not return within 60 s: " + String.join("; ", commands));
        }
        Files.deleteIfExists(input);
        return new ClientResult(new String(out, StandardCharsets.UTF_8), p.exitValue());
    }

    /** Polls {@code command} until its output satisfies {@code ready}; the last output otherwise fails the test. */
    ClientResult awaitConsole(String command, Predicate<String> ready, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        ClientResult last = null;
        while (System.nanoTime() < deadline) {
            last = client(command);
            if (last.ok() && ready.test(last.output())) {
                return last;
            }
            if (Files.isRegularFile(home.resolve("karaf.pid")) && pid(Duration.ofSeconds(1)) > 0 && !alive()) {
                throw new AssertionError("Karaf stopped while waiting for '" + command + "'; log tail:\n" + logTail(60));
            }
            Thread.sleep(500);
        }
        throw new AssertionError("'" + command + "' not ready after " + timeout + "; last answer: " + last
                + "\nlog tail:\n" + logTail(60));
    }

    /** {@code bin/stop}, then waits for the JVM to end. */
    void stop() throws Exception {
        long pid = pid(Duration.ofSeconds(5));
        run(List.of(home.resolve("bin/stop").toString()), home, Duration.ofSeconds(60));
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isPresent()) {
            h.get().onExit().get(60, TimeUnit.SECONDS);
        }
    }

    Path log() {
        return home.resolve("data/log/karaf.log");
    }

    String logText() throws IOException {
        return Files.exists(log()) ? Files.readString(log(), StandardCharsets.UTF_8) : "";
    }

    String logTail(int lines) {
        try {
            List<String> all = Files.exists(log()) ? Files.readAllLines(log(), StandardCharsets.UTF_8) : List.of();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Kills every Karaf JVM this instance started that still runs; deletes the folder unless kept. */
    @Override
    public void close() {
        for (ProcessHandle h : jvms) {
            if (h.isAlive()) {
                System.err.println("[presslab-itests] killing Karaf JVM " + h.pid() + " left running by the test");
                h.destroyForcibly();
                try {
                    h.onExit().get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    System.err.println("[presslab-itests] Karaf JVM " + h.pid() + " did not end: " + e);
                }
            }
        }
        if (!Boolean.getBoolean("presslab.itests.keep")) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException | UncheckedIOException e) {
                System.err.println("[presslab-itests] could not delete " + root + ": " + e);
            }
        }
    }

    record ClientResult(String output, int exitStatus) {
        boolean ok() {
            return exitStatus == 0;
        }

        @Override
        public String toString() {
            return "exit " + exitStatus + ":\n" + output;
        }
    }

    private static void environment(Map<String, String> env) {
        if (Files.isExecutable(JDK17.resolve("bin/java"))) {
            env.put("JAVA_HOME", JDK17.toString());
        }
    }

    private static void run(List<String> command, Path dir, Duration timeout) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        environment(pb.environment());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not end within " + timeout);
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(command + " failed with " + p.exitValue() + ": " + new String(out, StandardCharsets.UTF_8));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
