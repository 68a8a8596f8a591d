package org.presslab.press.sim;

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
     * Clears one fault ({@link Fault#PELLET_CRACK} cannot be cleared; {@link Fault#DISCONNECTED} is the
     * same as {@link #reconnect()}).
     */
    void clear(Fault fault);

    /** Clears every clearable fault. */
    void clearAll();

    /** Faults in force now. */
    Set<Fault> active();
}
