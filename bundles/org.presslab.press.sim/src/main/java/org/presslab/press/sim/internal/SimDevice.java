package org.presslab.press.sim.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.presslab.press.api.ActuationMode;
import org.presslab.press.api.Actuator;
import org.presslab.press.api.ActuatorCommand;
import org.presslab.press.api.ActuatorModel;
import org.presslab.press.api.Capability;
import org.presslab.press.api.ConnectionState;
import org.presslab.press.api.DeviceHealth;
import org.presslab.press.api.DeviceInfo;
import org.presslab.press.api.Quality;
import org.presslab.press.api.Reading;
import org.presslab.press.api.SafeAction;
import org.presslab.press.sim.Fault;
import org.presslab.press.sim.FaultInjector;
import org.presslab.press.sim.PlantSnapshot;
import org.presslab.press.sim.PlantState;
import org.presslab.press.sim.SensorParameters;
import org.presslab.press.sim.SimSpec;
import org.presslab.press.sim.SimulatedCell;
import org.presslab.press.sim.SimulatedDevice;
import org.presslab.time.TimeSource;

/**
 * The machinery every simulated device shares: lazy integration on a fixed grid up to the time
 * source's present, sampling at the device's rate with a conversion latency, seeded noise and
 * quantization, fault injection, health, the actuator's command queue (dead time) and safe states.
 * Subclasses supply the physics. One lock guards everything.
 */
abstract class SimDevice implements SimulatedDevice {

    static final int FORCE = 0;
    static final int PRESSURE = 1;
    static final int POSITION = 2;
    static final int TEMPERATURE = 3;
    private static final int CHANNELS = 4;

    protected final Object lock = new Object();
    protected final TimeSource time;
    protected final SimSpec spec;
    protected final CellStack cell;
    private final long seed;
    private final long t0;
    private final long stepNanos;
    protected final double dt;
    private final long samplePeriodNanos;
    private final int latency;
    private final SensorParameters[] sensors;

    private long stepIndex;
    private long nextSample;
    private final double[][] ring;
    private final long[] ringIndex;

    private final Set<Fault> faults = EnumSet.noneOf(Fault.class);
    /** Per channel: the value a stuck sensor reads (NaN = not stuck). */
    private final double[] stuck = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
    /** Per channel: the step a jump added to the reading. */
    private final double[] jumpStep = new double[CHANNELS];
    private volatile long blockNanos;
    private volatile boolean blockReads;
    private String faultMessage = "";
    private Reading lastDelivered;
    private double[] frozenValues;
    private long reconnects;
    private long commandCount;
    private long droppedCommands;

    private final ArrayDeque<PendingCommand> pending = new ArrayDeque<>();
    private SafeAction safeState;

    private final SimulatedCell cellView = new CellView();
    private final FaultInjector faultView = new Faults();

    private record PendingCommand(long effectiveNanos, ActuatorCommand command) {
    }

    SimDevice(TimeSource time, SimSpec spec) {
        this.time = time;
        this.spec = spec;
        this.cell = new CellStack(spec.cell());
        this.seed = spec.seed();
        this.t0 = time.nanoTime();
        this.stepNanos = Math.max(1, Math.round(spec.integrationStepS() * 1e9));
        this.dt = stepNanos * 1e-9;
        this.samplePeriodNanos = Math.max(1, Math.round(1e9 / spec.sampleRateHz()));
        this.latency = spec.latencySamples();
        this.sensors = new SensorParameters[] {spec.loadCell(), spec.pressureSensor(), spec.positionSensor(),
                spec.temperatureSensor()};
        int ringSize = latency + 2;
        this.ring = new double[ringSize][CHANNELS];
        this.ringIndex = new long[ringSize];
        java.util.Arrays.fill(ringIndex, -1);
    }

    // ---- physics hooks -------------------------------------------------------------------

    /** Advances the plant by one integration step {@link #dt}; {@code tNanos} is the step's start. */
    protected abstract void integrate(long tNanos);

    /** True (noise-free) force, line/vessel pressure, position and temperature now; NaN for none. */
    protected abstract void trueValues(double[] out);

    /** True force on the cell now, N. */
    protected abstract double cellForce();

    /** True pressure on the cell now, Pa. */
    protected abstract double cellPressure();

