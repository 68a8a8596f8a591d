package org.presslab.emulators;

import org.presslab.press.api.Actuator;
import org.presslab.press.api.ActuatorCommand;
import org.presslab.press.api.ActuatorModel;
import org.presslab.press.api.PressDriver;
import org.presslab.press.api.Quality;
import org.presslab.press.api.Reading;
import org.presslab.press.api.SafeAction;

/**
 * The emulated "PL-100" hydraulic press controller: a simulated hydraulic press (any
 * {@link PressDriver} with a raw-output actuator) behind a Modbus register map, with its own force
 * loop and a communication watchdog, as a lab's PLC-based press controller would have.
 *
 * <h2>Register map (addresses as sent on the wire, 0-based)</h2>
 * <pre>
 * Input registers (FC04)
 *   0-1  force, INT32, high word first, 0.1 N per count, compression positive
 *   2    line pressure, UINT16, 0.01 MPa per count
 *   3    ram position, INT16, 0.01 mm per count
 *   4    status bits: 0 pump running, 1 venting, 2 at setpoint (within 1 %), 8 overload, 9 alarm, 10 watchdog hold
 *   5    mode in force (as holding register 0)
 *   6-7  force, FLOAT32, high word first, newtons: the plant's reading as it is, NaN and ±Infinity included
 *        (a transmitter whose ADC or linearisation fails writes them), or {@link #forceOverride(double)}
 * Holding registers (FC03, FC06, FC16)
 *   0    mode: 0 HOLD (pump off, valves shut), 1 RAW (follow register 1), 2 FORCE (follow the setpoint), 3 VENT, 4 STOP
 *   1    raw output, INT16, 0.001 per count, -1000..1000 (+ pump, - release valve)
 *   2-3  force setpoint, FLOAT32, LOW word first, newtons (refused above the rating: exception 3)
 *   4    watchdog, ms without a request before the controller holds on its own (0 = off; default 1000)
 * Coils (FC01, FC05)
 *   0    pump enable; off = STOP (pump power off, the check valve holds the load)
 * </pre>
 */
public final class ModbusPressController implements RegisterBank {

    public static final int MODE_HOLD = 0;
    public static final int MODE_RAW = 1;
    public static final int MODE_FORCE = 2;
    public static final int MODE_VENT = 3;
    public static final int MODE_STOP = 4;

    private final PressDriver press;
    private final Actuator actuator;
    private final double ratingN;
    private final double rangeN;

    private int mode = MODE_HOLD;
    private int rawCounts;
    private final int[] setpointWords = new int[2];
    private double setpointN;
    private int watchdogMs = 1000;
    private boolean enabled = true;
    private boolean watchdogHold;
    private long lastRequestNanos = System.nanoTime();
    private long lastTickNanos;
    private Reading last;
    private double forceOverride = Double.NaN;
    private boolean forceOverridden;

    public ModbusPressController(PressDriver press) {
        this.press = press;
        this.actuator = press.actuator().orElseThrow(() -> new IllegalArgumentException("the plant " + press.id() + " has no actuator"));
        this.ratingN = press.info().maxForceRatingN();
        this.rangeN = press.info().forceRangeN();
        actuator.enterSafeState(SafeAction.HOLD);
        last = press.read();
    }

    /** The plant, for tests that check what the device did. */
    public PressDriver plant() {
        return press;
    }

    public synchronized int mode() {
        return mode;
    }

    public synchronized boolean watchdogHolding() {
        return watchdogHold;
    }

    public synchronized double setpointN() {
        return setpointN;
    }

    private void request() {
        lastRequestNanos = System.nanoTime();
    }

    @Override
    public synchronized void beginRequest() {
        latched = press.read();
    }

    private Reading latched;

    @Override
    public synchronized int readHolding(int address) throws ModbusError {
        request();
        return switch (address) {
            case 0 -> mode;
            case 1 -> rawCounts & 0xFFFF;
            case 2 -> setpointWords[0];
            case 3 -> setpointWords[1];
            case 4 -> watchdogMs;
            default -> throw new ModbusError(2, "holding register " + address);
        };
    }

    @Override
    public synchronized int readInput(int address) throws ModbusError {
        request();
        Reading r = latched != null ? latched : press.read();
        last = r;
        return switch (address) {
            case 0 -> (int) (force01(r) >>> 16) & 0xFFFF;
            case 1 -> (int) force01(r) & 0xFFFF;
            case 2 -> (int) Math.max(0, Math.min(65535, Math.round(r.pressurePa() / 1e4)));
            case 3 -> (int) Math.max(-32768, Math.min(32767, Math.round(r.positionM() * 1e5))) & 0xFFFF;
            case 4 -> status(r);
            case 5 -> mode;
            case 6 -> (forceBits(r) >>> 16) & 0xFFFF;
            case 7 -> forceBits(r) & 0xFFFF;
            default -> throw new ModbusError(2, "input register " + address);
        };
    }

