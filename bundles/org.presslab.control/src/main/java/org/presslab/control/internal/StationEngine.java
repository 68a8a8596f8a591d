package org.presslab.control.internal;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;

import org.presslab.control.api.CommandRefusedException;
import org.presslab.control.api.DryRunReport;
import org.presslab.control.api.InterlockKind;
import org.presslab.control.api.InterlockStatus;
import org.presslab.control.api.PressureLimits;
import org.presslab.control.api.RebindPolicy;
import org.presslab.control.api.Recipe;
import org.presslab.control.api.RecipeRun;
import org.presslab.control.api.Station;
import org.presslab.control.api.StationConfig;
import org.presslab.control.api.StationEvent;
import org.presslab.control.api.StationEventType;
import org.presslab.control.api.StationListener;
import org.presslab.control.api.StationSample;
import org.presslab.control.api.StationState;
import org.presslab.control.api.StationStatus;
import org.presslab.control.api.Trip;
import org.presslab.press.api.ActuationMode;
import org.presslab.press.api.ActuatorCommand;
import org.presslab.press.api.ConnectionState;
import org.presslab.press.api.PressDriver;
import org.presslab.press.api.Quality;
import org.presslab.press.api.Reading;
import org.presslab.press.api.SafeAction;
import org.presslab.time.Scheduled;
import org.presslab.time.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A station without OSGi: control loop, safety supervisor, recipe executor and sample dispatch
 * for one cell fixture. The DS component {@link StationComponent} wraps it; the command-line tool
 * and the tests use it directly.
 *
 * <h2>Threads</h2>
 * Four schedules on the {@link TimeSource}, each its own thread in real time: the control loop
 * (at {@code loopRateHz}), the safety supervisor (same rate, separate schedule), the dispatcher
 * (50 Hz, turns ring entries into samples and delivers events) and a recipe tick (10 Hz, only while
 * a recipe runs); plus one delivery schedule per listener. State is guarded by {@code lock}; the
 * path that puts a device into its safe state needs only {@code commandLock}, so a trip never
 * waits for the loop.
 */
public final class StationEngine implements Station {

    private static final Logger LOG = LoggerFactory.getLogger(StationEngine.class);
    static final double DISPATCH_HZ = 50;
    static final double RECIPE_TICK_HZ = 10;
    /** Below this pressure the force-drop and runaway interlocks do not look (not under load). */
    static final double UNDER_LOAD_PA = 1e6;

    final StationSettings settings;
    final StationConfig cfg;
    final TimeSource time;
    final long periodNanos;
    final double dt;

    final ReentrantLock lock = new ReentrantLock();
    /** Held while sending a command or entering a safe state, so a trip is always the last word. */
    final ReentrantLock commandLock = new ReentrantLock();

    private volatile DriverBinding binding;
    final AtomicReference<Trip> trip = new AtomicReference<>();
    /** A lesser trip an emergency stop took precedence over; kept so that reset checks its cause too. */
    private volatile Trip supersededTrip;
    private volatile long tripTimeNanos;
    volatile StationState state;
    volatile String message = "";

    // Control state, guarded by lock.
    final SetpointGenerator setpoint = new SetpointGenerator();
    final PidController pid = new PidController();
    volatile boolean controlling;
    /** The supervisor put the actuator in HOLD because the loop was late (not latched); set under commandLock. */
    volatile boolean lateHold;
    private volatile long lateHoldSinceNanos;
    private boolean resumeFromLateHold;
    boolean operatorWaiting;
    private boolean resumePending;
    private double resumeTargetPa = Double.NaN;
    double recipeLimitPa = Double.NaN;
    String recipeLimitName = "";
    private boolean bumpless;
    /** Closing the gap to the stack before a ramp can start: slow, constant output until contact. */
    boolean approaching;
    /** Pressure that counts as contact with the stack, Pa. */
    static final double CONTACT_PA = 0.3e6;

    // Last values (written by the loop under lock, read anywhere).
    volatile double lastPressure = Double.NaN;
    volatile double lastForce = Double.NaN;
    volatile double lastTemperature = Double.NaN;
    volatile double lastPosition = Double.NaN;
    volatile double lastOutput = Double.NaN;
    volatile Quality lastQuality = Quality.STALE;
    volatile long lastReadingNanos;
    /** Running sums of the measured pressure, for means over any interval (loop thread, under lock). */
    double pressureSum;
    long pressureCount;

    final SafetySupervisor supervisor;
    final SampleRing ring = new SampleRing(8192);
    private final ConcurrentLinkedQueue<StationEvent> pendingEvents = new ConcurrentLinkedQueue<>();
    private final CopyOnWriteArrayList<ListenerChannel> listeners = new CopyOnWriteArrayList<>();
    private final ArrayDeque<StationSample> history = new ArrayDeque<>();
    private final int historyCapacity;
    private volatile BiConsumer<String, Map<String, Object>> eventPoster;
    private long lastPostedSampleNanos = Long.MIN_VALUE;
    private long lastReportedDrops;

    // Loop period statistics.
    private volatile long lastTickNanos;
    private long ticksInWindow;
    private long windowStartNanos;
    volatile double achievedRateHz = Double.NaN;

    private final long epochNanos0;
    private final Instant epoch0;

    Scheduled loopTask;
    private volatile Scheduled supervisorTask;
    private Scheduled supervisorStarter;
    private Scheduled dispatchTask;
    volatile RecipeExecutor run;
    private volatile boolean closed;

