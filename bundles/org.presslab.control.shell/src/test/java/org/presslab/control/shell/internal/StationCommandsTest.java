package org.presslab.control.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.presslab.time.TimeSources;
import org.presslab.control.api.Station;
import org.presslab.control.api.StationRegistry;
import org.presslab.control.api.StationState;
import org.presslab.control.Stations;
import org.presslab.control.StandaloneStation;
import org.presslab.control.StationSpec;
import org.presslab.press.api.DeviceKind;
import org.presslab.press.sim.SimSpec;
import org.presslab.press.sim.SimulatedDevice;
import org.presslab.press.sim.SimulatedDevices;
import org.presslab.time.VirtualTimeSource;

/**
 * The station commands on the control bundle's real stations (one on the simulated automatic
 * press, one without a driver), in virtual time.
 */
class StationCommandsTest {

    private final VirtualTimeSource time = TimeSources.virtual();
    private SimulatedDevice press;
    private StandaloneStation s1;
    private StandaloneStation s2;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final StationRegistry registry = new StationRegistry() {
        @Override
        public List<Station> stations() {
            return List.of(s1, s2);
        }

        @Override
        public Optional<Station> station(String id) {
            return stations().stream().filter(s -> s.id().equals(id)).findFirst();
        }
    };

    @BeforeEach
    void stations() {
        SimSpec spec = SimSpec.defaults(DeviceKind.AUTOMATIC_HYDRAULIC_PRESS).id("sim-1").seed(3);
        spec.hydraulics().initialGapM(50e-6);
        press = SimulatedDevices.create(time, spec);
        s1 = Stations.create(StationSpec.of("s1").cellDiameterMm(10).fixtureRatingMPa(80)
                .driverFilter("(presslab.driver.id=sim-1)").defaultRateMPaPerS(2), time);
        s2 = Stations.create(StationSpec.of("s2").cellDiameterMm(13).fixtureRatingMPa(100)
                .driverFilter("(presslab.driver.id=absent)"), time);
        s1.start();
        s2.start();
        s1.bindDriver(press);
        time.advanceSeconds(1);
    }

    @AfterEach
    void close() throws Exception {
        s1.close();
        s2.close();
        press.close();
    }

    private <T extends StationCommandSupport> T wire(T command) {
        command.registry = registry;
        command.out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        return command;
    }

    /** Advances virtual time in 0.1 s steps until the condition holds, at most {@code maxS}. */
    private void advanceUntil(java.util.function.BooleanSupplier condition, double maxS) {
        for (double t = 0; t < maxS && !condition.getAsBoolean(); t += 0.1) {
            time.advanceSeconds(0.1);
        }
    }

    private String output() {
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void rampConvertsEdgeUnitsOnce() throws Exception {
        StationRampCommand ramp = wire(new StationRampCommand());
        ramp.id = "s1";
        ramp.pressure = "740bar";
        ramp.rate = "60MPa/min";
        ramp.execute();
        assertTrue(output().contains("s1: ramping to 74.00 MPa at 1.00 MPa/s"), output());
        // The station's approach phase closes the gap to the stack before the ramp proper.
        advanceUntil(() -> s1.status().targetPa() == 74e6, 60);
        assertEquals(74e6, s1.status().targetPa(), 1, s1.status().toString());
        double sp0 = s1.status().setpointPa();
        time.advanceSeconds(2);
        assertEquals(2e6, s1.status().setpointPa() - sp0, 0.25e6, "1 MPa/s for 2 s: " + s1.status());
    }

    @Test
    void refusalBecomesTheCommandErrorWithTheReason() {
        StationRampCommand ramp = wire(new StationRampCommand());
        ramp.id = "s1";
        ramp.pressure = "90";
        CommandRefused e = assertThrows(CommandRefused.class, ramp::execute);
        assertTrue(e.getMessage().contains("90.000 MPa") && e.getMessage().contains("80"), e.getMessage());
        assertEquals(0, e.getStackTrace().length, "no stack trace to print");

        StationRampCommand noDriver = wire(new StationRampCommand());
        noDriver.id = "s2";
        noDriver.pressure = "15";
        CommandRefused e2 = assertThrows(CommandRefused.class, noDriver::execute);
        assertTrue(e2.getMessage().toLowerCase(java.util.Locale.ROOT).contains("driver"), e2.getMessage());
    }

    @Test
    void badNumberAndUnknownStationAreClearErrors() {
        StationRampCommand ramp = wire(new StationRampCommand());
        ramp.id = "s1";
        ramp.pressure = "74 MPx";
        assertTrue(assertThrows(CommandRefused.class, ramp::execute).getMessage().contains("unknown pressure unit 'MPx'"));

        StationStatusCommand status = wire(new StationStatusCommand());
        status.id = "s9";
        assertEquals("no station 's9'; stations: s1, s2", assertThrows(CommandRefused.class, status::execute).getMessage());
    }

    @Test
    void holdWithoutPressureHoldsTheMeasuredOne() throws Exception {
        StationRampCommand ramp = wire(new StationRampCommand());
        ramp.id = "s1";
        ramp.pressure = "5";
        ramp.execute();
        advanceUntil(() -> s1.status().pressurePa() > 3e6, 60);
        double measured = s1.status().pressurePa();
        assertTrue(measured > 3e6, "ramped: " + s1.status());
        StationHoldCommand hold = wire(new StationHoldCommand());
        hold.id = "s1";
        hold.execute();
        assertEquals(measured, s1.status().targetPa(), 0.3e6, output());
        assertTrue(output().contains("s1: holding "), output());
    }

    @Test
    void estopAllThenResetOne() throws Exception {
        StationEstopCommand estop = wire(new StationEstopCommand());
        estop.all = true;
        estop.execute();
        assertEquals(StationState.EMERGENCY_STOPPED, s1.status().state());
        assertTrue(output().contains("s1: EMERGENCY STOPPED") && output().contains("s2: EMERGENCY STOPPED"), output());

        StationResetCommand reset = wire(new StationResetCommand());
        reset.id = "s1";
        reset.execute();
        assertTrue(s1.status().state() != StationState.EMERGENCY_STOPPED, "reset clears the e-stop: " + s1.status().state());
    }

    @Test
    void listStatusAndInterlocksShowEdgeUnitsInAlignedColumns() throws Exception {
        wire(new StationListCommand()).execute();
        StationInterlocksCommand il = wire(new StationInterlocksCommand());
        il.id = "s1";
        il.execute();
        StationStatusCommand st = wire(new StationStatusCommand());
        st.id = "s1";
        st.execute();
        String text = output();
        assertTrue(text.contains("P MPa"), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("MAX_PRESSURE") && l.contains("MPa")), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("MAX_RATE") && l.contains("MPa/s")), text);
        assertTrue(text.contains("Cell         10.00 mm, 78.54 mm²"), text);
        assertTrue(text.contains("Limits       max 80.00 MPa"), text);
        // Aligned: the state column starts at the same offset in both station rows.
        List<String> rows = text.lines().filter(l -> l.startsWith("s1 ") || l.startsWith("s2 ")).toList();
        assertEquals(2, rows.size(), text);
        assertEquals(rows.get(0).indexOf('|'), rows.get(1).indexOf('|'), text);
    }
}
