package org.presslab.control.internal;

import java.util.Locale;

import org.presslab.control.api.PressureLimits;
import org.presslab.control.api.StationConfig;

/**
 * The one place where a station's limits are computed: commands, the loop's clamp, the supervisor and
 * the dry run all ask here. Limits only narrow: the maximum pressure is the lowest of the fixture rating,
 * the driver's rating and the recipe's limit; the maximum rate the lower of the station's and what the
 * device can do.
 */
final class Limits {

    private Limits() {
    }

    static PressureLimits of(StationConfig cfg, DriverBinding b, double recipeLimitPa, String recipeName) {
        double max = cfg.fixtureRatingPa();
        String src = String.format(Locale.ROOT, "fixture rating %.1f MPa", max / 1e6);
        if (b != null && b.ratingPa < max) {
            max = b.ratingPa;
            src = b.ratingText;
        }
        if (recipeLimitPa > 0 && recipeLimitPa < max) {
            max = recipeLimitPa;
            src = String.format(Locale.ROOT, "recipe '%s' limit %.1f MPa", recipeName, recipeLimitPa / 1e6);
        }
        return new PressureLimits(max, src, maxRate(cfg, b));
    }

    /** The fastest rate a command may ask for on this device, Pa/s. */
    static double maxRate(StationConfig cfg, DriverBinding b) {
        double r = cfg.maxRatePaPerS();
        if (b != null && b.canActuate() && deviceRate(b) < r) {
            r = deviceRate(b);
        }
        return r;
    }

    /** What the device can follow: 80 % of its maximum, leaving the controller headroom. */
    static double deviceRate(DriverBinding b) {
        return 0.8 * b.maxRatePaPerS;
    }

    /** The name of the rate limit in force, for refusals. */
    static String rateSource(StationConfig cfg, DriverBinding b) {
        if (b != null && b.canActuate() && deviceRate(b) < cfg.maxRatePaPerS()) {
            return String.format(Locale.ROOT, "what driver '%s' can follow: 80 %% of its %.3f MPa/s", b.id, b.maxRatePaPerS / 1e6);
        }
        return "station maxRateMPaPerS";
    }
}