    /** The state now. */
    protected abstract PlantState plant(long tNanos);

    /** Applies a command when its dead time has passed (the safe state is already cleared). */
    protected void applyCommand(ActuatorCommand command) {
    }

    /** Makes the actuator safe at once, bypassing dead time and lag. */
    protected void applySafeState(SafeAction action) {
    }

    /** Dead time from command to actuator, s. */
    protected double commandDelayS() {
        return 0;
    }

    /** Subclasses with an actuator describe it here. */
    protected Set<ActuationMode> actuationModes() {
        return Set.of();
    }

    protected Set<SafeAction> safeActionSet() {
        return Set.of(SafeAction.HOLD);
    }

    protected Optional<ActuatorModel> actuatorModel() {
        return Optional.empty();
    }

    /** Throws IllegalArgumentException for a value beyond the device's rating. */
    protected void checkRating(ActuatorCommand command) {
    }

    /** True when the relief valve can be lifted (hydraulics). */
    protected boolean hasReliefValve() {
        return false;
    }

    /** Sets the relief-valve-lift state in the physics. */
    protected void setReliefLifted(boolean lifted) {
    }

    /** Called under the lock when the device is closed. */
    protected void onClose() {
    }

    /** Writes the spec values the state depends on ({@code geometry.*}); subclasses add theirs after super's. */
    protected void geometry(SnapshotData out) {
        cell.geometry(out);
    }

    /** Writes the subclass's state variables ({@code state.*}); caller holds the lock and has advanced. */
    protected abstract void saveState(SnapshotData out);

    /**
     * Puts a fresh device into the saved state, actuator output zero; caller holds the lock. Reads (and so
     * validates) every value before assigning any.
     */
    protected abstract void loadState(SnapshotData in);

    /** One step of {@code h} seconds of the plant held with no actuation (the time the device was away). */
    protected abstract void coastStep(double h);

    // ---- time -----    // ---- time --------------------------------------------------------------------------

    /** Integrates up to the present and records the samples due; returns the present. Caller holds the lock. */
    protected final long advance() {
        long now = time.nanoTime();
        long target = Math.floorDiv(now - t0, stepNanos);
        while (stepIndex < target) {
            long tStep = t0 + stepIndex * stepNanos;
            recordSamplesUpTo(tStep + stepNanos - 1);
            while (!pending.isEmpty() && pending.peekFirst().effectiveNanos() <= tStep) {
                applyCommand(pending.pollFirst().command());
            }
            integrate(tStep);
            stepIndex++;
        }
        recordSamplesUpTo(now);
        return now;
    }

    /** Seconds since the device was created, at {@code tNanos}. */
    protected final double seconds(long tNanos) {
        return (tNanos - t0) * 1e-9;
    }

    protected final long seed() {
        return seed;
    }

    private void recordSamplesUpTo(long tLimit) {
        double[] buf = null;
        while (t0 + nextSample * samplePeriodNanos <= tLimit) {
            int slot = (int) (nextSample % ring.length);
            if (buf == null) {
                buf = ring[slot];
                trueValues(buf);
            } else {
                System.arraycopy(buf, 0, ring[slot], 0, CHANNELS);
            }
            ringIndex[slot] = nextSample;
            nextSample++;
        }
    }

    // ---- PressDriver ---------------------------------------------------------------------

    @Override
    public String id() {
        return spec.id();
    }

    @Override
    public SimSpec spec() {
        return new SimSpec(spec);
    }

    @Override
    public Reading read() {
        if (blockReads) {
            block();
        }
        synchronized (lock) {
            long now = advance();
            if (faults.contains(Fault.DISCONNECTED)) {
                return lastDelivered == null ? Reading.none(now) : lastDelivered.stale();
            }
            if (faults.contains(Fault.STALE_SENSOR)) {
                return lastDelivered == null ? Reading.none(now) : lastDelivered;
            }
            long k = Math.floorDiv(now - t0, samplePeriodNanos) - latency;
            if (k < 0) {
                return lastDelivered == null ? Reading.none(now) : lastDelivered;
            }
            lastDelivered = makeReading(k);
            return lastDelivered;
        }
    }

