package org.presslab.press.sim.internal;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.presslab.press.api.ActuationMode;
import org.presslab.press.api.Actuator;
import org.presslab.press.api.ActuatorCommand;
import org.presslab.press.api.ActuatorModel;
import org.presslab.press.api.Capability;
import org.presslab.press.api.DeviceInfo;
import org.presslab.press.api.SafeAction;
import org.presslab.press.api.TemperatureControl;
import org.presslab.press.sim.PlantState;
import org.presslab.press.sim.SimSpec;
import org.presslab.press.sim.VesselParameters;
import org.presslab.time.TimeSource;

/**
 * A cold (or warm) isostatic press: the vessel pressure is the state and the pressure on the cell.
 * Hydrostatic load has no shear, so the sodium does not creep here; plating still changes the stack.
 */
final class IsostaticPressDevice extends SimDevice {

    private final VesselParameters v;
    private final Set<Capability> capabilities;
    private final DeviceInfo info;
    private final Actuator actuator;
    private final Heater heater;
    private final TemperatureControl temperatureControl;
    private final double compliance; // V/β, m³/Pa
    private final double lagAlpha;   // 1 - exp(-dt/τ) of pump and valve

    private double fluid;          // m³ pumped in beyond the unpressurised fill
    private double pressure;       // Pa
    private double uTarget;
    private double uEffective;
    private boolean setpointMode;
    private double setpoint;
    private double rampedSetpoint;
    private boolean reliefLifted;
    private double reliefFlow;

    IsostaticPressDevice(TimeSource time, SimSpec spec) {
        super(time, spec);
        this.v = spec.vessel();
        this.compliance = v.vesselVolumeM3() / v.fluidBulkModulusPa();
        this.lagAlpha = v.actuatorTimeConstantS() > 0 ? 1 - Math.exp(-dt / v.actuatorTimeConstantS()) : 1;
        EnumSet<Capability> caps = EnumSet.of(Capability.SENSE_PRESSURE, Capability.ACTUATE);
        if (v.warm()) {
            caps.add(Capability.SENSE_TEMPERATURE);
            caps.add(Capability.SET_TEMPERATURE);
            heater = new Heater(spec.heater());
            temperatureControl = heater.view(lock, this::advance);
        } else {
            heater = null;
            temperatureControl = null;
        }
        this.capabilities = Set.copyOf(caps);
        this.actuator = newActuator();
        DeviceInfo.Builder b = infoBuilder(v.warm() ? "Simulated warm isostatic press" : "Simulated cold isostatic press")
                .pressure(spec.pressureSensor().range(), v.ratedPressurePa());
        if (heater != null) {
            b.temperature(spec.heater().ambientK(), spec.heater().maxTemperatureK());
        }
        this.info = b.build();
    }

    @Override
    protected void integrate(long tNanos) {
        double ramp = v.setpointRatePaPerS();
        if (setpointMode) {
            double step = ramp * dt;
            double rate = 0;
            if (rampedSetpoint < setpoint) {
                rampedSetpoint = Math.min(setpoint, rampedSetpoint + step);
                rate = rampedSetpoint < setpoint ? ramp : 0;
            } else if (rampedSetpoint > setpoint) {
                rampedSetpoint = Math.max(setpoint, rampedSetpoint - step);
                rate = rampedSetpoint > setpoint ? -ramp : 0;
            }
            double feedForward = rate > 0 ? rate * compliance / v.pumpFlowM3s() : 0;
            uTarget = Math.max(-1, Math.min(1, feedForward + (rampedSetpoint - pressure) / v.controllerBandPa()));
        }
        uEffective += (uTarget - uEffective) * lagAlpha;
        flow(dt);
    }

    /** Pump, valves, relief and leak over {@code step} seconds at the present output; the cell. */
    private void flow(double step) {
        double drive = Math.sqrt(Math.max(0, pressure));
        double qIn = uEffective > 0 ? uEffective * v.pumpFlowM3s() : 0;
        double qRelease = uEffective < 0 ? -uEffective * v.releaseValveCoefficient() * drive : 0;
        reliefFlow = reliefLifted ? v.releaseValveCoefficient() * drive
                : v.reliefValveGainM3PerSPa() * Math.max(0, pressure - v.reliefPressurePa());
        double qLeak = v.leakCoefficientM3PerSPa() * pressure;
        fluid = Math.max(0, fluid + (qIn - qRelease - reliefFlow - qLeak) * step);
        pressure = fluid / compliance;
        double temperature = heater != null ? heater.temperature() : spec.cell().referenceTemperatureK();
        cell.step(step, pressure, temperature, false, 0);
        if (heater != null) {
            heater.step(step);
        }
    }

