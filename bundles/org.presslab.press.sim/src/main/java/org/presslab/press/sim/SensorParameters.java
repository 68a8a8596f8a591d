package org.presslab.press.sim;

/**
 * One sensor channel (load cell, line or vessel pressure, position, temperature), in the SI unit of
 * its quantity: the measured value is {@code quantize(true + N(0, noiseRms), resolution)}, and beyond
 * {@code range} the reading is OVERLOAD.
 */
public final class SensorParameters {

    private double range;
    private double resolution;
    private double noiseRms;

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
    }

    /** Checks every field; {@code name} prefixes the message. */
    public void validate(String name) {
        Checks.finitePositive(name + ".range", range);
        Checks.nonNegative(name + ".resolution", resolution);
        Checks.nonNegative(name + ".noiseRms", noiseRms);
    }

    public double range() { return range; }
    public SensorParameters range(double v) { range = v; return this; }
    public double resolution() { return resolution; }
    public SensorParameters resolution(double v) { resolution = v; return this; }
    public double noiseRms() { return noiseRms; }
    public SensorParameters noiseRms(double v) { noiseRms = v; return this; }
}