    private Reading makeReading(long k) {
        int slot = (int) (k % ring.length);
        if (ringIndex[slot] != k) {
            throw new IllegalStateException("sample " + k + " not recorded (have " + ringIndex[slot] + ")");
        }
        Set<Capability> caps = capabilities();
        boolean[] present = {caps.contains(Capability.SENSE_FORCE), caps.contains(Capability.SENSE_PRESSURE),
                caps.contains(Capability.SENSE_POSITION), caps.contains(Capability.SENSE_TEMPERATURE)};
        double[] v = new double[CHANNELS];
        Quality quality = Quality.GOOD;
        for (int ch = 0; ch < CHANNELS; ch++) {
            if (!present[ch]) {
                v[ch] = Double.NaN;
                continue;
            }
            SensorParameters s = sensors[ch];
            double x = ring[slot][ch] + s.noiseRms() * Noise.gaussian(seed, ch + 1, k);
            if (s.offset() != 0 || s.driftPerS() != 0) {
                x += s.offset() + s.driftPerS() * (k * samplePeriodNanos * 1e-9);
            }
            x += jumpStep[ch];
            if (s.resolution() > 0) {
                x = Math.round(x / s.resolution()) * s.resolution();
            }
            if (x > s.range()) {
                x = s.range();
                quality = Quality.OVERLOAD;
            } else if (x < -s.range()) {
                x = -s.range();
                quality = Quality.OVERLOAD;
            }
            v[ch] = x;
        }
        if (faults.contains(Fault.FROZEN_SENSOR)) {
            if (frozenValues == null) {
                frozenValues = lastDelivered != null
                        ? new double[] {lastDelivered.forceN(), lastDelivered.pressurePa(), lastDelivered.positionM(),
                                lastDelivered.temperatureK()}
                        : v.clone();
            }
            v = frozenValues;
            quality = Quality.GOOD;
        }
        if (faults.contains(Fault.OVERLOAD)) {
            quality = Quality.OVERLOAD;
            if (present[FORCE]) {
                v = v.clone();
                v[FORCE] = sensors[FORCE].range();
            }
        }
        if (faults.contains(Fault.STUCK_AT)) {
            v = v.clone();
            for (int ch = 0; ch < CHANNELS; ch++) {
                if (present[ch] && !Double.isNaN(stuck[ch])) {
                    v[ch] = stuck[ch];
                }
            }
        }
        if (faults.contains(Fault.NAN_READING) || faults.contains(Fault.INFINITE_READING)) {
            // the lying driver: a non-finite number, fresh, marked GOOD
            double bad = faults.contains(Fault.NAN_READING) ? Double.NaN : Double.POSITIVE_INFINITY;
            v = v.clone();
            if (present[FORCE]) {
                v[FORCE] = bad;
            }
            if (present[PRESSURE]) {
                v[PRESSURE] = bad;
            }
            if (quality == Quality.OVERLOAD && !faults.contains(Fault.OVERLOAD)) {
                quality = Quality.GOOD;
            }
        }
        if (faults.contains(Fault.DEVICE_FAULT)) {
            quality = Quality.FAULT;
        }
        return new Reading(t0 + k * samplePeriodNanos, k + 1, v[FORCE], v[PRESSURE], v[POSITION], v[TEMPERATURE],
                quality);
    }

    @Override
    public DeviceHealth health() {
        synchronized (lock) {
            advance();
            Map<String, Long> counters = new LinkedHashMap<>();
            counters.put("samples", Math.max(0, nextSample));
            counters.put("commands", commandCount);
            counters.put("droppedCommands", droppedCommands);
            counters.put("reconnects", reconnects);
            List<String> list = new ArrayList<>();
            for (Fault f : faults) {
                list.add(f.name());
            }
            boolean overloaded = faults.contains(Fault.OVERLOAD)
                    || (lastDelivered != null && lastDelivered.quality() == Quality.OVERLOAD);
            String overloadedChannel = faults.contains(Fault.OVERLOAD) ? "force" : overloadedChannel(lastDelivered);
            if (overloaded && !list.contains(Fault.OVERLOAD.name())) {
                list.add(Fault.OVERLOAD.name());
            }
            ConnectionState state;
            String message;
            if (faults.contains(Fault.DISCONNECTED)) {
                state = ConnectionState.DISCONNECTED;
                message = "simulated link down (fault injection): readings stale, commands dropped, device holding";
            } else if (faults.contains(Fault.DEVICE_FAULT)) {
                state = ConnectionState.FAULT;
                message = faultMessage;
            } else if (overloaded) {
                state = ConnectionState.FAULT;
                message = "sensor overload: " + overloadedChannel + " beyond the sensor's range";
            } else {
                state = ConnectionState.CONNECTED;
                message = "";
            }
            return new DeviceHealth(state, message, list, counters);
        }
    }

