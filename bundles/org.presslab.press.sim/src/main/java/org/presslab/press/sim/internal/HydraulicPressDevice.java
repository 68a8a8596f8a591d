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
import org.presslab.press.api.DeviceKind;
import org.presslab.press.api.OperatorChannel;
import org.presslab.press.api.SafeAction;
import org.presslab.press.api.TemperatureControl;
import org.presslab.press.sim.HydraulicParameters;
import org.presslab.press.sim.PlantState;
import org.presslab.press.sim.SimSpec;
import org.presslab.time.TimeSource;

/**
 * Automatic, manual and heated hydraulic presses. The oil displaced into the cylinder {@code W} is the
 * state; ram position, line pressure and force follow from it (see {@link HydraulicParameters}).
 */
final class HydraulicPressDevice extends SimDevice {

    private final HydraulicParameters h;
    private final DeviceKind kind;
    private final Set<Capability> capabilities;
    private final DeviceInfo info;
    private final Actuator actuator;
    private final Heater heater;
    private final TemperatureControl temperatureControl;
    private final ManualOperator operator;
    private final double oilCompliance; // V/β, m³/Pa
    private final double lagAlpha;      // 1 - exp(-dt/τ) of the actuator lag

    private double stiffness = Double.NaN;
    private double stiffnessSeenByStack;
    private boolean stiffnessCracked;
    private double oil;          // W, m³
    private double ramPosition;  // x, m
    private double linePressure; // p, Pa
    private double ramVelocity;  // v, m/s (with a ram mass only)
    private double force;        // F on the cell, N
    private double uTarget;      // commanded raw output after dead time
    private double uEffective;   // after the actuator lag
    private boolean reliefLifted;
    private double reliefFlow;
    private double operatorFlow;      // m³/s from the manual pump
    private double operatorValve;     // release valve opening by the operator, 0..1

    HydraulicPressDevice(TimeSource time, SimSpec spec) {
        super(time, spec);
        this.h = spec.hydraulics();
        this.kind = spec.kind();
        this.oilCompliance = h.oilVolumeM3() / h.oilBulkModulusPa();
        this.lagAlpha = h.actuatorTimeConstantS() > 0 ? 1 - Math.exp(-dt / h.actuatorTimeConstantS()) : 1;
        EnumSet<Capability> caps = EnumSet.of(Capability.SENSE_FORCE);
        if (kind != DeviceKind.MANUAL_HYDRAULIC_PRESS) {
            caps.add(Capability.SENSE_PRESSURE);
            caps.add(Capability.SENSE_POSITION);
            caps.add(Capability.ACTUATE);
        }
        if (kind == DeviceKind.HEATED_PRESS) {
            caps.add(Capability.SENSE_TEMPERATURE);
            caps.add(Capability.SET_TEMPERATURE);
            heater = new Heater(spec.heater());
            temperatureControl = heater.view(lock, this::advance);
        } else {
            heater = null;
            temperatureControl = null;
        }
        this.capabilities = Set.copyOf(caps);
        this.actuator = caps.contains(Capability.ACTUATE) ? newActuator() : null;
        this.operator = kind == DeviceKind.MANUAL_HYDRAULIC_PRESS ? new ManualOperator(spec.operator(), this) : null;
        this.oil = h.ramAreaM2() * h.contactTravelM(); // the ram has advanced to the stack
        solveFrictionless();
        String model = switch (kind) {
            case MANUAL_HYDRAULIC_PRESS -> "Simulated manual hydraulic press";
            case HEATED_PRESS -> "Simulated heated hydraulic press";
            default -> "Simulated automatic hydraulic press";
        };
        DeviceInfo.Builder b = infoBuilder(model)
                .force(spec.loadCell().range(), spec.loadCell().resolution(), h.ratedForceN())
                .pressure(spec.pressureSensor().range(), h.reliefPressurePa())
                .ramArea(h.ramAreaM2());
        if (actuator != null) {
            b.maxForceRate(h.pumpFlowM3s() / complianceVolumePerNewton());
        }
        if (heater != null) {
            b.temperature(spec.heater().ambientK(), spec.heater().maxTemperatureK());
        }
        this.info = b.build();
    }

