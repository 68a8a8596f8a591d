package org.presslab.control.api;

/**
 * The limits a station enforces now. Limits only narrow: the maximum is the lowest of every
 * source, and the name of the lowest source is given so a refusal can say which it was.
 *
 * @param maxPressurePa the highest pressure any command may reach
 * @param maxPressureSource what sets it ("fixture rating", "driver rating", "recipe 'assb-default' limit")
 * @param maxRatePaPerS the fastest allowed pressure change
 */
public record PressureLimits(double maxPressurePa, String maxPressureSource, double maxRatePaPerS) {
}
