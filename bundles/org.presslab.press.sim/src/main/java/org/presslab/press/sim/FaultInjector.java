package org.presslab.press.sim;

import java.time.Duration;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Fault injection for tests. Every fault takes effect at the present time of the device's time
 * source and is observable through the {@link org.presslab.press.api.PressDriver} API alone.
 */
@ProviderType
public interface FaultInjector {

    /** Sensor value freezes at the last sample; sequence and time keep advancing, quality stays GOOD. */
    void freezeSensor();

    /**
     * No new samples: {@code read()} keeps returning the last reading unchanged (quality as it was,
     * health CONNECTED), as a device that fails silently would; only its age shows it.
     */
    void staleSensor();

    /**
     * The link goes down: health DISCONNECTED, readings STALE with their original time, commands
     * dropped (counted); the device's own watchdog holds the actuator (HOLD).
     */
    void disconnect();

    /** The link comes back: fresh readings; the actuator stays in HOLD until the next command. */
    void reconnect();

    /** The device raises a fault (health FAULT with {@code message}, readings FAULT, actuator HOLD). */
    void deviceFault(String message);

    /** The sensor reports overload (readings OVERLOAD, health FAULT "overload"). */
    void overload();

    /**
     * The pellet cracks: the stack collapses by {@link CellParameters#crackCollapseM()} and keeps
     * {@link CellParameters#crackedStiffnessFraction()} of its stiffness. Under load control the force
     * drops and the ram runs away. Permanent.
     */
    void crackPellet();

    /** The relief valve lifts and vents the hydraulics (hydraulic and isostatic presses). */
    void liftReliefValve();

    /** The relief valve reseats. */
    void reseatReliefValve();

    /**
     * Force and pressure read NaN from the next sample on, with quality GOOD and fresh time and sequence
     * ({@link Fault#NAN_READING}); health stays CONNECTED. Channels the device lacks stay NaN as always.
     *
     * @since 1.2
     */
    void nanReading();

    /**
     * Force and pressure read +Infinity from the next sample on, quality GOOD, fresh time and sequence
     * ({@link Fault#INFINITE_READING}); health stays CONNECTED.
     *
     * @since 1.2
     */
    void infiniteReading();

    /**
     * The load cell reads {@code forceN} (N) from the next sample on, fresh time and sequence, quality GOOD, no
     * noise, while the plant goes on loading ({@link Fault#STUCK_AT}): a load cell stuck at zero is
     * {@code stuckAt(0)}. Replaces an earlier stuck value of the force channel.
     *
     * @throws UnsupportedOperationException on a device without a load cell
     * @throws IllegalArgumentException for a value that is not finite
     * @since 1.2
     */
    void stuckAt(double forceN);

    /**
     * The line or vessel pressure sensor reads {@code pascals} from the next sample on, as {@link #stuckAt(double)}
     * does for the load cell ({@link Fault#STUCK_AT}, cleared together with it).
     *
     * @throws UnsupportedOperationException on a device without a pressure sensor
     * @throws IllegalArgumentException for a value that is not finite
     * @since 1.2
     */
    void stuckPressureAt(double pascals);

    /**
     * The force reading steps by {@code forceStepN} (N, either sign) at the next sample and keeps the step until
     * cleared ({@link Fault#JUMP}), quality GOOD: a step no press can make (a slipped load cell, a bit flip in an
     * amplifier). Steps add up. On a device without a load cell the pressure reading steps by
     * {@code forceStepN} Pa instead.
     *
     * @since 1.2
     */
    void jump(double forceStepN);

    /**
     * From now on {@code Actuator.command()} and {@code Actuator.enterSafeState()} block for {@code duration} in
     * real time (a sleep, whatever the device's time source) before they act, and so does {@code read()} when
     * {@code alsoRead} ({@link Fault#BLOCKING_CALLS}). No lock is held while a call blocks, so other calls, the
     * plant and {@link SimulatedDevice#plantState()} go on. An interrupted call stops blocking and acts at once.
     *
     * @throws IllegalArgumentException for a negative duration
     * @since 1.2
     */
    void blockCalls(Duration duration, boolean alsoRead);

    /**
     * The heater's power stays at its maximum, whatever the setpoint, {@code heaterOff()} or a safe state say
     * ({@link Fault#HEATER_RUNAWAY}, a welded heater relay): the temperature climbs past its setpoint until
     * cleared.
     *
     * @throws UnsupportedOperationException on a device without a heater
     * @since 1.2
     */
    void heaterRunaway();

    /**
     * Clears one fault ({@link Fault#PELLET_CRACK} and {@link Fault#CAN_CRUSHED} cannot be cleared: they throw
     * {@link IllegalArgumentException}; {@link Fault#DISCONNECTED} is the same as {@link #reconnect()}).
     */
    void clear(Fault fault);

    /** Clears every clearable fault (a cracked pellet and a crushed can stay). */
    void clearAll();

    /** Faults in force now. */
    Set<Fault> active();
}
