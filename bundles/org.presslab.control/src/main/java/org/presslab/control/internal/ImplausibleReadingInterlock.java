package org.presslab.control.internal;

import java.util.Locale;

import org.presslab.control.api.InterlockKind;

/**
 * A reading is evidence, not truth: a non-finite force or pressure (NaN, infinity) is a fault whatever
 * quality the driver gave it, and so is a rise between two consecutive readings that no press can make
 * (faster than three times the device's maximum force rate over the interval, and at least 1 MPa).
 * Non-finite temperature counts too while a heater is on. Falls are not judged here: a cracked pellet
 * really does drop the force at once (FORCE_DROP handles that).
 */
final class ImplausibleReadingInterlock extends Interlock {

    /** Smallest rise between two readings that can count as a jump, Pa. */
    static final double MIN_JUMP_PA = 1e6;
    /** Device rate assumed where a driver declares none, Pa/s. */
    static final double UNKNOWN_DEVICE_RATE_PA_PER_S = 20e6;

    private long lastSeq = Long.MIN_VALUE;
    private long lastT;
    private double lastP = Double.NaN;
    private volatile double jumpLimit = Double.NaN;

    ImplausibleReadingInterlock(Context ctx) {
        super(InterlockKind.IMPLAUSIBLE_READING, ctx);
    }

    @Override
    Violation check(Observation o) {
        String nonFinite = nonFinite(o);
        if (nonFinite != null) {
            lastP = Double.NaN;
            return violation(nonFinite, Double.NaN, Double.NaN);
        }
        if (!o.reading().quality().usableForControl() || o.reading().sequence() == lastSeq) {
            return null;
        }
        long seq = o.reading().sequence();
        double p = o.pressurePa();
        long t = o.reading().timeNanos();
        Violation v = null;
        if (!Double.isNaN(lastP) && lastSeq != Long.MIN_VALUE) {
            double dtS = Math.max(0, (t - lastT) / 1e9);
            double rate = o.binding().maxRatePaPerS;
            if (!(rate > 0) || Double.isInfinite(rate)) {
                rate = UNKNOWN_DEVICE_RATE_PA_PER_S;
            }
            double limit = Math.max(MIN_JUMP_PA, 3 * rate * dtS);
            jumpLimit = limit;
            double rise = p - lastP;
            value = rise;
            if (rise > limit) {
                v = violation(String.format(Locale.ROOT, "driver '%s' reading jumped %.3f MPa in %.3f s (from %.3f to %.3f MPa),"
                        + " more than the device can load (limit %.3f MPa): sensor glitch or wiring fault", o.binding().id,
                        rise / 1e6, dtS, lastP / 1e6, p / 1e6, limit / 1e6), rise, limit);
            }
        }
        lastSeq = seq;
        lastT = t;
        lastP = p;
        return v;
    }

    private static String nonFinite(Observation o) {
        var r = o.reading();
        if (!r.quality().usableForControl()) {
            return null; // the device already says the value means nothing: DEVICE_FAULT or STALE handle it
        }
        double raw = o.raw();
        if (!Double.isFinite(raw)) {
            return String.format(Locale.ROOT, "driver '%s' reports %s %s with quality %s: not a measurement", o.binding().id,
                    o.binding().source == DriverBinding.PressureSource.FORCE ? "force" : "pressure", raw, r.quality());
        }
        if (o.control().heating() && !Double.isFinite(r.temperatureK())) {
            return String.format(Locale.ROOT, "driver '%s' reports temperature %s with the heater on: not a measurement",
                    o.binding().id, r.temperatureK());
        }
        return null;
    }

    @Override
    String persistingCause(Observation o) {
        String nf = nonFinite(o);
        return nf == null ? null : "still: " + nf;
    }

    @Override
    void clear(long now) {
        lastP = Double.NaN;
        lastSeq = Long.MIN_VALUE;
    }

    @Override
    double limit() {
        return jumpLimit;
    }

    @Override
    String unit() {
        return "Pa";
    }

    @Override
    String detail() {
        return "non-finite values (any quality) and rises between two readings beyond 3x the device's force rate";
    }
}