    @Override
    protected void coastStep(double step) {
        flow(step); // held: restore left the intensifier off and the valves shut
    }

    @Override
    protected void geometry(SnapshotData out) {
        super.geometry(out);
        out.put("geometry.vessel.vesselVolumeM3", v.vesselVolumeM3());
        out.put("geometry.vessel.fluidBulkModulusPa", v.fluidBulkModulusPa());
        out.put("geometry.vessel.warm", v.warm());
    }

    @Override
    protected void saveState(SnapshotData out) {
        out.put("state.vessel.fluidM3", fluid);
        out.put("state.vessel.pressurePa", pressure);
        if (heater != null) {
            heater.save(out);
        }
    }

    @Override
    protected void loadState(SnapshotData in) {
        double w = in.nonNegative("state.vessel.fluidM3");
        if (heater != null) {
            heater.load(in);
        }
        fluid = w;
        pressure = fluid / compliance;
        uTarget = 0;
        uEffective = 0;
        setpointMode = false;
    }

    @Override
    protected void trueValues(double[] out) {
        out[FORCE] = Double.NaN;
        out[PRESSURE] = pressure;
        out[POSITION] = Double.NaN;
        out[TEMPERATURE] = heater != null ? heater.temperature() : Double.NaN;
    }

    @Override
    protected double cellForce() {
        return pressure * cell.area();
    }

    @Override
    protected double cellPressure() {
        return pressure;
    }

    @Override
    protected PlantState plant(long tNanos) {
        return new PlantState(tNanos, pressure * cell.area(), pressure, pressure, Double.NaN,
                heater != null ? heater.temperature() : Double.NaN, uEffective, reliefFlow);
    }

    @Override
    protected void checkRating(ActuatorCommand command) {
        if (command.mode() == ActuationMode.PRESSURE_SETPOINT
                && (command.value() > v.ratedPressurePa() || command.value() < 0)) {
            throw new IllegalArgumentException(id() + ": pressure setpoint " + command.value()
                    + " Pa outside [0, " + v.ratedPressurePa() + "] Pa (the vessel rating)");
        }
    }

    @Override
    protected void applyCommand(ActuatorCommand command) {
        if (command.mode() == ActuationMode.PRESSURE_SETPOINT) {
            if (!setpointMode) {
                rampedSetpoint = pressure;
            }
            setpointMode = true;
            setpoint = command.value();
        } else {
            setpointMode = false;
            uTarget = command.value();
        }
    }

    @Override
    protected void applySafeState(SafeAction action) {
        setpointMode = false;
        uTarget = action == SafeAction.VENT ? -1 : 0;
        uEffective = uTarget;
        if (heater != null && action != SafeAction.HOLD) {
            heater.off(); // STOP and VENT end the run: no heat either (HOLD keeps the cell as it is)
        }
    }

    @Override
    protected void setHeaterRunaway(boolean runaway) {
        if (heater == null) {
            super.setHeaterRunaway(runaway);
        }
        heater.runaway(runaway);
    }

    @Override
    protected double commandDelayS() {
        return v.commandDelayS();
    }

    @Override
    protected Set<ActuationMode> actuationModes() {
        return Set.of(ActuationMode.RAW_OUTPUT, ActuationMode.PRESSURE_SETPOINT);
    }

    @Override
    protected Set<SafeAction> safeActionSet() {
        return Set.of(SafeAction.HOLD, SafeAction.VENT, SafeAction.STOP);
    }

    /** The pump at full output into the vessel's compliance: Q / (V/β). */
    @Override
    protected double maxPressureRatePaPerS() {
        return v.pumpFlowM3s() / compliance;
    }

    @Override
    protected Optional<ActuatorModel> actuatorModel() {
        return Optional.empty(); // force is not the controlled quantity here; use PRESSURE_SETPOINT
    }

    @Override
    protected boolean hasReliefValve() {
        return true;
    }

    @Override
    protected void setReliefLifted(boolean lifted) {
        reliefLifted = lifted;
    }

    @Override
    public DeviceInfo info() {
        return info;
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    @Override
    public Optional<Actuator> actuator() {
        return Optional.of(actuator);
    }

    @Override
    public Optional<TemperatureControl> temperatureControl() {
        return Optional.ofNullable(temperatureControl);
    }
}
