package org.presslab.control.internal;

import java.util.Locale;

import org.presslab.control.api.InterlockKind;

/** No new reading within {@code staleTimeoutS}. */
final class StaleSensorInterlock extends Interlock {

    private volatile long watchFrom;

    StaleSensorInterlock(Context ctx) {
        super(InterlockKind.STALE_SENSOR, ctx);
    }

    @Override
    void clear(long now) {
        watchFrom = now;
    }

    @Override
    Violation check(Observation o) {
        double age = age(o);
        value = age;
        double limit = ctx.settings().staleTimeoutS;
        if (age > limit) {
            return violation(String.format(Locale.ROOT, "newest reading from driver '%s' is %.3f s old (watchdog %.3f s, quality %s)",
                    o.binding().id, age, limit, o.reading().quality()), age, limit);
        }
        return null;
    }

    private double age(Observation o) {
        return (o.now() - Math.max(o.reading().timeNanos(), watchFrom)) / 1e9;
    }

    @Override
    String persistingCause(Observation o) {
        double age = (o.now() - o.reading().timeNanos()) / 1e9;
        return age > ctx.settings().staleTimeoutS ? String.format(Locale.ROOT, "sensor still stale (newest reading %.3f s old)", age)
                : null;
    }

    @Override
    double limit() {
        return ctx.settings().staleTimeoutS;
    }

    @Override
    String unit() {
        return "s";
    }

    @Override
    String detail() {
        return "age of the newest reading";
    }
}