    /** Which channel of {@code r} sits at its full scale. */
    private String overloadedChannel(Reading r) {
        if (r == null) {
            return "sensor";
        }
        if (Math.abs(r.forceN()) >= sensors[FORCE].range()) {
            return "force (range " + sensors[FORCE].range() + " N)";
        }
        if (Math.abs(r.pressurePa()) >= sensors[PRESSURE].range()) {
            return "pressure (range " + sensors[PRESSURE].range() + " Pa)";
        }
        if (Math.abs(r.positionM()) >= sensors[POSITION].range()) {
            return "position (range " + sensors[POSITION].range() + " m)";
        }
        return "temperature (range " + sensors[TEMPERATURE].range() + " K)";
    }

    @Override
    public SimulatedCell cell() {
        return cellView;
    }

    @Override
    public FaultInjector faults() {
        return faultView;
    }

    @Override
    public PlantState plantState() {
        synchronized (lock) {
            return plant(advance());
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            advance();
            // a STOP or VENT in force stays (a latched trip is never downgraded); otherwise HOLD
            if (!actuationModes().isEmpty() && safeState != SafeAction.STOP && safeState != SafeAction.VENT) {
                enterSafe(SafeAction.HOLD);
            }
            onClose();
        }
    }

    // ---- snapshot and restore -------------------------------------------------------------------

    /** Step of the physics while the device was away, s: coarse, the plant only relaxes then. */
    static final double COAST_STEP_S = 1.0;

    @Override
    public PlantSnapshot snapshot() {
        synchronized (lock) {
            long now = advance();
            SnapshotData out = SnapshotData.writing(id());
            geometry(out);
            cell.save(out);
            out.put("state.reliefLifted", faults.contains(Fault.RELIEF_VALVE_LIFT));
            saveState(out);
            PlantState ps = plant(now);
            out.put("plant.forceN", ps.forceN());
            out.put("plant.cellPressurePa", ps.cellPressurePa());
            out.put("plant.linePressurePa", ps.linePressurePa());
            out.put("plant.positionM", ps.positionM());
            out.put("plant.temperatureK", ps.temperatureK());
            return new PlantSnapshot(spec.kind(), id(), time.now(), out.values());
        }
    }

    /**
     * Puts this freshly built device into {@code snapshot}'s state, actuator in HOLD, then runs the held
     * physics on for the time that passed since it was taken (on {@link TimeSource#now()}), at most
     * {@link PlantSnapshot#MAX_AWAY}, in steps of about {@link #COAST_STEP_S}.
     *
     * @return the time the physics was run on for
     * @throws IllegalArgumentException for a snapshot of another kind, id or geometry, or a bad value
     *         (the factory then discards the half-restored device)
     * @throws IllegalStateException when the device has already run
     */
    final Duration restore(PlantSnapshot snapshot) {
        java.util.Objects.requireNonNull(snapshot, "snapshot");
        synchronized (lock) {
            if (stepIndex > 0 || nextSample > 0) {
                throw new IllegalStateException(id() + ": a plant snapshot can only be restored into a fresh device");
            }
            if (snapshot.kind() != spec.kind()) {
                throw new IllegalArgumentException("plant snapshot of " + snapshot.kind() + " '" + snapshot.id()
                        + "' cannot be restored into " + spec.kind() + " '" + id() + "': another kind of device");
            }
            if (!snapshot.id().equals(id())) {
                throw new IllegalArgumentException("plant snapshot of '" + snapshot.id() + "' cannot be restored into '"
                        + id() + "': another device");
            }
            SnapshotData mine = SnapshotData.writing(id());
            geometry(mine);
            SnapshotData in = SnapshotData.reading(snapshot);
            in.checkGeometry(mine);
            boolean reliefLifted = hasReliefValve() && in.flag("state.reliefLifted");
            cell.load(in);
            loadState(in);
            if (cell.isCracked()) {
                faults.add(Fault.PELLET_CRACK);
            }
            if (reliefLifted) {
                faults.add(Fault.RELIEF_VALVE_LIFT);
                setReliefLifted(true);
            }
            if (!actuationModes().isEmpty()) {
                enterSafe(SafeAction.HOLD);
            }
            Duration away = Duration.between(snapshot.takenAt(), time.now());
            if (away.isNegative()) {
                away = Duration.ZERO;
            } else if (away.compareTo(PlantSnapshot.MAX_AWAY) > 0) {
                away = PlantSnapshot.MAX_AWAY;
            }
            double seconds = away.toNanos() * 1e-9;
            if (seconds > 0) {
                long n = (long) Math.ceil(seconds / Math.max(COAST_STEP_S, dt));
                double h = seconds / n;
                for (long i = 0; i < n; i++) {
                    coastStep(h);
                }
            }
            return away;
        }
    }

