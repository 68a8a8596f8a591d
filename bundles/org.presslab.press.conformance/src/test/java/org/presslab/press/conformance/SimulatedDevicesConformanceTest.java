package org.presslab.press.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.presslab.time.TimeSources;
import org.presslab.press.api.DeviceKind;
import org.presslab.press.api.PressDriver;
import org.presslab.press.sim.SimSpec;
import org.presslab.press.sim.SimulatedDevice;
import org.presslab.press.sim.SimulatedDevices;
import org.presslab.time.TimeSource;

/**
 * Every simulated device kind against the kit, in real time, the device silenced with the
 * simulator's own fault injector (link down, then up again).
 */
class SimulatedDevicesConformanceTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DeviceKind.class, names = {"AUTOMATIC_HYDRAULIC_PRESS", "MANUAL_HYDRAULIC_PRESS", "SPRING_FRAME",
            "SCREW_FRAME", "MOTORIZED_FRAME", "HEATED_PRESS", "ISOSTATIC_PRESS", "CRIMPER"})
    void simulatedDeviceConforms(DeviceKind kind) {
        TimeSource time = TimeSources.system();
        ConformanceReport report = ConformanceKit.defaults().withSettleTime(Duration.ofSeconds(1)).withCalls(5000).withClock(time::nanoTime)
                .run(new DriverFixture() {
                    private SimulatedDevice device;

                    @Override
                    public String name() {
                        return "simulated " + kind;
                    }

                    @Override
                    public PressDriver start() {
                        device = SimulatedDevices.create(time, SimSpec.defaults(kind).id("sim-" + kind).seed(11));
                        return device;
                    }

                    @Override
                    public void stop(PressDriver driver) {
                        device.close();
                    }

                    @Override
                    public Optional<DeviceLink> link() {
                        return Optional.of(new DeviceLink() {
                            @Override
                            public void silence() {
                                device.faults().disconnect();
                            }

                            @Override
                            public void restore() {
                                device.faults().reconnect();
                            }
                        });
                    }
                });
        System.out.println(report.format());
        report.assertPassed();
        assertEquals(CheckResult.Status.PASS, report.result("device-silent").orElseThrow().status(), report.format());
    }
}
