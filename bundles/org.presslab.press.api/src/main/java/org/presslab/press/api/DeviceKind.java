package org.presslab.press.api;

/** The kind of hardware, for display, defaults and safe-state choices. */
public enum DeviceKind {
    AUTOMATIC_HYDRAULIC_PRESS,
    MANUAL_HYDRAULIC_PRESS,
    SPRING_FRAME,
    SCREW_FRAME,
    MOTORIZED_FRAME,
    HEATED_PRESS,
    ISOSTATIC_PRESS,
    CRIMPER,
    FORCE_GAUGE,
    OTHER
}
