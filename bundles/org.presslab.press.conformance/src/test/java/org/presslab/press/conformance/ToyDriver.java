package org.presslab.press.conformance;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.presslab.press.api.ActuationMode;
import org.presslab.press.api.Actuator;
import org.presslab.press.api.ActuatorCommand;
import org.presslab.press.api.Capability;
import org.presslab.press.api.ConnectionState;
import org.presslab.press.api.DeviceHealth;
import org.presslab.press.api.DeviceInfo;
import org.presslab.press.api.DeviceKind;
import org.presslab.press.api.PressDriver;
import org.presslab.press.api.Quality;
import org.presslab.press.api.Reading;
import org.presslab.press.api.SafeAction;

/**
 * A small force-controlled press for testing the kit itself: correct by default, with each of
 * the mistakes drivers really make switchable on.
 */
final class ToyDriver implements PressDriver, Actuator {

    /** Mistakes the kit must catch. */
    enum Fault {
        /** read() waits on the device (2 ms per call). */
        BLOCKING_READ,
        /** Ranges declared in MPa and readings in MPa, not pascals. */
        PRESSURE_IN_MPA,
        /** A silent device keeps giving its last value as fresh, GOOD, with a new timestamp. */
        FRESH_WHEN_SILENT,
        /** close() forgets to stop the acquisition thread. */
        LEAKS_THREAD,
        /** A setpoint above the rating is passed to the device. */
        ACCEPTS_OVER_RATING,
        /** enterSafeState only takes effect on the next acquisition cycle. */
        LAZY_SAFE_STATE,
        /** Reports a temperature in °C without SENSE_TEMPERATURE. */
        UNMEASURED_NOT_NAN
    }

    static final double RATING_N = 50_000;

    private final Set<Fault> faults;
    private final AtomicReference<Reading> latest = new AtomicReference<>(Reading.none(System.nanoTime()));
    private final AtomicReference<DeviceHealth> health = new AtomicReference<>(DeviceHealth.of(ConnectionState.CONNECTING, "starting"));
    private final AtomicReference<SafeAction> safe = new AtomicReference<>();
    private volatile SafeAction pendingSafe;
    private volatile double setpointN;
    private volatile boolean silent;
    private volatile boolean running = true;
    private final Thread thread;
    private double forceN;

    ToyDriver(Set<Fault> faults) {
        this.faults = faults.isEmpty() ? EnumSet.noneOf(Fault.class) : EnumSet.copyOf(faults);
        this.thread = new Thread(this::loop, "toy-driver-acquisition");
        thread.setDaemon(true);
        thread.start();
    }

    /** The device-side switch the fixture's DeviceLink flips. */
    void setSilent(boolean s) {
        silent = s;
    }

    void close() {
        if (!faults.contains(Fault.LEAKS_THREAD)) {
            running = false;
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop() {
        long lastAnswer = System.nanoTime();
        long seq = 0;
        while (running) {
            long now = System.nanoTime();
            SafeAction p = pendingSafe;
            if (p != null) {
                safe.set(p);
                pendingSafe = null;
            }
            if (safe.get() == null) {
                forceN += 0.2 * (setpointN - forceN);
            }
            boolean mpa = faults.contains(Fault.PRESSURE_IN_MPA);
            double pressure = mpa ? forceN / 1e3 : forceN / 1e-3;
            double temperature = faults.contains(Fault.UNMEASURED_NOT_NAN) ? 23.0 : Double.NaN;
            if (!silent || faults.contains(Fault.FRESH_WHEN_SILENT)) {
                lastAnswer = now;
                latest.set(new Reading(now, ++seq, forceN, pressure, Double.NaN, temperature, Quality.GOOD));
                health.set(DeviceHealth.connected());
            } else if (now - lastAnswer > 100_000_000L) {
                latest.updateAndGet(Reading::stale);
                health.set(DeviceHealth.of(ConnectionState.DISCONNECTED, "toy device silent for "
                        + (now - lastAnswer) / 1_000_000 + " ms"));
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public String id() {
        return "toy-1";
    }

    @Override
    public DeviceInfo info() {
        boolean mpa = faults.contains(Fault.PRESSURE_IN_MPA);
        return DeviceInfo.builder(DeviceKind.AUTOMATIC_HYDRAULIC_PRESS).identity("Presslab", "Toy press", "1", "1")
                .force(RATING_N * 1.2, 1, RATING_N).pressure(mpa ? 70 : 70e6, mpa ? 60 : 60e6).ramArea(1e-3)
                .sampleRate(100).build();
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.SENSE_FORCE, Capability.SENSE_PRESSURE, Capability.ACTUATE);
    }

    @Override
    public Reading read() {
        if (faults.contains(Fault.BLOCKING_READ)) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return latest.get();
    }

    @Override
    public DeviceHealth health() {
        return health.get();
    }

    @Override
    public Optional<Actuator> actuator() {
        return Optional.of(this);
    }

    @Override
    public Set<ActuationMode> modes() {
        return EnumSet.of(ActuationMode.FORCE_SETPOINT);
    }

    @Override
    public Set<SafeAction> safeActions() {
        return EnumSet.of(SafeAction.HOLD, SafeAction.VENT);
    }

    @Override
    public void command(ActuatorCommand command) {
        if (command.mode() != ActuationMode.FORCE_SETPOINT) {
            throw new IllegalArgumentException("toy press takes force setpoints only");
        }
        if (command.value() > RATING_N && !faults.contains(Fault.ACCEPTS_OVER_RATING)) {
            throw new IllegalArgumentException("setpoint above rating " + RATING_N + " N");
        }
        setpointN = command.value();
        pendingSafe = null;
        safe.set(null);
    }

    @Override
    public void enterSafeState(SafeAction action) {
        if (faults.contains(Fault.LAZY_SAFE_STATE)) {
            pendingSafe = action;
        } else {
            safe.set(action);
        }
    }

    @Override
    public Optional<SafeAction> safeState() {
        return Optional.ofNullable(safe.get());
    }
}
