package org.presslab.press.sim;

/**
 * One sensor channel (load cell, line or vessel pressure, position, temperature), in the SI unit of
 * its quantity: the measured value is
 * {@code quantize(true + offset + driftPerS·t + N(0, noiseRms), resolution)}, with {@code t} the seconds
 * since the device was built (the driver started), and beyond {@code range} the reading is OVERLOAD.
 *
 * <p>Offset and drift are zero by default (an ideal zero). A lab tares its load cell at zero load before a
 * run, so {@code offset} is the zero error that remains after the tare (or the whole zero error of a cell
 * nobody tared), and {@code driftPerS} the slow, linear creep of the zero from temperature and the
 * amplifier afterwards. A realistic 50 kN load cell on a lab press:
 * {@code spec.loadCell().noiseRms(5).offset(20).driftPerS(0.01)} (5 N rms, 20 N zero error, 36 N per hour),
 * or {@link #labLoadCell50kN()}.
 */
public final class SensorParameters {

    private double range;
    private double resolution;
    private double noiseRms;
    private double offset;
    private double driftPerS;

    /**
     * @param range full scale (N, Pa, m or K)
     * @param resolution quantization step (0 = none)
     * @param noiseRms standard deviation of Gaussian noise (0 = none)
     */
    public SensorParameters(double range, double resolution, double noiseRms) {
        this.range = range;
        this.resolution = resolution;
        this.noiseRms = noiseRms;
    }

    /** A copy of {@code o}. */
    public SensorParameters(SensorParameters o) {
        this(o.range, o.resolution, o.noiseRms);
        this.offset = o.offset;
        this.driftPerS = o.driftPerS;
    }

    /**
     * A 50 kN strain-gauge load cell as a lab press has it, untared between runs: 0.5 N steps, 5 N rms noise,
     * 20 N zero offset, drift 0.01 N/s (36 N per hour) (EST).
     *
     * @since 1.2
     */
    public static SensorParameters labLoadCell50kN() {
        return new SensorParameters(50e3, 0.5, 5).offset(20).driftPerS(0.01);
    }

    /**
     * Copies every value of {@code o} into this one (for the sensors of a {@link SimSpec}, which are fixed
     * objects): {@code spec.loadCell().set(SensorParameters.labLoadCell50kN())}.
     *
     * @since 1.2
     */
    public SensorParameters set(SensorParameters o) {
        range = o.range;
        resolution = o.resolution;
        noiseRms = o.noiseRms;
        offset = o.offset;
        driftPerS = o.driftPerS;
        return this;
    }

    /** Checks every field; {@code name} prefixes the message. */
    public void validate(String name) {
        Checks.finitePositive(name + ".range", range);
        Checks.nonNegative(name + ".resolution", resolution);
        Checks.nonNegative(name + ".noiseRms", noiseRms);
        Checks.finite(name + ".offset", offset);
        Checks.finite(name + ".driftPerS", driftPerS);
    }

    public double range() { return range; }
    public SensorParameters range(double v) { range = v; return this; }
    public double resolution() { return resolution; }
    public SensorParameters resolution(double v) { resolution = v; return this; }
    public double noiseRms() { return noiseRms; }
    public SensorParameters noiseRms(double v) { noiseRms = v; return this; }
    /** Zero offset added to every measurement, in the unit of the quantity (N, Pa, m or K); 0 = none. @since 1.2 */
    public double offset() { return offset; }
    /** @since 1.2 */
    public SensorParameters offset(double v) { offset = v; return this; }
    /** Linear drift of the zero, unit of the quantity per second since the device was built; 0 = none. @since 1.2 */
    public double driftPerS() { return driftPerS; }
    /** @since 1.2 */
    public SensorParameters driftPerS(double v) { driftPerS = v; return this; }
}
