package org.presslab.control.internal;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.presslab.control.api.RecipeStep;
import org.presslab.control.api.StepCondition;
import org.presslab.press.api.Capability;

/** {@link RecipeStep.Temperature}: set the heater, and optionally wait until the temperature is reached. */
final class TemperatureStepKind implements StepKind<RecipeStep.Temperature> {

    @Override
    public Class<RecipeStep.Temperature> type() {
        return RecipeStep.Temperature.class;
    }

    @Override
    public String name() {
        return "temperature";
    }

    @Override
    public Set<String> fields() {
        return Set.of("temperatureC", "toleranceC", "wait", "timeoutS");
    }

    @Override
    public RecipeStep.Temperature read(JsonNode s, RecipeCodec.Fields f, List<StepCondition> conditions) {
        double tC = f.number(s, "temperatureC", true, -100, 1000, Double.NaN);
        double tolC = s.has("toleranceC") ? f.positive(s, "toleranceC", false) : 1.0;
        boolean wait = true;
        if (s.has("wait")) {
            if (!s.get("wait").isBoolean()) {
                f.error("wait", "must be true or false");
            } else {
                wait = s.get("wait").asBoolean();
            }
        }
        double timeout = s.has("timeoutS") ? f.positive(s, "timeoutS", false) : Double.NaN;
        return new RecipeStep.Temperature(tC + 273.15, tolC, wait, timeout, conditions);
    }

    @Override
    public void write(RecipeStep.Temperature x, ObjectNode n) {
        n.put("temperatureC", RecipeCodec.round(x.temperatureK() - 273.15)).put("toleranceC", x.toleranceK())
                .put("wait", x.waitUntilReached());
        if (!Double.isNaN(x.timeoutS())) {
            n.put("timeoutS", x.timeoutS());
        }
    }

    @Override
    public boolean issue(StepContext c, RecipeStep.Temperature t) {
        String refused = c.station.setTemperature(t.temperatureK());
        if (refused != null) {
            c.fail("step " + c.stepNumber() + " (temperature) refused when it ran: " + refused);
            return false;
        }
        return true;
    }

    @Override
    public boolean done(StepContext c, RecipeStep.Temperature t) {
        if (!t.waitUntilReached()) {
            return true;
        }
        if (!Double.isNaN(t.timeoutS()) && c.elapsedS() > t.timeoutS()) {
            c.fail(String.format(Locale.ROOT, "step %d (temperature) did not reach %.1f °C within %.0f s", c.stepNumber(),
                    t.temperatureK() - 273.15, t.timeoutS()));
            return false;
        }
        return Math.abs(c.station.lastTemperature - t.temperatureK()) <= t.toleranceK();
    }

    @Override
    public double remainingS(RecipeStep.Temperature t, double fromPa, double elapsedS) {
        // Heating time is not estimated.
        return 0;
    }

    @Override
    public void dryRun(DryRun.Check c, RecipeStep.Temperature t) {
        DriverBinding b = c.binding;
        StationSettings settings = c.station.settings();
        if (b != null && !b.driver.capabilities().contains(Capability.SET_TEMPERATURE)) {
            c.violation(": driver '" + b.id + "' has no temperature control");
        }
        if (!Double.isFinite(t.temperatureK()) || t.temperatureK() > settings.maxTemperatureK) {
            c.violation(String.format(Locale.ROOT, ": %.1f °C above the station's limit %.1f °C (maxTemperatureC; sodium melts at 98 °C)",
                    t.temperatureK() - 273.15, settings.maxTemperatureK - 273.15));
        }
        if (b != null && b.driver.capabilities().contains(Capability.SET_TEMPERATURE)) {
            double lo = b.info.temperatureMinK();
            double hi = b.info.temperatureMaxK();
            if ((!Double.isNaN(lo) && t.temperatureK() < lo) || (!Double.isNaN(hi) && t.temperatureK() > hi)) {
                c.violation(String.format(Locale.ROOT, ": %.1f °C outside the driver's range %.1f..%.1f °C",
                        t.temperatureK() - 273.15, lo - 273.15, hi - 273.15));
            }
        }
    }
}