    public StationEngine(StationSettings settings, TimeSource time) {
        this.settings = settings;
        this.cfg = settings.config();
        this.time = time;
        this.periodNanos = settings.loopPeriodNanos();
        this.dt = periodNanos / 1e9;
        this.historyCapacity = (int) Math.min(2_000_000, Math.ceil(settings.historyS * cfg.loopRateHz()));
        this.supervisor = new SafetySupervisor(this);
        this.epochNanos0 = time.nanoTime();
        this.epoch0 = time.now();
        this.state = StationState.NO_DRIVER;
        this.message = "waiting for a driver matching " + cfg.driverFilter();
    }

    /** Starts the loop, the supervisor and the dispatcher. */
    public void start() {
        long now = time.nanoTime();
        lastTickNanos = now;
        windowStartNanos = now;
        supervisor.start(now);
        loopTask = time.scheduleAtFixedRate("presslab-loop-" + cfg.id(), periodNanos, this::loopTick);
        // Half a period out of phase with the loop: between them a fault is seen within half a period.
        supervisorStarter = time.schedule("presslab-supervisor-start-" + cfg.id(), periodNanos / 2, () -> {
            if (!closed) {
                supervisorTask = time.scheduleAtFixedRate("presslab-supervisor-" + cfg.id(), periodNanos, supervisor::tick);
            }
        });
        dispatchTask = time.scheduleAtFixedRate("presslab-dispatch-" + cfg.id(), Math.round(1e9 / DISPATCH_HZ), this::dispatch);
        LOG.info("Station '{}' started: {} Hz loop, cell {} mm², fixture rating {} MPa, driver filter {}", cfg.id(),
                cfg.loopRateHz(), fmt(cfg.cellAreaM2() * 1e6), fmt(cfg.fixtureRatingPa() / 1e6), cfg.driverFilter());
    }

    /** Stops everything; the bound device is left in HOLD (a cycling cell is not unloaded). */
    public void close() {
        closed = true;
        RecipeExecutor r = run;
        if (r != null && !r.state().isFinished()) {
            r.abort("station stopped");
        }
        DriverBinding b = binding;
        if (b != null && b.actuator != null) {
            enterSafeState(b, b.safeActionFor(SafeAction.HOLD));
        }
        for (Scheduled s : new Scheduled[] { loopTask, supervisorStarter, supervisorTask, dispatchTask }) {
            if (s != null) {
                s.cancel();
            }
        }
        dispatch();
        for (ListenerChannel c : listeners) {
            c.close();
        }
        listeners.clear();
    }

    // ------------------------------------------------------------------ driver binding

    /** Binds a driver (DS bind, or a harness). A second driver replaces the first without a gap. */
    public void bindDriver(PressDriver driver) {
        DriverBinding b;
        try {
            b = new DriverBinding(driver, cfg.cellAreaM2(), settings.actuationMode);
        } catch (RuntimeException e) {
            LOG.error("Station '{}' cannot use driver '{}': {}", cfg.id(), safeId(driver), e.getMessage());
            event(StationEventType.COMMAND_REFUSED, "driver '" + safeId(driver) + "' cannot be used: " + e.getMessage(),
                    Map.of());
            return;
        }
        lock.lock();
        try {
            DriverBinding old = binding;
            binding = b;
            if (b.mode == ActuationMode.RAW_OUTPUT) {
                configureGains(b);
            }
            supervisor.onBind(time.nanoTime());
            Map<String, Object> props = Map.of("driver", b.id, "ratingMPa", b.ratingPa / 1e6);
            if (old == null) {
                if (state == StationState.NO_DRIVER) {
                    event(StationEventType.GAP_ENDED, "driver '" + b.id + "' bound: recording resumes", props);
                }
                event(StationEventType.DRIVER_BOUND, "driver '" + b.id + "' bound (" + b.info.kind() + ", "
                        + (b.canActuate() ? "actuated, " + b.mode : "sense only") + ", " + b.ratingText + ")", props);
            } else {
                event(StationEventType.DRIVER_BOUND, "driver '" + b.id + "' replaces '" + old.id + "'", props);
            }
            Trip t = trip.get();
            if (t != null) {
                // Latched: the new device must not move either.
                if (b.actuator != null) {
                    enterSafeState(b, b.safeActionFor(t.action()));
                }
                setState(StationState.TRIPPED, "tripped: " + t.message() + "; reset to continue");
            } else if (!Double.isNaN(resumeTargetPa) && cfg.rebindPolicy() == RebindPolicy.RESUME && b.canActuate()) {
                resumePending = true;
                setState(StationState.HOLDING, String.format(Locale.ROOT,
                        "driver '%s' back: resuming the hold at %.3f MPa", b.id, resumeTargetPa / 1e6));
            } else if (b.canActuate()) {
                if (old == null) {
                    setState(StationState.IDLE, "idle on driver '" + b.id + "'");
                }
            } else {
                setState(StationState.MONITORING, "monitoring driver '" + b.id + "' (sense only)");
            }
        } finally {
            lock.unlock();
        }
    }

