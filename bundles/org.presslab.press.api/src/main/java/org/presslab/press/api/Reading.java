package org.presslab.press.api;

/**
 * One measurement, SI units. Quantities the device does not measure are {@code NaN}.
 *
 * @param timeNanos when the device measured it, on the platform's monotonic clock
 *        ({@code TimeSource.nanoTime()}), not when it was read
 * @param sequence increases by at least one with every new measurement; equal sequence means the same measurement
 * @param forceN force on the sample, newtons, compression positive
 * @param pressurePa line or vessel pressure the device measures, pascals (not the pressure on the cell unless the device is isostatic)
 * @param positionM platen or crosshead position, metres, closing positive
 * @param temperatureK temperature, kelvin
 * @param quality how far the values can be trusted
 */
public record Reading(long timeNanos, long sequence, double forceN, double pressurePa, double positionM,
        double temperatureK, Quality quality) {

    /** A placeholder before the first measurement. */
    public static Reading none(long timeNanos) {
        return new Reading(timeNanos, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Quality.STALE);
    }

    /** This reading marked stale (same values and time). */
    public Reading stale() {
        return quality == Quality.STALE ? this : new Reading(timeNanos, sequence, forceN, pressurePa, positionM, temperatureK, Quality.STALE);
    }
}
