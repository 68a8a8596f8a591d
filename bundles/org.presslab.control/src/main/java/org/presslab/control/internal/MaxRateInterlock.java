package org.presslab.control.internal;

import java.util.Locale;
import java.util.Map;

import org.presslab.control.api.InterlockKind;
import org.presslab.control.api.StationEventType;

/**
 * Filtered pressure rising faster than {@code rateTripFactor} times the station's maximum rate over
 * {@value #WINDOW_S} s. On a sense-only device (a person pumps a manual press) it warns and instructs
 * instead: there is nothing to make safe. Detection time: the window plus the filter, about 0.22 s after
 * the rate is exceeded (a step in the rate shows in full once the window has passed it).
 */
final class MaxRateInterlock extends Interlock {

    static final double WINDOW_S = 0.2;
    private long lastWarning = Long.MIN_VALUE / 2;

    MaxRateInterlock(Context ctx) {
        super(InterlockKind.MAX_RATE, ctx);
    }

    @Override
    Violation check(Observation o) {
        double rise = ctx.history().riseRate(WINDOW_S);
        if (Double.isNaN(rise)) {
            return null;
        }
        value = rise;
        StationSettings s = ctx.settings();
        double limit = limit();
        if (rise <= limit || !o.newSample()) {
            return null;
        }
        if (!o.binding().canActuate()) {
            if (o.now() - lastWarning > 5_000_000_000L) {
                lastWarning = o.now();
                ctx.event(StationEventType.OPERATOR_PROMPT, String.format(Locale.ROOT, "pressure rising at %.2f MPa/s, above %.1f x"
                        + " the limit %.2f MPa/s: pump slower", rise / 1e6, s.rateTripFactor, s.config().maxRatePaPerS() / 1e6),
                        Map.of("interlock", kind.name(), "value", rise, "limit", limit));
            }
            return null;
        }
        return violation(String.format(Locale.ROOT, "pressure rising at %.2f MPa/s, above %.1f x the limit %.2f MPa/s (maxRateMPaPerS)",
                rise / 1e6, s.rateTripFactor, s.config().maxRatePaPerS() / 1e6), rise, limit);
    }

    @Override
    String persistingCause(Observation o) {
        double rise = value;
        return rise > limit() ? String.format(Locale.ROOT, "pressure still rising at %.2f MPa/s", rise / 1e6) : null;
    }

    @Override
    double limit() {
        StationSettings s = ctx.settings();
        return s.rateTripFactor * s.config().maxRatePaPerS();
    }

    @Override
    String unit() {
        return "Pa/s";
    }

    @Override
    String detail() {
        return "pressure rise over " + WINDOW_S + " s; command rates above maxRateMPaPerS are refused";
    }
}
