package org.presslab.press.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.presslab.time.TimeSources;
import org.presslab.press.api.ActuatorCommand;
import org.presslab.press.api.DeviceKind;
import org.presslab.press.api.Reading;
import org.presslab.time.VirtualTimeSource;

class SimSpecTest {

    private final VirtualTimeSource time = TimeSources.virtual();

    private static String message(SimSpec s) {
        return assertThrows(IllegalArgumentException.class, () -> SimulatedDevices.create(TimeSources.virtual(), s))
                .getMessage();
    }

    @Test
    void invalidParametersAreNamed() {
        SimSpec a = SimSpec.defaults(DeviceKind.AUTOMATIC_HYDRAULIC_PRESS);
        a.cell().diameterM(0);
        assertTrue(message(a).startsWith("cell.diameterM must be"), message(a));
        SimSpec b = SimSpec.defaults(DeviceKind.AUTOMATIC_HYDRAULIC_PRESS);
        b.hydraulics().pumpFlowM3s(Double.NaN);
        assertTrue(message(b).startsWith("hydraulics.pumpFlowM3s"), message(b));
        SimSpec c = SimSpec.defaults(DeviceKind.SPRING_FRAME).integrationStepS(0.05);
        assertTrue(message(c).contains("must not exceed the sample period"), message(c));
        SimSpec d = SimSpec.defaults(DeviceKind.ISOSTATIC_PRESS);
        d.pressureSensor().noiseRms(-1);
        assertTrue(message(d).startsWith("pressureSensor.noiseRms"), message(d));
        SimSpec e = SimSpec.defaults(DeviceKind.MANUAL_HYDRAULIC_PRESS);
        e.operator().aimLow(2).aimHigh(1.5);
        assertTrue(message(e).startsWith("operator.aim"), message(e));
        assertTrue(message(SimSpec.defaults(DeviceKind.HEATED_PRESS).id(" ")).contains("id"));
        IllegalArgumentException kind = assertThrows(IllegalArgumentException.class,
                () -> SimSpec.defaults(DeviceKind.FORCE_GAUGE));
        assertTrue(kind.getMessage().contains("FORCE_GAUGE"));
    }

    @Test
    void theDeviceKeepsItsOwnCopy() {
        SimSpec s = SimSpec.defaults(DeviceKind.SCREW_FRAME);
        SimulatedDevice d = SimulatedDevices.create(time, s);
        s.cell().diameterM(0.02);
        d.spec().cell().diameterM(0.03);
        assertEquals(0.010, d.cell().diameterM());
        assertEquals(0.010, d.spec().cell().diameterM());
        assertEquals(DeviceKind.SCREW_FRAME, d.spec().kind());
    }

    @Test
    void cellCurrentIsValidated() {
        SimulatedDevice d = SimulatedDevices.springFrame(time, "f", 1);
        assertThrows(IllegalArgumentException.class, () -> d.cell().setCurrentDensity(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> d.cell().startCycling(-1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> d.cell().startCycling(1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> d.cell().startCycling(1, 1, -2));
    }

    @Test
    void concurrentCallersSeeAConsistentDevice() throws Exception {
        SimulatedDevice p = SimulatedDevices.hydraulicPress(time, "p", 1);
        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        Runnable reader = () -> {
            long last = 0;
            while (!stop.get()) {
                Reading r = p.read();
                if (r.sequence() < last) {
                    errors.add(new AssertionError("sequence went back: " + r.sequence() + " < " + last));
                }
                last = r.sequence();
                p.health();
            }
        };
        Runnable commander = () -> {
            int i = 0;
            while (!stop.get()) {
                try {
                    p.actuator().orElseThrow().command(ActuatorCommand.raw((i++ % 3 - 1) * 0.01));
                    p.cell().forceN();
                } catch (Throwable t) {
                    errors.add(t);
                }
            }
        };
        List<Thread> threads = List.of(new Thread(reader), new Thread(reader), new Thread(commander));
        threads.forEach(Thread::start);
        for (int i = 0; i < 2000; i++) {
            time.advanceNanos(1_000_000);
        }
        stop.set(true);
        for (Thread t : threads) {
            t.join(10_000);
        }
        assertTrue(errors.isEmpty(), () -> errors.peek().toString());
        assertEquals(1000, p.read().sequence(), "2 s at 500 Hz, one sample latency: sample 999 is the newest");
    }
}