    // ---- actuator ------------------------------------------------------------------------

    /** The fastest pressure rise at full output, Pa/s (line or vessel); NaN where the device states a force rate instead. */
    protected double maxPressureRatePaPerS() {
        return Double.NaN;
    }

    /** The actuator view; only subclasses that actuate expose it. */
    protected final Actuator newActuator() {
        return new Actuator() {
            @Override
            public Set<ActuationMode> modes() {
                return actuationModes();
            }

            @Override
            public double maxPressureRatePaPerS() {
                return SimDevice.this.maxPressureRatePaPerS();
            }

            @Override
            public Set<SafeAction> safeActions() {
                return safeActionSet();
            }

            @Override
            public void command(ActuatorCommand command) {
                java.util.Objects.requireNonNull(command, "command");
                block();
                if (!actuationModes().contains(command.mode())) {
                    throw new IllegalArgumentException(id() + ": actuation mode " + command.mode()
                            + " not supported; supported: " + actuationModes());
                }
                checkRating(command);
                synchronized (lock) {
                    long now = advance();
                    if (faults.contains(Fault.DISCONNECTED) || faults.contains(Fault.DEVICE_FAULT)) {
                        droppedCommands++;
                        return;
                    }
                    commandCount++;
                    safeState = null;
                    pending.addLast(new PendingCommand(now + Math.round(commandDelayS() * 1e9), command));
                }
            }

            @Override
            public void enterSafeState(SafeAction action) {
                java.util.Objects.requireNonNull(action, "action");
                block();
                if (!safeActionSet().contains(action)) {
                    throw new IllegalArgumentException(id() + ": safe action " + action + " not supported; supported: "
                            + safeActionSet());
                }
                synchronized (lock) {
                    advance();
                    enterSafe(action);
                }
            }

            @Override
            public Optional<SafeAction> safeState() {
                synchronized (lock) {
                    return Optional.ofNullable(safeState);
                }
            }

            @Override
            public Optional<ActuatorModel> model() {
                return actuatorModel();
            }
        };
    }

    /** Blocks in real time while {@link Fault#BLOCKING_CALLS} is in force; never holds the lock. */
    private void block() {
        long n = blockNanos;
        if (n <= 0) {
            return;
        }
        try {
            java.util.concurrent.TimeUnit.NANOSECONDS.sleep(n);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // act at once, and let the caller see the interrupt
        }
    }

    /** Marks a fact of the plant (a crushed can) in the fault set, as a cracked pellet is. Caller holds the lock. */
    protected final void plantFault(Fault fault, boolean present) {
        if (present) {
            faults.add(fault);
        } else {
            faults.remove(fault);
        }
    }

    /** Sets the heater's runaway state in the physics; devices with a heater override it. */
    protected void setHeaterRunaway(boolean runaway) {
        throw new UnsupportedOperationException(id() + " has no heater");
    }

    /** Caller holds the lock and has advanced. */
    protected final void enterSafe(SafeAction action) {
        pending.clear();
        safeState = action;
        applySafeState(action);
    }

    protected final SafeAction currentSafeState() {
        return safeState;
    }

    // ---- views -----------------------------------------------------------------------------

    private final class CellView implements SimulatedCell {
        @Override
        public double areaM2() {
            return cell.area();
        }

