package org.presslab.webconsole.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.presslab.time.TimeSources;
import org.presslab.control.api.Station;
import org.presslab.control.api.StationRegistry;
import org.presslab.control.api.StationSample;
import org.presslab.control.api.StationState;
import org.presslab.control.Stations;
import org.presslab.control.StandaloneStation;
import org.presslab.control.StationSpec;
import org.presslab.press.api.DeviceKind;
import org.presslab.press.api.Quality;
import org.presslab.press.sim.SimSpec;
import org.presslab.press.sim.SimulatedDevice;
import org.presslab.press.sim.SimulatedDevices;
import org.presslab.time.VirtualTimeSource;

/** The page and its actions on control's real station and the simulated press, in virtual time. */
class WebConsoleTest {

    private final VirtualTimeSource time = TimeSources.virtual();
    private SimulatedDevice press;
    private StandaloneStation s1;
    private final StationRegistry registry = new StationRegistry() {
        @Override
        public List<Station> stations() {
            return List.of(s1);
        }

        @Override
        public Optional<Station> station(String id) {
            return "s1".equals(id) ? Optional.of(s1) : Optional.empty();
        }
    };

    @BeforeEach
    void station() {
        SimSpec spec = SimSpec.defaults(DeviceKind.AUTOMATIC_HYDRAULIC_PRESS).id("sim-1").seed(9);
        press = SimulatedDevices.create(time, spec);
        s1 = Stations.create(StationSpec.of("s1").description("10 mm <die>").cellDiameterMm(10).fixtureRatingMPa(80)
                .driverFilter("(presslab.driver.id=sim-1)"), time);
        s1.start();
        s1.bindDriver(press);
        time.advanceSeconds(1);
    }

    @AfterEach
    void close() throws Exception {
        s1.close();
        press.close();
    }

    private static StationSample sample(double tS, double pMPa, boolean gap) {
        return new StationSample("s1", (long) (tS * 1e9), Instant.EPOCH, gap ? Double.NaN : pMPa * 1e6, 0, 15e6, 0, Double.NaN,
                StationState.HOLDING, gap ? Quality.STALE : Quality.GOOD, gap);
    }

    @Test
    void estopIsNeverRefusedAndResetClearsIt() {
        assertEquals("s1: EMERGENCY STOPPED", StationActions.perform(registry, "estop", "s1", "karaf"));
        assertEquals(StationState.EMERGENCY_STOPPED, s1.status().state());
        assertTrue(s1.status().trip().message().contains("by karaf") || s1.status().message().contains("by karaf"),
                "the user is on record: " + s1.status());
        // A second e-stop of a stopped station is accepted too.
        assertEquals("s1: EMERGENCY STOPPED", StationActions.perform(registry, "estop", "s1", null));

        String reset = StationActions.perform(registry, "reset", "s1", null);
        assertTrue(reset.startsWith("s1: reset, now "), reset);
        assertTrue(s1.status().state() != StationState.EMERGENCY_STOPPED, s1.status().toString());

        assertEquals("no station 's9'", StationActions.perform(registry, "estop", "s9", null));
        assertEquals("control is not running: no station service", StationActions.perform(null, "estop", "s1", null));
        assertEquals("unknown action 'ramp' (estop or reset)", StationActions.perform(registry, "ramp", "s1", null));
    }

    @Test
    void trendBreaksThePressureLineAtGapsAndScalesToMegapascal() {
        List<StationSample> samples = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            samples.add(sample(i, 15, false));
        }
        for (int i = 10; i < 15; i++) {
            samples.add(sample(i, 0, true));
        }
        for (int i = 15; i < 20; i++) {
            samples.add(sample(i, 15, false));
        }
        List<String> lines = Trend.polylines(samples, 0, (long) 19e9, 20, false);
        assertEquals(2, lines.size(), "the gap splits the line: " + lines);
        assertEquals(10, lines.get(0).split(" ").length);
        assertEquals(5, lines.get(1).split(" ").length);
        // 15 MPa of a 20 MPa axis sits a quarter down the plot area.
        double y = Double.parseDouble(lines.get(0).split(" ")[0].split(",")[1]);
        assertEquals(Trend.y(15e6, 20), y, 0.05);
        assertTrue(Trend.y(15e6, 20) < Trend.y(5e6, 20), "higher pressure is higher up");
        String svg = Trend.svg(samples, 20);
        assertTrue(svg.contains("gap: no driver or no fresh reading"), svg);
        assertTrue(svg.startsWith("<svg") && svg.endsWith("</svg>"));
        assertEquals(20, Trend.niceCeiling(16.5), 1e-9);
        assertEquals(100, Trend.niceCeiling(81.4), 1e-9);
    }

    @Test
    void pageShowsTheStationWithItsTrendActionsAndEscapedText() throws Exception {
        s1.ramp(5e6, 2e6);
        time.advanceSeconds(20);
        StringWriter out = new StringWriter();
        StationPage.render(registry.stations(), "<b>hi</b>", "/system/console/presslab", 300, new PrintWriter(out));
        String html = out.toString();
        assertTrue(html.contains("id=\"station-s1\""), html);
        assertTrue(html.contains("value=\"estop\"") && html.contains("value=\"reset\""), html);
        assertTrue(html.contains("80.00 MPa (fixture rating"), html);
        assertTrue(html.contains("MAX_PRESSURE"), html);
        assertTrue(html.contains("<polyline"), "a trend from the station's history: " + html);
        assertTrue(html.contains("10 mm &lt;die&gt;"), "station text is escaped");
        assertTrue(html.contains("&lt;b&gt;hi&lt;/b&gt;"), html);
        assertFalse(html.contains("<b>hi</b>"), "message must be escaped");
    }
}
