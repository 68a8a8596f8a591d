package org.presslab.press.modbus.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.presslab.emulators.RtuFault;
import org.presslab.press.api.PressDriver;
import org.presslab.press.conformance.ConformanceKit;
import org.presslab.press.conformance.ConformanceReport;
import org.presslab.press.conformance.DeviceLink;
import org.presslab.press.conformance.DriverFixture;

/** The platform's driver conformance kit on the Modbus driver, over the pty pair against the emulated controller. */
class ModbusConformanceTest {

    @TempDir
    Path dir;

    @Test
    void passesTheConformanceKit() throws Exception {
        try (ModbusRig rig = new ModbusRig(dir, 115200)) {
            ConformanceReport report = ConformanceKit.defaults().run(new DriverFixture() {
                @Override
                public String name() {
                    return "Modbus RTU driver, emulated PL-100 over a pty";
                }

                @Override
                public PressDriver start() throws Exception {
                    return rig.driver(rig.config());
                }

                @Override
                public void stop(PressDriver driver) {
                    ((ModbusPressDriver) driver).close();
                }

                @Override
                public Optional<DeviceLink> link() {
                    return Optional.of(new DeviceLink() {
                        @Override
                        public void silence() {
                            rig.slave.setFault(RtuFault.SILENT);
                        }

                        @Override
                        public void restore() {
                            rig.slave.setFault(RtuFault.NONE);
                        }
                    });
                }

                @Override
                public List<String> leftovers() {
                    List<String> left = new ArrayList<>();
                    rig.ports.connections().forEach(c -> left.add("port " + c.id() + " still open (" + c.owner() + ")"));
                    return left;
                }
            });
            System.out.println(report.format());
            report.assertPassed();
        }
    }
}
