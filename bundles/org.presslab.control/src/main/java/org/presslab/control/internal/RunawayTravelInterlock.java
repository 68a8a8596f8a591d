package org.presslab.control.internal;

import java.util.Locale;

import org.presslab.control.api.InterlockKind;
import org.presslab.press.api.SafeAction;

/**
 * Under load, the platen closes more than {@code runawayTravelMm} within {@value #WINDOW_S} s while the
 * pressure does not follow (a stiff stack turns travel into pressure, a failed one does not). HOLD.
 */
final class RunawayTravelInterlock extends Interlock {

    static final double WINDOW_S = 1.0;

    RunawayTravelInterlock(Context ctx) {
        super(InterlockKind.RUNAWAY_TRAVEL, ctx);
    }

    @Override
    Violation check(Observation o) {
        StationSettings s = ctx.settings();
        SensorHistory h = ctx.history();
        if (!(o.pressurePa() > SafetySupervisor.UNDER_LOAD_PA) || Double.isNaN(o.reading().positionM()) || !o.newSample()) {
            return null;
        }
        int t = h.indexAgo(WINDOW_S);
        int first = t >= 0 ? t : h.oldest();
        if (first < 0 || Double.isNaN(h.pos[first])) {
            return null;
        }
        double travel = h.pos[h.head] - h.pos[first];
        double rise = h.p[h.head] - h.p[first];
        value = travel;
        double sp = o.control().targetPa();
        if (travel > s.runawayTravelM && rise < Math.max(0.2e6, 0.01 * (Double.isNaN(sp) ? 0 : sp))) {
            return violation(String.format(Locale.ROOT, "platen closed %.3f mm within %.1f s under load while the pressure rose only"
                    + " %.3f MPa (limit %.3f mm): sample failure suspected", travel * 1e3, WINDOW_S, rise / 1e6,
                    s.runawayTravelM * 1e3), travel, s.runawayTravelM);
        }
        return null;
    }

    @Override
    String persistingCause(Observation o) {
        double travel = value;
        return travel > ctx.settings().runawayTravelM / 2 ? String.format(Locale.ROOT,
                "platen still moving (%.3f mm in the last second)", travel * 1e3) : null;
    }

    @Override
    SafeAction action(SafeAction configured) {
        return SafeAction.HOLD;
    }

    @Override
    double limit() {
        return ctx.settings().runawayTravelM;
    }

    @Override
    String unit() {
        return "m";
    }

    @Override
    String detail() {
        return "closing travel within " + WINDOW_S + " s under load";
    }
}