    /** Stiffness of frame, platens, die and stack in series, N/m (cached; changes only when the pellet cracks). */
    private double pathStiffness() {
        boolean cracked = cell.isCracked();
        if (Double.isNaN(stiffness) || cracked != stiffnessCracked) {
            stiffnessCracked = cracked;
            stiffness = 1 / (1 / h.frameStiffnessNpm() + 1 / cell.stiffness());
            double a = h.ramAreaM2();
            double kk = oilCompliance * stiffness / a;
            stiffnessSeenByStack = stiffness * a / (a + kk);
        }
        return stiffness;
    }

    /** Oil volume per newton of force with the ram in contact (ram travel plus oil compression), m³/N. */
    double complianceVolumePerNewton() {
        return h.ramAreaM2() / pathStiffness() + oilCompliance / h.ramAreaM2();
    }

    /**
     * Solves ram position, line pressure and force from the oil volume: quasi-static ram, seal friction as a
     * band the ram sticks in, or with a ram mass the ram's own dynamics ({@link #move(double)}).
     */
    private void solve() {
        if (h.ramMassKg() > 0) {
            fromPosition(ramPosition);
            return;
        }
        double previous = ramPosition;
        solveFrictionless();
        double friction = h.sealFrictionN();
        if (friction > 0 && ramPosition > 0 && ramPosition < h.strokeM()) {
            // the ram moves only when p·A and the stack force differ by more than the seal friction:
            // it stays within x0 ± δ of the frictionless position, δ the travel that changes p·A - F by F_f
            double a = h.ramAreaM2();
            double contact = h.contactTravelM() + h.initialGapM() + cell.shortening();
            double kk = ramPosition > contact ? oilCompliance * pathStiffness() / a : 0;
            double delta = oilCompliance * friction / a / (a + kk);
            double x = Math.max(ramPosition - delta, Math.min(ramPosition + delta, previous));
            if (x != ramPosition) {
                fromPosition(x);
            }
        }
    }

    /** Force and line pressure for the ram at {@code x} and the present oil volume. */
    private void fromPosition(double x) {
        double a = h.ramAreaM2();
        double contact = h.contactTravelM() + h.initialGapM() + cell.shortening();
        ramPosition = x;
        force = x > contact ? pathStiffness() * (x - contact) : 0;
        linePressure = Math.max(0, (oil - a * x) / oilCompliance);
    }

    /** Viscous damping of the ram on its seals and the oil column: 20 % of critical (EST). */
    private static final double RAM_DAMPING_RATIO = 0.2;

    /** The ram with its mass over {@code step} s: {@code m·dv/dt = p·A - F - c·v - F_f·sign(v)}, sub-stepped for stability. */
    private void move(double step) {
        double m = h.ramMassKg();
        double a = h.ramAreaM2();
        double kMax = a * a / oilCompliance + h.frameStiffnessNpm();
        double omega = Math.sqrt(kMax / m);
        double c = 2 * RAM_DAMPING_RATIO * Math.sqrt(kMax * m);
        int n = (int) Math.max(1, Math.ceil(step * omega / 0.3));
        double hs = step / n;
        double friction = h.sealFrictionN();
        double x = ramPosition;
        for (int i = 0; i < n; i++) {
            fromPosition(x);
            double net = linePressure * a - force - c * ramVelocity;
            if (ramVelocity == 0 && Math.abs(net) <= friction) {
                continue; // stuck on the seals
            }
            double fr = friction * Math.signum(ramVelocity != 0 ? ramVelocity : net);
            double v = ramVelocity + hs * (net - fr) / m;
            if (ramVelocity != 0 && v * ramVelocity < 0) {
                v = 0; // friction and damping stop the ram; it turns on the next step if the forces say so
            }
            ramVelocity = v;
            x += hs * v;
            if (x >= h.strokeM()) {
                x = h.strokeM();
                ramVelocity = 0;
            } else if (x <= 0) {
                x = 0;
                ramVelocity = 0;
            }
        }
        fromPosition(x);
    }

