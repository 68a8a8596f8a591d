package org.presslab.control.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.presslab.time.TimeSources;
import org.presslab.press.api.Capability;
import org.presslab.press.api.DeviceHealth;
import org.presslab.press.api.DeviceInfo;
import org.presslab.press.api.DeviceKind;
import org.presslab.press.api.PressDriver;
import org.presslab.press.api.Reading;
import org.presslab.press.sim.SimulatedDevice;
import org.presslab.press.sim.SimulatedDevices;

/**
 * Issue 8, item 12: `./presslab demo` may reset a latched trip only on a simulated press. The launcher decides from
 * the real `press:info` output, rendered here by the shell's own code for a simulated press and for a real one, and
 * judged by the launcher's own function (the script sourced with PRESSLAB_FUNCTIONS_ONLY=1).
 */
class LauncherDemoResetTest {

    private static final Path LAUNCHER = Path.of("../../presslab").toAbsolutePath().normalize();

    private static String pressInfo(PressDriver d) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        DriverViews.info(d, () -> 0L, new PrintStream(buf, true, StandardCharsets.UTF_8));
        return buf.toString(StandardCharsets.UTF_8);
    }

    /** Exit status of the launcher's is_simulated_driver on this text. */
    private static int judge(String pressInfo) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", "PRESSLAB_FUNCTIONS_ONLY=1 . \"$0\"; is_simulated_driver \"$1\"",
                LAUNCHER.toString(), pressInfo).redirectErrorStream(true).start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "launcher answered");
        return p.exitValue();
    }

    @Test
    void theDemoResetsOnlyASimulatedPress() throws Exception {
        assertTrue(Files.isRegularFile(LAUNCHER), LAUNCHER.toString());
        try (SimulatedDevice sim = SimulatedDevices.hydraulicPress(TimeSources.virtual(), "sim-press-1", 1)) {
            assertEquals(0, judge(pressInfo(sim)), "a simulated press may be reset by the demo:\n" + pressInfo(sim));
        }
        PressDriver real = new RealPress();
        assertEquals(1, judge(pressInfo(real)), "a real press is never reset by the demo:\n" + pressInfo(real));
        assertEquals(1, judge(""), "no press:info answer: not reset");
    }

    /** A real press as a vendor driver describes it (only what press:info reads). */
    private static final class RealPress implements PressDriver {
        @Override
        public String id() {
            return "lab-press-1";
        }

        @Override
        public DeviceInfo info() {
            return DeviceInfo.builder(DeviceKind.AUTOMATIC_HYDRAULIC_PRESS).identity("Specac", "Atlas Autotouch 15T", "A1234", "2.1")
                    .force(150e3, 10, 150e3).build();
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of(Capability.SENSE_FORCE);
        }

        @Override
        public Reading read() {
            return Reading.none(0);
        }

        @Override
        public DeviceHealth health() {
            return DeviceHealth.connected();
        }
    }
}
