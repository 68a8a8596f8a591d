package org.presslab.press.sim;

import org.presslab.press.api.Actuator;
import org.presslab.press.api.ActuatorCommand;
import org.presslab.press.api.ActuatorModel;
import org.presslab.press.api.Reading;
import org.presslab.time.VirtualTimeSource;

/**
 * A plain PI force loop with setpoint ramp and the driver's feed-forward, at a fixed rate on virtual
 * time: enough to show that the simulated plant is controllable. The real controller lives in control.
 */
public final class PressLoop {

    final VirtualTimeSource time;
    final SimulatedDevice press;
    final Actuator actuator;
    final ActuatorModel model;
    final double periodS;
    double kp = 5e-4;   // raw output per N: crossover ~3.5 rad/s with the 7 kN/s pump
    double ki = 4.5e-4; // raw output per N·s: integral corner ~0.9 rad/s
    double ramped;
    double integral;
    double maxForce;
    Reading last;

    /** The highest true force seen, N. */
    public double maxForce() {
        return maxForce;
    }

    /** The last reading the loop used. */
    public Reading last() {
        return last;
    }

    public PressLoop(VirtualTimeSource time, SimulatedDevice press, double rateHz) {
        this.time = time;
        this.press = press;
        this.actuator = press.actuator().orElseThrow();
        this.model = actuator.model().orElseThrow();
        this.periodS = 1 / rateHz;
    }

    /** Runs the loop toward {@code targetN} at {@code rateNps} for {@code seconds}. */
    public void run(double targetN, double rateNps, double seconds) {
        long n = Math.round(seconds / periodS);
        for (long i = 0; i < n; i++) {
            time.advanceNanos(Math.round(periodS * 1e9));
            last = press.read();
            double ff = 0;
            if (ramped < targetN) {
                ramped = Math.min(targetN, ramped + rateNps * periodS);
                ff = ramped < targetN ? model.outputFor(last.forceN(), rateNps) : 0;
            } else if (ramped > targetN) {
                ramped = Math.max(targetN, ramped - rateNps * periodS);
                ff = ramped > targetN ? model.outputFor(last.forceN(), -rateNps) : 0;
            }
            double e = ramped - last.forceN();
            integral = Math.max(-1 / ki, Math.min(1 / ki, integral + e * periodS));
            double u = Math.max(-1, Math.min(1, ff + kp * e + ki * integral));
            actuator.command(ActuatorCommand.raw(u));
            maxForce = Math.max(maxForce, press.cell().forceN());
        }
    }
}
