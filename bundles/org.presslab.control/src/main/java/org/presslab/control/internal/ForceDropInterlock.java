package org.presslab.control.internal;

import java.util.Locale;

import org.presslab.control.api.InterlockKind;
import org.presslab.press.api.SafeAction;

/**
 * Under load control, a fall of more than {@code forceDropFraction} of the target within
 * {@code forceDropWindowS} while the target was not lowered: a cracked pellet, extruded sodium or a
 * short. HOLD: the press holds position rather than chasing the setpoint into a broken stack.
 */
final class ForceDropInterlock extends Interlock {

    ForceDropInterlock(Context ctx) {
        super(InterlockKind.FORCE_DROP, ctx);
    }

    @Override
    Violation check(Observation o) {
        StationSettings s = ctx.settings();
        SensorHistory h = ctx.history();
        double sp = o.control().targetPa();
        if (!o.control().controlling() || !(sp > SafetySupervisor.UNDER_LOAD_PA) || !o.newSample()) {
            return null;
        }
        int d = h.indexAgo(s.forceDropWindowS);
        if (d < 0 || Double.isNaN(h.target[d])) {
            return null;
        }
        double ref = Math.max(sp, h.p[d]);
        double drop = h.p[d] - h.p[h.head];
        double spDrop = h.target[d] - sp;
        value = drop / ref;
        double threshold = s.forceDropFraction * ref;
        if (drop > threshold && spDrop < 0.5 * drop) {
            return violation(String.format(Locale.ROOT, "pressure fell %.3f MPa in %.2f s under load control (limit %.0f %% of %.3f MPa):"
                    + " cracked pellet, extruded sodium or short; not chasing the setpoint", drop / 1e6, s.forceDropWindowS,
                    100 * s.forceDropFraction, ref / 1e6), drop, threshold);
        }
        return null;
    }

    @Override
    String persistingCause(Observation o) {
        double rise = ctx.history().riseRate(0.5);
        return rise < -0.5e6 ? String.format(Locale.ROOT, "pressure still falling at %.2f MPa/s", -rise / 1e6) : null;
    }

    @Override
    SafeAction action(SafeAction configured) {
        return SafeAction.HOLD;
    }

    @Override
    double limit() {
        return ctx.settings().forceDropFraction;
    }

    @Override
    String unit() {
        return "fraction";
    }

    @Override
    String detail() {
        return "pressure fall within " + ctx.settings().forceDropWindowS + " s under load control";
    }
}