    /**
     * From now on input registers 6-7 carry {@code newtons} (NaN and infinities too) instead of the plant's
     * force, as a transmitter with a failed ADC would; registers 0-1 keep the plant's force.
     */
    public synchronized void forceOverride(double newtons) {
        forceOverride = newtons;
        forceOverridden = true;
    }

    /** Input registers 6-7 carry the plant's force again. */
    public synchronized void clearForceOverride() {
        forceOverridden = false;
    }

    private int forceBits(Reading r) {
        return Float.floatToRawIntBits((float) (forceOverridden ? forceOverride : r.forceN()));
    }

    private static long force01(Reading r) {
        double f = Double.isFinite(r.forceN()) ? r.forceN() : 0;
        return Math.round(f * 10) & 0xFFFFFFFFL;
    }

    private int status(Reading r) {
        int s = 0;
        if (enabled && (mode == MODE_RAW && rawCounts > 0 || mode == MODE_FORCE)) {
            s |= 1;
        }
        if (mode == MODE_VENT || mode == MODE_RAW && rawCounts < 0) {
            s |= 2;
        }
        if (mode == MODE_FORCE && Math.abs(r.forceN() - setpointN) <= 0.01 * Math.max(setpointN, 100)) {
            s |= 4;
        }
        if (r.quality() == Quality.OVERLOAD || Double.isFinite(rangeN) && r.forceN() > rangeN) {
            s |= 1 << 8;
        }
        if (r.quality() == Quality.FAULT || press.health().state() == org.presslab.press.api.ConnectionState.FAULT) {
            s |= 1 << 9;
        }
        if (watchdogHold) {
            s |= 1 << 10;
        }
        return s;
    }

    @Override
    public synchronized boolean readCoil(int address) throws ModbusError {
        request();
        if (address != 0) {
            throw new ModbusError(2, "coil " + address);
        }
        return enabled;
    }

    @Override
    public synchronized void writeHolding(int address, int value) throws ModbusError {
        request();
        switch (address) {
            case 0 -> {
                if (value < 0 || value > 4) {
                    throw new ModbusError(3, "mode " + value);
                }
                mode = value;
                watchdogHold = false;
                apply();
            }
            case 1 -> {
                int v = (short) value;
                if (v < -1000 || v > 1000) {
                    throw new ModbusError(3, "raw output " + v);
                }
                rawCounts = v;
                apply();
            }
            case 2, 3 -> {
                setpointWords[address - 2] = value & 0xFFFF;
                // low word first: register 2 holds bits 0-15, register 3 bits 16-31
                double sp = Float.intBitsToFloat((setpointWords[1] << 16) | setpointWords[0]);
                if (address == 3) {
                    if (!Double.isFinite(sp) || sp < 0 || Double.isFinite(ratingN) && sp > ratingN) {
                        throw new ModbusError(3, "force setpoint " + sp + " N beyond 0.." + ratingN);
                    }
                    setpointN = sp;
                }
            }
            case 4 -> watchdogMs = value;
            default -> throw new ModbusError(2, "holding register " + address);
        }
    }

    @Override
    public synchronized void writeCoil(int address, boolean value) throws ModbusError {
        request();
        if (address != 0) {
            throw new ModbusError(2, "coil " + address);
        }
        enabled = value;
        apply();
    }

    private void apply() {
        if (!enabled || mode == MODE_STOP) {
            actuator.enterSafeState(SafeAction.STOP);
        } else if (mode == MODE_HOLD || watchdogHold) {
            actuator.enterSafeState(SafeAction.HOLD);
        } else if (mode == MODE_VENT) {
            actuator.enterSafeState(SafeAction.VENT);
        } else if (mode == MODE_RAW) {
            actuator.command(ActuatorCommand.raw(rawCounts / 1000.0));
        }
    }

    @Override
    public synchronized void tick(long now) {
        if (watchdogMs > 0 && !watchdogHold && mode != MODE_HOLD && mode != MODE_STOP
                && now - lastRequestNanos > watchdogMs * 1_000_000L) {
            watchdogHold = true;
            mode = MODE_HOLD;
            apply();
        }
        if (mode == MODE_FORCE && enabled && !watchdogHold && now - lastTickNanos >= 2_000_000L) {
            lastTickNanos = now;
            Reading r = press.read();
            last = r;
            if (Double.isFinite(r.forceN())) {
                double maxRate = Double.isFinite(press.info().maxForceRateNps()) ? press.info().maxForceRateNps() : 5000;
                double rate = Math.max(-maxRate, Math.min(maxRate, (setpointN - r.forceN()) * 8.0));
                double u = actuator.model().map((ActuatorModel m) -> m.outputFor(r.forceN(), rate)).orElse(rate / maxRate);
                actuator.command(ActuatorCommand.raw(Math.max(-1, Math.min(1, u))));
            }
        }
    }
}
