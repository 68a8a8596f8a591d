package org.presslab.control.internal;

import java.util.Locale;

import org.presslab.control.api.PressureLimits;
import org.presslab.control.api.StationConfig;
import org.presslab.control.api.Trip;
import org.presslab.press.api.Quality;

/**
 * The command gate: whether a command that moves a press may run, judged on an immutable snapshot of the
 * station, with the reason named (the limit and the value) when it may not. Pure: the same snapshot always
 * gives the same answer, so every rule is tested here once, for every front end.
 */
final class CommandGate {

    /** A command: ramp, hold or release (from a front end or the recipe). NaN rate for hold. */
    record Request(String what, double targetPa, double ratePaPerS, boolean release, boolean fromRecipe) {
    }

    /**
     * The station as the gate sees it.
     *
     * @param runningRecipe the name of the recipe that owns the station, or null
     * @param loopSilentS time since the loop last completed a tick
     * @param targetPa where the setpoint is going while controlling, NaN otherwise
     */
    record Station(StationConfig cfg, StationSettings settings, boolean closed, String configProblem, DriverBinding binding,
            Trip trip, String awaitingDevice, String commissionedDevice, String runningRecipe, Quality quality, double pressurePa,
            double loopSilentS, double targetPa, PressureLimits limits) {
    }

    private CommandGate() {
    }

    /** Why the command may not run, or null. */
    static String refusal(Request q, Station s) {
        double targetPa = q.targetPa();
        double ratePaPerS = q.ratePaPerS();
        String head = String.format(Locale.ROOT, "station '%s': %s to %.3f MPa refused: ", s.cfg().id(), q.what(), targetPa / 1e6);
        if (s.closed()) {
            return head + "station is stopped";
        }
        if (s.configProblem() != null) {
            return head + "configuration invalid: " + s.configProblem();
        }
        DriverBinding b = s.binding();
        if (b == null) {
            return head + "driver absent (no driver matches " + s.cfg().driverFilter() + ")";
        }
        Trip t = s.trip();
        if (t != null) {
            return head + "station is tripped (" + t.interlock() + ": " + t.message() + "); reset it first";
        }
        if (s.awaitingDevice() != null) {
            return head + "device " + s.awaitingDevice() + " is not the one this station runs on (" + s.commissionedDevice()
                    + "); reset the station to accept it";
        }
        if (!b.canActuate()) {
            return head + "driver '" + b.id + "' cannot actuate (" + b.info.kind() + ", sense only): use an operator step";
        }
        if (!q.fromRecipe() && s.runningRecipe() != null) {
            return head + "station busy: recipe '" + s.runningRecipe() + "' owns it (pause or abort it first)";
        }
        if (!Double.isFinite(targetPa)) {
            return head + "target is not a finite number";
        }
        if (targetPa < 0) {
            return head + String.format(Locale.ROOT, "target below 0 MPa (more than the zero band %.3f MPa below)",
                    s.settings().zeroBandPa / 1e6);
        }
        PressureLimits lim = s.limits();
        if (targetPa > lim.maxPressurePa()) {
            return head + String.format(Locale.ROOT, "above the limit %.3f MPa (%s)", lim.maxPressurePa() / 1e6, lim.maxPressureSource());
        }
        if (!"hold".equals(q.what())) {
            if (!Double.isFinite(ratePaPerS)) {
                return head + "rate is not a finite number (give a rate in MPa/s)";
            }
            if (ratePaPerS < StationSettings.MIN_RATE_PA_PER_S) {
                return head + String.format(Locale.ROOT, "rate %s MPa/s below the slowest allowed %.3f MPa/s", ratePaPerS / 1e6,
                        StationSettings.MIN_RATE_PA_PER_S / 1e6);
            }
            if (ratePaPerS > lim.maxRatePaPerS()) {
                return head + String.format(Locale.ROOT, "rate %.3f MPa/s above the limit %.3f MPa/s (%s)", ratePaPerS / 1e6,
                        lim.maxRatePaPerS() / 1e6, Limits.rateSource(s.cfg(), b));
            }
        }
        if (!s.quality().usableForControl() || Double.isNaN(s.pressurePa())) {
            return head + "no valid reading from driver '" + b.id + "' (quality " + s.quality() + ")";
        }
        if (s.loopSilentS() > s.settings().loopStallTripS) {
            // Never accept a command nobody would carry out (a loop that stopped or never ran).
            return head + String.format(Locale.ROOT, "control loop has not run for %.3f s (limit loopStallTripS %.3f s)", s.loopSilentS(),
                    s.settings().loopStallTripS);
        }
        if (q.release()) {
            double from = Double.isFinite(s.targetPa()) ? s.targetPa() : s.pressurePa();
            if (targetPa > from + 1e3) {
                return head + String.format(Locale.ROOT, "release only lowers the pressure (now %.3f MPa); use ramp", from / 1e6);
            }
        }
        return null;
    }
}
