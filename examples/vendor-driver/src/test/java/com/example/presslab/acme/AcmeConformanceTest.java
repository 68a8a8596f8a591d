package com.example.presslab.acme;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.presslab.press.api.PressDriver;
import org.presslab.press.conformance.ConformanceKit;
import org.presslab.press.conformance.ConformanceReport;
import org.presslab.press.conformance.DeviceLink;
import org.presslab.press.conformance.DriverFixture;

/**
 * The Presslab conformance kit run against this driver, as every vendor runs it: start it the
 * way the component does, let the kit silence the (simulated) controller, stop it.
 */
class AcmeConformanceTest {

    @Test
    void acmeDriverConformsToThePresslabSpi() {
        ConformanceReport report = ConformanceKit.defaults().run(new DriverFixture() {
            private AcmeServoPressDevice device;
            private AcmeServoPressDriver driver;

            @Override
            public String name() {
                return "Acme SP-5T on the simulated controller";
            }

            @Override
            public PressDriver start() {
                device = new AcmeServoPressDevice(System::nanoTime, 20e6, 0.0005, 49_030, 1.0, "T-1");
                driver = new AcmeServoPressDriver(new AcmeServoPressDriver.Settings("acme-test", 49_030, 100, 50, 200),
                        new SimulatedAcmeLink(device, 200), System::nanoTime);
                driver.start();
                return driver;
            }

            @Override
            public void stop(PressDriver d) {
                driver.close();
            }

            @Override
            public Optional<DeviceLink> link() {
                return Optional.of(new DeviceLink() {
                    @Override
                    public void silence() {
                        device.setAnswering(false);
                    }

                    @Override
                    public void restore() {
                        device.setAnswering(true);
                    }
                });
            }
        });
        System.out.println(report.format());
        report.assertPassed();
    }
}
