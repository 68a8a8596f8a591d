package org.presslab.web.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.presslab.control.api.DryRunReport;
import org.presslab.control.api.InterlockStatus;
import org.presslab.control.api.PressureLimits;
import org.presslab.control.api.Recipe;
import org.presslab.control.api.RecipeRun;
import org.presslab.control.api.RecipeStep;
import org.presslab.control.api.Station;
import org.presslab.control.api.StationEvent;
import org.presslab.control.api.StationSample;
import org.presslab.control.api.StationStatus;
import org.presslab.control.api.Trip;
import org.presslab.press.api.DeviceInfo;
import org.presslab.press.api.PressDriver;

/**
 * The JSON shapes of the API (maps serialised by Jackson). Units at this edge: MPa, MPa/s, kN, °C, seconds; every
 * unknown or non-finite number is {@code null}, never a NaN token. Times are ISO-8601 instants, sample times also
 * epoch milliseconds ({@code t}) for the chart.
 */
final class Views {

    private Views() {
    }

    static Double mpa(double pa) {
        return fin(pa / 1e6);
    }

    static Double fin(double v) {
        return Double.isFinite(v) ? v : null;
    }

    static Map<String, Object> station(Station s) {
        StationStatus st = s.status();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("description", s.config().description());
        m.put("state", st.state().name());
        m.put("message", st.message());
        m.put("pressureMPa", mpa(st.pressurePa()));
        m.put("setpointMPa", mpa(st.setpointPa()));
        m.put("targetMPa", mpa(st.targetPa()));
        m.put("forceKN", fin(st.forceN() / 1e3));
        m.put("temperatureC", fin(st.temperatureK() - 273.15));
        m.put("quality", st.quality() == null ? null : st.quality().name());
        m.put("driver", st.driverId());
        m.put("connection", st.connection() == null ? null : st.connection().name());
        m.put("loopRateHz", fin(st.loopRateHz()));
        m.put("nominalLoopRateHz", fin(s.config().loopRateHz()));
        m.put("time", st.time() == null ? null : st.time().toString());
        m.put("trip", trip(st.trip()));
        m.put("limits", limits(s.limits()));
        List<Map<String, Object>> il = new ArrayList<>();
        for (InterlockStatus i : s.interlocks()) {
            il.add(interlock(i));
        }
        m.put("interlocks", il);
        m.put("run", s.run().map(Views::run).orElse(null));
        return m;
    }

    static Map<String, Object> trip(Trip t) {
        if (t == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("interlock", t.interlock().name());
        m.put("message", t.message());
        m.put("action", t.action() == null ? null : t.action().name());
        m.put("time", t.time() == null ? null : t.time().toString());
        return m;
    }

    static Map<String, Object> limits(PressureLimits l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("maxPressureMPa", mpa(l.maxPressurePa()));
        m.put("maxPressureSource", l.maxPressureSource());
        m.put("maxRateMPaPerS", mpa(l.maxRatePaPerS()));
        return m;
    }

    /** Interlock limits and values in edge units: Pa → MPa, Pa/s → MPa/s, others as they are. */
    static Map<String, Object> interlock(InterlockStatus i) {
        double scale = 1;
        String unit = i.unit();
        if ("Pa".equals(unit)) {
            scale = 1e-6;
            unit = "MPa";
        } else if ("Pa/s".equals(unit)) {
            scale = 1e-6;
            unit = "MPa/s";
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", i.kind().name());
        m.put("tripped", i.tripped());
        m.put("limit", fin(i.limit() * scale));
        m.put("value", fin(i.value() * scale));
        m.put("unit", unit);
        m.put("detail", i.detail());
        return m;
    }

    static Map<String, Object> run(RecipeRun r) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<RecipeStep> steps = r.recipe().steps();
        int idx = r.stepIndex();
        m.put("id", r.id());
        m.put("recipe", r.recipe().name());
        m.put("state", r.state().name());
        m.put("step", Math.min(idx + 1, steps.size()));
        m.put("steps", steps.size());
        m.put("stepDescription", idx < steps.size() ? steps.get(idx).describe() : "all steps done");
        m.put("stepElapsedS", fin(r.stepElapsedS()));
        m.put("remainingS", fin(r.remainingS()));
        m.put("message", r.message());
        m.put("startedAt", r.startedAt() == null ? null : r.startedAt().toString());
        m.put("finished", r.state().isFinished());
        return m;
    }

    static Map<String, Object> recipe(Recipe r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.name());
        m.put("version", r.version());
        m.put("description", r.description());
        m.put("maxPressureMPa", mpa(r.maxPressurePa()));
        m.put("steps", r.steps().stream().map(RecipeStep::describe).toList());
        return m;
    }

    static Map<String, Object> dryRun(String station, DryRunReport d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("station", station);
        m.put("recipe", d.recipe());
        m.put("ok", d.ok());
        m.put("violations", d.violations());
        m.put("estimatedSeconds", fin(d.estimatedSeconds()));
        return m;
    }

    static Map<String, Object> sample(StationSample s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("station", s.stationId());
        m.put("t", s.time() == null ? null : s.time().toEpochMilli());
        m.put("pressureMPa", s.gap() ? null : mpa(s.pressurePa()));
        m.put("setpointMPa", mpa(s.setpointPa()));
        m.put("state", s.state() == null ? null : s.state().name());
        m.put("gap", s.gap());
        return m;
    }

    static Map<String, Object> event(StationEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("station", e.stationId());
        m.put("time", e.time() == null ? null : e.time().toString());
        m.put("type", e.type().name());
        m.put("message", e.message());
        Map<String, Object> props = new LinkedHashMap<>();
        e.properties().forEach((k, v) -> props.put(k, v instanceof Double d ? fin(d) : v instanceof Float f ? fin(f)
                : v instanceof Number || v instanceof Boolean || v instanceof String ? v : String.valueOf(v)));
        m.put("properties", props);
        return m;
    }

    static Map<String, Object> driver(PressDriver d, Map<String, Object> props) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        Optional<DeviceInfo> info = Optional.empty();
        try {
            info = Optional.of(d.info());
        } catch (RuntimeException e) {
            m.put("error", "info() failed: " + e);
        }
        info.ifPresent(i -> {
            m.put("vendor", i.vendor());
            m.put("model", i.model());
            m.put("serial", i.serial());
            m.put("firmware", i.firmware());
            m.put("kind", i.kind().name());
            m.put("maxPressureRatingMPa", mpa(i.maxPressureRatingPa()));
            m.put("maxForceRatingKN", fin(i.maxForceRatingN() / 1e3));
        });
        m.put("capabilities", d.capabilities().stream().map(Enum::name).sorted().toList());
        Object bundle = props.get("service.bundleid");
        m.put("bundleId", bundle);
        return m;
    }
}
