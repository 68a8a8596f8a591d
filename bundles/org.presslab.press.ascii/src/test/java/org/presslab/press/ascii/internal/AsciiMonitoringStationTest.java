package org.presslab.press.ascii.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.presslab.time.TimeSources;
import org.presslab.control.api.CommandRefusedException;
import org.presslab.control.api.StationState;
import org.presslab.control.Stations;
import org.presslab.control.StandaloneStation;
import org.presslab.control.StationSpec;
import org.presslab.emulators.AsciiFormat;
import org.presslab.emulators.AsciiGauge;
import org.presslab.emulators.PtyPair;
import org.presslab.press.sim.SimulatedDevice;
import org.presslab.press.sim.SimulatedDevices;
import org.presslab.serial.jserialcomm.JSerialCommPorts;
import org.presslab.serial.jserialcomm.StandalonePortManager;
import org.presslab.time.TimeSource;

/**
 * A passive spring frame with an A&amp;D-style indicator, monitored by a control station through
 * the ASCII driver over a pty pair: the station records the frame's 15 MPa, refuses to actuate,
 * and notices the gauge unplugged and back.
 */
class AsciiMonitoringStationTest {

    @TempDir
    Path dir;
    private final TimeSource time = TimeSources.system();
    private PtyPair pty;
    private SimulatedDevice frame;
    private AsciiGauge gauge;
    private StandalonePortManager ports;
    private AsciiGaugeDriver driver;
    private StandaloneStation station;

    @AfterEach
    void tearDown() {
        if (station != null) {
            station.close();
        }
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
            Thread.sleep(10);
        }
        return c.getAsBoolean();
    }

    @Test
    void monitorsAPassiveFrameThroughTheGauge() throws Exception {
        Assumptions.assumeTrue(PtyPair.socatAvailable(), "socat is not installed (apt-get install socat): skipping the pty tests");
        pty = PtyPair.start(dir);
        frame = SimulatedDevices.springFrame(time, "frame", 5);
        gauge = new AsciiGauge(pty.device(), 9600, frame, AsciiFormat.AND_STREAM, "N", 20);
        ports = JSerialCommPorts.create(20, 250, true);
        driver = new AsciiGaugeDriver(AsciiSettings.parse(Map.of("presslab.driver.id", "frame-1", "port", pty.host().toString(),
                "preset", "AND", "device.kind", "SPRING_FRAME", "stale.after.ms", "400")), ports, time);
        assertTrue(await(() -> driver.read().quality().usableForControl(), 3000), "" + driver.health());
        station = Stations.create(StationSpec.of("st-frame").cellDiameterMm(10).fixtureRatingMPa(100)
                .driverFilter("(presslab.driver.id=frame-1)").loopRateHz(20).staleTimeoutS(1), time);
        driver.onAvailability(up -> {
            if (up) {
                station.bindDriver(driver);
            } else {
                station.unbindDriver(driver);
            }
        });
        station.bindDriver(driver);
        station.start();

        assertTrue(await(() -> station.status().state() == StationState.MONITORING
                && Math.abs(station.status().pressurePa() - 15e6) < 0.5e6, 3000), "monitoring the preloaded frame: " + station.status());
        assertEquals(frame.read().forceN(), station.status().forceN(), 5, "the station sees the frame's force through the gauge");
        assertThrows(CommandRefusedException.class, () -> station.hold(20e6), "a monitor-only station does not actuate");

        pty.stop();
        assertTrue(await(() -> station.status().state() != StationState.MONITORING, 3000), "the gap is noticed: " + station.status());
        pty.start();
        assertTrue(await(() -> station.status().state() == StationState.MONITORING && station.status().quality().usableForControl(), 5000),
                "monitoring again within 5 s: " + station.status());
    }
}
