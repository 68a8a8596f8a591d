package org.presslab.press.sim;

/** Faults a simulated device can be given, see {@link FaultInjector}. */
public enum Fault {
    /** The sensor value stops changing while the sequence and time still advance, quality GOOD. */
    FROZEN_SENSOR,
    /** No new readings: the last reading is returned unchanged (a silent failure; its age grows). */
    STALE_SENSOR,
    /** The link is down: health DISCONNECTED, readings STALE, commands dropped, device holds. */
    DISCONNECTED,
    /** The device reports a fault: health FAULT, readings FAULT. */
    DEVICE_FAULT,
    /** The sensor reports overload: readings OVERLOAD, health FAULT. */
    OVERLOAD,
    /** The pellet has cracked: the stack collapses and loses stiffness (not clearable). */
    PELLET_CRACK,
    /** The relief valve has lifted and vents the hydraulics until reseated. */
    RELIEF_VALVE_LIFT,
    /**
     * Force and pressure read NaN, quality GOOD, time and sequence fresh: a driver that passes a failed
     * conversion on as a number ({@link FaultInjector#nanReading()}). @since 1.2
     */
    NAN_READING,
    /** Force and pressure read +Infinity, quality GOOD, time and sequence fresh ({@link FaultInjector#infiniteReading()}). @since 1.2 */
    INFINITE_READING,
    /**
     * A sensor reads a fixed value (e.g. 0 N) with fresh time and sequence, quality GOOD, while the plant moves
     * on ({@link FaultInjector#stuckAt(double)}, {@link FaultInjector#stuckPressureAt(double)}). @since 1.2
     */
    STUCK_AT,
    /** One implausible step in a reading, kept from then on ({@link FaultInjector#jump(double)}). @since 1.2 */
    JUMP,
    /**
     * {@code command()}, {@code enterSafeState()} and optionally {@code read()} block in real time before they
     * act, as a bad vendor driver's calls do ({@link FaultInjector#blockCalls(java.time.Duration, boolean)}). @since 1.2
     */
    BLOCKING_CALLS,
    /** The heater heats at full power whatever its setpoint, off or safe state says ({@link FaultInjector#heaterRunaway()}). @since 1.2 */
    HEATER_RUNAWAY,
    /**
     * A crimper's coin-cell can was loaded to its crush force and collapsed: a fact of the plant, not an injected
     * fault (it cannot be cleared; {@link CoinCell#insertNewCan()} puts a fresh can in). @since 1.3
     */
    CAN_CRUSHED
}
