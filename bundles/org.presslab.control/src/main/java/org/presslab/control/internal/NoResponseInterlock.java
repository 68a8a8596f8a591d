package org.presslab.control.internal;

import java.util.Locale;

import org.presslab.control.api.InterlockKind;

/**
 * The press does not answer its command, seen in the reading: a stuck or disconnected sensor, a dead
 * pump, a closed valve. Three checks, each with a named bound:
 * <ul>
 * <li>the approach to the stack (constant slow output until contact) must reach contact within
 * {@code approachTimeoutS} and, where the device reports position, within {@code approachTravelMm};</li>
 * <li>during the approach, a platen that stops moving (over 2 s it moves less than a quarter of its
 * average approach speed: it has met the stack) while the reading shows no force means the sensor does
 * not see the load;</li>
 * <li>in closed loop, a measured pressure more than max(0.5 MPa, 5 % of the target) from the target
 * must move (by {@value #PROGRESS_PA} Pa, either way) within {@code 2·deviation/deviceRate + 1 s}
 * (1..10 s), where deviceRate is the device's maximum rate on the cell.</li>
 * </ul>
 */
final class NoResponseInterlock extends Interlock {

    static final double MIN_DEVIATION_PA = 0.5e6;
    static final double UNKNOWN_RATE_PA_PER_S = 2e6;
    /** Platen travel over the window below this fraction of the approach's average: it stopped. */
    static final double STOPPED_FRACTION = 0.25;
    /** Window of the stop check, s (long enough that position noise of a few µm does not look like a stop). */
    static final double STOP_WINDOW_S = 2.0;
    /** Approach travel needed before "stopped" is judged (position noise), m. */
    static final double MIN_MOVING_M = 10e-6;

    /** A pressure that moves by this much (either way) is a plant that answers. */
    static final double PROGRESS_PA = 0.25e6;

    private long deviationSince = Long.MIN_VALUE;
    private double referencePa = Double.NaN;
    private long approachSeen = Long.MIN_VALUE;
    private volatile double limitS = Double.NaN;

    NoResponseInterlock(Context ctx) {
        super(InterlockKind.NO_RESPONSE, ctx);
    }

    @Override
    void clear(long now) {
        deviationSince = Long.MIN_VALUE;
        approachSeen = Long.MIN_VALUE;
    }

    @Override
    Violation check(Observation o) {
        ControlView v = o.control();
        StationSettings s = ctx.settings();
        if (!v.controlling() || !o.reading().quality().usableForControl() || !Double.isFinite(o.pressurePa())) {
            deviationSince = Long.MIN_VALUE;
            value = 0;
            return null;
        }
        String id = o.binding().id;
        if (v.approaching()) {
            deviationSince = Long.MIN_VALUE;
            if (approachSeen != v.approachSinceNanos()) {
                approachSeen = v.approachSinceNanos();
            }
            double elapsed = (o.now() - v.approachSinceNanos()) / 1e9;
            value = elapsed;
            limitS = s.approachTimeoutS;
            if (elapsed > s.approachTimeoutS) {
                return violation(String.format(Locale.ROOT, "no contact with the stack after %.1f s of approach (limit approachTimeoutS"
                        + " %.1f s); the reading shows %.3f MPa: sensor not responding, or nothing in the press", elapsed,
                        s.approachTimeoutS, o.pressurePa() / 1e6), elapsed, s.approachTimeoutS);
            }
            double pos = o.reading().positionM();
            if (Double.isFinite(pos) && Double.isFinite(v.approachStartPositionM())) {
                double travel = pos - v.approachStartPositionM();
                if (travel > s.approachTravelM) {
                    return violation(String.format(Locale.ROOT, "approach travelled %.3f mm without contact (limit approachTravelMm"
                            + " %.3f mm): sensor not responding, or nothing in the press", travel * 1e3, s.approachTravelM * 1e3),
                            travel, s.approachTravelM);
                }
                // Stopped: over the last STOP_WINDOW_S the platen moved less than a quarter of its average approach speed.
                SensorHistory h = ctx.history();
                int k = h.indexAgo(STOP_WINDOW_S);
                if (elapsed > 1.5 * STOP_WINDOW_S && k >= 0 && Double.isFinite(h.pos[k]) && h.t[k] >= v.approachSinceNanos()
                        && travel > MIN_MOVING_M) {
                    double moved = h.pos[h.head] - h.pos[k];
                    double expected = travel / elapsed * ((h.t[h.head] - h.t[k]) / 1e9);
                    if (moved < STOPPED_FRACTION * expected) {
                        return violation(String.format(Locale.ROOT, "the platen stopped (moved %.4f mm in %.1f s after %.4f mm of approach):"
                                + " it has met the stack, but driver '%s' shows %.3f MPa: load cell stuck or disconnected", moved * 1e3,
                                STOP_WINDOW_S, travel * 1e3, id, o.pressurePa() / 1e6), moved, STOPPED_FRACTION * expected);
                    }
                }
            }
            return null;
        }
        // Closed loop: far from the target and the measured pressure does not move. The setpoint itself cannot
        // be the reference: after a vent the loop restarts it from the measurement, which would hide a sensor
        // that shows nothing.
        double target = v.targetPa();
        if (!Double.isFinite(target)) {
            return null;
        }
        double p = o.pressurePa();
        double bound = Math.max(MIN_DEVIATION_PA, 0.05 * Math.abs(target));
        double rate = o.binding().maxRatePaPerS;
        if (!(rate > 0) || Double.isInfinite(rate)) {
            rate = UNKNOWN_RATE_PA_PER_S;
        }
        double allowed = Math.min(10, Math.max(1, 2 * bound / rate + 1));
        limitS = allowed;
        if (Math.abs(target - p) <= bound) {
            deviationSince = Long.MIN_VALUE;
            value = 0;
            return null;
        }
        if (deviationSince == Long.MIN_VALUE || Math.abs(p - referencePa) >= PROGRESS_PA) {
            deviationSince = o.now();
            referencePa = p;
        }
        double lasting = (o.now() - deviationSince) / 1e9;
        value = lasting;
        if (lasting > allowed) {
            return violation(String.format(Locale.ROOT, "pressure stuck at %.3f MPa, %.3f MPa from the target %.3f MPa, for %.2f s"
                    + " (limit %.2f s from the device's rate %.2f MPa/s): press not responding or sensor stuck", p / 1e6,
                    Math.abs(target - p) / 1e6, target / 1e6, lasting, allowed, rate / 1e6), lasting, allowed);
        }
        return null;
    }

    @Override
    double limit() {
        return limitS;
    }

    @Override
    String unit() {
        return "s";
    }

    @Override
    String detail() {
        return "approach time and travel to contact; how long the pressure may stay away from the setpoint";
    }
}
