package org.presslab.cycling.internal;

import org.presslab.cycling.CyclingFormatException;
import org.presslab.cycling.CyclingLog;

/** Adds a row to a log with the checks of {@link CyclingLog.Builder#add}, reported at the row's line or byte. */
final class Rows {

    private Rows() {
    }

    static void add(CyclingLog.Builder log, double t, double current, double voltage, double charge, int cycle,
            int half, long where, String source) throws CyclingFormatException {
        add(log, t, current, voltage, charge, cycle, half, where, source, false);
    }

    static void add(CyclingLog.Builder log, double t, double current, double voltage, double charge, int cycle,
            int half, long where, String source, boolean binary) throws CyclingFormatException {
        String problem = null;
        if (!Double.isFinite(t) || !Double.isFinite(current) || !Double.isFinite(voltage) || Double.isInfinite(charge)) {
            problem = "a value is not finite: time " + t + " s, current " + current + " A, voltage " + voltage
                    + " V, charge " + charge + " C";
        } else if (log.size() > 0 && t < log.lastTime()) {
            problem = "time goes back from " + log.lastTime() + " s to " + t + " s";
        }
        if (problem != null) {
            throw binary ? CyclingFormatException.atByte(source, where, problem)
                    : CyclingFormatException.atLine(source, where, problem);
        }
        log.add(t, current, voltage, charge, cycle, half, where);
    }
}
