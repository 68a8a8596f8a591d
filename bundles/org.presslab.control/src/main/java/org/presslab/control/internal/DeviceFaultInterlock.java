package org.presslab.control.internal;

import org.presslab.control.api.InterlockKind;
import org.presslab.press.api.ConnectionState;
import org.presslab.press.api.DeviceHealth;
import org.presslab.press.api.Quality;

/** The device says it is not fine: reading quality FAULT or OVERLOAD, health FAULT or DISCONNECTED. */
final class DeviceFaultInterlock extends Interlock {

    private volatile String health = "";

    DeviceFaultInterlock(Context ctx) {
        super(InterlockKind.DEVICE_FAULT, ctx);
    }

    @Override
    Violation check(Observation o) {
        DeviceHealth h = o.health();
        health = describe(h);
        Quality q = o.reading().quality();
        String id = o.binding().id;
        if (q == Quality.FAULT) {
            return violation("driver '" + id + "' reading has quality FAULT (device fault"
                    + (h.message().isEmpty() ? "" : ": " + h.message()) + ")", Double.NaN, Double.NaN);
        }
        if (q == Quality.OVERLOAD) {
            return violation("driver '" + id + "' sensor overload (reading beyond its range)", Double.NaN, Double.NaN);
        }
        if (h.state() == ConnectionState.FAULT || h.state() == ConnectionState.DISCONNECTED) {
            return violation("driver '" + id + "' reports " + health, Double.NaN, Double.NaN);
        }
        return null;
    }

    @Override
    String persistingCause(Observation o) {
        DeviceHealth h = o.health();
        String id = o.binding().id;
        if (!h.state().isUp()) {
            return "driver '" + id + "' still reports " + describe(h);
        }
        Quality q = o.reading().quality();
        if (q == Quality.FAULT || q == Quality.OVERLOAD) {
            return "driver '" + id + "' readings still have quality " + q;
        }
        return null;
    }

    private static String describe(DeviceHealth h) {
        return h.state() + (h.message().isEmpty() ? "" : " (" + h.message() + ")") + (h.faults().isEmpty() ? "" : " faults " + h.faults());
    }

    @Override
    double limit() {
        return Double.NaN;
    }

    @Override
    String unit() {
        return "";
    }

    @Override
    String detail() {
        String h = health;
        return "driver health: " + (h.isEmpty() ? "not read yet" : h);
    }
}
