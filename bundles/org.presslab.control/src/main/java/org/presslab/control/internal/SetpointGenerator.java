package org.presslab.control.internal;

/**
 * Rate- and acceleration-limited setpoint: moves toward the target at up to {@code rate},
 * speeding up and slowing down with a bounded acceleration so the loop is not asked for a
 * corner it cannot follow (the main cause of overshoot at the end of a ramp). Allocation-free.
 */
final class SetpointGenerator {

    /** Time to reach full rate from rest, s. */
    private static final double ACCEL_TIME_S = 0.5;

    private double setpoint = Double.NaN;
    private double target = Double.NaN;
    private double rate;
    private double velocity;

    void start(double from, double to, double ratePaPerS) {
        if (Double.isNaN(setpoint)) {
            setpoint = from;
            velocity = 0;
        }
        this.target = to;
        this.rate = ratePaPerS;
    }

    /** Jumps to {@code value} and stays there (safe state, hold of the present pressure). */
    void hold(double value) {
        setpoint = value;
        target = value;
        velocity = 0;
    }

    void clear() {
        setpoint = Double.NaN;
        target = Double.NaN;
        velocity = 0;
    }

    boolean active() {
        return !Double.isNaN(setpoint);
    }

    double setpoint() {
        return setpoint;
    }

    double target() {
        return target;
    }

    /** Present rate of change of the setpoint, Pa/s. */
    double velocity() {
        return velocity;
    }

    boolean atTarget() {
        return setpoint == target;
    }

    double step(double dt) {
        if (Double.isNaN(setpoint)) {
            return setpoint;
        }
        double remaining = target - setpoint;
        if (remaining == 0) {
            velocity = 0;
            return setpoint;
        }
        double accel = rate / ACCEL_TIME_S;
        double dir = Math.signum(remaining);
        // The fastest speed from which we can still stop at the target: v² = 2·a·d.
        double vStop = Math.sqrt(2 * accel * Math.abs(remaining));
        double vWanted = dir * Math.min(rate, vStop);
        double dv = vWanted - velocity;
        double maxDv = accel * dt;
        velocity += dv > maxDv ? maxDv : (dv < -maxDv ? -maxDv : dv);
        double move = velocity * dt;
        // Never creep: finish once within one step at the minimum useful speed.
        double minMove = 0.02 * rate * dt;
        if (Math.abs(remaining) <= Math.max(Math.abs(move), minMove) || Math.signum(move) != dir && Math.abs(remaining) < minMove * 10) {
            setpoint = target;
            velocity = 0;
        } else {
            setpoint += move;
        }
        return setpoint;
    }
}
