package org.presslab.control.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.presslab.control.api.DryRunReport;
import org.presslab.control.api.PressureLimits;
import org.presslab.control.api.StationConfig;
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
        StationConfig cfg = e.config();
        PressureLimits lim = Limits.of(cfg, b, recipe.maxPressurePa(), recipe.name());
        double max = lim.maxPressurePa();
        String maxSrc = lim.maxPressureSource();
        double maxRate = lim.maxRatePaPerS();
        String rateSrc = Limits.rateSource(cfg, b);
        if (b == null) {
            v.add("station '" + cfg.id() + "' has no driver (none matches " + cfg.driverFilter() + ")");
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
                    double res = b.info.forceResolutionN() / cfg.cellAreaM2();
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
                }
                if (!Double.isFinite(t.temperatureK()) || t.temperatureK() > e.settings().maxTemperatureK) {
                    v.add(at + String.format(Locale.ROOT, ": %.1f °C above the station's limit %.1f °C (maxTemperatureC; sodium melts at 98 °C)",
                            t.temperatureK() - 273.15, e.settings().maxTemperatureK - 273.15));
                }
                if (b != null && b.driver.capabilities().contains(Capability.SET_TEMPERATURE)) {
                    double lo = b.info.temperatureMinK();
                    double hi = b.info.temperatureMaxK();
                    if ((!Double.isNaN(lo) && t.temperatureK() < lo) || (!Double.isNaN(hi) && t.temperatureK() > hi)) {
                        v.add(at + String.format(Locale.ROOT, ": %.1f °C outside the driver's range %.1f..%.1f °C",
                                t.temperatureK() - 273.15, lo - 273.15, hi - 273.15));
                    }
                }
            }
            if (!Double.isNaN(target) || step instanceof RecipeStep.Ramp || step instanceof RecipeStep.Release
                    || step instanceof RecipeStep.Hold) {
                if (!Double.isFinite(target)) {
                    v.add(at + ": target is not a finite number");
                } else if (target > max) {
                    v.add(at + String.format(Locale.ROOT, ": target %.3f MPa above the limit %.3f MPa (%s)", target / 1e6,
                            max / 1e6, maxSrc));
                }
                if (target < 0) {
                    v.add(at + ": target below 0 MPa");
                }
            }
            if (step instanceof RecipeStep.Ramp || step instanceof RecipeStep.Release) {
                if (!Double.isFinite(rate) || rate < StationSettings.MIN_RATE_PA_PER_S) {
                    v.add(at + String.format(Locale.ROOT, ": rate %s MPa/s must be a finite number >= %.3f MPa/s", rate / 1e6,
                            StationSettings.MIN_RATE_PA_PER_S / 1e6));
                } else if (rate > maxRate) {
                    v.add(at + String.format(Locale.ROOT, ": rate %.3f MPa/s above the limit %.3f MPa/s (%s)",
                            rate / 1e6, maxRate / 1e6, rateSrc));
                }
            }
            for (StepCondition c : step.conditions()) {
                if (c.kind() == StepCondition.Kind.TEMPERATURE_IN_BAND && b != null
                        && !b.driver.capabilities().contains(Capability.SENSE_TEMPERATURE)) {
                    v.add(at + ": condition on temperature, but driver '" + b.id + "' does not measure temperature");
                }
            }
            if (Double.isFinite(target)) {
                if (Double.isFinite(rate) && rate > 0) {
                    seconds += Math.abs(target - p) / rate;
                } else if (step instanceof RecipeStep.Hold && Math.abs(target - p) > e.settings().maxStepPa) {
                    seconds += Math.abs(target - p) / cfg.defaultRatePaPerS();
                }
                p = target;
            }
        }
        return new DryRunReport(recipe.name(), v, seconds);
    }
}
