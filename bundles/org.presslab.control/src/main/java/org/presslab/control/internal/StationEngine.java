package org.presslab.control.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;

import org.presslab.analyzer.api.Analyzer;
import org.presslab.control.StandaloneStation;
import org.presslab.control.api.Actor;
import org.presslab.control.api.CommandRefusedException;
import org.presslab.control.api.DryRunReport;
import org.presslab.control.api.InterlockKind;
import org.presslab.control.api.InterlockStatus;
import org.presslab.control.api.PressureLimits;
import org.presslab.control.api.RebindPolicy;
import org.presslab.control.api.Recipe;
import org.presslab.control.api.RecipeRun;
import org.presslab.control.api.Station;
import org.presslab.control.api.StationCommands;
import org.presslab.control.api.StationConfig;
import org.presslab.control.api.StationEvent;
import org.presslab.control.api.StationEventType;
import org.presslab.control.api.StationListener;
import org.presslab.control.api.StationSample;
import org.presslab.control.api.StationState;
import org.presslab.control.api.StationStatus;
import org.presslab.control.api.Trip;
import org.presslab.impedance.api.CircuitFitter;
import org.presslab.impedance.api.KramersKronig;
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
 * A station without OSGi: control loop, safety supervisor, recipe executor and sample dispatch for
 * one cell fixture. The DS component {@link StationComponent} wraps it; the command-line tool and the
 * tests use it directly.
 *
 * <h2>Threading model</h2>
 * <ul>
 * <li><b>One owner.</b> The station's control state (setpoint, controller, recipe, binding changes) is
 * changed only while holding {@link #owner}. The control loop holds it for each tick and runs the recipe
 * executor inside that tick; front-end commands take it for a few microseconds with a bounded wait
 * ({@value #COMMAND_WAIT_MS} ms: a loop blocked in a driver makes a command fail with a reason, never
 * hang). Nothing that holds the owner lock takes another lock, so there is no lock order to get wrong.</li>
 * <li><b>Readers</b> ({@link #status()}, the supervisor, the web page) read immutable values the owner
 * publishes ({@link ControlView}, volatile fields) and never take the lock.</li>
 * <li><b>Safety paths take no lock.</b> A trip or an emergency stop sets the latch with a compare-and-set
 * ({@link TripLatch}), after which the loop sends nothing; the device is put into its safe state by the
 * {@link SafeStateActor}, which waits on a driver at most {@code safeStateTimeoutS} and then escalates.
 * A command already on its way when a trip lands is followed by the safe action again, so the trip is
 * always the last word.</li>
 * <li><b>Own schedules</b>: the loop ({@code loopRateHz}), the supervisor (same rate, half a period out
 * of phase; reads the driver itself), the loop watch (same rate; touches no driver and no lock), the
 * dispatcher (50 Hz) and one delivery schedule per listener.</li>
 * </ul>
 */
public final class StationEngine implements StandaloneStation, SafetySupervisor.Supervised, LoopWatch.Watched {

    /** The actor of the commands issued without one (the actor-less {@link Station} methods). */
    static final Actor UNKNOWN_ACTOR = Actor.system("unknown");

    private static final Logger LOG = LoggerFactory.getLogger(StationEngine.class);
    static final double DISPATCH_HZ = 50;
    static final double RECIPE_TICK_HZ = 10;
    /** Longest a front-end command waits for the owner lock. */
    static final long COMMAND_WAIT_MS = 1000;
    /** Below this pressure the force-drop and runaway interlocks do not look (not under load). */
    static final double UNDER_LOAD_PA = SafetySupervisor.UNDER_LOAD_PA;
    /** Pressure that counts as contact with the stack, Pa. */
    static final double CONTACT_PA = 0.3e6;
    /** Above this the press counts as loaded: plant changes of the configuration are refused. */
    static final double LOADED_PA = 0.5e6;

    volatile StationSettings settings;
    volatile StationConfig cfg;
    final TimeSource time;
    private volatile long periodNanos;
    private volatile double dt;

    /** The owner lock, see the class comment. */
    final ReentrantLock owner = new ReentrantLock();

    private volatile DriverBinding binding;
    /** Drivers that match but are not in use (the station stays on the device it runs on). */
    private final CopyOnWriteArrayList<PressDriver> candidates = new CopyOnWriteArrayList<>();
    final TripLatch latch;
    final SafeStateActor safety;
    private volatile StationState state;
    private volatile String message = "";
    /** A device with another identity than the commissioned one is bound: waiting for an operator reset. */
    private volatile String awaitingDevice;
    /** Why the last configuration update was invalid, or null. */
    private volatile String configProblem;

    // Control state: owner only.
    final SetpointGenerator setpoint = new SetpointGenerator();
    final PidController pid = new PidController();
    private boolean controlling;
    private boolean operatorWaiting;
    private boolean resumePending;
    private double resumeTargetPa = Double.NaN;
    private double recipeLimitPa = Double.NaN;
    private String recipeLimitName = "";
    /** The limits in force, recomputed only when what they depend on changes (binding, recipe, configuration). */
    private volatile PressureLimits limits;
    private boolean bumpless;
    private boolean approaching;
    private long approachSinceNanos;
    private double approachStartPositionM = Double.NaN;
    private double approachTarget;
    private double approachRate;

    private boolean resumeFromLateHold;
    private boolean heating;
    private long lastRecipeTickNanos = Long.MIN_VALUE;
    private volatile ControlView view = ControlView.IDLE;

    /** The loop watch and the stall policy. */
    private final LoopWatch watch = new LoopWatch(this);
    /** The loop watch put the actuator in HOLD because the loop was late (not latched). */
    final AtomicBoolean lateHold = watch.lateHold;

    // Last values (written by the loop, read anywhere).
    volatile double lastPressure = Double.NaN;
    volatile double lastForce = Double.NaN;
    volatile double lastTemperature = Double.NaN;
    volatile double lastPosition = Double.NaN;
    volatile double lastOutput = Double.NaN;
    volatile Quality lastQuality = Quality.STALE;
    /** Running sums of the measured pressure, for means over any interval (owner). */
    private double pressureSum;
    private long pressureCount;

    final SafetySupervisor supervisor;
    /** The analyzer, fitter and EIS thread recipe steps measure impedance with (#9). */
    final EisInstruments eis;
    final SampleRing ring = new SampleRing(8192);
    private final StationDispatcher dispatcher;

    private volatile long lastTickNanos;
    private long ticksInWindow;
    private long windowStartNanos;
    volatile double achievedRateHz = Double.NaN;


    volatile Scheduled loopTask;
    private volatile Scheduled supervisorTask;
    private volatile Scheduled watchTask;
    private volatile Scheduled supervisorStarter;
    private Scheduled dispatchTask;
    volatile RecipeExecutor run;
    private volatile boolean closed;

    public StationEngine(StationSettings settings, TimeSource time) {
        this(settings, time, null);
    }

    /**
     * @param latchFolder where the latch record is kept across restarts (the runtime's data folder), or
     *        null to keep it in memory only
     */
    public StationEngine(StationSettings settings, TimeSource time, Path latchFolder) {
        this.settings = settings;
        this.cfg = settings.config();
        this.time = time;
        this.periodNanos = settings.loopPeriodNanos();
        this.dt = periodNanos / 1e9;
        this.dispatcher = new StationDispatcher(settings.config().id(), time, ring, capacity(settings));
        this.safety = new SafeStateActor(cfg.id(), settings.safeStateTimeoutS, this::event);
        this.latch = new TripLatch(new LatchStore(latchFolder, cfg.id()));
        this.supervisor = new SafetySupervisor(this);
        this.eis = new EisInstruments(cfg.id());
        refreshLimits();
        Trip restored = latch.get();
        if (restored != null) {
            state = restored.interlock() == InterlockKind.EMERGENCY_STOP ? StationState.EMERGENCY_STOPPED : StationState.TRIPPED;
            message = "latched before the restart: " + restored.interlock() + ": " + restored.message() + "; reset to continue";
            LOG.warn("Station '{}' restored a latched {} from {}: {}", cfg.id(), restored.interlock(), latch.file(), restored.message());
            event(StationEventType.INTERLOCK_TRIPPED, restored.interlock() + " (restored after a restart): " + restored.message(),
                    Map.of("interlock", restored.interlock().name(), "action", restored.action().name(), "restored", true));
        } else {
            state = StationState.NO_DRIVER;
            message = "waiting for a driver matching " + cfg.driverFilter();
        }
    }

    private static int capacity(StationSettings s) {
        return (int) Math.min(2_000_000, Math.ceil(s.historyS * s.config().loopRateHz()));
    }

    /** Starts the loop, the supervisor, the loop watch and the dispatcher. */
    @Override
    public void start() {
        long now = time.nanoTime();
        lastTickNanos = now;
        windowStartNanos = now;
        loopTask = time.scheduleAtFixedRate("presslab-loop-" + cfg.id(), periodNanos, this::loopTick);
        watchTask = time.scheduleAtFixedRate("presslab-watch-" + cfg.id(), periodNanos, this::watchLoop);
        // Half a period out of phase with the loop: between them a fault is seen within half a period.
        startSupervisor(periodNanos);
        dispatchTask = time.scheduleAtFixedRate("presslab-dispatch-" + cfg.id(), Math.round(1e9 / DISPATCH_HZ), this::dispatch);
        LOG.info("Station '{}' started: {} Hz loop, cell {} mm², fixture rating {} MPa, driver filter {}", cfg.id(),
                cfg.loopRateHz(), fmt(cfg.cellAreaM2() * 1e6), fmt(cfg.fixtureRatingPa() / 1e6), cfg.driverFilter());
    }

    /**
     * Stops everything. The bound device keeps a latched safe action (an e-stopped press stays stopped);
     * otherwise it is left in HOLD (a cycling cell is not unloaded). Heaters are switched off.
     */
    @Override
    public void close() {
        closed = true;
        RecipeExecutor r = run;
        if (r != null && tryOwner(50)) {
            try {
                if (!r.state().isFinished()) {
                    r.abort("station stopped");
                }
            } finally {
                owner.unlock();
            }
        }
        DriverBinding b = binding;
        if (b != null) {
            Trip t = latch.get();
            safety.enter(b, t != null ? t.action() : SafeAction.HOLD, true);
        }
        for (Scheduled s : new Scheduled[] { loopTask, watchTask, supervisorStarter, supervisorTask, dispatchTask }) {
            if (s != null) {
                s.cancel();
            }
        }
        eis.close();
        dispatch();
        dispatcher.closeListeners();

    }

    private boolean tryOwner(long ms) {
        try {
            return owner.tryLock(ms, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Takes the owner lock for a front-end call, or refuses with the reason. */
    private void ownerOrRefuse(String what) throws CommandRefusedException {
        if (!tryOwner(COMMAND_WAIT_MS)) {
            double silent = (time.nanoTime() - lastTickNanos) / 1e9;
            DriverBinding b = binding;
            String msg = String.format(Locale.ROOT, "station '%s': %s refused: station busy for %d ms (control loop last ran %.3f s ago%s);"
                    + " emergency stop still works", cfg.id(), what, COMMAND_WAIT_MS, silent,
                    b == null ? "" : ", driver '" + b.id + "' may not be answering");
            event(StationEventType.COMMAND_REFUSED, msg, Map.of("command", what));
            throw new CommandRefusedException(msg);
        }
    }

    // ------------------------------------------------------------------ driver binding

    /**
     * Offers a driver that matches the station's filter (DS bind, or a harness). The station stays on the
     * device it runs on: a second match waits as a candidate and is used only after the first leaves.
     */
    @Override
    public void bindDriver(PressDriver driver) {
        if (binding != null) {
            if (binding.driver != driver && !candidates.contains(driver)) {
                candidates.add(driver);
                event(StationEventType.DRIVER_BOUND, "driver '" + safeId(driver) + "' also matches; station '" + cfg.id()
                        + "' stays on '" + binding.id + "' (used only if that one leaves)", Map.of("driver", safeId(driver), "standby", true));
            }
            return;
        }
        adopt(driver);
    }

    private void adopt(PressDriver driver) {
        DriverBinding b;
        try {
            b = new DriverBinding(driver, cfg.cellAreaM2(), settings.actuationMode);
        } catch (RuntimeException e) {
            LOG.error("Station '{}' cannot use driver '{}': {}", cfg.id(), safeId(driver), e.getMessage());
            event(StationEventType.COMMAND_REFUSED, "driver '" + safeId(driver) + "' cannot be used: " + e.getMessage(), Map.of());
            return;
        }
        Trip t = latch.get();
        if (t != null && b.actuator != null) {
            // Latched: the device must not move, whatever it is; made safe before anything else.
            safety.enter(b, t.action(), t.action() != SafeAction.HOLD);
        }
        if (!tryOwner(COMMAND_WAIT_MS)) {
            LOG.error("Station '{}': could not take its lock to bind driver '{}'; it stays unused", cfg.id(), b.id);
            candidates.addIfAbsent(driver);
            return;
        }
        try {
            if (binding != null) {
                candidates.addIfAbsent(driver);
                return;
            }
            candidates.remove(driver);
            binding = b;
            refreshLimits();
            if (b.mode == ActuationMode.RAW_OUTPUT) {
                configureGains(b);
            }
            supervisor.requestClear();
            Map<String, Object> props = Map.of("driver", b.id, "ratingMPa", b.ratingPa / 1e6, "device", b.identity);
            if (state == StationState.NO_DRIVER) {
                event(StationEventType.GAP_ENDED, "driver '" + b.id + "' bound: recording resumes", props);
            }
            event(StationEventType.DRIVER_BOUND, "driver '" + b.id + "' bound (" + b.info.kind() + ", "
                    + (b.canActuate() ? "actuated, " + b.mode : "sense only") + ", " + b.ratingText + ", device " + b.identity + ")", props);
            String commissioned = latch.deviceIdentity();
            if (commissioned == null) {
                latch.commission(b.identity);
            } else if (!commissioned.equals(b.identity)) {
                awaitingDevice = b.identity;
                resumeTargetPa = Double.NaN;
                resumePending = false;
                String msg = "device " + b.identity + " (driver '" + b.id + "') is not the device this station runs on ("
                        + commissioned + "): it is not moved; an operator resets the station to accept it";
                event(StationEventType.DEVICE_CHANGED, msg, Map.of("expected", commissioned, "found", b.identity, "driver", b.id));
                if (t == null) {
                    setState(b.canActuate() ? StationState.IDLE : StationState.MONITORING, msg);
                }
            }
            if (t != null) {
                setState(tripState(t), "tripped: " + t.message() + "; reset to continue");
            } else if (awaitingDevice != null) {
                // message set above
            } else if (!Double.isNaN(resumeTargetPa) && cfg.rebindPolicy() == RebindPolicy.RESUME && b.canActuate()) {
                resumePending = true;
                setState(StationState.SETTLING, String.format(Locale.ROOT,
                        "driver '%s' back (same device): resuming the hold at %.3f MPa", b.id, resumeTargetPa / 1e6));
            } else if (b.canActuate()) {
                setState(StationState.IDLE, "idle on driver '" + b.id + "'");
            } else {
                setState(StationState.MONITORING, "monitoring driver '" + b.id + "' (sense only)");
            }
            publishView();
        } finally {
            owner.unlock();
        }
    }

    @Override
    public void bindAnalyzer(Analyzer analyzer) {
        eis.bindAnalyzer(java.util.Objects.requireNonNull(analyzer, "analyzer"));
    }

    @Override
    public void unbindAnalyzer(Analyzer analyzer) {
        eis.unbindAnalyzer(analyzer);
    }

    @Override
    public void useImpedanceAnalysis(CircuitFitter fitter, KramersKronig kk) {
        eis.setFitter(fitter);
        eis.setKk(kk);
    }

    /** A driver leaves (DS unbind). The device is made safe while the service is still usable. */
    @Override
    public void unbindDriver(PressDriver driver) {
        candidates.remove(driver);
        DriverBinding b = binding;
        if (b == null || b.driver != driver) {
            return;
        }
        long now = time.nanoTime();
        Trip t = latch.get();
        SafeAction action = t != null ? t.action() : cfg.safeAction();
        SafeAction done = b.actuator != null ? safety.enter(b, action, action != SafeAction.HOLD) : null;
        long safeAfterNanos = time.nanoTime() - now;
        binding = null;
        refreshLimits();
        boolean locked = tryOwner(COMMAND_WAIT_MS);
        try {
            boolean wasControlling = controlling;
            if (locked) {
                if (controlling && awaitingDevice == null) {
                    resumeTargetPa = setpoint.target();
                }
                controlling = false;
                approaching = false;
                resumePending = false;
                setpoint.clear();
                publishView();
            }
            awaitingDevice = null;
            event(StationEventType.DRIVER_LOST, "driver '" + b.id + "' went away: device left in "
                    + (b.actuator == null ? "no actuator" : done == null ? action + " (not confirmed)" : done)
                    + "; recording continues with the gap marked", Map.of("driver", b.id, "safeStateAfterNanos", safeAfterNanos));
            event(StationEventType.GAP_STARTED, "no driver: samples are marked as a gap", Map.of("driver", b.id));
            if (wasControlling && cfg.rebindPolicy() == RebindPolicy.WAIT_FOR_OPERATOR && latch.get() == null) {
                latchOnly(InterlockKind.DRIVER_LOST, "driver '" + b.id + "' lost while holding " + fmt(resumeTargetPa / 1e6)
                        + " MPa; an operator must reset the station", cfg.safeAction(), now);
            }
            Trip now2 = latch.get();
            if (now2 == null) {
                setState(StationState.NO_DRIVER, "no driver: waiting for one matching " + cfg.driverFilter()
                        + (wasControlling && cfg.rebindPolicy() == RebindPolicy.RESUME
                                ? String.format(Locale.ROOT, " (will resume %.3f MPa on the same device)", resumeTargetPa / 1e6) : ""));
            }
        } finally {
            if (locked) {
                owner.unlock();
            }
        }
        for (PressDriver next : candidates) {
            if (binding != null) {
                break;
            }
            adopt(next);
        }
    }

    private void configureGains(DriverBinding b) {
        StationSettings s = settings;
        double tau = s.closedLoopTimeS;
        double kp = s.kpPerPa;
        double g = b.plantGainPaPerS;
        if (kp <= 0) {
            kp = g > 0 ? 1.0 / (g * tau) : 0.02 / 1e6;
        }
        double ti = s.tiS > 0 ? s.tiS : 4 * tau;
        pid.setGains(kp, ti, s.tdS);
        LOG.info("Station '{}': PID kp={} /MPa, ti={} s, td={} s (plant gain {} MPa/s per unit output, feed-forward {})",
                cfg.id(), fmt(kp * 1e6), fmt(ti), fmt(s.tdS), fmt(b.plantGainPaPerS / 1e6),
                b.model != null ? "from the driver's model" : "none");
    }

    // ------------------------------------------------------------------ the loop

    /**
     * One loop tick. A tick counts for the loop watch only when it completes: a tick that throws (a
     * driver that fails, a class gone with a refreshed bundle) is as good as a loop that does not run,
     * and is held, then tripped, like one. Nothing escapes to the scheduler.
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
                LOG.error("Station '{}': control loop tick failed ({} in a row); the loop watch holds, then trips"
                        + " CONTROL_LOOP_STALLED after {} s", cfg.id(), tickFailures, settings.loopStallTripS, t);
            } catch (Throwable ignored) {
                // logging itself failed: the loop watch still sees it
            }
        }
    }

    private void tick(long now) {
        periodStats(now);
        DriverBinding b = binding;
        if (b == null) {
            owner.lock();
            try {
                if (controlling) {
                    // the unbind could not take the lock: finish its work here
                    if (awaitingDevice == null) {
                        resumeTargetPa = setpoint.target();
                    }
                    controlling = false;
                    approaching = false;
                    setpoint.clear();
                    publishView();
                }
                recipeTick(now);
            } finally {
                owner.unlock();
            }
            ring.put(now, Double.NaN, Double.NaN, setpoint.setpoint(), Double.NaN, Double.NaN, Double.NaN,
                    displayState().ordinal(), Quality.STALE.ordinal(), true);
            return;
        }
        Reading r;
        try {
            r = b.driver.read();
            Objects.requireNonNull(r, "read() returned null");
        } catch (RuntimeException e) {
            // The SPI says read() does not throw: a driver that does is faulty; make it safe.
            trip(InterlockKind.DEVICE_FAULT, "driver '" + b.id + "' read() failed: " + e, Double.NaN, Double.NaN,
                    cfg.safeAction(), now);
            throw e;
        }
        double p = b.pressureOf(r);
        boolean finite = Double.isFinite(p);
        boolean usable = r.quality().usableForControl() && finite;
        if (r.quality().usableForControl() && !finite && latch.get() == null) {
            // A reading is evidence, not truth: NaN or infinity is a fault whatever its quality. The loop sends
            // nothing on it and trips at once; the supervisor's IMPLAUSIBLE_READING says the same a half period later.
            trip(InterlockKind.IMPLAUSIBLE_READING, String.format(Locale.ROOT, "driver '%s' reports %s %s with quality %s: not a"
                    + " measurement", b.id, b.source == DriverBinding.PressureSource.FORCE ? "force" : "pressure",
                    b.source == DriverBinding.PressureSource.FORCE ? r.forceN() : r.pressurePa(), r.quality()), Double.NaN,
                    Double.NaN, cfg.safeAction(), now);
        }
        double out = Double.NaN;
        owner.lock();
        try {
            if (binding != b) {
                return;
            }
            lastQuality = finite ? r.quality() : Quality.FAULT;
            if (usable) {
                lastPressure = p;
                lastForce = r.forceN();
                lastTemperature = r.temperatureK();
                lastPosition = r.positionM();
                pressureSum += p;
                pressureCount++;
            } else if (!finite) {
                lastPressure = Double.NaN;
            }
            PressureLimits lim = limits;
            if (usable && latch.get() == null && p > lim.maxPressurePa() + settings.overpressureMarginPa) {
                trip(InterlockKind.MAX_PRESSURE, String.format(Locale.ROOT, "pressure %.3f MPa above the limit %.3f MPa (%s) plus"
                        + " margin %.3f MPa", p / 1e6, lim.maxPressurePa() / 1e6, lim.maxPressureSource(),
                        settings.overpressureMarginPa / 1e6), p, lim.maxPressurePa(), cfg.safeAction(), now);
            }
            if (lateHold.get()) {
                endLateHold(now);
            }
            Trip t = latch.get();
            if (t != null) {
                if (controlling || approaching) {
                    controlling = false;
                    approaching = false;
                    operatorWaiting = false;
                }
                if (state != tripState(t)) {
                    setState(tripState(t), "tripped: " + t.message());
                }
            }
            if (t == null && usable && b.actuator != null && awaitingDevice == null) {
                if (resumePending) {
                    resumePending = false;
                    startControl(p, resumeTargetPa, cfg.defaultRatePaPerS(), now);
                    resumeTargetPa = Double.NaN;
                }
                if (controlling) {
                    out = control(b, p, r, now);
                }
            }
            if (t == null && operatorWaiting && state != StationState.WAITING_FOR_OPERATOR) {
                setState(StationState.WAITING_FOR_OPERATOR, message);
            }
            recipeTick(now);
            if (!Double.isNaN(out)) {
                lastOutput = out;
            }
            publishView();
        } finally {
            owner.unlock();
        }
        ring.put(now, usable ? p : Double.NaN, r.forceN(), setpoint.setpoint(), out, r.temperatureK(), r.positionM(),
                displayState().ordinal(), (finite ? r.quality() : Quality.FAULT).ordinal(), !usable);
        long work = time.nanoTime() - now;
        workNanosTotal += work;
        workTicks++;
        if (work > workNanosMax) {
            workNanosMax = work;
        }
    }

    /** The recipe executor's tick, at {@value #RECIPE_TICK_HZ} Hz inside the loop's tick (owner). */
    private void recipeTick(long now) {
        RecipeExecutor r = run;
        if (r == null || r.state().isFinished()) {
            return;
        }
        if (lastRecipeTickNanos != Long.MIN_VALUE && now - lastRecipeTickNanos < Math.round(1e9 / RECIPE_TICK_HZ) - periodNanos / 2) {
            return;
        }
        lastRecipeTickNanos = now;
        r.tick(now);
    }

    /** Publishes the control state for readers; allocates only when it changed (not during a steady hold). */
    private void publishView() {
        double sp = controlling ? setpoint.setpoint() : Double.NaN;
        double target = controlling ? setpoint.target() : Double.NaN;
        ControlView v = view;
        if (v.controlling() == controlling && v.approaching() == approaching && v.approachSinceNanos() == approachSinceNanos
                && Double.compare(v.approachStartPositionM(), approachStartPositionM) == 0 && Double.compare(v.setpointPa(), sp) == 0
                && Double.compare(v.targetPa(), target) == 0 && v.heating() == heating) {
            return;
        }
        view = new ControlView(controlling, approaching, approachSinceNanos, approachStartPositionM, sp, target, heating);
    }

    private volatile long workNanosTotal;
    private volatile long workTicks;
    private volatile long workNanosMax;

    /**
     * Loop statistics for diagnosis and benchmarks: ticks with a driver, mean and max time spent in a
     * tick (driver read, checks, controller, command, ring), nanoseconds; and samples dropped.
     */
    @Override
    public LoopStats loopStats() {
        long n = workTicks;
        return new LoopStats(n, n == 0 ? 0 : workNanosTotal / n, workNanosMax, droppedSamples());
    }

    /** One control step: setpoint, output. Owner; allocation-free except the SPI's command record. */
    private double control(DriverBinding b, double p, Reading r, long now) {
        double value;
        if (approaching) {
            if (p < CONTACT_PA) {
                setpoint.hold(Math.max(0, p));
                value = approachOutput(b);
                send(b, value);
                return value;
            }
            approaching = false;
            setpoint.hold(p);
            setpoint.start(p, approachTarget, approachRate);
            bumpless = true;
            setState(StationState.RAMPING, String.format(Locale.ROOT, "contact at %.3f MPa; ramping to %.3f MPa at %.2f MPa/s",
                    p / 1e6, approachTarget / 1e6, approachRate / 1e6));
        }
        double recover = settings.maxStepPa > 0 ? settings.maxStepPa : 0.5e6;
        if (setpoint.setpoint() - p > recover && b.mode == ActuationMode.RAW_OUTPUT) {
            // Far below the setpoint (a vent, a leak, a reseated relief valve): never recover faster than
            // the rate limit; the setpoint restarts from the measurement and ramps back at the default rate.
            double target = setpoint.target();
            setpoint.hold(p);
            setpoint.start(p, target, Math.min(cfg.defaultRatePaPerS(), Limits.maxRate(cfg, b)));
            bumpless = true;
        }
        double sp = setpoint.step(dt);
        double limit = limits().maxPressurePa();
        if (sp > limit) {
            // Limits narrowed under a running command (a lower-rated driver, a recipe limit): never command beyond.
            setpoint.hold(limit);
            sp = limit;
        }
        if ((state == StationState.RAMPING || state == StationState.SETTLING) && setpoint.atTarget()) {
            double tol = settleTolerance(sp);
            if (Math.abs(p - sp) <= tol) {
                setState(StationState.HOLDING, String.format(Locale.ROOT, "holding %.3f MPa", sp / 1e6));
            } else if (state != StationState.SETTLING) {
                setState(StationState.SETTLING, String.format(Locale.ROOT, "setpoint at %.3f MPa; pressure %.3f MPa still settling"
                        + " (within ±%.3f MPa counts as holding)", sp / 1e6, p / 1e6, tol / 1e6));
            }
        }
        if (b.mode == ActuationMode.RAW_OUTPUT) {
            double ff = 0;
            if (b.model != null) {
                ff = b.model.outputFor(sp * b.cellAreaM2, setpoint.velocity() * b.cellAreaM2);
                if (!Double.isFinite(ff)) {
                    ff = 0;
                }
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
            value = pastDeadband(pid.update(sp, p, ff, dt));
        } else {
            value = b.commandValueFor(sp);
        }
        if (!Double.isFinite(value)) {
            trip(InterlockKind.DEVICE_FAULT, "controller output is not a number (" + value + "); nothing sent", Double.NaN, Double.NaN,
                    cfg.safeAction(), now);
            return Double.NaN;
        }
        send(b, value);
        return value;
    }

    /** Within this of the target the plant counts as holding, Pa. */
    static double settleTolerance(double targetPa) {
        return Math.max(0.05e6, 0.005 * Math.abs(targetPa));
    }

    /** Output that closes the gap no faster than the station's maximum rate would load the stack on contact. */
    private double approachOutput(DriverBinding b) {
        double rate = Limits.maxRate(cfg, b);
        return pastDeadband(b.plantGainPaPerS > 0 ? Math.min(1, Math.max(0.005, rate / b.plantGainPaPerS)) : 0.05);
    }

    /** Maps a raw output past the actuator's deadband d: u -> sign(u)·(d + (1-d)·|u|); tiny outputs stay 0. */
    private double pastDeadband(double u) {
        double d = settings.outputDeadband;
        if (d <= 0 || Math.abs(u) < 1e-4) {
            return u;
        }
        return Math.signum(u) * (d + (1 - d) * Math.abs(u));
    }

    /**
     * Sends a command unless latched. A command on its way when a trip lands is followed by the safe action
     * again, so the trip is the last word without any lock between the two paths.
     */
    private void send(DriverBinding b, double value) {
        if (latch.get() != null) {
            return;
        }
        try {
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
            trip(InterlockKind.DEVICE_FAULT, "driver '" + b.id + "' refused a command: " + e.getMessage(), Double.NaN, Double.NaN,
                    cfg.safeAction(), time.nanoTime());
            return;
        }
        Trip t = latch.get();
        if (t != null) {
            safety.enter(b, t.action(), t.action() != SafeAction.HOLD);
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

    long periodNanos() {
        return periodNanos;
    }

    /** Start time of the last loop tick that completed. */
    long lastTickNanos() {
        return lastTickNanos;
    }

    // ------------------------------------------------------------------ loop watch (LoopWatch)

    long lateHoldNanos() {
        return watch.lateHoldNanos();
    }

    void watchLoop() {
        watch.tick();
    }

    @Override
    public long lastTickNanosForWatch() {
        return lastTickNanos;
    }

    @Override
    public void hold(DriverBinding b) {
        safety.enter(b, SafeAction.HOLD, false);
    }

    /** Loop thread, owner: the loop is back after a late hold; control resumes bumpless. */
    private void endLateHold(long now) {
        watch.loopReturned(now);
        resumeFromLateHold = true;
    }

    // ------------------------------------------------------------------ trips and safe states

    private static StationState tripState(Trip t) {
        return t.interlock() == InterlockKind.EMERGENCY_STOP ? StationState.EMERGENCY_STOPPED
                : t.interlock() == InterlockKind.CONFIGURATION ? StationState.FAULT : StationState.TRIPPED;
    }

    /**
     * Trips an interlock (latched): latch, then the safe state, then the record and events. Any thread, no
     * lock; idempotent: the first trip wins, except that an emergency stop supersedes a lesser trip.
     */
    @Override
    public void trip(InterlockKind kind, String why, double value, double limit, SafeAction wanted, long now) {
        DriverBinding b = binding;
        SafeAction action = b != null && b.actuator != null ? b.safeActionFor(wanted) : wanted;
        Trip t = latch.set(new Trip(kind, why, action, time.now()), now);
        if (t == null) {
            return;
        }
        boolean heaterOff = action != SafeAction.HOLD || kind == InterlockKind.OVER_TEMPERATURE || kind == InterlockKind.EMERGENCY_STOP;
        SafeAction done = b == null ? null : safety.enter(b, action, heaterOff);
        Map<String, Object> props = new HashMap<>();
        props.put("interlock", kind.name());
        props.put("action", action.name());
        if (!Double.isNaN(value)) {
            props.put("value", value);
        }
        if (!Double.isNaN(limit)) {
            props.put("limit", limit);
        }
        String result = b == null ? "; no device bound" : b.actuator == null ? "; sense-only device: alarm only, the operator must act"
                : done == null ? "; device did not confirm any safe action: the device's own watchdog must act"
                : "; device in " + done;
        LOG.warn("Station '{}' tripped {}: {}{}", cfg.id(), kind, t.message(), result);
        event(StationEventType.INTERLOCK_TRIPPED, kind + ": " + t.message() + result, props);
        // State and message follow from the latch (displayState, displayMessage); the owner records the change on
        // its next tick. Nothing here writes owner state from a foreign thread.
    }

    /** A latch without a device to make safe (driver gone). */
    private void latchOnly(InterlockKind kind, String why, SafeAction action, long now) {
        Trip t = latch.set(new Trip(kind, why, action, time.now()), now);
        if (t != null) {
            event(StationEventType.INTERLOCK_TRIPPED, kind + ": " + why, Map.of("interlock", kind.name()));
        }
    }

    long tripTimeNanosForTest() {
        return latch.tripTimeNanos();
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

    /** The recipe executor's way in (owner): the same checks, but the running recipe does not count as busy. */
    void recipeCommand(String what, double targetPa, double ratePaPerS, boolean release) throws CommandRefusedException {
        command(what, targetPa, ratePaPerS, release, true);
    }

    private void command(String what, double targetPa, double ratePaPerS, boolean release, boolean fromRecipe)
            throws CommandRefusedException {
        if (targetPa < 0 && targetPa >= -settings.zeroBandPa) {
            // "Hold what is there" on an unloaded cell reads a little below 0 (load-cell noise): that is 0.
            targetPa = 0;
        }
        ownerOrRefuse(what);
        try {
            DriverBinding b = binding;
            String refusal = refusal(what, targetPa, ratePaPerS, release, fromRecipe, b);
            if (refusal != null) {
                event(StationEventType.COMMAND_REFUSED, refusal, Map.of("command", what));
                throw new CommandRefusedException(refusal);
            }
            double rate = ratePaPerS;
            double from = controlling ? setpoint.setpoint() : lastPressure;
            if ("hold".equals(what)) {
                rate = Math.abs(targetPa - from) > settings.maxStepPa ? Math.min(cfg.defaultRatePaPerS(), Limits.maxRate(cfg, b))
                        : Double.NaN;
            }
            startControl(lastPressure, targetPa, rate, time.nanoTime());
            publishView();
        } finally {
            owner.unlock();
        }
    }

    /** Owner: begins (bumpless) or redirects closed-loop control. NaN rate = step at once. */
    private void startControl(double measuredPa, double targetPa, double ratePaPerS, long now) {
        if (!controlling) {
            setpoint.clear();
            setpoint.hold(Math.max(0, measuredPa));
            bumpless = true;
            controlling = true;
        }
        approaching = false;
        DriverBinding b = binding;
        if (b != null && b.mode == ActuationMode.RAW_OUTPUT && measuredPa < CONTACT_PA && targetPa > CONTACT_PA) {
            approaching = true;
            approachSinceNanos = now;
            approachStartPositionM = lastPosition;
            approachTarget = targetPa;
            approachRate = Double.isNaN(ratePaPerS) ? Math.min(cfg.defaultRatePaPerS(), Limits.maxRate(cfg, b)) : ratePaPerS;
            setpoint.hold(Math.max(0, measuredPa));
            setState(StationState.RAMPING, String.format(Locale.ROOT, "approaching the stack (contact at %.1f MPa, within %.0f s),"
                    + " then %.3f MPa", CONTACT_PA / 1e6, settings.approachTimeoutS, targetPa / 1e6));
            return;
        }
        if (Double.isNaN(ratePaPerS)) {
            setpoint.hold(targetPa);
            if (Math.abs(measuredPa - targetPa) <= settleTolerance(targetPa)) {
                setState(StationState.HOLDING, String.format(Locale.ROOT, "holding %.3f MPa", targetPa / 1e6));
            } else {
                setState(StationState.SETTLING, String.format(Locale.ROOT, "holding %.3f MPa: pressure %.3f MPa settling", targetPa / 1e6,
                        measuredPa / 1e6));
            }
        } else {
            setpoint.start(measuredPa, targetPa, ratePaPerS);
            setState(StationState.RAMPING, String.format(Locale.ROOT, "ramping to %.3f MPa at %.2f MPa/s", targetPa / 1e6,
                    ratePaPerS / 1e6));
        }
    }

    /** Why a command may not run, or null (owner): the command gate judges a snapshot of the station. */
    private String refusal(String what, double targetPa, double ratePaPerS, boolean release, boolean fromRecipe, DriverBinding b) {
        RecipeExecutor r = run;
        return CommandGate.refusal(new CommandGate.Request(what, targetPa, ratePaPerS, release, fromRecipe),
                new CommandGate.Station(cfg, settings, closed, configProblem, b, latch.get(), awaitingDevice, latch.deviceIdentity(),
                        r != null && !r.state().isFinished() ? r.recipe().name() : null, lastQuality, lastPressure,
                        (time.nanoTime() - lastTickNanos) / 1e9, controlling ? setpoint.target() : Double.NaN, limits()));
    }

    @Override
    public void emergencyStop(String reason) {
        String why = "emergency stop" + (reason == null || reason.isBlank() ? "" : ": " + reason);
        trip(InterlockKind.EMERGENCY_STOP, why, Double.NaN, Double.NaN, SafeAction.STOP, time.nanoTime());
        // The recipe learns of it on the loop's next tick; end it now if the owner is free.
        RecipeExecutor r = run;
        if (r != null && tryOwner(50)) {
            try {
                r.fail(why);
            } finally {
                owner.unlock();
            }
        }
    }

    @Override
    public void reset() throws CommandRefusedException {
        ownerOrRefuse("reset");
        try {
            Trip t = latch.get();
            DriverBinding b = binding;
            if (t == null) {
                if (awaitingDevice != null && b != null) {
                    String old = latch.deviceIdentity();
                    latch.commission(b.identity);
                    awaitingDevice = null;
                    event(StationEventType.DEVICE_CHANGED, "operator accepted device " + b.identity + " (was " + old + ")",
                            Map.of("expected", String.valueOf(old), "found", b.identity, "accepted", true));
                    setState(b.canActuate() ? StationState.IDLE : StationState.MONITORING, "device " + b.identity + " accepted");
                }
                return;
            }
            String cause = persistingCause(t.interlock(), b);
            Trip earlier = latch.superseded();
            if (cause == null && earlier != null) {
                cause = persistingCause(earlier.interlock(), b);
            }
            if (cause != null) {
                String msg = "station '" + cfg.id() + "': reset refused: " + cause;
                event(StationEventType.COMMAND_REFUSED, msg, Map.of("command", "reset"));
                throw new CommandRefusedException(msg);
            }
            latch.clear();
            supervisor.requestClear();
            resumeTargetPa = Double.NaN;
            controlling = false;
            approaching = false;
            setpoint.clear();
            watch.reset();
            event(StationEventType.INTERLOCK_RESET, t.interlock() + " reset", Map.of("interlock", t.interlock().name()));
            if (b == null) {
                setState(StationState.NO_DRIVER, "no driver: waiting for one matching " + cfg.driverFilter());
            } else if (b.canActuate() && lastQuality.usableForControl() && lastPressure > Math.max(settings.zeroBandPa, CONTACT_PA)) {
                // Hold what is there now: a reset never moves the press by itself, and never asks for less than 0.
                startControl(lastPressure, lastPressure, Double.NaN, time.nanoTime());
            } else {
                setState(b.canActuate() ? StationState.IDLE : StationState.MONITORING, "reset: " + t.interlock() + " cleared");
            }
            publishView();
        } finally {
            owner.unlock();
        }
    }

    /** Why a latched trip cannot be reset yet, or null. */
    private String persistingCause(InterlockKind kind, DriverBinding b) {
        switch (kind) {
            case CONFIGURATION:
                return configProblem == null ? null : "configuration still invalid: " + configProblem;
            case CONTROL_LOOP_STALLED: {
                double silent = (time.nanoTime() - lastTickNanos) / 1e9;
                return silent > settings.loopStallTripS ? String.format(Locale.ROOT, "control loop still not running (%.3f s)", silent) : null;
            }
            default:
                try {
                    return supervisor.persistingCause(kind, b);
                } catch (RuntimeException e) {
                    return "driver '" + (b == null ? "?" : b.id) + "' failed while checking the cause: " + e;
                }
        }
    }

    /** Owner (recipe pause, abort, failed condition): freezes the setpoint where it is. */
    void holdPresent() {
        if (controlling) {
            setpoint.hold(setpoint.setpoint());
            approaching = false;
            setState(StationState.HOLDING, String.format(Locale.ROOT, "holding %.3f MPa", setpoint.setpoint() / 1e6));
            publishView();
        }
    }

    /** Owner. */
    void setOperatorWaiting(boolean waiting, String text) {
        operatorWaiting = waiting;
        if (waiting) {
            setState(StationState.WAITING_FOR_OPERATOR, text);
        } else if (state == StationState.WAITING_FOR_OPERATOR) {
            DriverBinding b = binding;
            setState(controlling ? StationState.HOLDING : b != null && !b.canActuate() ? StationState.MONITORING : StationState.IDLE,
                    "operator step done");
        }
    }

    /** Owner. */
    void setRecipeLimit(double pa, String name) {
        recipeLimitPa = pa;
        recipeLimitName = name;
        refreshLimits();
    }

    /** Recomputes the cached limits; called wherever the binding, the recipe limit or the configuration changes. */
    private void refreshLimits() {
        limits = Limits.of(cfg, binding, recipeLimitPa, recipeLimitName);
    }

    /** Owner: the sums of measured pressure so far: [sum, count]. */
    double[] pressureSums() {
        return new double[] { pressureSum, pressureCount };
    }

    /**
     * Owner (a recipe's temperature step): checks the setpoint against the station's cap and the device's
     * range when the step runs, then sets it. Returns null, or why it was refused.
     */
    String setTemperature(double kelvin) {
        DriverBinding b = binding;
        if (b == null || b.temperature == null) {
            return "driver has no temperature control";
        }
        if (!Double.isFinite(kelvin)) {
            return "temperature is not a finite number";
        }
        if (kelvin > settings.maxTemperatureK) {
            return String.format(Locale.ROOT, "%.1f °C above the station's limit %.1f °C (maxTemperatureC; sodium melts at 98 °C)",
                    kelvin - 273.15, settings.maxTemperatureK - 273.15);
        }
        double lo = b.info.temperatureMinK();
        double hi = b.info.temperatureMaxK();
        if ((Double.isFinite(lo) && kelvin < lo) || (Double.isFinite(hi) && kelvin > hi)) {
            return String.format(Locale.ROOT, "%.1f °C outside the driver's range %.1f..%.1f °C", kelvin - 273.15, lo - 273.15, hi - 273.15);
        }
        if (latch.get() != null) {
            return "station is tripped";
        }
        String failure = safety.call(() -> b.temperature.setTemperatureSetpoint(kelvin));
        if (failure != null) {
            return "driver '" + b.id + "': " + failure;
        }
        heating = true;
        publishView();
        return null;
    }

    /** Owner: a recipe ended early (abort or failure): the heater goes off, the pressure stays. */
    void recipeEndedEarly() {
        DriverBinding b = binding;
        if (b != null && heating) {
            safety.heaterOff(b);
            heating = false;
            publishView();
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

    private StationState displayState() {
        Trip t = latch.get();
        return t != null ? tripState(t) : state;
    }

    // ------------------------------------------------------------------ configuration

    /** Keys whose change alters the plant: refused while a recipe runs or the press is loaded. */
    static final List<String> PLANT_KEYS = List.of("driver.target", "cellAreaMm2", "fixtureRatingMPa", "actuationMode");

    /**
     * A configuration update (DS {@code @Modified}, or a harness). Changes that do not alter the plant
     * (description, loop rate, tolerances, interlock bounds within their caps) apply at once, without
     * aborting a recipe or clearing a latch. Changes to the plant are refused while a recipe runs or the
     * press is loaded. Every change is an event with the old and new values.
     *
     * @return what changed, key to "old -> new"
     * @throws CommandRefusedException when a plant change is refused now (nothing applied)
     */
    public Map<String, String> update(StationSettings next) throws CommandRefusedException {
        ownerOrRefuse("configuration update");
        try {
            Map<String, String> diff = diff(settings, next);
            if (diff.isEmpty()) {
                return diff;
            }
            List<String> plant = new ArrayList<>();
            for (String k : diff.keySet()) {
                if (PLANT_KEYS.contains(k)) {
                    plant.add(k);
                }
            }
            if (!next.config().id().equals(cfg.id())) {
                throw refusedUpdate(diff, "'id' cannot change on a running station (create a new station)");
            }
            RecipeExecutor r = run;
            boolean running = r != null && !r.state().isFinished();
            boolean loaded = controlling || lastPressure > LOADED_PA;
            if (!plant.isEmpty() && (running || loaded)) {
                throw refusedUpdate(diff, "changing " + plant + " alters the plant and is refused while "
                        + (running ? "recipe '" + r.recipe().name() + "' runs" : String.format(Locale.ROOT, "the press is loaded (%.3f MPa)",
                                lastPressure / 1e6)) + "; release the press first");
            }
            StationSettings old = settings;
            settings = next;
            cfg = next.config();
            refreshLimits();
            dispatcher.setHistoryCapacity(capacity(next));
            safety.setTimeoutS(next.safeStateTimeoutS);
            configProblem = null;
            DriverBinding b = binding;
            if (b != null && b.mode == ActuationMode.RAW_OUTPUT) {
                configureGains(b);
            }
            if (next.loopPeriodNanos() != old.loopPeriodNanos()) {
                reschedule(next.loopPeriodNanos());
            }
            Map<String, Object> props = new LinkedHashMap<>(diff);
            props.put("applied", true);
            event(StationEventType.CONFIGURATION_CHANGED, "configuration changed: " + diff, props);
            return diff;
        } finally {
            owner.unlock();
        }
    }

    private CommandRefusedException refusedUpdate(Map<String, String> diff, String why) {
        String msg = "station '" + cfg.id() + "': configuration change " + diff + " refused: " + why;
        Map<String, Object> props = new LinkedHashMap<>(diff);
        props.put("applied", false);
        event(StationEventType.CONFIGURATION_CHANGED, msg, props);
        LOG.warn(msg);
        return new CommandRefusedException(msg);
    }

    /**
     * An invalid configuration arrived for a running station: the station keeps its last valid settings,
     * holds the device and shows FAULT naming the key, until a valid configuration and a reset.
     */
    public void configurationInvalid(String problem) {
        configProblem = problem;
        LOG.error("Station '{}': {}", cfg.id(), problem);
        event(StationEventType.CONFIGURATION_CHANGED, "invalid configuration refused: " + problem, Map.of("applied", false));
        trip(InterlockKind.CONFIGURATION, "invalid configuration: " + problem + "; the station keeps its last valid settings",
                Double.NaN, Double.NaN, SafeAction.HOLD, time.nanoTime());
    }

    /** Owner: a new loop rate. The supervisor restarts half a period out of phase, as at start. */
    private void reschedule(long newPeriod) {
        Scheduled[] old = { loopTask, watchTask, supervisorTask, supervisorStarter };
        periodNanos = newPeriod;
        dt = newPeriod / 1e9;
        lastTickNanos = time.nanoTime();
        for (Scheduled x : old) {
            if (x != null) {
                x.cancel();
            }
        }
        supervisorTask = null;
        loopTask = time.scheduleAtFixedRate("presslab-loop-" + cfg.id(), newPeriod, this::loopTick);
        watchTask = time.scheduleAtFixedRate("presslab-watch-" + cfg.id(), newPeriod, this::watchLoop);
        startSupervisor(newPeriod);
    }

    private void startSupervisor(long period) {
        supervisorStarter = time.schedule("presslab-supervisor-start-" + cfg.id(), period / 2, () -> {
            if (!closed) {
                supervisorTask = time.scheduleAtFixedRate("presslab-supervisor-" + cfg.id(), period, supervisor::tick);
            }
        });
    }

    static Map<String, String> diff(StationSettings a, StationSettings b) {
        Map<String, String> d = new LinkedHashMap<>();
        StationConfig x = a.config();
        StationConfig y = b.config();
        put(d, "id", x.id(), y.id());
        put(d, "description", x.description(), y.description());
        put(d, "cellAreaMm2", x.cellAreaM2() * 1e6, y.cellAreaM2() * 1e6);
        put(d, "fixtureRatingMPa", x.fixtureRatingPa() / 1e6, y.fixtureRatingPa() / 1e6);
        put(d, "driver.target", x.driverFilter(), y.driverFilter());
        put(d, "loopRateHz", x.loopRateHz(), y.loopRateHz());
        put(d, "maxRateMPaPerS", x.maxRatePaPerS() / 1e6, y.maxRatePaPerS() / 1e6);
        put(d, "defaultRateMPaPerS", x.defaultRatePaPerS() / 1e6, y.defaultRatePaPerS() / 1e6);
        put(d, "safeAction", x.safeAction(), y.safeAction());
        put(d, "rebindPolicy", x.rebindPolicy(), y.rebindPolicy());
        put(d, "maxStepMPa", a.maxStepPa / 1e6, b.maxStepPa / 1e6);
        put(d, "staleTimeoutS", a.staleTimeoutS, b.staleTimeoutS);
        put(d, "frozenTimeoutS", a.frozenTimeoutS, b.frozenTimeoutS);
        put(d, "rateTripFactor", a.rateTripFactor, b.rateTripFactor);
        put(d, "forceDropFraction", a.forceDropFraction, b.forceDropFraction);
        put(d, "forceDropWindowS", a.forceDropWindowS, b.forceDropWindowS);
        put(d, "runawayTravelMm", a.runawayTravelM * 1e3, b.runawayTravelM * 1e3);
        put(d, "closedLoopTimeS", a.closedLoopTimeS, b.closedLoopTimeS);
        put(d, "kp", a.kpPerPa * 1e6, b.kpPerPa * 1e6);
        put(d, "tiS", a.tiS, b.tiS);
        put(d, "tdS", a.tdS, b.tdS);
        put(d, "historyS", a.historyS, b.historyS);
        put(d, "overpressureMarginMPa", a.overpressureMarginPa / 1e6, b.overpressureMarginPa / 1e6);
        put(d, "actuationMode", a.actuationMode, b.actuationMode);
        put(d, "loopStallHoldS", a.loopStallHoldS, b.loopStallHoldS);
        put(d, "loopStallTripS", a.loopStallTripS, b.loopStallTripS);
        put(d, "loopStallRepeatCount", a.loopStallRepeatCount, b.loopStallRepeatCount);
        put(d, "loopStallRepeatWindowS", a.loopStallRepeatWindowS, b.loopStallRepeatWindowS);
        put(d, "zeroBandMPa", a.zeroBandPa / 1e6, b.zeroBandPa / 1e6);
        put(d, "approachTimeoutS", a.approachTimeoutS, b.approachTimeoutS);
        put(d, "approachTravelMm", a.approachTravelM * 1e3, b.approachTravelM * 1e3);
        put(d, "maxTemperatureC", a.maxTemperatureK - 273.15, b.maxTemperatureK - 273.15);
        put(d, "safeStateTimeoutS", a.safeStateTimeoutS, b.safeStateTimeoutS);
        put(d, "outputDeadband", a.outputDeadband, b.outputDeadband);
        return d;
    }

    private static void put(Map<String, String> d, String k, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            d.put(k, a + " -> " + b);
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

    @Override
    public DriverBinding binding() {
        return binding;
    }

    @Override
    public StationSettings settings() {
        return settings;
    }

    @Override
    public ControlView control() {
        return view;
    }

    @Override
    public Trip trip() {
        return latch.get();
    }

    @Override
    public long tripTimeNanos() {
        return latch.tripTimeNanos();
    }

    @Override
    public long periodNanosForWatch() {
        return periodNanos;
    }

    @Override
    public TimeSource time() {
        return time;
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
        ControlView v = view;
        return new StationStatus(cfg.id(), time.now(), displayState(), b == null ? null : b.id, conn,
                b == null ? Double.NaN : lastPressure, b == null ? Double.NaN : lastForce, v.setpointPa(), v.targetPa(), lastOutput,
                lastTemperature, b == null ? Quality.STALE : lastQuality, latch.get(), displayMessage(), achievedRateHz,
                b == null ? "" : b.outputUnit());
    }

    /** While latched the message is the trip's, whatever the owner last said. */
    private String displayMessage() {
        Trip t = latch.get();
        return t != null ? "tripped: " + t.message() + "; reset to continue" : message;
    }

    @Override
    public PressureLimits limits() {
        return limits;
    }

    @Override
    public List<InterlockStatus> interlocks() {
        Trip t = latch.get();
        DriverBinding b = binding;
        List<InterlockStatus> out = new ArrayList<>();
        for (InterlockKind k : InterlockKind.values()) {
            InterlockStatus s = supervisor.status(k, t);
            if (s != null && b == null && k == InterlockKind.DEVICE_FAULT) {
                s = new InterlockStatus(k, s.tripped(), Double.NaN, "", Double.NaN, "no driver bound");
            }
            if (s != null) {
                out.add(s);
                continue;
            }
            boolean tripped = t != null && t.interlock() == k;
            switch (k) {
                case DRIVER_LOST:
                    out.add(new InterlockStatus(k, tripped, Double.NaN, "", Double.NaN, b == null ? "no driver bound"
                            : "driver '" + b.id + "' bound, device " + b.identity + (awaitingDevice != null
                                    ? "; NOT the commissioned device " + latch.deviceIdentity() + ": reset to accept it" : "")));
                    break;
                case EMERGENCY_STOP:
                    out.add(new InterlockStatus(k, tripped, Double.NaN, "", Double.NaN, "operator or front end; never refused"));
                    break;
                case CONFIGURATION:
                    out.add(new InterlockStatus(k, tripped, Double.NaN, "", Double.NaN,
                            configProblem == null ? "configuration valid" : "invalid: " + configProblem));
                    break;
                case CONTROL_LOOP_STALLED:
                    out.add(watch.status(tripped));
                    break;
                default:
                    break;
            }
        }
        return out;
    }

    @Override
    public List<StationSample> history(double seconds) {
        return dispatcher.history(seconds);
    }

    // ------------------------------------------------------------------ recipes

    @Override
    public RecipeRun start(Recipe recipe) throws CommandRefusedException {
        return start(recipe, UNKNOWN_ACTOR);
    }

    @Override
    public StationCommands as(Actor actor) {
        return new ActorCommands(this, actor);
    }

    /** Starts {@code recipe} for {@code actor}, who is named in the RECIPE_STARTED event. */
    RecipeRun start(Recipe recipe, Actor actor) throws CommandRefusedException {
        ownerOrRefuse("start of recipe '" + recipe.name() + "'");
        try {
            RecipeExecutor r = run;
            if (r != null && !r.state().isFinished()) {
                throw refused("start of recipe '" + recipe.name() + "' refused: station busy with recipe '" + r.recipe().name() + "' ("
                        + r.state() + ")");
            }
            Trip t = latch.get();
            if (t != null) {
                throw refused("start of recipe '" + recipe.name() + "' refused: station is tripped (" + t.interlock() + ": "
                        + t.message() + "); reset it first");
            }
            if (awaitingDevice != null) {
                throw refused("start of recipe '" + recipe.name() + "' refused: device " + awaitingDevice
                        + " is not the one this station runs on; reset the station to accept it");
            }
            DryRunReport report = dryRun(recipe);
            if (!report.ok()) {
                throw refused("recipe '" + recipe.name() + "' refused by the dry run: " + String.join("; ", report.violations()));
            }
            RecipeExecutor exec = new RecipeExecutor(this, recipe, report.estimatedSeconds(), actor);
            run = exec;
            lastRecipeTickNanos = Long.MIN_VALUE;
            exec.begin();
            return exec;
        } finally {
            owner.unlock();
        }
    }

    /** Runs {@code action} as the owner, for the recipe run's pause, resume and abort. */
    <T> T asOwner(String what, java.util.concurrent.Callable<T> action) throws CommandRefusedException {
        ownerOrRefuse(what);
        try {
            return action.call();
        } catch (CommandRefusedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            owner.unlock();
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
        ownerOrRefuse("acknowledge");
        try {
            RecipeExecutor r = run;
            if (r == null || !r.acknowledge()) {
                String msg = "station '" + cfg.id() + "': nothing to acknowledge (no operator step is waiting)";
                event(StationEventType.COMMAND_REFUSED, msg, Map.of("command", "acknowledge"));
                throw new CommandRefusedException(msg);
            }
        } finally {
            owner.unlock();
        }
    }

    // ------------------------------------------------------------------ events and dispatch (StationDispatcher)

    @Override
    public void event(StationEventType type, String msg, Map<String, Object> props) {
        dispatcher.event(type, msg, props);
    }

    @Override
    public void addListener(StationListener l) {
        dispatcher.addListener(l);
    }

    @Override
    public void removeListener(StationListener l) {
        dispatcher.removeListener(l);
    }

    /** Where EventAdmin events go (topic, properties); null for none. */
    public void setEventPoster(BiConsumer<String, Map<String, Object>> poster) {
        dispatcher.setEventPoster(poster);
    }

    /** Samples dropped for listeners and by the ring (a slow dispatcher). */
    public long droppedSamples() {
        return dispatcher.droppedSamples();
    }

    void dispatch() {
        dispatcher.dispatch();
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

    @Override
    public boolean isClosed() {
        return closed;
    }
}
