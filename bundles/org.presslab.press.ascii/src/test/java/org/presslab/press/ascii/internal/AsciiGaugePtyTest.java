package org.presslab.press.ascii.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.presslab.time.TimeSources;
import org.presslab.emulators.AsciiFault;
import org.presslab.emulators.AsciiFormat;
import org.presslab.emulators.AsciiGauge;
import org.presslab.emulators.PtyPair;
import org.presslab.press.api.Capability;
import org.presslab.press.api.ConnectionState;
import org.presslab.press.api.Quality;
import org.presslab.press.api.Reading;
import org.presslab.press.sim.SimulatedDevice;
import org.presslab.press.sim.SimulatedDevices;
import org.presslab.serial.jserialcomm.JSerialCommPorts;
import org.presslab.serial.jserialcomm.StandalonePortManager;
import org.presslab.time.TimeSource;

/** The ASCII driver against an emulated gauge on a spring frame, through a socat pty pair. */
class AsciiGaugePtyTest {

    @TempDir
    Path dir;
    private final TimeSource time = TimeSources.system();
    private PtyPair pty;
    private SimulatedDevice frame;
    private AsciiGauge gauge;
    private StandalonePortManager ports;
    private AsciiGaugeDriver driver;

    private void start(AsciiFormat format, String unit, Map<String, Object> extra) throws Exception {
        Assumptions.assumeTrue(PtyPair.socatAvailable(), "socat is not installed (apt-get install socat): skipping the pty tests");
        pty = PtyPair.start(dir);
        frame = SimulatedDevices.springFrame(time, "frame", 3);
        gauge = new AsciiGauge(pty.device(), 9600, frame, format, unit, 50);
        ports = JSerialCommPorts.create(20, 250, true);
        Map<String, Object> c = new HashMap<>();
        c.put("presslab.driver.id", "frame-1-gauge");
        c.put("port", pty.host().toString());
        c.put("preset", format == AsciiFormat.AND_STREAM ? "AND" : "MARK10");
        c.put("stale.after.ms", "300");
        c.put("device.kind", "SPRING_FRAME");
        c.putAll(extra);
        driver = new AsciiGaugeDriver(AsciiSettings.parse(c), ports, time);
    }

    @AfterEach
    void tearDown() {
        if (driver != null) {
            driver.close();
            assertEquals(List.of(), ports.connections(), "no port left open");
        }
        if (gauge != null) {
            gauge.close();
        }
        if (pty != null) {
            pty.close();
        }
    }

    private static boolean await(BooleanSupplier c, long ms) throws InterruptedException {
        long end = System.nanoTime() + ms * 1_000_000L;
        while (System.nanoTime() < end) {
            if (c.getAsBoolean()) {
                return true;
            }
            Thread.sleep(5);
        }
        return c.getAsBoolean();
    }

    private boolean good() {
        return driver.read().quality() == Quality.GOOD && driver.health().state() == ConnectionState.CONNECTED;
    }

    @Test
    void streamInKilonewtonsReadsTheFrameForceInNewtons() throws Exception {
        start(AsciiFormat.AND_STREAM, "kN", Map.of());
        assertTrue(await(this::good, 2000), "" + driver.health());
        assertEquals(java.util.Set.of(Capability.SENSE_FORCE), driver.capabilities());
        Reading r = driver.read();
        double truth = frame.read().forceN();
        assertTrue(truth > 500, "the frame is preloaded: " + truth);
        assertEquals(truth, r.forceN(), Math.max(10, 0.01 * truth), "kN with 2 decimals = 10 N resolution");
        long seq = r.sequence();
        assertTrue(await(() -> driver.read().sequence() >= seq + 5, 1000), "50 lines a second keep coming");
    }

    @Test
    void polledMark10InPoundsForce() throws Exception {
        start(AsciiFormat.MARK10_POLLED, "lbf", Map.of("poll.period.ms", "50"));
        assertTrue(await(this::good, 2000), "" + driver.health());
        assertEquals(frame.read().forceN(), driver.read().forceN(), Math.max(3, 0.01 * frame.read().forceN()), "0.1 lbf resolution");
    }

    @Test
    void garbageBetweenLinesIsCountedWhileReadingsContinue() throws Exception {
        start(AsciiFormat.AND_STREAM, "N", Map.of());
        assertTrue(await(this::good, 2000));
        gauge.setFault(AsciiFault.GARBAGE);
        assertTrue(await(() -> driver.health().state() == ConnectionState.DEGRADED, 2000), "" + driver.health());
        assertEquals(Quality.GOOD, driver.read().quality(), "the good lines still count");
        assertTrue(driver.health().counters().get("rejectedLines") > 0);
        gauge.setFault(AsciiFault.NONE);
        assertTrue(await(this::good, 3000), "" + driver.health());
    }