    /** The quasi-static solution without friction (the ram where the oil and the springs put it). */
    private void solveFrictionless() {
        double a = h.ramAreaM2();
        double k = pathStiffness();
        double contact = h.contactTravelM() + h.initialGapM() + cell.shortening();
        if (oil <= a * contact) {
            ramPosition = oil / a;
            linePressure = 0;
            force = 0;
            return;
        }
        double kk = oilCompliance * k / a;
        double x = (oil + kk * contact) / (a + kk);
        if (x > h.strokeM()) {
            x = h.strokeM(); // end stop carries the rest
        } else if (x < 0) {
            x = 0; // ram bottomed; the stack is longer than the gap allows
        }
        ramPosition = x;
        force = Math.max(0, k * (x - contact));
        linePressure = x == h.strokeM() || x == 0 ? Math.max(0, (oil - a * x) / oilCompliance) : force / a;
    }

    @Override
    protected void integrate(long tNanos) {
        if (operator != null) {
            operator.step(seconds(tNanos), dt);
        }
        uEffective += (uTarget - uEffective) * lagAlpha;
        flow(dt);
    }

    /** Oil flows, the ram and the cell over {@code step} seconds at the present actuator output. */
    private void flow(double step) {
        double p = linePressure;
        double drive = Math.sqrt(Math.max(p, h.returnPressurePa()));
        double u = deadband(uEffective);
        double qIn = (u > 0 ? u * h.pumpFlowM3s() : 0) + operatorFlow;
        double qRelease = ((u < 0 ? -u : 0) + operatorValve) * h.releaseValveCoefficient() * drive;
        reliefFlow = reliefLifted ? h.releaseValveCoefficient() * drive
                : h.reliefValveGainM3PerSPa() * Math.max(0, p - h.reliefPressurePa());
        double qLeak = h.leakCoefficientM3PerSPa() * p;
        oil = Math.max(0, oil + (qIn - qRelease - reliefFlow - qLeak) * step);
        if (h.ramMassKg() > 0) {
            move(step);
        } else {
            solve();
        }
        // the cell: creep at most 20 % of the present elastic load per step (stability of the explicit step)
        pathStiffness();
        double kSeen = stiffnessSeenByStack;
        double temperature = heater != null ? heater.temperature() : spec.cell().referenceTemperatureK();
        cell.step(step, force / cell.area(), temperature, true, 0.2 * force / kSeen);
        if (heater != null) {
            heater.step(step);
        }
        solve();
    }

    /** Pump and valve see nothing of an output within the deadband; beyond it, flow from zero to full. */
    private double deadband(double u) {
        double db = h.valveDeadband();
        if (db == 0) {
            return u;
        }
        double mag = Math.abs(u);
        return mag <= db ? 0 : Math.signum(u) * (mag - db) / (1 - db);
    }

    @Override
    protected void coastStep(double step) {
        flow(step); // held: restore left the pump off and the valves shut, the operator away
    }

    @Override
    protected void geometry(SnapshotData out) {
        super.geometry(out);
        out.put("geometry.hydraulics.ramAreaM2", h.ramAreaM2());
        out.put("geometry.hydraulics.contactTravelM", h.contactTravelM());
        out.put("geometry.hydraulics.initialGapM", h.initialGapM());
        out.put("geometry.hydraulics.strokeM", h.strokeM());
        out.put("geometry.hydraulics.oilVolumeM3", h.oilVolumeM3());
        out.put("geometry.hydraulics.oilBulkModulusPa", h.oilBulkModulusPa());
        out.put("geometry.hydraulics.frameStiffnessNpm", h.frameStiffnessNpm());
    }

