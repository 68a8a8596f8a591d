package org.presslab.control.internal;

import java.util.Locale;

import org.presslab.control.api.InterlockKind;

/**
 * Temperature above {@code maxTemperatureC} (default 90 °C, below sodium's melting point of 98 °C).
 * The trip switches the heater off whatever the safe action.
 */
final class OverTemperatureInterlock extends Interlock {

    /** A reset needs the temperature this far below the cap. */
    static final double HYSTERESIS_K = 5;

    OverTemperatureInterlock(Context ctx) {
        super(InterlockKind.OVER_TEMPERATURE, ctx);
    }

    @Override
    Violation check(Observation o) {
        double t = o.reading().temperatureK();
        if (!Double.isFinite(t)) {
            return null;
        }
        value = t;
        double max = limit();
        if (t > max) {
            return violation(String.format(Locale.ROOT, "temperature %.1f °C above the limit %.1f °C (maxTemperatureC): heater off",
                    t - 273.15, max - 273.15), t, max);
        }
        return null;
    }

    @Override
    String persistingCause(Observation o) {
        double t = o.reading().temperatureK();
        return t > limit() - HYSTERESIS_K ? String.format(Locale.ROOT, "temperature %.1f °C not yet %.0f K below the limit %.1f °C",
                t - 273.15, HYSTERESIS_K, limit() - 273.15) : null;
    }

    @Override
    double limit() {
        return ctx.settings().maxTemperatureK;
    }

    @Override
    String unit() {
        return "K";
    }

    @Override
    String detail() {
        return "measured temperature; recipe and command temperatures above it are refused";
    }
}
