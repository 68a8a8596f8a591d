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
import org.presslab.press.sim.CoinCanParameters;
import org.presslab.press.sim.CoinCell;
import org.presslab.press.sim.Fault;
import org.presslab.press.sim.HydraulicParameters;
import org.presslab.press.sim.PlantState;
import org.presslab.press.sim.SimSpec;
import org.presslab.time.TimeSource;

/**
 * An electro-hydraulic coin-cell crimper: the hydraulics of {@link HydraulicPressDevice} (pump, release and relief
 * valves, oil compliance, dead time and lag; quasi-static ram) closing a coin-cell can that deforms elastically,
 * yields with linear hardening and can be crushed ({@link CoinCanParameters}). The die is the "cell" of the spec:
 * its area turns force into the die pressure the station controls.
 *
 * <p>With the oil displaced into the cylinder {@code W}, the ram at {@code x}, the ram touching the can at
 * {@code c} (contact travel), {@code δ = x - c} the closure of can and frame, {@code q = V/(β·A)} the oil volume per
 * newton and {@code 1/k_e = 1/k_can + 1/k_frame}: elastically {@code F = k_e·(δ - δp)}, so
 * {@code F = (W - A·(c + δp)) / (A/k_e + q)}; when that exceeds the yield force {@code F_y + H·δp} the can flows,
 * {@code F = (W - A·c + A·F_y/H) / (A/H + A/k_e + q)} and {@code δp = (F - F_y)/H}. Both are closed forms, so the
 * step is exact for a given {@code W}; only the oil flows are integrated.
 */
final class CrimperDevice extends SimDevice {

    /** Below this force the die counts as unloaded (a new can may go in), N. */
    static final double UNLOADED_N = 1.0;

    private final HydraulicParameters h;
    private final CoinCanParameters can;
    private final Set<Capability> capabilities;
    private final DeviceInfo info;
    private final Actuator actuator;
    private final CoinCell coinCell = new CanView();
    private final double area;         // ram area, m²
    private final double oilPerNewton; // q = V/(β·A), m³/N
    private final double elasticStiffness; // k_e: can and frame in series, N/m
    private final double lagAlpha;

    private double oil;            // W, m³
    private double ramPosition;    // x, m
    private double force;          // F, N
    private double uTarget;
    private double uEffective;
    private boolean reliefLifted;
    private double reliefFlow;
    // the can
    private double plastic;        // δp, m (the crush collapse included)
    private double peakForce;      // N
    private boolean crushed;
    private long canNumber = 1;

    CrimperDevice(TimeSource time, SimSpec spec) {
        super(time, spec);
        this.h = spec.hydraulics();
        this.can = spec.coinCan();
        this.area = h.ramAreaM2();
        this.oilPerNewton = h.oilVolumeM3() / h.oilBulkModulusPa() / area;
        this.elasticStiffness = 1 / (1 / can.canStiffnessNpm() + 1 / h.frameStiffnessNpm());
        this.lagAlpha = h.actuatorTimeConstantS() > 0 ? 1 - Math.exp(-dt / h.actuatorTimeConstantS()) : 1;
        this.capabilities = Set.copyOf(EnumSet.of(Capability.SENSE_FORCE, Capability.SENSE_POSITION, Capability.ACTUATE));
        this.actuator = newActuator();
        this.oil = area * h.contactTravelM(); // the die rests on the can, unloaded
        solve();
        this.info = infoBuilder("Simulated electro-hydraulic coin-cell crimper")
                .force(spec.loadCell().range(), spec.loadCell().resolution(), h.ratedForceN())
                .maxForceRate(h.pumpFlowM3s() / elasticCompliance())
                .build();
    }

    /** Oil volume per newton on an elastic can (ram travel plus oil compression), m³/N. */
    private double elasticCompliance() {
        return area / elasticStiffness + oilPerNewton;
    }