    @Override
    protected void saveState(SnapshotData out) {
        out.put("state.hydraulics.oilM3", oil);
        out.put("state.hydraulics.ramPositionM", ramPosition);
        out.put("state.hydraulics.linePressurePa", linePressure);
        out.put("state.hydraulics.forceN", force);
        if (heater != null) {
            heater.save(out);
        }
    }

    @Override
    protected void loadState(SnapshotData in) {
        double w = in.nonNegative("state.hydraulics.oilM3");
        if (heater != null) {
            heater.load(in);
        }
        oil = w;
        uTarget = 0;
        uEffective = 0;
        operatorFlow = 0;
        operatorValve = 0;
        stiffness = Double.NaN; // the cell may be cracked
        ramVelocity = 0;
        solveFrictionless(); // ram position, line pressure and force follow from the oil (the saved ones are informative)
    }

    @Override
    protected void trueValues(double[] out) {
        out[FORCE] = force;
        out[PRESSURE] = linePressure;
        out[POSITION] = ramPosition;
        out[TEMPERATURE] = heater != null ? heater.temperature() : Double.NaN;
    }

    @Override
    protected double cellForce() {
        return force;
    }

    @Override
    protected double cellPressure() {
        return force / cell.area();
    }

    @Override
    protected PlantState plant(long tNanos) {
        return new PlantState(tNanos, force, force / cell.area(), linePressure, ramPosition,
                heater != null ? heater.temperature() : Double.NaN, uEffective, reliefFlow);
    }

    @Override
    protected void applyCommand(ActuatorCommand command) {
        uTarget = command.value();
    }

    @Override
    protected void applySafeState(SafeAction action) {
        // at once, bypassing dead time and lag: HOLD and STOP stop the pump and shut the valves
        // (the release valve is normally closed, so STOP holds too); VENT opens the release valve fully
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
        return h.commandDelayS();
    }

    @Override
    protected Set<ActuationMode> actuationModes() {
        return actuator == null ? Set.of() : Set.of(ActuationMode.RAW_OUTPUT);
    }

    @Override
    protected Set<SafeAction> safeActionSet() {
        return Set.of(SafeAction.HOLD, SafeAction.VENT, SafeAction.STOP);
    }

    @Override
    protected Optional<ActuatorModel> actuatorModel() {
        return h.reportModel() ? Optional.of(this::feedForward) : Optional.empty();
    }

    /**
     * Raw output for a force rate at a force, from the nominal (uncracked) plant, leak included, with the flows
     * off by {@link HydraulicParameters#modelFlowFactor()} (no friction, deadband or mass: a driver's model is
     * simpler than its press).
     */
    private double feedForward(double forceN, double forceRateNps) {
        double a = h.ramAreaM2();
        double k = 1 / (1 / h.frameStiffnessNpm() + 1 / spec.cell().stackStiffnessNpm());
        double c = a / k + oilCompliance / a;
        double p = Math.max(0, forceN) / a;
        double q = forceRateNps * c + h.leakCoefficientM3PerSPa() * p;
        double f = h.modelFlowFactor();
        double u = q >= 0 ? q / (f * h.pumpFlowM3s())
                : q / (f * h.releaseValveCoefficient() * Math.sqrt(Math.max(p, h.returnPressurePa())));
        return Math.max(-1, Math.min(1, u));
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
    protected void onClose() {
        if (operator != null) {
            operator.clear();
        }
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
        return Optional.ofNullable(actuator);
    }

    @Override
    public Optional<TemperatureControl> temperatureControl() {
        return Optional.ofNullable(temperatureControl);
    }

    @Override
    public Optional<OperatorChannel> operatorChannel() {
        return operator == null ? Optional.empty() : Optional.of(operator.channel(lock, this::advance));
    }

    // ---- for the operator (called under the lock from integrate) ----

    double force() {
        return force;
    }

    double linePressure() {
        return linePressure;
    }

    HydraulicParameters hydraulics() {
        return h;
    }

    void setOperatorInputs(double flowM3s, double valveOpening) {
        this.operatorFlow = flowM3s;
        this.operatorValve = valveOpening;
    }
}
