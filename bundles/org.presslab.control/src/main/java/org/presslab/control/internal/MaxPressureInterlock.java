package org.presslab.control.internal;

import java.util.Locale;

import org.presslab.control.api.InterlockKind;

/** Measured pressure above the limit in force plus the margin. */
final class MaxPressureInterlock extends Interlock {

    private volatile double limit = Double.NaN;
    private volatile String source = "";

    MaxPressureInterlock(Context ctx) {
        super(InterlockKind.MAX_PRESSURE, ctx);
    }

    @Override
    Violation check(Observation o) {
        double margin = ctx.settings().overpressureMarginPa;
        limit = o.limitPa() + margin;
        source = o.limitSource();
        double p = o.pressurePa();
        if (!o.reading().quality().usableForControl() || !Double.isFinite(p)) {
            return null;
        }
        value = p;
        if (p > o.limitPa() + margin) {
            return violation(String.format(Locale.ROOT, "pressure %.3f MPa above the limit %.3f MPa (%s) plus margin %.3f MPa",
                    p / 1e6, o.limitPa() / 1e6, o.limitSource(), margin / 1e6), p, o.limitPa());
        }
        return null;
    }

    @Override
    String persistingCause(Observation o) {
        double p = o.pressurePa();
        return p > o.limitPa() ? String.format(Locale.ROOT, "pressure %.3f MPa still above the limit %.3f MPa", p / 1e6,
                o.limitPa() / 1e6) : null;
    }

    @Override
    double limit() {
        return limit;
    }

    @Override
    String unit() {
        return "Pa";
    }

    @Override
    String detail() {
        return "measured pressure vs " + source + " plus margin; commands above the limit are refused";
    }
}
