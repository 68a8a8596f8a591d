package org.presslab.control.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.presslab.control.api.DryRunReport;
import org.presslab.control.api.Recipe;
import org.presslab.control.api.RecipeStep;
import org.presslab.control.api.StepCondition;
import org.presslab.press.api.Capability;

/** Checks a recipe against one station's limits and abilities without moving anything; lists every violation. */
final class DryRun {

    private DryRun() {
    }

    static DryRunReport check(StationEngine e, Recipe recipe) {
        List<String> v = new ArrayList<>();
        DriverBinding b = e.binding();
        double max = e.cfg.fixtureRatingPa();
        String maxSrc = String.format(Locale.ROOT, "fixture rating %.1f MPa", max / 1e6);
        if (b != null && b.ratingPa < max) {
            max = b.ratingPa;
            maxSrc = b.ratingText;
        }
        if (recipe.maxPressurePa() > 0 && recipe.maxPressurePa() < max) {
            max = recipe.maxPressurePa();
            maxSrc = String.format(Locale.ROOT, "recipe '%s' limit %.1f MPa", recipe.name(), max / 1e6);
        }
        double maxRate = e.cfg.maxRatePaPerS();
        if (b == null) {
            v.add("station '" + e.cfg.id() + "' has no driver (none matches " + e.cfg.driverFilter() + ")");
        }
        if (recipe.steps().isEmpty()) {
            v.add("recipe has no steps");
        }
        double p = Double.isNaN(e.lastPressure) || b == null ? 0 : e.lastPressure;
        double seconds = 0;
        int i = 0;
        for (RecipeStep step : recipe.steps()) {
            i++;
            String at = "step " + i + " (" + StepNames.of(step) + ")";
            boolean actuates = step instanceof RecipeStep.Ramp || step instanceof RecipeStep.Release
                    || step instanceof RecipeStep.Hold || step instanceof RecipeStep.Dwell;
            if (actuates && b != null && !b.canActuate()) {
                v.add(at + ": driver '" + b.id + "' cannot actuate (" + b.info.kind()
                        + ", sense only): use an operator step");
            }
            double target = Double.NaN;
            double rate = Double.NaN;
            if (step instanceof RecipeStep.Ramp r) {
                target = r.targetPa();
                rate = r.ratePaPerS();
                if (target < p - r.tolerancePa()) {
                    v.add(at + String.format(Locale.ROOT, ": ramps down from %.3f to %.3f MPa; use a release step", p / 1e6,
                            target / 1e6));
                }
            } else if (step instanceof RecipeStep.Release r) {
                target = r.targetPa();
                rate = r.ratePaPerS();
                if (target > p + r.tolerancePa()) {
                    v.add(at + String.format(Locale.ROOT, ": release goes up from %.3f to %.3f MPa; use a ramp step", p / 1e6,
                            target / 1e6));
                }
            } else if (step instanceof RecipeStep.Hold h) {
                target = h.targetPa();
                seconds += h.durationS();
                if (b != null && b.info.forceResolutionN() > 0 && b.source == DriverBinding.PressureSource.FORCE) {
                    double res = b.info.forceResolutionN() / e.cfg.cellAreaM2();
                    if (h.tolerancePa() < res) {
                        v.add(at + String.format(Locale.ROOT,
                                ": tolerance %.4f MPa is finer than the sensor resolution %.4f MPa (driver '%s')",
                                h.tolerancePa() / 1e6, res / 1e6, b.id));
                    }
                }
            } else if (step instanceof RecipeStep.Dwell d) {
                seconds += d.durationS();
            } else if (step instanceof RecipeStep.Operator o) {
                target = o.targetPa();
                seconds += Double.isNaN(o.settleS()) ? 0 : o.settleS();
            } else if (step instanceof RecipeStep.Temperature t) {
                if (b != null && !b.driver.capabilities().contains(Capability.SET_TEMPERATURE)) {
                    v.add(at + ": driver '" + b.id + "' has no temperature control");
                } else if (b != null) {
                    double lo = b.info.temperatureMinK();
                    double hi = b.info.temperatureMaxK();
                    if ((!Double.isNaN(lo) && t.temperatureK() < lo) || (!Double.isNaN(hi) && t.temperatureK() > hi)) {
                        v.add(at + String.format(Locale.ROOT, ": %.1f °C outside the driver's range %.1f..%.1f °C",
                                t.temperatureK() - 273.15, lo - 273.15, hi - 273.15));
                    }
                }
            }
            if (!Double.isNaN(target)) {
                if (target > max) {
                    v.add(at + String.format(Locale.ROOT, ": target %.3f MPa above the limit %.3f MPa (%s)", target / 1e6,
                            max / 1e6, maxSrc));
                }
                if (target < 0) {
                    v.add(at + ": target below 0 MPa");
                }
            }
            if (!Double.isNaN(rate)) {
                if (!(rate > 0)) {
                    v.add(at + String.format(Locale.ROOT, ": rate %.3f MPa/s must be positive", rate / 1e6));
                } else if (rate > maxRate) {
                    v.add(at + String.format(Locale.ROOT, ": rate %.3f MPa/s above the limit %.3f MPa/s (station maxRateMPaPerS)",
                            rate / 1e6, maxRate / 1e6));
                }
            }
            for (StepCondition c : step.conditions()) {
                if (c.kind() == StepCondition.Kind.TEMPERATURE_IN_BAND && b != null
                        && !b.driver.capabilities().contains(Capability.SENSE_TEMPERATURE)) {
                    v.add(at + ": condition on temperature, but driver '" + b.id + "' does not measure temperature");
                }
            }
            if (!Double.isNaN(target)) {
                if (!Double.isNaN(rate) && rate > 0) {
                    seconds += Math.abs(target - p) / rate;
                } else if (step instanceof RecipeStep.Hold && Math.abs(target - p) > e.settings.maxStepPa) {
                    seconds += Math.abs(target - p) / e.cfg.defaultRatePaPerS();
                }
                p = target;
            }
        }
        return new DryRunReport(recipe.name(), v, seconds);
    }
}
