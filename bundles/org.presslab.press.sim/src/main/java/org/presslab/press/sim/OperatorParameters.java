package org.presslab.press.sim;

/**
 * The simulated operator of a manual hydraulic press. Given a target through
 * {@link org.presslab.press.api.OperatorChannel#instruct}, the operator reads the press gauge, pumps
 * strokes sized from what the last stroke did (aiming a little high, at random), waits, and opens
 * the release valve briefly when the force is above the band. All choices come from the device seed.
 */
public final class OperatorParameters {

    /** Largest stroke, m³: a full lever stroke of the hand pump, 1 cm³ (EST). */
    private double maxStrokeVolumeM3 = 1e-6;
    /** Smallest stroke the operator manages, m³: 2 mm³ (EST; a nudge of the lever). */
    private double minStrokeVolumeM3 = 2e-9;
    /** Duration of one stroke, s: 0.6 s (EST). */
    private double strokeDurationS = 0.6;
    /** Mean pause to read the gauge between actions, s: 1.0 s (EST). */
    private double reactionTimeS = 1.0;
    /** Spread of the pause, as a fraction of it (uniform ±): 0.3 (EST). */
    private double reactionJitter = 0.3;
    /** Lowest and highest aim factors (stroke / needed): 0.9-1.25, so the operator overshoots a little (EST). */
    private double aimLow = 0.9;
    private double aimHigh = 1.25;
    /** Gauge reading error (standard deviation) as a fraction of the force: 1 % (EST; analogue gauge). */
    private double gaugeError = 0.01;

    public OperatorParameters() {
    }

    /** A copy of {@code o}. */
    public OperatorParameters(OperatorParameters o) {
        maxStrokeVolumeM3 = o.maxStrokeVolumeM3;
        minStrokeVolumeM3 = o.minStrokeVolumeM3;
        strokeDurationS = o.strokeDurationS;
        reactionTimeS = o.reactionTimeS;
        reactionJitter = o.reactionJitter;
        aimLow = o.aimLow;
        aimHigh = o.aimHigh;
        gaugeError = o.gaugeError;
    }

    /** Checks every field; the message names the first bad one. */
    public void validate() {
        Checks.finitePositive("operator.maxStrokeVolumeM3", maxStrokeVolumeM3);
        Checks.range("operator.minStrokeVolumeM3", minStrokeVolumeM3, 0, maxStrokeVolumeM3);
        Checks.finitePositive("operator.strokeDurationS", strokeDurationS);
        Checks.finitePositive("operator.reactionTimeS", reactionTimeS);
        Checks.range("operator.reactionJitter", reactionJitter, 0, 0.9);
        Checks.range("operator.aimLow", aimLow, 0.1, aimHigh);
        Checks.range("operator.aimHigh", aimHigh, aimLow, 3);
        Checks.range("operator.gaugeError", gaugeError, 0, 0.2);
    }

    public double maxStrokeVolumeM3() { return maxStrokeVolumeM3; }
    public OperatorParameters maxStrokeVolumeM3(double v) { maxStrokeVolumeM3 = v; return this; }
    public double minStrokeVolumeM3() { return minStrokeVolumeM3; }
    public OperatorParameters minStrokeVolumeM3(double v) { minStrokeVolumeM3 = v; return this; }
    public double strokeDurationS() { return strokeDurationS; }
    public OperatorParameters strokeDurationS(double v) { strokeDurationS = v; return this; }
    public double reactionTimeS() { return reactionTimeS; }
    public OperatorParameters reactionTimeS(double v) { reactionTimeS = v; return this; }
    public double reactionJitter() { return reactionJitter; }
    public OperatorParameters reactionJitter(double v) { reactionJitter = v; return this; }
    public double aimLow() { return aimLow; }
    public OperatorParameters aimLow(double v) { aimLow = v; return this; }
    public double aimHigh() { return aimHigh; }
    public OperatorParameters aimHigh(double v) { aimHigh = v; return this; }
    public double gaugeError() { return gaugeError; }
    public OperatorParameters gaugeError(double v) { gaugeError = v; return this; }
}
