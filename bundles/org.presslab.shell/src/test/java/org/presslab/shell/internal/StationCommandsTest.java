package org.presslab.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.presslab.control.api.Station;
import org.presslab.control.api.StationRegistry;
import org.presslab.control.api.StationState;

class StationCommandsTest {

    private final FakeStation s1 = new FakeStation("s1", 80e6);
    private final FakeStation s2 = new FakeStation("s2", 100e6);
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
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    private <T extends StationCommandSupport> T wire(T command) {
        command.registry = registry;
        command.out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        return command;
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
        assertEquals(List.of("ramp 7.4E7 1000000.0"), s1.accepted);
        assertTrue(output().contains("s1: ramping to 74.00 MPa at 1.00 MPa/s"), output());
    }

    @Test
    void rampWithoutRateUsesTheStationDefault() throws Exception {
        StationRampCommand ramp = wire(new StationRampCommand());
        ramp.id = "s1";
        ramp.pressure = "15";
        ramp.execute();
        assertEquals(List.of("ramp 1.5E7 2000000.0"), s1.accepted);
    }

    @Test
    void refusalBecomesTheCommandErrorWithTheReason() {
        StationRampCommand ramp = wire(new StationRampCommand());
        ramp.id = "s1";
        ramp.pressure = "90";
        CommandRefused e = assertThrows(CommandRefused.class, ramp::execute);
        assertEquals("ramp: 90.00 MPa above limit 80.00 MPa (fixture rating)", e.getMessage());
        assertEquals(0, e.getStackTrace().length, "no stack trace to print");
        assertTrue(s1.accepted.isEmpty());
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
        s1.pressurePa = 14.8e6;
        StationHoldCommand hold = wire(new StationHoldCommand());
        hold.id = "s1";
        hold.execute();
        assertEquals(List.of("hold 1.48E7"), s1.accepted);
    }

    @Test
    void estopAllStopsEveryStation() throws Exception {
        StationEstopCommand estop = wire(new StationEstopCommand());
        estop.all = true;
        estop.execute();
        assertEquals(StationState.EMERGENCY_STOPPED, s1.state);
        assertEquals(StationState.EMERGENCY_STOPPED, s2.state);
    }

    @Test
    void listAndInterlocksShowEdgeUnitsInAlignedColumns() throws Exception {
        wire(new StationListCommand()).execute();
        StationInterlocksCommand il = wire(new StationInterlocksCommand());
        il.id = "s1";
        il.execute();
        String text = output();
        assertTrue(text.contains("P MPa"), text);
        assertTrue(text.contains("15.00"), text);
        // Interlock limits converted from Pa and Pa/s.
        assertTrue(text.lines().anyMatch(l -> l.contains("MAX_PRESSURE") && l.contains("80.00") && l.contains("MPa")), text);
        assertTrue(text.lines().anyMatch(l -> l.contains("MAX_RATE") && l.contains("5.00") && l.contains("MPa/s")), text);
        assertTrue(text.lines().anyMatch(l -> l.contains("STALE_SENSOR") && l.contains("TRIPPED")), text);
        // Aligned: the state column starts at the same offset in both station rows.
        List<String> rows = text.lines().filter(l -> l.startsWith("s1 ") || l.startsWith("s2 ")).toList();
        assertEquals(2, rows.size(), text);
        assertEquals(rows.get(0).indexOf("HOLDING"), rows.get(1).indexOf("HOLDING"));
    }

    @Test
    void recipeCommandsFindTheOnlyRunningStation() throws Exception {
        FakeRun run = new FakeRun();
        s2.run = run;
        RecipePauseCommand pause = wire(new RecipePauseCommand());
        pause.now = true;
        pause.execute();
        assertEquals(org.presslab.control.api.RecipeRun.State.PAUSED, run.state());

        s2.run = null;
        RecipeAbortCommand abort = wire(new RecipeAbortCommand());
        assertEquals("no recipe is running on any station; name the station",
                assertThrows(CommandRefused.class, abort::execute).getMessage());
    }
}
