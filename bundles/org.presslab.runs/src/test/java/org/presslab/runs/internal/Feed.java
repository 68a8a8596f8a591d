package org.presslab.runs.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.presslab.control.api.StationEvent;
import org.presslab.control.api.StationEventType;
import org.presslab.control.api.StationListener;
import org.presslab.control.api.StationSample;
import org.presslab.control.api.StationState;
import org.presslab.press.api.Quality;

/**
 * What a station sends its listeners, for the tests: samples on a 10 ms grid with a known pressure
 * (p = base + 1000 Pa × (index mod 100), so every 1 s bucket spans exactly base..base+99 kPa) and events
 * with the properties the control core gives them.
 */
final class Feed {

    final String station;
    final StationListener to;
    Instant t;
    long mono;
    long index;
    double basePa = 15e6;

    Feed(String station, StationListener to, Instant start) {
        this.station = station;
        this.to = to;
        this.t = start;
    }

    static double pressure(double base, long index) {
        return base + 1000.0 * (index % 100);
    }

    /** {@code n} samples 10 ms apart. */
    Feed samples(int n) {
        for (int i = 0; i < n; i++) {
            to.onSample(new StationSample(station, mono, t, pressure(basePa, index), 1178.0 + (index % 7), 15e6, 0.5, 298.15,
                    StationState.HOLDING, Quality.GOOD, false));
            index++;
            mono += 10_000_000L;
            t = t.plusMillis(10);
        }
        return this;
    }

    /** {@code n} gap samples (no driver). */
    Feed gapSamples(int n) {
        for (int i = 0; i < n; i++) {
            to.onSample(new StationSample(station, mono, t, Double.NaN, Double.NaN, 15e6, Double.NaN, Double.NaN,
                    StationState.NO_DRIVER, Quality.STALE, true));
            mono += 10_000_000L;
            t = t.plusMillis(10);
        }
        return this;
    }

    Feed event(StationEventType type, String msg, Object... kv) {
        Map<String, Object> p = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            p.put((String) kv[i], kv[i + 1]);
        }
        to.onEvent(new StationEvent(station, t, type, msg, p));
        return this;
    }

    Feed driverBound() {
        return event(StationEventType.DRIVER_BOUND, "driver 'sim-press-1' bound", "driver", "sim-press-1", "ratingMPa", 100.0,
                "device", "Presslab|Simulated hydraulic press|SIM-0001");
    }

    Feed recipeStarted(String runId, String recipe, String actor) {
        return event(StationEventType.RECIPE_STARTED, "recipe " + recipe + " started", "runId", runId, "recipe", recipe,
                "actor", actor, "source", "SHELL");
    }

    Feed command(String command, double targetPa, boolean accepted) {
        return accepted
                ? event(StationEventType.COMMAND, command, "actor", "alice", "source", "SHELL", "command", command, "targetPa",
                        targetPa, "ratePaPerS", 2e6, "outcome", "ACCEPTED")
                : event(StationEventType.COMMAND, command, "actor", "bob", "source", "WEB", "command", command, "targetPa",
                        targetPa, "ratePaPerS", 2e6, "outcome", "REFUSED", "refusal", "ramp to 150.000 MPa refused: above the limit");
    }
}