    /** Ram position and force from the oil volume; the can yields (and may be crushed) on the way. */
    private void solve() {
        double c = h.contactTravelM();
        double free = area * (c + plastic);
        if (oil <= free) {
            ramPosition = oil / area; // the return spring keeps the ram on the oil, clear of the can
            force = 0;
            return;
        }
        double f = (oil - free) / elasticCompliance();
        double yield = can.yieldForceN() + can.hardeningNpm() * plastic;
        if (f > yield) {
            double hh = can.hardeningNpm();
            f = (oil - area * c + area * can.yieldForceN() / hh) / (area / hh + area / elasticStiffness + oilPerNewton);
            plastic = Math.max(plastic, (f - can.yieldForceN()) / hh);
        }
        if (f > peakForce) {
            peakForce = f;
        }
        if (!crushed && f >= can.crushForceN()) {
            // can and cell collapse at once: height lost, the load falls until the oil catches up
            crushed = true;
            plastic += can.crushCollapseM();
            plantFault(Fault.CAN_CRUSHED, true);
            solve();
            return;
        }
        force = f;
        ramPosition = c + plastic + f / elasticStiffness;
    }

    @Override
    protected void integrate(long tNanos) {
        uEffective += (uTarget - uEffective) * lagAlpha;
        flow(dt);
    }

    private void flow(double step) {
        double p = force / area; // quasi-static ram: line pressure carries the load
        double drive = Math.sqrt(Math.max(p, h.returnPressurePa()));
        double u = uEffective;
        double qIn = u > 0 ? u * h.pumpFlowM3s() : 0;
        double qRelease = (u < 0 ? -u : 0) * h.releaseValveCoefficient() * drive;
        reliefFlow = reliefLifted ? h.releaseValveCoefficient() * drive
                : h.reliefValveGainM3PerSPa() * Math.max(0, p - h.reliefPressurePa());
        double qLeak = h.leakCoefficientM3PerSPa() * p;
        oil = Math.max(0, oil + (qIn - qRelease - reliefFlow - qLeak) * step);
        solve();
    }

    @Override
    protected void coastStep(double step) {
        flow(step); // held: pump off, valves shut; only the leak acts
    }

    @Override
    protected void geometry(SnapshotData out) {
        super.geometry(out);
        out.put("geometry.hydraulics.ramAreaM2", h.ramAreaM2());
        out.put("geometry.hydraulics.contactTravelM", h.contactTravelM());
        out.put("geometry.hydraulics.oilVolumeM3", h.oilVolumeM3());
        out.put("geometry.hydraulics.oilBulkModulusPa", h.oilBulkModulusPa());
        out.put("geometry.hydraulics.frameStiffnessNpm", h.frameStiffnessNpm());
        out.put("geometry.coinCan.initialHeightM", can.initialHeightM());
        out.put("geometry.coinCan.canStiffnessNpm", can.canStiffnessNpm());
        out.put("geometry.coinCan.yieldForceN", can.yieldForceN());
        out.put("geometry.coinCan.hardeningNpm", can.hardeningNpm());
        out.put("geometry.coinCan.crushForceN", can.crushForceN());
    }

    @Override
    protected void saveState(SnapshotData out) {
        out.put("state.hydraulics.oilM3", oil);
        out.put("state.hydraulics.forceN", force);
        out.put("state.coinCan.plasticM", plastic);
        out.put("state.coinCan.peakForceN", peakForce);
        out.put("state.coinCan.crushed", crushed);
        out.put("state.coinCan.number", canNumber);
    }

    @Override
    protected void loadState(SnapshotData in) {
        double w = in.nonNegative("state.hydraulics.oilM3");
        double dp = in.nonNegative("state.coinCan.plasticM");
        double peak = in.nonNegative("state.coinCan.peakForceN");
        boolean wasCrushed = in.flag("state.coinCan.crushed");
        double number = in.number("state.coinCan.number");
        if (!(number >= 1)) {
            throw new IllegalArgumentException("plant snapshot of '" + id() + "': state.coinCan.number must be >= 1, was "
                    + number);
        }
        oil = w;
        plastic = dp;
        peakForce = peak;
        crushed = wasCrushed;
        canNumber = (long) number;
        plantFault(Fault.CAN_CRUSHED, crushed);
        uTarget = 0;
        uEffective = 0;
        solve();
    }

