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
    RELIEF_VALVE_LIFT
}