    /** Unbinds a driver (DS unbind). Puts it into the safe state while it is still usable. */
    public void unbindDriver(PressDriver driver) {
        lock.lock();
        try {
            DriverBinding b = binding;
            if (b == null || b.driver != driver) {
                return;
            }
            long now = time.nanoTime();
            if (b.actuator != null) {
                enterSafeState(b, b.safeActionFor(cfg.safeAction()));
            }
            binding = null;
            boolean wasControlling = controlling;
            if (controlling) {
                resumeTargetPa = setpoint.target();
            }
            controlling = false;
            resumePending = false;
            setpoint.clear();
            // How long from learning of the loss (this unbind) to the device being safe: the station's own figure.
            long safeAfterNanos = time.nanoTime() - now;
            event(StationEventType.DRIVER_LOST, "driver '" + b.id + "' went away: device left in "
                    + b.safeActionFor(cfg.safeAction()) + "; recording continues with the gap marked",
                    Map.of("driver", b.id, "safeStateAfterNanos", safeAfterNanos));
            event(StationEventType.GAP_STARTED, "no driver: samples are marked as a gap", Map.of("driver", b.id));
            if (wasControlling && cfg.rebindPolicy() == RebindPolicy.WAIT_FOR_OPERATOR) {
                latch(InterlockKind.DRIVER_LOST, "driver '" + b.id + "' lost while holding "
                        + fmt(resumeTargetPa / 1e6) + " MPa; an operator must reset the station", cfg.safeAction(), now);
            }
            setState(StationState.NO_DRIVER, "no driver: waiting for one matching " + cfg.driverFilter()
                    + (wasControlling && cfg.rebindPolicy() == RebindPolicy.RESUME
                            ? String.format(Locale.ROOT, " (will resume %.3f MPa)", resumeTargetPa / 1e6) : ""));
        } finally {
            lock.unlock();
        }
    }

    private void configureGains(DriverBinding b) {
        double tau = settings.closedLoopTimeS;
        double kp = settings.kpPerPa;
        if (kp <= 0) {
            double g = b.plantGainPaPerS;
            kp = g > 0 ? 1.0 / (g * tau) : 0.02 / 1e6;
        }
        double ti = settings.tiS > 0 ? settings.tiS : 4 * tau;
        pid.setGains(kp, ti, settings.tdS);
        LOG.info("Station '{}': PID kp={} /MPa, ti={} s, td={} s (plant gain {} MPa/s per unit output, feed-forward {})",
                cfg.id(), fmt(kp * 1e6), fmt(ti), fmt(settings.tdS), fmt(b.plantGainPaPerS / 1e6),
                b.model != null ? "from the driver's model" : "none");
    }

    // ------------------------------------------------------------------ the loop

    /**
     * One loop tick. A tick counts for the supervisor's loop watch only when it completes: a tick that
     * throws (a driver that fails, a class gone with a refreshed bundle) is as good as a loop that does
     * not run, and is held, then tripped, like one. Nothing escapes to the scheduler, so no failure can
     * end the loop's thread.
     */
    void loopTick() {
        long now = time.nanoTime();
        try {
            tick(now);
            lastTickNanos = now;
            tickFailures = 0;
        } catch (Throwable t) {
            tickFailed(t);
        }
    }

    private volatile long tickFailures;

    long tickFailuresForTest() {
        return tickFailures;
    }

    private void tickFailed(Throwable t) {
        tickFailures++;
        if (tickFailures == 1 || tickFailures % 1000 == 0) {
            try {
                LOG.error("Station '{}': control loop tick failed ({} in a row); the supervisor holds, then trips"
                        + " CONTROL_LOOP_STALLED after {} s", cfg.id(), tickFailures, settings.loopStallTripS, t);
            } catch (Throwable ignored) {
                // logging itself failed (out of memory, logging restarting): the loop watch still sees it
            }
        }
    }

    private void tick(long now) {
        periodStats(now);
        DriverBinding b = binding;
        if (b == null) {
            ring.put(now, Double.NaN, Double.NaN, setpoint.setpoint(), Double.NaN, Double.NaN, Double.NaN,
                    state.ordinal(), Quality.STALE.ordinal(), true);
            return;
        }
        Reading r;
        try {
            r = b.driver.read();
        } catch (RuntimeException e) {
            // The SPI says read() does not throw: a driver that does is faulty; make it safe.
            trip(InterlockKind.DEVICE_FAULT, "driver '" + b.id + "' read() threw " + e, Double.NaN, Double.NaN, now);
            throw e;
        }
        double p = b.pressureOf(r);
        double out = Double.NaN;
        boolean usable = r.quality().usableForControl() && !Double.isNaN(p);
        lock.lock();
        try {
            if (binding != b) {
                return;
            }
            lastQuality = r.quality();
            lastReadingNanos = r.timeNanos();
            if (usable) {
                lastPressure = p;
                lastForce = r.forceN();
                lastTemperature = r.temperatureK();
                lastPosition = r.positionM();
                pressureSum += p;
                pressureCount++;
            }
            if (lateHold) {
                endLateHold(now);
            }
            supervisor.check(now, b, r, p);
            Trip t = trip.get();
            if (t != null) {
                StationState tripState = t.interlock() == InterlockKind.EMERGENCY_STOP ? StationState.EMERGENCY_STOPPED
                        : StationState.TRIPPED;
                if (state != tripState) {
                    setState(tripState, "tripped: " + t.message());
                }
            }
            if (t == null && usable && b.actuator != null) {
                if (resumePending) {
                    resumePending = false;
                    startControl(p, resumeTargetPa, cfg.defaultRatePaPerS());
                    resumeTargetPa = Double.NaN;
                }
                if (controlling) {
                    out = control(b, p, now);
                }
            }
            if (t == null && operatorWaiting && state != StationState.WAITING_FOR_OPERATOR) {
                setState(StationState.WAITING_FOR_OPERATOR, message);
            }
        } finally {
            lock.unlock();
        }
        if (!Double.isNaN(out)) {
            lastOutput = out;
        }
        ring.put(now, usable ? p : Double.NaN, r.forceN(), setpoint.setpoint(), out, r.temperatureK(), r.positionM(),
                state.ordinal(), r.quality().ordinal(), !usable);
        long work = time.nanoTime() - now;
        workNanosTotal += work;
        workTicks++;
        if (work > workNanosMax) {
            workNanosMax = work;
        }
    }

    private volatile long workNanosTotal;
    private volatile long workTicks;
    private volatile long workNanosMax;