    @Override
    protected void trueValues(double[] out) {
        out[FORCE] = force;
        out[PRESSURE] = Double.NaN;
        out[POSITION] = ramPosition;
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
        return new PlantState(tNanos, force, force / cell.area(), force / area, ramPosition, Double.NaN, uEffective,
                reliefFlow);
    }

    @Override
    protected void applyCommand(ActuatorCommand command) {
        uTarget = command.value();
    }

    @Override
    protected void applySafeState(SafeAction action) {
        // at once: HOLD and STOP stop the pump and shut the valves (the release valve is normally closed, so the
        // load stays on the can); VENT opens the release valve fully
        uTarget = action == SafeAction.VENT ? -1 : 0;
        uEffective = uTarget;
    }

    @Override
    protected double commandDelayS() {
        return h.commandDelayS();
    }

    @Override
    protected Set<ActuationMode> actuationModes() {
        return Set.of(ActuationMode.RAW_OUTPUT);
    }

    @Override
    protected Set<SafeAction> safeActionSet() {
        return Set.of(SafeAction.HOLD, SafeAction.VENT, SafeAction.STOP);
    }

    /**
     * Feed-forward for an elastic can (the driver knows its crimper, not the can in it): a yielding can needs
     * about 2.4 times the flow, which the station's feedback supplies.
     */
    @Override
    protected Optional<ActuatorModel> actuatorModel() {
        if (!h.reportModel()) {
            return Optional.empty();
        }
        double c = elasticCompliance();
        double f = h.modelFlowFactor();
        return Optional.of((forceN, rate) -> {
            double p = Math.max(0, forceN) / area;
            double q = rate * c + h.leakCoefficientM3PerSPa() * p;
            double u = q >= 0 ? q / (f * h.pumpFlowM3s())
                    : q / (f * h.releaseValveCoefficient() * Math.sqrt(Math.max(p, h.returnPressurePa())));
            return Math.max(-1, Math.min(1, u));
        });
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
    public Optional<CoinCell> coinCell() {
        return Optional.of(coinCell);
    }

    private CoinCell.CanState canState() {
        if (crushed) {
            return CoinCell.CanState.CRUSHED;
        }
        if (plastic <= 0) {
            return CoinCell.CanState.UNCRIMPED;
        }
        // a relative tolerance so that a can pressed exactly to the sealing force counts as sealed
        return plastic >= can.sealDeformationM() * (1 - 1e-9) ? CoinCell.CanState.SEALED : CoinCell.CanState.UNSEALED;
    }

    private final class CanView implements CoinCell {
        @Override
        public CanState state() {
            synchronized (lock) {
                advance();
                return canState();
            }
        }

        @Override
        public double permanentHeightM() {
            synchronized (lock) {
                advance();
                return can.initialHeightM() - plastic;
            }
        }

        @Override
        public double heightM() {
            synchronized (lock) {
                advance();
                return can.initialHeightM() - plastic - force / can.canStiffnessNpm();
            }
        }

        @Override
        public double plasticDeformationM() {
            synchronized (lock) {
                advance();
                return plastic;
            }
        }

        @Override
        public double peakForceN() {
            synchronized (lock) {
                advance();
                return peakForce;
            }
        }

        @Override
        public double peakDiePressurePa() {
            synchronized (lock) {
                advance();
                return peakForce / cell.area();
            }
        }

        @Override
        public long canNumber() {
            synchronized (lock) {
                return canNumber;
            }
        }

        @Override
        public void insertNewCan() {
            synchronized (lock) {
                advance();
                if (force > UNLOADED_N) {
                    throw new IllegalStateException(id() + ": the die is loaded (" + Math.round(force)
                            + " N); release the ram before taking the can out");
                }
                // the ram stays where it is; the fresh can is taller than the crimped one by its plastic deformation,
                // so the die may now rest on it (the oil is at most at the old contact)
                plastic = 0;
                peakForce = 0;
                crushed = false;
                canNumber++;
                plantFault(Fault.CAN_CRUSHED, false);
                oil = Math.min(oil, area * h.contactTravelM());
                solve();
            }
        }
    }
}
