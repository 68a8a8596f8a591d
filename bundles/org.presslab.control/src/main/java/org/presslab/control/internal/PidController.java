package org.presslab.control.internal;

/**
 * PI(D) pressure controller for an actuator in {@code RAW_OUTPUT} mode, allocation-free.
 *
 * <ul>
 * <li>Output {@code u = ff + kp·e + I - kp·td·dPf/dt}, clamped to [-1, 1].</li>
 * <li>Derivative on the measurement (no kick on setpoint steps), through a first-order filter
 * with time constant {@code td/N} (N = 8).</li>
 * <li>Anti-windup by back-calculation: the integrator is pulled back by
 * {@code (u_sat - u)/tt} with tracking time {@code tt = sqrt(ti·td)} (or {@code ti/2} without
 * derivative), and conditional integration: it does not integrate further into a saturation.</li>
 * </ul>
 * Errors are in pascals; {@code kp} in output per pascal.
 */
final class PidController {

    private static final double DERIVATIVE_FILTER_N = 8;

    private double kp;
    private double ti;
    private double td;
    private double integral;
    private double prevMeasurement = Double.NaN;
    private double dFiltered;
    private double lastUnsaturated;

    void setGains(double kp, double ti, double td) {
        this.kp = kp;
        this.ti = ti;
        this.td = td;
    }

    double kp() {
        return kp;
    }

    double ti() {
        return ti;
    }

    double td() {
        return td;
    }

    /** Bumpless start: the integrator takes the output {@code u0} minus the feed-forward. */
    void reset(double measurement, double integralStart) {
        integral = integralStart;
        prevMeasurement = measurement;
        dFiltered = 0;
    }

    double integral() {
        return integral;
    }

    double lastUnsaturated() {
        return lastUnsaturated;
    }

    double update(double setpoint, double measurement, double feedForward, double dt) {
        double e = setpoint - measurement;
        double d = 0;
        if (td > 0 && !Double.isNaN(prevMeasurement)) {
            double tf = td / DERIVATIVE_FILTER_N;
            double alpha = dt / (tf + dt);
            dFiltered += alpha * ((measurement - prevMeasurement) / dt - dFiltered);
            d = -kp * td * dFiltered;
        }
        prevMeasurement = measurement;
        double p = kp * e;
        double u = feedForward + p + integral + d;
        double uSat = u > 1 ? 1 : (u < -1 ? -1 : u);
        lastUnsaturated = u;
        if (ti > 0) {
            boolean windingUp = (u > 1 && e > 0) || (u < -1 && e < 0);
            if (!windingUp) {
                integral += kp * e * dt / ti;
            }
            double tt = td > 0 ? Math.sqrt(ti * td) : ti / 2;
            integral += (uSat - u) * dt / tt;
            // The integrator alone never needs more than the full output range.
            if (integral > 2) {
                integral = 2;
            } else if (integral < -2) {
                integral = -2;
            }
        }
        return uSat;
    }
}
