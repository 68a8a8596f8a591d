package org.presslab.press.ascii.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.presslab.time.TimeSources;
import org.presslab.emulators.AsciiFault;
import org.presslab.emulators.AsciiFormat;
import org.presslab.emulators.AsciiGauge;
import org.presslab.emulators.PtyPair;
import org.presslab.press.api.PressDriver;
import org.presslab.press.conformance.ConformanceKit;
import org.presslab.press.conformance.ConformanceReport;
import org.presslab.press.conformance.DeviceLink;
import org.presslab.press.conformance.DriverFixture;
import org.presslab.press.sim.SimulatedDevice;
import org.presslab.press.sim.SimulatedDevices;
import org.presslab.serial.jserialcomm.JSerialCommPorts;
import org.presslab.serial.jserialcomm.StandalonePortManager;
import org.presslab.time.TimeSource;

/** The platform's driver conformance kit on the ASCII driver, over a pty pair against the emulated indicator. */
class AsciiConformanceTest {

    @TempDir
    Path dir;

    @Test
    void passesTheConformanceKit() throws Exception {
        Assumptions.assumeTrue(PtyPair.socatAvailable(), "socat is not installed (apt-get install socat): skipping the pty tests");
        TimeSource time = TimeSources.system();
        StandalonePortManager ports = JSerialCommPorts.create(20, 250, true);
        SimulatedDevice frame = SimulatedDevices.springFrame(time, "frame", 9);
        try (PtyPair pty = PtyPair.start(dir); AsciiGauge gauge = new AsciiGauge(pty.device(), 9600, frame, AsciiFormat.AND_STREAM, "N", 50)) {
            ConformanceReport report = ConformanceKit.defaults().run(new DriverFixture() {
                @Override
                public String name() {
                    return "ASCII driver, emulated A&D indicator over a pty";
                }

                @Override
                public PressDriver start() throws Exception {
                    return new AsciiGaugeDriver(AsciiSettings.parse(Map.of("presslab.driver.id", "frame-1", "port", pty.host().toString(),
                            "preset", "AND", "device.kind", "SPRING_FRAME", "device.vendor", "Presslab emulators",
                            "device.model", "AD-style indicator", "range", "5000", "resolution", "0.01", "stale.after.ms", "300")), ports, time);
                }

                @Override
                public void stop(PressDriver driver) {
                    ((AsciiGaugeDriver) driver).close();
                }

                @Override
                public Optional<DeviceLink> link() {
                    return Optional.of(new DeviceLink() {
                        @Override
                        public void silence() {
                            gauge.setFault(AsciiFault.SILENT);
                        }

                        @Override
                        public void restore() {
                            gauge.setFault(AsciiFault.NONE);
                        }
                    });
                }

                @Override
                public List<String> leftovers() {
                    List<String> left = new ArrayList<>();
                    ports.connections().forEach(c -> left.add("port " + c.id() + " still open (" + c.owner() + ")"));
                    return left;
                }
            });
            System.out.println(report.format());
            report.assertPassed();
        } finally {
            frame.close();
        }
    }
}
