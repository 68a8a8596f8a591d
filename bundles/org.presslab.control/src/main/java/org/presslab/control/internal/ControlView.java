package org.presslab.control.internal;

/**
 * What the station's owner (its loop) is doing, published as one immutable value after every tick and
 * command, so the supervisor and readers never need the owner's lock.
 *
 * @param controlling closed-loop control is on
 * @param approaching closing the gap to the stack at constant slow output
 * @param approachSinceNanos when the approach began
 * @param approachStartPositionM platen position when the approach began (NaN where not reported)
 * @param setpointPa the present (ramped) setpoint, NaN when not controlling
 * @param targetPa where the setpoint is going, NaN when not controlling
 * @param heating a temperature setpoint is in force
 */
record ControlView(boolean controlling, boolean approaching, long approachSinceNanos, double approachStartPositionM,
        double setpointPa, double targetPa, boolean heating) {

    static final ControlView IDLE = new ControlView(false, false, 0, Double.NaN, Double.NaN, Double.NaN, false);
}
