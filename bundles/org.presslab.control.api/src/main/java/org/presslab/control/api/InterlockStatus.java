package org.presslab.control.api;

/**
 * One interlock and its state.
 *
 * @param kind which interlock
 * @param tripped whether it has tripped (latched)
 * @param limit the limit it enforces, in its unit (Pa, Pa/s, s), NaN where it has none
 * @param unit the unit of {@code limit} and {@code value}
 * @param value the last value it saw, NaN where it has none
 * @param detail what it checks, in words
 */
public record InterlockStatus(InterlockKind kind, boolean tripped, double limit, String unit, double value,
        String detail) {
}