        @Override
        public double diameterM() {
            return spec.cell().diameterM();
        }

        @Override
        public void setCurrentDensity(double amperePerM2) {
            synchronized (lock) {
                advance();
                cell.setCurrent(amperePerM2);
            }
        }

        @Override
        public double currentDensity() {
            synchronized (lock) {
                advance();
                return cell.current();
            }
        }

        @Override
        public void startCycling(double currentDensity, double capacityPerHalfCycle, int halfCycles) {
            synchronized (lock) {
                advance();
                cell.startCycling(currentDensity, capacityPerHalfCycle, halfCycles);
            }
        }

        @Override
        public void stopCycling() {
            synchronized (lock) {
                advance();
                cell.stopCycling();
            }
        }

        @Override
        public boolean isCycling() {
            synchronized (lock) {
                advance();
                return cell.isCycling();
            }
        }

        @Override
        public int completedHalfCycles() {
            synchronized (lock) {
                advance();
                return cell.completedHalfCycles();
            }
        }

        @Override
        public double netChargePerArea() {
            synchronized (lock) {
                advance();
                return cell.netCharge();
            }
        }

        @Override
        public double forceN() {
            synchronized (lock) {
                advance();
                return cellForce();
            }
        }

        @Override
        public double pressurePa() {
            synchronized (lock) {
                advance();
                return cellPressure();
            }
        }

        @Override
        public double anodeThicknessM() {
            synchronized (lock) {
                advance();
                return cell.anodeThickness();
            }
        }

        @Override
        public double electrochemicalThicknessChangeM() {
            synchronized (lock) {
                advance();
                return cell.plated();
            }
        }

        @Override
        public double creepShorteningM() {
            synchronized (lock) {
                advance();
                return cell.creep();
            }
        }

        @Override
        public double voidFraction() {
            synchronized (lock) {
                advance();
                return cell.voidFraction();
            }
        }

        @Override
        public double interfacialResistanceOhmM2() {
            synchronized (lock) {
                advance();
                return cell.interfacialResistance(cellPressure());
            }
        }

        @Override
        public boolean isCracked() {
            synchronized (lock) {
                return cell.isCracked();
            }
        }

        @Override
        public boolean isShorted() {
            synchronized (lock) {
                advance();
                return cell.isShorted();
            }
        }
    }

    private final class Faults implements FaultInjector {
        @Override
        public void freezeSensor() {
            synchronized (lock) {
                advance();
                frozenValues = null;
                faults.add(Fault.FROZEN_SENSOR);
            }
        }

        @Override
        public void staleSensor() {
            synchronized (lock) {
                advance();
                faults.add(Fault.STALE_SENSOR);
            }
        }

        @Override
        public void disconnect() {
            synchronized (lock) {
                advance();
                if (faults.add(Fault.DISCONNECTED) && !actuationModes().isEmpty()) {
                    enterSafe(SafeAction.HOLD); // the device's own watchdog (docs/physics.md §4.1)
                }
            }
        }

        @Override
        public void reconnect() {
            synchronized (lock) {
                advance();
                if (faults.remove(Fault.DISCONNECTED)) {
                    reconnects++;
                }
            }
        }

        @Override
        public void deviceFault(String message) {
            synchronized (lock) {
                advance();
                faultMessage = message == null || message.isBlank() ? "device fault (fault injection)" : message;
                if (faults.add(Fault.DEVICE_FAULT) && !actuationModes().isEmpty()) {
                    enterSafe(SafeAction.HOLD);
                }
            }
        }

        @Override
        public void overload() {
            synchronized (lock) {
                advance();
                faults.add(Fault.OVERLOAD);
            }
        }

        @Override
        public void crackPellet() {
            synchronized (lock) {
                advance();
                faults.add(Fault.PELLET_CRACK);
                cell.crack();
            }
        }

        @Override
        public void liftReliefValve() {
            synchronized (lock) {
                if (!hasReliefValve()) {
                    throw new UnsupportedOperationException(id() + " has no relief valve");
                }
                advance();
                faults.add(Fault.RELIEF_VALVE_LIFT);
                setReliefLifted(true);
            }
        }

        @Override
        public void reseatReliefValve() {
            clear(Fault.RELIEF_VALVE_LIFT);
        }

