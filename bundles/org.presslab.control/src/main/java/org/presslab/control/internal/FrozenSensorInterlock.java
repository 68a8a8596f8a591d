package org.presslab.control.internal;

import java.util.Locale;

import org.presslab.control.api.InterlockKind;

/**
 * New readings keep arriving but the sensor value repeats bit for bit for {@code frozenTimeoutS}: a
 * real load cell or transducer always shows some noise. Watched at any level, zero included, while the
 * station controls (a stuck-at-zero load cell during a ramp) and whenever the cell is under load; an
 * idle, unloaded press may repeat a clean zero.
 */
final class FrozenSensorInterlock extends Interlock {

    private long bits;
    private long since;
    private boolean armed;
    private volatile long lastChangeNanos = Long.MIN_VALUE;
    private long lastSeq = Long.MIN_VALUE;

    FrozenSensorInterlock(Context ctx) {
        super(InterlockKind.FROZEN_SENSOR, ctx);
    }

    @Override
    void clear(long now) {
        armed = false;
        lastSeq = Long.MIN_VALUE;
    }

    @Override
    Violation check(Observation o) {
        var r = o.reading();
        if (!r.quality().usableForControl() || r.sequence() == lastSeq) {
            return null;
        }
        lastSeq = r.sequence();
        boolean watch = o.control().controlling() || o.pressurePa() > SafetySupervisor.UNDER_LOAD_PA;
        long b = Double.doubleToLongBits(o.raw());
        if (!armed || b != bits) {
            lastChangeNanos = r.timeNanos();
            bits = b;
            since = r.timeNanos();
            armed = true;
        }
        double frozen = (r.timeNanos() - since) / 1e9;
        value = frozen;
        double limit = ctx.settings().frozenTimeoutS;
        if (watch && frozen >= limit) {
            return violation(String.format(Locale.ROOT, "driver '%s' sensor value unchanged (%s) for %.3f s while new readings"
                    + " arrive (limit %.3f s): stuck or disconnected sensor", o.binding().id, o.raw(), frozen, limit), frozen, limit);
        }
        return null;
    }

    @Override
    String persistingCause(Observation o) {
        long trip = ctx.tripTimeNanos();
        if (trip != Long.MIN_VALUE && lastChangeNanos < trip) {
            return "sensor value has not changed since the trip: check the sensor first";
        }
        return null;
    }

    @Override
    double limit() {
        return ctx.settings().frozenTimeoutS;
    }

    @Override
    String unit() {
        return "s";
    }

    @Override
    String detail() {
        return "time the sensor value stayed bit-identical while new readings arrived (watched while controlling or under load)";
    }
}
