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
import org.presslab.press.api.SafeAction;
import org.presslab.press.sim.FrameParameters;
import org.presslab.press.sim.PlantState;
import org.presslab.press.sim.SimSpec;
import org.presslab.time.TimeSource;

/**
 * Spring, screw (fixed-gap) and motorized frames: springs in series, preloaded at creation (docs/physics.md §1.4),
 * {@code F = k_eff·(u_0 + x_motor - s)} with {@code s} the stack's shortening (creep minus plating plus a crack).
 */
final class FrameDevice extends SimDevice {

    /** Venting stops once the force is below this, N (the springs are then unloaded). */
    private static final double VENT_DONE_N = 1.0;

    private final FrameParameters f;
    private final boolean motorized;
    private final Set<Capability> capabilities;
    private final DeviceInfo info;
    private final Actuator actuator;
    private final double preloadCompression; // u_0, m
    private final double lagAlpha;           // 1 - exp(-dt/τ) of the motor

    private double stiffness = Double.NaN;
    private boolean stiffnessCracked;
    private double motorPosition;  // x_motor, m, closing positive
    private double motorSpeed;     // m/s after lag
    private double uTarget;
    private boolean venting;
    private double force;

    FrameDevice(TimeSource time, SimSpec spec) {
        super(time, spec);
        this.f = spec.frame();
        this.motorized = spec.kind() == DeviceKind.MOTORIZED_FRAME;
        this.lagAlpha = f.motorTimeConstantS() > 0 ? 1 - Math.exp(-dt / f.motorTimeConstantS()) : 1;
        EnumSet<Capability> caps = EnumSet.of(Capability.SENSE_FORCE);
        if (motorized) {
            caps.add(Capability.SENSE_POSITION);
            caps.add(Capability.ACTUATE);
        }
        this.capabilities = Set.copyOf(caps);
        this.actuator = motorized ? newActuator() : null;
        double preloadForce = f.preloadPressurePa() * cell.area();
        if (preloadForce > f.ratedForceN()) {
            throw new IllegalArgumentException("frame.preloadPressurePa " + f.preloadPressurePa() + " Pa gives "
                    + preloadForce + " N on the cell, above frame.ratedForceN " + f.ratedForceN() + " N");
        }
        this.preloadCompression = preloadForce / stiffness();
        solve();
        String model = switch (spec.kind()) {
            case SPRING_FRAME -> "Simulated disc-spring frame";
            case SCREW_FRAME -> "Simulated fixed-gap screw frame";
            default -> "Simulated motorized frame";
        };
        DeviceInfo.Builder b = infoBuilder(model)
                .force(spec.loadCell().range(), spec.loadCell().resolution(), f.ratedForceN());
        if (motorized) {
            b.maxForceRate(stiffness() * f.motorMaxSpeedMps());
        }
        this.info = b.build();
    }

    /** 1/k_eff = 1/k_frame + 1/k_spring + 1/k_stack (docs/physics.md §1.4), N/m. */
    private double stiffness() {
        boolean cracked = cell.isCracked();
        if (Double.isNaN(stiffness) || cracked != stiffnessCracked) {
            stiffnessCracked = cracked;
            stiffness = 1 / (1 / f.frameStiffnessNpm() + 1 / f.springStiffnessNpm() + 1 / cell.stiffness());
        }
        return stiffness;
    }

    private void solve() {
        force = Math.max(0, stiffness() * (preloadCompression + motorPosition - cell.shortening()));
    }

    @Override
    protected void integrate(long tNanos) {
        if (motorized) {
            if (venting) {
                uTarget = force > VENT_DONE_N ? -1 : 0;
            }
            motorSpeed += (uTarget * f.motorMaxSpeedMps() - motorSpeed) * lagAlpha;
            motorPosition += motorSpeed * dt;
            if (Math.abs(motorPosition) > f.motorTravelM()) {
                motorPosition = Math.copySign(f.motorTravelM(), motorPosition); // end stop
                motorSpeed = 0;
            }
            solve();
        }
        cell.step(dt, force / cell.area(), spec.cell().referenceTemperatureK(), true, 0.2 * force / stiffness());
        solve();
    }

    @Override
    protected void coastStep(double step) {
        // the motor is braked (restore leaves it in HOLD): only the cell relaxes against the springs
        cell.step(step, force / cell.area(), spec.cell().referenceTemperatureK(), true, 0.2 * force / stiffness());
        solve();
    }

    @Override
    protected void geometry(SnapshotData out) {
        super.geometry(out);
        out.put("geometry.frame.frameStiffnessNpm", f.frameStiffnessNpm());
        out.put("geometry.frame.springStiffnessNpm", f.springStiffnessNpm());
        out.put("geometry.frame.preloadPressurePa", f.preloadPressurePa());
        if (motorized) {
            out.put("geometry.frame.motorTravelM", f.motorTravelM());
        }
    }

    @Override
    protected void saveState(SnapshotData out) {
        out.put("state.frame.motorPositionM", motorPosition);
        out.put("state.frame.forceN", force);
    }

    @Override
    protected void loadState(SnapshotData in) {
        double x = in.number("state.frame.motorPositionM");
        if (Math.abs(x) > f.motorTravelM()) {
            throw new IllegalArgumentException("plant snapshot of '" + id() + "': state.frame.motorPositionM " + x
                    + " m beyond the motor travel +-" + f.motorTravelM() + " m");
        }
        motorPosition = motorized ? x : 0;
        motorSpeed = 0;
        uTarget = 0;
        venting = false;
        stiffness = Double.NaN; // the cell may be cracked
        solve(); // the force follows from the preload, the motor and the stack (the saved one is informative)
    }

    @Override
    protected void trueValues(double[] out) {
        out[FORCE] = force;
        out[PRESSURE] = Double.NaN;
        out[POSITION] = motorized ? motorPosition : Double.NaN;
        out[TEMPERATURE] = Double.NaN;
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
        return new PlantState(tNanos, force, force / cell.area(), Double.NaN, motorized ? motorPosition : Double.NaN,
                Double.NaN, motorized ? motorSpeed / f.motorMaxSpeedMps() : 0, 0);
    }

    @Override
    protected void applyCommand(ActuatorCommand command) {
        venting = false;
        uTarget = command.value();
    }

    @Override
    protected void applySafeState(SafeAction action) {
        // HOLD brakes the motor, STOP cuts its power (the self-locking screw holds), VENT backs off until unloaded
        venting = action == SafeAction.VENT;
        uTarget = venting ? -1 : 0;
        motorSpeed = venting ? motorSpeed : 0;
    }

    @Override
    protected double commandDelayS() {
        return f.commandDelayS();
    }

    @Override
    protected Set<ActuationMode> actuationModes() {
        return motorized ? Set.of(ActuationMode.RAW_OUTPUT) : Set.of();
    }

    @Override
    protected Set<SafeAction> safeActionSet() {
        return Set.of(SafeAction.HOLD, SafeAction.VENT, SafeAction.STOP);
    }

    @Override
    protected Optional<ActuatorModel> actuatorModel() {
        double k = 1 / (1 / f.frameStiffnessNpm() + 1 / f.springStiffnessNpm() + 1 / spec.cell().stackStiffnessNpm());
        double vmax = f.motorMaxSpeedMps();
        return Optional.of((forceN, rate) -> Math.max(-1, Math.min(1, rate / (k * vmax))));
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
}
