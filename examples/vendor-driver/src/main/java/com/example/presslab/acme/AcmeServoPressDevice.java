package com.example.presslab.acme;

import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The Acme SP-5T servo press as its firmware behaves, simulated in process: a crosshead driven by
 * a servo spindle presses a sample of given stiffness; a load cell measures the force. The
 * firmware closes its own force loop in force mode, follows a speed in speed mode, brakes on
 * HOLD/STOP, backs off on VENT, and brakes by itself when the host stops talking for longer than
 * its watchdog.
 *
 * <p>It answers the ASCII protocol of the real controller, one line per request:
 * <pre>
 * ID?           -> ACME,SP-5T,&lt;serial&gt;,&lt;firmware&gt;
 * F?            -> F &lt;force N&gt; X &lt;position mm&gt; S &lt;status&gt;      status: OK | OVL | FLT
 * SPF &lt;N&gt;       -> OK        force setpoint (firmware force loop)
 * SPV &lt;-1..1&gt;   -> OK        crosshead speed as a fraction of the maximum, closing positive
 * HOLD | STOP   -> OK        brake now (STOP also cuts servo power)
 * VENT          -> OK        back off to zero force at a fifth of the maximum speed
 * anything else -> ERR &lt;text&gt;
 * </pre>
 * Thread-safe: every method is synchronized; the physics advances on each request.
 */
public final class AcmeServoPressDevice {

    private static final double FORCE_GAIN_PER_S = 8.0;

    private final LongSupplier nanoTime;
    private final double stiffnessNPerM;
    private final double maxSpeedMps;
    private final double ratedForceN;
    private final double watchdogS;
    private final String serial;

    private enum Mode { FORCE, SPEED, HOLD, STOP, VENT }

    private Mode mode = Mode.HOLD;
    private double forceSetpointN;
    private double speedFraction;
    private double positionM = -0.0005;
    private boolean overload;
    private long lastStepNanos;
    private long lastRequestNanos;
    private volatile boolean answering = true;
    private volatile String forceText;
    private long requests;
    /** Load-cell noise, as every real amplifier has (a frozen value means a dead sensor). */
    private final java.util.Random noise = new java.util.Random(42);
    private static final double NOISE_N = 0.3;

    /**
     * @param stiffnessNPerM the sample's stiffness once in contact (contact at position 0)
     * @param maxSpeedMps the spindle's top speed
     * @param ratedForceN the press rating; above 110 % the firmware trips on overload
     * @param watchdogS the firmware brakes when the host is silent this long
     */
    public AcmeServoPressDevice(LongSupplier nanoTime, double stiffnessNPerM, double maxSpeedMps, double ratedForceN,
            double watchdogS, String serial) {
        this.nanoTime = nanoTime;
        this.stiffnessNPerM = stiffnessNPerM;
        this.maxSpeedMps = maxSpeedMps;
        this.ratedForceN = ratedForceN;
        this.watchdogS = watchdogS;
        this.serial = serial;
        this.lastStepNanos = nanoTime.getAsLong();
        this.lastRequestNanos = lastStepNanos;
    }

    /** Simulates a pulled cable or a powered-down controller: requests get no answer. */
    public void setAnswering(boolean answering) {
        this.answering = answering;
    }

    /**
     * Simulates a failed load-cell amplifier: from now on {@code F?} answers {@code text} as the force (e.g.
     * {@code nan}, {@code inf}); {@code null} answers the measured force again.
     */
    public void setForceText(String text) {
        this.forceText = text;
    }

    /** The firmware's mode now: FORCE, SPEED, HOLD, STOP or VENT. */
    public synchronized String mode() {
        step();
        return mode.name();
    }

    public boolean isAnswering() {
        return answering;
    }

    /**
     * Handles one request line.
     *
     * @return the answer line, or null when the device does not answer
     */
    public synchronized String handle(String request) {
        step();
        if (!answering) {
            return null;
        }
        lastRequestNanos = nanoTime.getAsLong();
        requests++;
        String[] p = request.trim().split("\\s+");
        try {
            switch (p[0]) {
                case "ID?":
                    return "ACME,SP-5T," + serial + ",FW2.1";
                case "F?":
                    if (forceText != null) {
                        return String.format(Locale.ROOT, "F %s X %.4f S %s", forceText, positionM * 1e3, overload ? "OVL" : "OK");
                    }
                    return String.format(Locale.ROOT, "F %.1f X %.4f S %s", force() + NOISE_N * noise.nextGaussian(), positionM * 1e3,
                            overload ? "OVL" : "OK");
                case "SPF":
                    forceSetpointN = Double.parseDouble(p[1]);
                    if (forceSetpointN < 0 || forceSetpointN > ratedForceN) {
                        return "ERR setpoint out of range";
                    }
                    mode = Mode.FORCE;
                    return "OK";
                case "SPV":
                    speedFraction = Math.max(-1, Math.min(1, Double.parseDouble(p[1])));
                    mode = Mode.SPEED;
                    return "OK";
                case "HOLD":
                    mode = Mode.HOLD;
                    return "OK";
                case "STOP":
                    mode = Mode.STOP;
                    return "OK";
                case "VENT":
                    mode = Mode.VENT;
                    return "OK";
                default:
                    return "ERR unknown command " + p[0];
            }
        } catch (RuntimeException e) {
            return "ERR bad request '" + request + "'";
        }
    }

    /** Requests answered so far. */
    public synchronized long requests() {
        return requests;
    }

    /** The true force on the sample now, for tests. */
    public synchronized double trueForceN() {
        step();
        return force();
    }

    private double force() {
        return stiffnessNPerM * Math.max(0, positionM);
    }

    /** Advances the physics to now in steps of at most 1 ms. */
    private void step() {
        long now = nanoTime.getAsLong();
        double remaining = (now - lastStepNanos) / 1e9;
        lastStepNanos = now;
        if ((now - lastRequestNanos) / 1e9 > watchdogS && (mode == Mode.FORCE || mode == Mode.SPEED)) {
            mode = Mode.HOLD;
        }
        while (remaining > 0) {
            double dt = Math.min(remaining, 0.001);
            remaining -= dt;
            double v = switch (mode) {
                case FORCE -> FORCE_GAIN_PER_S * (forceSetpointN - force()) / stiffnessNPerM;
                case SPEED -> speedFraction * maxSpeedMps;
                case VENT -> force() > 0 || positionM > -0.0005 ? -0.2 * maxSpeedMps : 0;
                case HOLD, STOP -> 0;
            };
            v = Math.max(-maxSpeedMps, Math.min(maxSpeedMps, v));
            positionM += v * dt;
            if (force() > 1.1 * ratedForceN) {
                overload = true;
                mode = Mode.STOP;
            }
        }
    }
}