    /**
     * Loop statistics for diagnosis and benchmarks: ticks with a driver, mean and max time spent in a
     * tick (driver read, supervisor, controller, command, ring), nanoseconds; and samples dropped.
     */
    public long[] loopWorkStats() {
        long n = workTicks;
        return new long[] { n, n == 0 ? 0 : workNanosTotal / n, workNanosMax, droppedSamples() };
    }

    /** One control step: setpoint, supervisor check, output. Under lock; allocation-free except the SPI's command record. */
    private double control(DriverBinding b, double p, long now) {
        double value;
        if (approaching) {
            if (p < CONTACT_PA) {
                setpoint.hold(p > 0 ? p : 0);
                value = approachOutput(b);
                send(b, value);
                return value;
            }
            approaching = false;
            setpoint.hold(p);
            setpoint.start(p, approachTarget, approachRate);
            bumpless = true;
            setState(StationState.RAMPING, String.format(Locale.ROOT, "contact at %.3f MPa: ramping to %.3f MPa",
                    p / 1e6, approachTarget / 1e6));
        }
        double recover = settings.maxStepPa > 0 ? settings.maxStepPa : 0.5e6;
        if (setpoint.setpoint() - p > recover && b.mode == ActuationMode.RAW_OUTPUT) {
            // Far below the setpoint (a vent, a leak, a reseated relief valve): never recover faster than
            // the rate limit; the setpoint restarts from the measurement and ramps back at the default rate.
            double target = setpoint.target();
            setpoint.hold(p);
            setpoint.start(p, target, cfg.defaultRatePaPerS());
            bumpless = true;
        }
        double sp = setpoint.step(dt);
        double limit = maxPressurePa(b);
        if (sp > limit) {
            // Limits narrowed under a running command (a lower-rated driver, a recipe limit): never command beyond.
            setpoint.hold(limit);
            sp = limit;
        }
        if (state == StationState.RAMPING && setpoint.atTarget()) {
            setState(StationState.HOLDING, String.format(Locale.ROOT, "holding %.3f MPa", sp / 1e6));
        }
        if (b.mode == ActuationMode.RAW_OUTPUT) {
            double ff = 0;
            if (b.model != null) {
                ff = b.model.outputFor(sp * b.cellAreaM2, setpoint.velocity() * b.cellAreaM2);
            }
            if (bumpless) {
                bumpless = false;
                resumeFromLateHold = false;
                // The feed-forward carries the motion; the integrator starts empty (no stored correction).
                pid.reset(p, 0);
            } else if (resumeFromLateHold) {
                resumeFromLateHold = false;
                // The device kept its load while held: keep the stored correction, restart the derivative.
                pid.reset(p, pid.integral());
            }
            value = pid.update(sp, p, ff, dt);
        } else {
            value = b.commandValueFor(sp);
        }
        send(b, value);
        return value;
    }

    private double approachTarget;
    private double approachRate;

    /** Output that closes the gap no faster than the station's maximum rate would load the stack on contact. */
    private double approachOutput(DriverBinding b) {
        return b.plantGainPaPerS > 0 ? Math.min(1, Math.max(0.005, cfg.maxRatePaPerS() / b.plantGainPaPerS)) : 0.05;
    }

    private void send(DriverBinding b, double value) {
        commandLock.lock();
        try {
            if (trip.get() != null) {
                return;
            }
            switch (b.mode) {
                case RAW_OUTPUT:
                    b.actuator.command(ActuatorCommand.raw(value));
                    break;
                case FORCE_SETPOINT:
                    b.actuator.command(ActuatorCommand.force(value));
                    break;
                default:
                    b.actuator.command(ActuatorCommand.pressure(value));
                    break;
            }
        } catch (RuntimeException e) {
            // A driver refusing a command is a device fault: make it safe rather than carry on blind.
            commandLock.unlock();
            try {
                trip(InterlockKind.DEVICE_FAULT, "driver '" + b.id + "' refused a command: " + e.getMessage(), Double.NaN,
                        Double.NaN, time.nanoTime());
            } finally {
                commandLock.lock();
            }
        } finally {
            commandLock.unlock();
        }
    }

    private void periodStats(long now) {
        ticksInWindow++;
        if (now - windowStartNanos >= 1_000_000_000L) {
            achievedRateHz = ticksInWindow * 1e9 / (now - windowStartNanos);
            ticksInWindow = 0;
            windowStartNanos = now;
        }
    }

    /** Start time of the last loop tick that completed. */
    long lastTickNanos() {
        return lastTickNanos;
    }

    /**
     * The supervisor's answer to a late loop (its own thread): puts the actuator in HOLD while the loop
     * is away, without latching. The loop takes over again on its next tick ({@link #endLateHold}).
     * Returns whether it held.
     */
    boolean holdForLateLoop(long now, long holdAfterNanos) {
        DriverBinding b = binding;
        if (b == null || b.actuator == null || !b.actuator.safeActions().contains(SafeAction.HOLD)) {
            return false; // no HOLD on this device: only the latched trip applies
        }
        commandLock.lock();
        try {
            long silence = time.nanoTime() - lastTickNanos;
            if (lateHold || !controlling || trip.get() != null || binding != b || silence <= holdAfterNanos) {
                return false; // the loop came back (or stopped controlling) meanwhile
            }
            b.actuator.enterSafeState(SafeAction.HOLD);
            lateHold = true;
            lateHoldSinceNanos = now;
            // Posted under commandLock: the loop's "back" event (endLateHold takes the lock first) comes after it.
            double lateS = (now - lastTickNanos) / 1e9;
            event(StationEventType.LOOP_LATE, String.format(Locale.ROOT,
                    "control loop late: not run for %.3f s (hold after %.3f s): supervisor put '%s' in HOLD until the loop"
                            + " returns; trips CONTROL_LOOP_STALLED after %.3f s", lateS, holdAfterNanos / 1e9, b.id,
                    settings.loopStallTripS), Map.of("lateS", lateS, "action", "HOLD"));
        } catch (RuntimeException e) {
            LOG.error("Station '{}': driver '{}' failed to enter HOLD for a late loop: {}", cfg.id(), b.id, e.toString());
            return false;
        } finally {
            commandLock.unlock();
        }
        return true;
    }

