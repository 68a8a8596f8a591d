package org.presslab.press.sim.internal;

import org.presslab.press.api.TemperatureControl;
import org.presslab.press.sim.HeaterParameters;

/**
 * Heated platens with their own PI controller: {@code C·dT/dt = P - G·(T - T_amb)}, {@code 0 <= P <= P_max},
 * integral held while the output saturates (anti-windup). Exact exponential step for the plant.
 */
final class Heater {

    private final HeaterParameters p;
    private double temperature;
    private double setpoint = Double.NaN;
    private double integral;
    private double power;
    private double decayDt = Double.NaN;
    private double decay;
    private boolean runaway;

    Heater(HeaterParameters p) {
        this.p = p;
        this.temperature = p.ambientK();
    }

    void step(double dt) {
        if (runaway) {
            power = p.maxPowerW(); // a welded relay: full power whatever the controller says
        } else if (Double.isNaN(setpoint)) {
            power = 0;
        } else {
            double e = setpoint - temperature;
            double u = p.controllerGainWPerK() * (e + integral / p.controllerIntegralTimeS());
            double sat = Math.max(0, Math.min(p.maxPowerW(), u));
            // integrate only when it does not push further into saturation
            if (u == sat || (u > p.maxPowerW() && e < 0) || (u < 0 && e > 0)) {
                integral += e * dt;
            }
            power = sat;
        }
        // exact solution of the linear plant over dt with constant power
        if (dt != decayDt) {
            decayDt = dt;
            decay = Math.exp(-dt * p.lossConductanceWPerK() / p.thermalMassJPerK());
        }
        double tInf = p.ambientK() + power / p.lossConductanceWPerK();
        temperature = tInf + (temperature - tInf) * decay;
    }

    /** Fault injection: full power whatever the setpoint ({@code true}) or back under control. */
    void runaway(boolean on) {
        runaway = on;
    }

    /** Heater power now, W. */
    double power() {
        return power;
    }

    double temperature() {
        return temperature;
    }

    double setpoint() {
        return setpoint;
    }

    void setSetpoint(double kelvin) {
        if (!Double.isFinite(kelvin) || kelvin < p.ambientK() - 1e-9 || kelvin > p.maxTemperatureK()) {
            throw new IllegalArgumentException("temperature setpoint " + kelvin + " K outside the heater's range ["
                    + p.ambientK() + ", " + p.maxTemperatureK() + "] K");
        }
        if (Double.isNaN(setpoint)) {
            integral = 0;
        }
        setpoint = kelvin;
    }

    void off() {
        setpoint = Double.NaN;
        integral = 0;
    }

    void save(SnapshotData out) {
        out.put("state.heater.temperatureK", temperature);
        out.put("state.heater.on", !Double.isNaN(setpoint));
        out.put("state.heater.setpointK", Double.isNaN(setpoint) ? p.ambientK() : setpoint);
        out.put("state.heater.integralKs", integral);
    }

    /** Platens keep their heat and their own controller runs on while no driver talks to it. */
    void load(SnapshotData in) {
        double t = in.nonNegative("state.heater.temperatureK");
        boolean on = in.flag("state.heater.on");
        double sp = in.number("state.heater.setpointK");
        double i = in.number("state.heater.integralKs");
        if (on) {
            setSetpoint(sp); // range-checked against this heater
        } else {
            off();
        }
        temperature = t;
        integral = on ? i : 0;
    }

    /** A TemperatureControl view guarded by {@code lock}; {@code sync} brings the device to the present first. */
    TemperatureControl view(Object lock, Runnable sync) {
        return new TemperatureControl() {
            @Override
            public void setTemperatureSetpoint(double kelvin) {
                synchronized (lock) {
                    sync.run();
                    setSetpoint(kelvin);
                }
            }

            @Override
            public double temperatureSetpoint() {
                synchronized (lock) {
                    return setpoint;
                }
            }

            @Override
            public void heaterOff() {
                synchronized (lock) {
                    sync.run();
                    off();
                }
            }
        };
    }
}