    @Test
    void partialLinesNeverBecomeReadingsAndOverflowIsCounted() throws Exception {
        start(AsciiFormat.AND_STREAM, "N", Map.of());
        assertTrue(await(this::good, 2000));
        gauge.setFault(AsciiFault.PARTIAL);
        assertTrue(await(() -> driver.health().state() == ConnectionState.DISCONNECTED, 2000), "" + driver.health());
        assertEquals(Quality.STALE, driver.read().quality());
        assertTrue(await(() -> driver.health().counters().get("overflowedLines") > 0, 2000), driver.health().counters().toString());
        assertEquals(Quality.STALE, driver.read().quality(), "still no reading from the fragments");
    }

    @Test
    void overloadAndUnstableFlagsBecomeQualities() throws Exception {
        start(AsciiFormat.AND_STREAM, "N", Map.of());
        assertTrue(await(this::good, 2000));
        gauge.setFault(AsciiFault.OVERLOAD);
        assertTrue(await(() -> driver.read().quality() == Quality.OVERLOAD, 1000));
        assertEquals(ConnectionState.FAULT, driver.health().state());
        assertTrue(driver.health().faults().contains("overload"));
        assertTrue(!driver.read().quality().usableForControl());
        gauge.setFault(AsciiFault.UNSTABLE);
        assertTrue(await(() -> driver.read().quality() == Quality.UNSTABLE, 1000));
        assertEquals(ConnectionState.CONNECTED, driver.health().state());
    }

    @Test
    void silentGaugeGoesStale() throws Exception {
        start(AsciiFormat.MARK10_POLLED, "N", Map.of("poll.period.ms", "50", "reply.timeout.ms", "100"));
        assertTrue(await(this::good, 2000));
        gauge.setFault(AsciiFault.SILENT);
        assertTrue(await(() -> driver.health().state() == ConnectionState.DISCONNECTED, 2000), "" + driver.health());
        assertEquals(Quality.STALE, driver.read().quality());
        assertTrue(driver.health().message().contains("no reply to ?\\x0D"), driver.health().message());
        assertTrue(driver.health().counters().get("noReply") > 0);
    }

    @Test
    void unplugAndReplug() throws Exception {
        start(AsciiFormat.AND_STREAM, "N", Map.of());
        assertTrue(await(this::good, 2000));
        pty.stop();
        assertTrue(await(() -> driver.health().state() == ConnectionState.DISCONNECTED, 2000), "" + driver.health());
        assertEquals(Quality.STALE, driver.read().quality());
        pty.start();
        assertTrue(await(this::good, 5000), "back within 5 s: " + driver.health());
        assertTrue(driver.health().counters().get("reconnects") >= 1);
    }
    @Test
    void aGaugeSendingNanOrInfinityGivesFaultReadingsNeverGood() throws Exception {
        // a pattern that takes any token as the number, as a lab might write for its indicator
        start(AsciiFormat.AND_STREAM, "N", Map.of("line.pattern", "^(?<status>ST|US|OL),(?<value>\\S+) (?<unit>[A-Za-z]+)\\s*$"));
        assertTrue(await(this::good, 2000), "" + driver.health());
        for (String text : new String[] {"NaN", "inf", "-Infinity", "Infinity", "1e999"}) {
            gauge.setValueText(text);
            long seq = driver.read().sequence();
            assertTrue(await(() -> driver.read().sequence() > seq + 2 && driver.read().quality() == Quality.FAULT, 2000),
                    text + " on the line: " + driver.read());
            Reading r = driver.read();
            assertEquals(Quality.FAULT, r.quality(), text);
            assertTrue(!Double.isFinite(r.forceN()), text + " read as " + r.forceN());
            assertTrue(await(() -> driver.health().state() == ConnectionState.FAULT, 1000), "" + driver.health());
            assertTrue(driver.health().message().contains(text) && driver.health().message().contains("not a finite number"),
                    driver.health().message());
            assertTrue(driver.health().counters().get("nonFiniteValues") > 0);
            gauge.setValueText(null);
            assertTrue(await(this::good, 2000), "finite values read again after " + text + ": " + driver.health());
        }
    }
}
