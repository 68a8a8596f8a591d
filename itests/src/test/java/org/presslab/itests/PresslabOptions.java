package org.presslab.itests;

import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.systemTimeout;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFileExtend;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.replaceConfigurationFile;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.KarafDistributionBaseConfigurationOption;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.options.extra.VMOption;

/**
 * The Pax Exam options of every test class. A class of its own because it is only ever loaded on the
 * Maven side: the container-side probe has no Karaf-container option classes.
 */
final class PresslabOptions {

    private PresslabOptions() {
    }

    /** Options every test class shares; subclasses may add to them. */
    static Option[] base(Option... extra) {
        return base(true, extra);
    }

    /**
     * The shared options, but with no vendor artifact in the distribution's system/: for tests whose
     * vendor driver must come from what they install (a KAR, a repository they fill), nothing else.
     */
    static Option[] baseWithoutVendorDriver(Option... extra) {
        return base(false, extra);
    }

    private static Option[] base(boolean vendorDriverInSystem, Option... extra) {
        List<Option> options = new ArrayList<>(List.of(
                distributionOption().name("Presslab")
                        .unpackDirectory(new File("target/exam")).useDeployFolder(false),
                configureConsole().ignoreLocalConsole(),
                logLevel(LogLevel.WARN),
                // A hand-started Presslab may be running on this machine: take a free SSH port.
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(freePort())),
                systemProperty("presslab.version").value(System.getProperty("presslab.version", "0.1.0-SNAPSHOT")),
                new VMOption("-Xmx512m"),
                // Boot takes 10-20 s on a 2-core machine; a container not up in 2 min has hung (PresslabExam
                // then shows its log and boots one fresh container).
                systemTimeout(bootTimeoutMs())));
        // The vendor example driver as a lab would have it in its Maven repository: the tests install it at
        // runtime from its coordinate (system/ is the first repository the distribution's mvn: handler reads).
        String vendor = System.getProperty("presslab.vendorDriver");
        if (vendorDriverInSystem && vendor != null && !vendor.startsWith("${") && new File(vendor).isFile()) {
            options.add(replaceConfigurationFile(
                    "system/com/example/presslab/acme-servo-press/1.0.0-SNAPSHOT/acme-servo-press-1.0.0-SNAPSHOT.jar",
                    new File(vendor)));
        }
        // Kept in CI too (CI=true), so a container that failed leaves its log behind for PresslabExam to show.
        if (Boolean.getBoolean("presslab.itests.keep") || "true".equals(System.getenv("CI"))) {
            options.add(keepRuntimeFolder());
        }
        if (Boolean.getBoolean("presslab.itests.simulateBootFailure") && SIMULATED_BOOT_FAILURE.compareAndSet(false, true)) {
            // Exercises PresslabExam's retry by hand: the first container's JVM refuses to start, so it never
            // registers its remote bundle context.
            options.add(new VMOption("-XX:+PresslabNoSuchOption"));
        }
        options.addAll(List.of(extra));
        return options.toArray(Option[]::new);
    }

    /**
     * The distribution archive: the file this reactor just built when the build passes its path
     * (so a stale copy in the local repository is never tested), else the Maven coordinate.
     */
    private static KarafDistributionBaseConfigurationOption distributionOption() {
        KarafDistributionBaseConfigurationOption option = karafDistributionConfiguration();
        String path = System.getProperty("presslab.distribution");
        if (path != null && !path.isBlank() && !path.startsWith("${") && new File(path).isFile()) {
            return option.frameworkUrl(new File(path).toURI().toString());
        }
        return option.frameworkUrl(
                maven().groupId("org.presslab").artifactId("presslab-distribution").type("tar.gz").versionAsInProject());
    }

    private static final AtomicBoolean SIMULATED_BOOT_FAILURE = new AtomicBoolean();

    private static long bootTimeoutMs() {
        return Boolean.getBoolean("presslab.itests.simulateBootFailure") ? 30_000 : 120_000;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            return 18101;
        }
    }

    /** Adds a feature to the distribution's boot features (installed before the probe). */
    static Option bootFeature(String feature) {
        return editConfigurationFileExtend("etc/org.apache.karaf.features.cfg", "featuresBoot", feature);
    }
}