    /** Loop thread, under lock: the loop is back after a late hold; control resumes bumpless. */
    private void endLateHold(long now) {
        commandLock.lock();
        try {
            lateHold = false;
        } finally {
            commandLock.unlock();
        }
        resumeFromLateHold = true;
        double heldS = (now - lateHoldSinceNanos) / 1e9;
        boolean tripped = trip.get() != null;
        event(StationEventType.LOOP_LATE, String.format(Locale.ROOT, tripped
                ? "control loop back after %.3f s in HOLD; the station is tripped, the device stays in its safe state"
                : "control loop back after %.3f s in HOLD: control resumed (bumpless)", heldS), Map.of("heldS", heldS,
                        "action", tripped ? "TRIPPED" : "RESUMED"));
    }

    // ------------------------------------------------------------------ trips and safe states

    /** Trips an interlock (latched): safe state first, then state and events. Idempotent; the first trip wins. */
    void trip(InterlockKind kind, String why, double value, double limit, long now) {
        DriverBinding b = binding;
        SafeAction wanted;
        switch (kind) {
            case EMERGENCY_STOP:
                wanted = SafeAction.STOP;
                break;
            case FORCE_DROP:
            case RUNAWAY_TRAVEL:
                wanted = SafeAction.HOLD;
                break;
            default:
                wanted = cfg.safeAction();
        }
        SafeAction action = b != null ? b.safeActionFor(wanted) : wanted;
        Trip t = new Trip(kind, why, action, time.now());
        if (!trip.compareAndSet(null, t)) {
            // The first trip wins, except that an emergency stop takes precedence over a lesser latched trip:
            // the operator's STOP must show, and act, even on a station that is already tripped.
            Trip earlier = trip.get();
            if (kind != InterlockKind.EMERGENCY_STOP || earlier == null || earlier.interlock() == InterlockKind.EMERGENCY_STOP) {
                return;
            }
            t = new Trip(kind, why + " (station was already tripped: " + earlier.interlock() + ": " + earlier.message() + ")",
                    action, t.time());
            if (!trip.compareAndSet(earlier, t)) {
                return;
            }
            supersededTrip = earlier;
            why = t.message();
        }
        tripTimeNanos = now;
        if (b != null && b.actuator != null) {
            enterSafeState(b, action);
        }
        Map<String, Object> props = new HashMap<>();
        props.put("interlock", kind.name());
        props.put("action", action.name());
        if (!Double.isNaN(value)) {
            props.put("value", value);
        }
        if (!Double.isNaN(limit)) {
            props.put("limit", limit);
        }
        LOG.warn("Station '{}' tripped {}: {} -> {}", cfg.id(), kind, why, b != null && b.actuator != null ? action : "alarm only (no actuator)");
        event(StationEventType.INTERLOCK_TRIPPED, kind + ": " + why + (b != null && b.actuator != null
                ? "; device in " + action : "; sense-only device: alarm only, the operator must act"), props);
        if (lock.tryLock()) {
            try {
                controlling = false;
                operatorWaiting = false;
                if (binding != null) {
                    setState(kind == InterlockKind.EMERGENCY_STOP ? StationState.EMERGENCY_STOPPED : StationState.TRIPPED,
                            "tripped: " + why);
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** A latch without a device to make safe (driver gone). */
    private void latch(InterlockKind kind, String why, SafeAction action, long now) {
        Trip t = new Trip(kind, why, action, time.now());
        if (trip.compareAndSet(null, t)) {
            tripTimeNanos = now;
            event(StationEventType.INTERLOCK_TRIPPED, kind + ": " + why, Map.of("interlock", kind.name()));
        }
    }

    private void enterSafeState(DriverBinding b, SafeAction action) {
        commandLock.lock();
        try {
            b.actuator.enterSafeState(action);
        } catch (RuntimeException e) {
            LOG.error("Station '{}': driver '{}' failed to enter {}: {}", cfg.id(), b.id, action, e.toString());
        } finally {
            commandLock.unlock();
        }
    }

    long tripTimeNanos() {
        return tripTimeNanos;
    }

    // ------------------------------------------------------------------ commands

    @Override
    public void ramp(double targetPa, double ratePaPerS) throws CommandRefusedException {
        command("ramp", targetPa, ratePaPerS, false, false);
    }

    @Override
    public void hold(double targetPa) throws CommandRefusedException {
        command("hold", targetPa, Double.NaN, false, false);
    }

    @Override
    public void release(double targetPa, double ratePaPerS) throws CommandRefusedException {
        command("release", targetPa, ratePaPerS, true, false);
    }

    /** The recipe executor's way in: the same checks, but the running recipe does not count as busy. */
    void recipeCommand(String what, double targetPa, double ratePaPerS, boolean release) throws CommandRefusedException {
        command(what, targetPa, ratePaPerS, release, true);
    }

    private void command(String what, double targetPa, double ratePaPerS, boolean release, boolean fromRecipe)
            throws CommandRefusedException {
        if (targetPa < 0 && targetPa >= -settings.zeroBandPa) {
            // "Hold what is there" on an unloaded cell reads a little below 0 (load-cell noise): that is 0.
            targetPa = 0;
        }
        lock.lock();
        try {
            DriverBinding b = binding;
            String refusal = refusal(what, targetPa, ratePaPerS, release, fromRecipe, b);
            if (refusal != null) {
                event(StationEventType.COMMAND_REFUSED, refusal, Map.of("command", what));
                throw new CommandRefusedException(refusal);
            }
            double rate = ratePaPerS;
            double from = controlling ? setpoint.setpoint() : lastPressure;
            if ("hold".equals(what) || "recipe hold".equals(what)) {
                rate = Math.abs(targetPa - from) > settings.maxStepPa ? cfg.defaultRatePaPerS() : Double.NaN;
            }
            startControl(lastPressure, targetPa, rate);
        } finally {
            lock.unlock();
        }
    }

    /** Under lock: begins (bumpless) or redirects closed-loop control. NaN rate = step at once. */
    private void startControl(double measuredPa, double targetPa, double ratePaPerS) {
        if (!controlling) {
            setpoint.clear();
            setpoint.hold(measuredPa);
            bumpless = true;
            controlling = true;
        }
        approaching = false;
        DriverBinding b = binding;
        if (b != null && b.mode == ActuationMode.RAW_OUTPUT && measuredPa < CONTACT_PA && targetPa > CONTACT_PA) {
            approaching = true;
            approachTarget = targetPa;
            approachRate = Double.isNaN(ratePaPerS) ? cfg.defaultRatePaPerS() : ratePaPerS;
            setpoint.hold(Math.max(0, measuredPa));
            setState(StationState.RAMPING, String.format(Locale.ROOT, "approaching the stack (contact at %.1f MPa), then %.3f MPa",
                    CONTACT_PA / 1e6, targetPa / 1e6));
            return;
        }
        if (Double.isNaN(ratePaPerS)) {
            setpoint.hold(targetPa);
            setState(StationState.HOLDING, String.format(Locale.ROOT, "holding %.3f MPa", targetPa / 1e6));
        } else {
            setpoint.start(measuredPa, targetPa, ratePaPerS);
            setState(StationState.RAMPING, String.format(Locale.ROOT, "ramping to %.3f MPa at %.2f MPa/s",
                    targetPa / 1e6, ratePaPerS / 1e6));
        }
    }

    /** Why a command may not run, or null. Every limit is named with its value. Under lock. */
    private String refusal(String what, double targetPa, double ratePaPerS, boolean release, boolean fromRecipe,
            DriverBinding b) {
        String head = String.format(Locale.ROOT, "station '%s': %s to %.3f MPa refused: ", cfg.id(), what, targetPa / 1e6);
        if (closed) {
            return head + "station is stopped";
        }
        if (b == null) {
            return head + "driver absent (no driver matches " + cfg.driverFilter() + ")";
        }
        Trip t = trip.get();
        if (t != null) {
            return head + "station is tripped (" + t.interlock() + ": " + t.message() + "); reset it first";
        }
        if (!b.canActuate()) {
            return head + "driver '" + b.id + "' cannot actuate (" + b.info.kind() + ", sense only): use an operator step";
        }
        RecipeExecutor r = run;
        if (!fromRecipe && r != null && !r.state().isFinished()) {
            return head + "station busy: recipe '" + r.recipe().name() + "' owns it (pause or abort it first)";
        }
        if (!Double.isFinite(targetPa)) {
            return head + "target is not a number";
        }
        if (targetPa < 0) {
            return head + String.format(Locale.ROOT, "target below 0 MPa (more than the zero band %.3f MPa below)",
                    settings.zeroBandPa / 1e6);
        }
        PressureLimits lim = limits();
        if (targetPa > lim.maxPressurePa()) {
            return head + String.format(Locale.ROOT, "above the limit %.3f MPa (%s)", lim.maxPressurePa() / 1e6,
                    lim.maxPressureSource());
        }
        if (!Double.isNaN(ratePaPerS)) {
            if (!(ratePaPerS > 0)) {
                return head + String.format(Locale.ROOT, "rate %.3f MPa/s must be positive", ratePaPerS / 1e6);
            }
            if (ratePaPerS > lim.maxRatePaPerS()) {
                return head + String.format(Locale.ROOT, "rate %.3f MPa/s above the limit %.3f MPa/s (station maxRateMPaPerS)",
                        ratePaPerS / 1e6, lim.maxRatePaPerS() / 1e6);
            }
        }
        if (Double.isNaN(lastPressure)) {
            return head + "no valid reading from driver '" + b.id + "' yet";
        }
        double silentS = (time.nanoTime() - lastTickNanos) / 1e9;
        if (silentS > settings.loopStallTripS) {
            // Never accept a command nobody would carry out (a loop that stopped or never ran).
            return head + String.format(Locale.ROOT, "control loop has not run for %.3f s (limit loopStallTripS %.3f s)",
                    silentS, settings.loopStallTripS);
        }
        if (release) {
            double from = controlling ? setpoint.target() : lastPressure;
            if (targetPa > from + 1e3) {
                return head + String.format(Locale.ROOT, "release only lowers the pressure (now %.3f MPa); use ramp",
                        from / 1e6);
            }
        }
        return null;
    }

    @Override
    public void emergencyStop(String reason) {
        String why = "emergency stop" + (reason == null || reason.isBlank() ? "" : ": " + reason);
        trip(InterlockKind.EMERGENCY_STOP, why, Double.NaN, Double.NaN, time.nanoTime());
        RecipeExecutor r = run;
        if (r != null) {
            r.fail("emergency stop");
        }
    }

    @Override
    public void reset() throws CommandRefusedException {
        lock.lock();
        try {
            Trip t = trip.get();
            if (t == null) {
                return;
            }
            DriverBinding b = binding;
            String cause = supervisor.persistingCause(t.interlock(), b);
            Trip earlier = supersededTrip;
            if (cause == null && earlier != null) {
                cause = supervisor.persistingCause(earlier.interlock(), b);
            }
            if (cause != null) {
                String msg = "station '" + cfg.id() + "': reset refused: " + cause;
                event(StationEventType.COMMAND_REFUSED, msg, Map.of("command", "reset"));
                throw new CommandRefusedException(msg);
            }
            trip.set(null);
            supersededTrip = null;
            supervisor.onReset(time.nanoTime());
            resumeTargetPa = Double.NaN;
            controlling = false;
            event(StationEventType.INTERLOCK_RESET, t.interlock() + " reset", Map.of("interlock", t.interlock().name()));
            if (b == null) {
                setState(StationState.NO_DRIVER, "no driver: waiting for one matching " + cfg.driverFilter());
            } else if (b.canActuate() && !Double.isNaN(lastPressure) && lastQuality.usableForControl()) {
                // Hold what is there now: a reset never moves the press by itself.
                startControl(lastPressure, lastPressure, Double.NaN);
            } else {
                setState(b.canActuate() ? StationState.IDLE : StationState.MONITORING, "reset");
            }
        } finally {
            lock.unlock();
        }
    }

    /** Freezes the setpoint where it is (pause, abort, failed condition). */
    void holdPresent() {
        lock.lock();
        try {
            if (controlling) {
                setpoint.hold(setpoint.setpoint());
                setState(StationState.HOLDING, String.format(Locale.ROOT, "holding %.3f MPa", setpoint.setpoint() / 1e6));
            }
        } finally {
            lock.unlock();
        }
    }

    void setOperatorWaiting(boolean waiting, String text) {
        lock.lock();
        try {
            operatorWaiting = waiting;
            if (waiting) {
                setState(StationState.WAITING_FOR_OPERATOR, text);
            } else if (state == StationState.WAITING_FOR_OPERATOR) {
                DriverBinding b = binding;
                setState(controlling ? StationState.HOLDING
                        : b != null && !b.canActuate() ? StationState.MONITORING : StationState.IDLE, "operator step done");
            }
        } finally {
            lock.unlock();
        }
    }

    void setRecipeLimit(double pa, String name) {
        lock.lock();
        try {
            recipeLimitPa = pa;
            recipeLimitName = name;
        } finally {
            lock.unlock();
        }
    }

    /** The sums of measured pressure so far: [sum, count]. */
    double[] pressureSums() {
        lock.lock();
        try {
            return new double[] { pressureSum, pressureCount };
        } finally {
            lock.unlock();
        }
    }

    void setState(StationState s, String msg) {
        StationState old = state;
        state = s;
        message = msg;
        if (old != s) {
            event(StationEventType.STATE_CHANGED, s + ": " + msg, Map.of("from", old.name(), "to", s.name()));
        }
    }

    // ------------------------------------------------------------------ queries

    @Override
    public String id() {
        return cfg.id();
    }

    @Override
    public StationConfig config() {
        return cfg;
    }

    DriverBinding binding() {
        return binding;
    }

    @Override
    public StationStatus status() {
        DriverBinding b = binding;
        ConnectionState conn = null;
        if (b != null) {
            try {
                conn = b.driver.health().state();
            } catch (RuntimeException e) {
                conn = ConnectionState.FAULT;
            }
        }
        double sp = setpoint.setpoint();
        double target = setpoint.target();
        return new StationStatus(cfg.id(), time.now(), state, b == null ? null : b.id, conn,
                b == null ? Double.NaN : lastPressure, b == null ? Double.NaN : lastForce, sp, target, lastOutput,
                lastTemperature, b == null ? Quality.STALE : lastQuality, trip.get(), message, achievedRateHz);
    }

    @Override
    public PressureLimits limits() {
        DriverBinding b = binding;
        double max = cfg.fixtureRatingPa();
        String src = String.format(Locale.ROOT, "fixture rating %.1f MPa", max / 1e6);
        if (b != null && b.ratingPa < max) {
            max = b.ratingPa;
            src = b.ratingText;
        }
        double recipe = recipeLimitPa;
        if (!Double.isNaN(recipe) && recipe < max) {
            max = recipe;
            src = String.format(Locale.ROOT, "recipe '%s' limit %.1f MPa", recipeLimitName, recipe / 1e6);
        }
        return new PressureLimits(max, src, cfg.maxRatePaPerS());
    }

    double maxPressurePa(DriverBinding b) {
        double max = cfg.fixtureRatingPa();
        if (b != null && b.ratingPa < max) {
            max = b.ratingPa;
        }
        double recipe = recipeLimitPa;
        if (!Double.isNaN(recipe) && recipe < max) {
            max = recipe;
        }
        return max;
    }

    @Override
    public List<InterlockStatus> interlocks() {
        return supervisor.statuses();
    }

    @Override
    public List<StationSample> history(double seconds) {
        long from = time.nanoTime() - TimeSource.seconds(seconds);
        List<StationSample> out = new ArrayList<>();
        synchronized (history) {
            for (StationSample s : history) {
                if (s.timeNanos() >= from) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ recipes

    @Override
    public RecipeRun start(Recipe recipe) throws CommandRefusedException {
        lock.lock();
        try {
            RecipeExecutor r = run;
            if (r != null && !r.state().isFinished()) {
                throw refused("start of recipe '" + recipe.name() + "' refused: station busy with recipe '"
                        + r.recipe().name() + "' (" + r.state() + ")");
            }
            Trip t = trip.get();
            if (t != null) {
                throw refused("start of recipe '" + recipe.name() + "' refused: station is tripped (" + t.interlock() + ": "
                        + t.message() + "); reset it first");
            }
            DryRunReport report = dryRun(recipe);
            if (!report.ok()) {
                throw refused("recipe '" + recipe.name() + "' refused by the dry run: " + String.join("; ", report.violations()));
            }
            RecipeExecutor exec = new RecipeExecutor(this, recipe, report.estimatedSeconds());
            run = exec;
            exec.begin();
            return exec;
        } finally {
            lock.unlock();
        }
    }

    private CommandRefusedException refused(String msg) {
        String m = "station '" + cfg.id() + "': " + msg;
        event(StationEventType.COMMAND_REFUSED, m, Map.of("command", "start"));
        return new CommandRefusedException(m);
    }

    @Override
    public Optional<RecipeRun> run() {
        return Optional.ofNullable(run);
    }

    @Override
    public DryRunReport dryRun(Recipe recipe) {
        return DryRun.check(this, recipe);
    }

    @Override
    public void acknowledgeOperator() throws CommandRefusedException {
        RecipeExecutor r = run;
        if (r == null || !r.acknowledge()) {
            String msg = "station '" + cfg.id() + "': nothing to acknowledge (no operator step is waiting)";
            event(StationEventType.COMMAND_REFUSED, msg, Map.of("command", "acknowledge"));
            throw new CommandRefusedException(msg);
        }
    }

    // ------------------------------------------------------------------ events and dispatch

    void event(StationEventType type, String msg, Map<String, Object> props) {
        pendingEvents.add(new StationEvent(cfg.id(), time.now(), type, msg, props));
        if (type == StationEventType.INTERLOCK_TRIPPED || type == StationEventType.DRIVER_LOST
                || type == StationEventType.COMMAND_REFUSED || type == StationEventType.LOOP_LATE) {
            LOG.info("Station '{}' {}: {}", cfg.id(), type, msg);
        } else {
            LOG.debug("Station '{}' {}: {}", cfg.id(), type, msg);
        }
    }

    public void addListener(StationListener l) {
        ListenerChannel c = new ListenerChannel(l, cfg.id(), time);
        listeners.add(c);
    }

    public void removeListener(StationListener l) {
        for (ListenerChannel c : listeners) {
            if (c.listener == l) {
                listeners.remove(c);
                c.close();
            }
        }
    }

    /** Where EventAdmin events go (topic, properties); null for none. */
    public void setEventPoster(BiConsumer<String, Map<String, Object>> poster) {
        this.eventPoster = poster;
    }

    /** Samples dropped for listeners and by the ring (a slow dispatcher). */
    public long droppedSamples() {
        long n = ring.dropped();
        for (ListenerChannel c : listeners) {
            n += c.dropped();
        }
        return n;
    }

    private final StationState[] states = StationState.values();
    private final Quality[] qualities = Quality.values();

    /** Dispatcher schedule: ring to samples, history, listeners and EventAdmin; then events. */
    void dispatch() {
        StationEvent e;
        List<StationEvent> events = new ArrayList<>();
        while ((e = pendingEvents.poll()) != null) {
            events.add(e);
        }
        // Events first: a trip event must not wait behind a batch of samples.
        for (StationEvent ev : events) {
            for (ListenerChannel c : listeners) {
                c.offerEvent(ev);
            }
            BiConsumer<String, Map<String, Object>> poster = eventPoster;
            if (poster != null) {
                Map<String, Object> props = new HashMap<>(ev.properties());
                props.put("station.id", ev.stationId());
                props.put("type", ev.type().name());
                props.put("message", ev.message());
                props.put("timestamp", ev.time().toEpochMilli());
                poster.accept(org.presslab.control.api.StationTopics.EVENT, props);
            }
        }
        ring.drain(this::deliverSample);
        long drops = droppedSamples();
        if (drops > lastReportedDrops + 1000) {
            lastReportedDrops = drops;
            event(StationEventType.SAMPLES_DROPPED, drops + " samples dropped for slow consumers", Map.of("dropped", drops));
        }
    }

    private void deliverSample(long t, double p, double f, double sp, double out, double temp, double pos, int st, int q,
            boolean g) {
        StationSample s = new StationSample(cfg.id(), t, epoch0.plusNanos(t - epochNanos0), p, f, sp, out, temp,
                states[st], qualities[q], g);
        synchronized (history) {
            if (historyCapacity > 0) {
                if (history.size() >= historyCapacity) {
                    history.pollFirst();
                }
                history.addLast(s);
            }
        }
        for (ListenerChannel c : listeners) {
            c.offerSample(s);
        }
        BiConsumer<String, Map<String, Object>> poster = eventPoster;
        long minGap = Math.round(1e9 / org.presslab.control.api.StationTopics.SAMPLE_RATE_HZ);
        if (poster != null && t - lastPostedSampleNanos >= minGap) {
            lastPostedSampleNanos = t;
            Map<String, Object> props = new HashMap<>();
            props.put("station.id", cfg.id());
            props.put("timestamp", s.time().toEpochMilli());
            props.put("pressurePa", p);
            props.put("forceN", f);
            props.put("setpointPa", sp);
            props.put("output", out);
            props.put("temperatureK", temp);
            props.put("state", s.state().name());
            props.put("quality", s.quality().name());
            props.put("gap", g);
            poster.accept(org.presslab.control.api.StationTopics.SAMPLE, props);
        }
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    private static String safeId(PressDriver d) {
        try {
            return d.id();
        } catch (RuntimeException e) {
            return String.valueOf(d);
        }
    }

    boolean isClosed() {
        return closed;
    }
}
