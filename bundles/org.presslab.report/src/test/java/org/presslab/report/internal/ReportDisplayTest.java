package org.presslab.report.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.presslab.control.Recipes;
import org.presslab.report.Reports;
import org.presslab.report.api.Block;
import org.presslab.report.api.Report;
import org.presslab.runs.api.DeviceIdentity;

/** Two flaws a reader found by hand: a 12-s run's time axis in thousandths of an hour, and "device: not recorded". */
class ReportDisplayTest {

    @Test
    void theTimeAxisUnitFollowsTheRunsSpan() {
        assertEquals(TimeAxis.SECONDS, TimeAxis.forSpan(Duration.ofSeconds(12)));
        assertEquals(TimeAxis.SECONDS, TimeAxis.forSpan(Duration.ofSeconds(599)));
        assertEquals(TimeAxis.MINUTES, TimeAxis.forSpan(Duration.ofMinutes(10)));
        assertEquals(TimeAxis.MINUTES, TimeAxis.forSpan(Duration.ofMinutes(59)));
        assertEquals(TimeAxis.HOURS, TimeAxis.forSpan(Duration.ofHours(1)));
        assertEquals(TimeAxis.HOURS, TimeAxis.forSpan(Duration.ofDays(30)));
        assertEquals("time since start (s)", TimeAxis.SECONDS.label());
        assertEquals("time since start (min)", TimeAxis.MINUTES.label());
        assertEquals("time since start (h)", TimeAxis.HOURS.label());
        assertEquals(12.0, TimeAxis.SECONDS.of(Duration.ofSeconds(12)), 1e-12);
        assertEquals(1.5, TimeAxis.MINUTES.of(Duration.ofSeconds(90)), 1e-12);
        assertEquals(0.5, TimeAxis.HOURS.of(Duration.ofMinutes(30)), 1e-12);
    }

    @Test
    void aShortRunIsChartedInSecondsAndALongOneInMinutesOrHours() {
        SyntheticStore store = new SyntheticStore();
        String json = Recipes.toJson(SyntheticStore.recipe(60));
        Instant t0 = Instant.parse("2026-12-01T09:00:00Z");
        // 12 s: the ramp has not even ended when the run does
        store.add("run-12s", json, 12, 10, t0, "A", DeviceIdentity.UNKNOWN);
        store.add("run-30min", json, 1800, 1, t0, "B", DeviceIdentity.UNKNOWN);
        store.add("run-2h", json, 7200, 1, t0, "C", DeviceIdentity.UNKNOWN);
        try (ReportEngine e = (ReportEngine) Reports.builder(store, store::get).sections(() -> List.of(new PressureSection())).build()) {
            assertEquals(List.of("time since start (s)", "pressure (MPa)"), pressureAxes(e.build(List.of("run-12s"), x -> { })));
            assertEquals(List.of("time since start (min)", "pressure (MPa)"), pressureAxes(e.build(List.of("run-30min"), x -> { })));
            assertEquals(List.of("time since start (h)", "pressure (MPa)"), pressureAxes(e.build(List.of("run-2h"), x -> { })));
        }
        RunTimeline tl = new RunTimeline(store.get("run-12s").orElseThrow(), store, Instant.now());
        assertEquals(TimeAxis.SECONDS, tl.axis());
        assertEquals(6.0, tl.at(t0.plusSeconds(6)), 1e-9, "seconds since the start, not 0.0017 h");
    }

    private static List<String> pressureAxes(Report r) {
        return r.sections().get(0).blocks().stream().filter(b -> b instanceof Block.Figure f && f.id().equals("pressure"))
                .map(b -> ((Block.Figure) b).axes()).findFirst().orElseThrow();
    }

    @Test
    void theDeviceLineShowsWhatIsKnownOfTheDevice() {
        assertEquals("Presslab Simulated automatic hydraulic press #SIM-0001", ProvenanceSection.device(new DeviceIdentity("Presslab",
                "Simulated automatic hydraulic press", "SIM-0001", "sim-press-1", "org.presslab.press.sim", "0.1.0")));
        // the run store outside a recorded DRIVER_BOUND (or an identity without vendor|model) knows only the driver
        DeviceIdentity driverOnly = new DeviceIdentity("", "", "", "sim-press-1", "org.presslab.press.sim", "0.1.0.202612041200");
        assertEquals("vendor and model not recorded; driver sim-press-1, bundle org.presslab.press.sim 0.1.0.202612041200",
                ProvenanceSection.device(driverOnly));
        assertEquals("sim-press-1, bundle org.presslab.press.sim 0.1.0.202612041200", ProvenanceSection.driver(driverOnly));
        assertEquals("vendor and model not recorded; driver sim-press-1",
                ProvenanceSection.device(new DeviceIdentity("", "", "", "sim-press-1", "", "")));
        assertEquals("#SN-9", ProvenanceSection.device(new DeviceIdentity("", "", "SN-9", "", "", "")));
        assertEquals("not recorded", ProvenanceSection.device(DeviceIdentity.UNKNOWN));
        assertEquals("not recorded", ProvenanceSection.driver(DeviceIdentity.UNKNOWN));

        SyntheticStore store = new SyntheticStore();
        store.add("run-d", Recipes.toJson(SyntheticStore.recipe(60)), 600, 1, Instant.parse("2026-12-01T09:00:00Z"), "D", driverOnly);
        try (ReportEngine e = (ReportEngine) Reports.builder(store, store::get).sections(() -> List.of(new ProvenanceSection())).build()) {
            Report r = e.build(List.of("run-d"), x -> { });
            Block.KeyValues kv = (Block.KeyValues) r.sections().get(0).blocks().get(0);
            assertTrue(kv.rows().contains(new Block.KeyValue("device",
                    "vendor and model not recorded; driver sim-press-1, bundle org.presslab.press.sim 0.1.0.202612041200")), kv.toString());
            assertTrue(kv.rows().contains(new Block.KeyValue("driver", "sim-press-1, bundle org.presslab.press.sim 0.1.0.202612041200")),
                    kv.toString());
        }
    }
}