        @Override
        public void nanReading() {
            synchronized (lock) {
                advance();
                faults.add(Fault.NAN_READING);
            }
        }

        @Override
        public void infiniteReading() {
            synchronized (lock) {
                advance();
                faults.add(Fault.INFINITE_READING);
            }
        }

        @Override
        public void stuckAt(double forceN) {
            stick(FORCE, Capability.SENSE_FORCE, "forceN", forceN);
        }

        @Override
        public void stuckPressureAt(double pascals) {
            stick(PRESSURE, Capability.SENSE_PRESSURE, "pascals", pascals);
        }

        private void stick(int channel, Capability capability, String name, double value) {
            if (!capabilities().contains(capability)) {
                throw new UnsupportedOperationException(id() + " has no " + capability + " channel to stick");
            }
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("stuck value " + name + " must be finite, was " + value);
            }
            synchronized (lock) {
                advance();
                stuck[channel] = value;
                faults.add(Fault.STUCK_AT);
            }
        }

        @Override
        public void jump(double forceStepN) {
            if (!Double.isFinite(forceStepN)) {
                throw new IllegalArgumentException("jump forceStepN must be finite, was " + forceStepN);
            }
            synchronized (lock) {
                advance();
                int ch = capabilities().contains(Capability.SENSE_FORCE) ? FORCE : PRESSURE;
                jumpStep[ch] += forceStepN;
                faults.add(Fault.JUMP);
            }
        }

        @Override
        public void blockCalls(Duration duration, boolean alsoRead) {
            java.util.Objects.requireNonNull(duration, "duration");
            if (duration.isNegative()) {
                throw new IllegalArgumentException("blockCalls duration must not be negative, was " + duration);
            }
            synchronized (lock) {
                advance();
                blockReads = alsoRead;
                blockNanos = duration.toNanos();
                faults.add(Fault.BLOCKING_CALLS);
            }
        }

        @Override
        public void heaterRunaway() {
            synchronized (lock) {
                advance();
                setHeaterRunaway(true);
                faults.add(Fault.HEATER_RUNAWAY);
            }
        }

        @Override
        public void clear(Fault fault) {
            synchronized (lock) {
                advance();
                switch (fault) {
                    case STUCK_AT:
                        faults.remove(fault);
                        java.util.Arrays.fill(stuck, Double.NaN);
                        break;
                    case JUMP:
                        faults.remove(fault);
                        java.util.Arrays.fill(jumpStep, 0);
                        break;
                    case BLOCKING_CALLS:
                        faults.remove(fault);
                        blockNanos = 0;
                        blockReads = false;
                        break;
                    case HEATER_RUNAWAY:
                        if (faults.remove(fault)) {
                            setHeaterRunaway(false);
                        }
                        break;
                    case PELLET_CRACK:
                        throw new IllegalArgumentException("a cracked pellet cannot be cleared; build a new device");
                    case CAN_CRUSHED:
                        throw new IllegalArgumentException("a crushed can cannot be cleared; put a new can in the die"
                                + " (coinCell().insertNewCan())");
                    case DISCONNECTED:
                        if (faults.remove(Fault.DISCONNECTED)) {
                            reconnects++;
                        }
                        break;
                    case RELIEF_VALVE_LIFT:
                        faults.remove(fault);
                        setReliefLifted(false);
                        break;
                    case FROZEN_SENSOR:
                        faults.remove(fault);
                        frozenValues = null;
                        break;
                    default:
                        faults.remove(fault);
                }
            }
        }

        @Override
        public void clearAll() {
            synchronized (lock) {
                for (Fault f : EnumSet.copyOf(faults.isEmpty() ? EnumSet.noneOf(Fault.class) : faults)) {
                    if (f != Fault.PELLET_CRACK && f != Fault.CAN_CRUSHED) {
                        clear(f);
                    }
                }
            }
        }

        @Override
        public Set<Fault> active() {
            synchronized (lock) {
                return faults.isEmpty() ? Set.of() : Set.copyOf(faults);
            }
        }
    }

    /** Builds the common part of the device info. */
    protected final DeviceInfo.Builder infoBuilder(String model) {
        return DeviceInfo.builder(spec.kind()).identity("Presslab", model, spec.serial(), "sim-1.0")
                .sampleRate(1e9 / samplePeriodNanos);
    }
}
