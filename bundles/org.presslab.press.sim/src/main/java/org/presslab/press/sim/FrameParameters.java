package org.presslab.press.sim;

/**
 * A pressure frame: disc springs (spring frame), a bolted screw (fixed gap) or a motor-driven screw
 * with springs (motorized frame), SI units. Springs in series (docs/physics.md §1.4):
 * {@code 1/k_eff = 1/k_frame + 1/k_spring + 1/k_stack} and
 * {@code F = k_eff·(u_preload + x_motor + Δh_plating - δ_creep)}.
 */
public final class FrameParameters {

    /** Disc-spring stack stiffness, N/m: 200 N/mm (docs/physics.md §1.4: 50-500 N/mm, EST); +∞ = no spring (screw frame). */
    private double springStiffnessNpm = 200e3;
    /** Frame, bolts and plungers, N/m: 20 kN/mm (docs/physics.md §1.4: k_eff of a fixed-gap frame 10-50 kN/mm, EST). */
    private double frameStiffnessNpm = 20e6;
    /** Pressure on the cell set at assembly, Pa: 15 MPa (docs/physics.md §1.4, the operating pressure). */
    private double preloadPressurePa = 15e6;
    /** Force rating of the frame, N: 10 kN (EST). */
    private double ratedForceN = 10e3;
    /** Motorized frame: crosshead speed at full output, m/s: 0.2 mm/s (EST). */
    private double motorMaxSpeedMps = 0.2e-3;
    /** Motorized frame: time constant of the motor, s: 20 ms (EST). */
    private double motorTimeConstantS = 0.02;
    /** Motorized frame: dead time from command to motor, s: 5 ms (EST). */
    private double commandDelayS = 0.005;
    /** Motorized frame: crosshead travel either way from the assembly position, m: 5 mm (EST). */
    private double motorTravelM = 5e-3;

    public FrameParameters() {
    }

    /** A copy of {@code o}. */
    public FrameParameters(FrameParameters o) {
        springStiffnessNpm = o.springStiffnessNpm;
        frameStiffnessNpm = o.frameStiffnessNpm;
        preloadPressurePa = o.preloadPressurePa;
        ratedForceN = o.ratedForceN;
        motorMaxSpeedMps = o.motorMaxSpeedMps;
        motorTimeConstantS = o.motorTimeConstantS;
        commandDelayS = o.commandDelayS;
        motorTravelM = o.motorTravelM;
    }

    /** Checks every field; the message names the first bad one. */
    public void validate() {
        Checks.positive("frame.springStiffnessNpm", springStiffnessNpm);
        Checks.finitePositive("frame.frameStiffnessNpm", frameStiffnessNpm);
        Checks.nonNegative("frame.preloadPressurePa", preloadPressurePa);
        Checks.finitePositive("frame.ratedForceN", ratedForceN);
        Checks.finitePositive("frame.motorMaxSpeedMps", motorMaxSpeedMps);
        Checks.nonNegative("frame.motorTimeConstantS", motorTimeConstantS);
        Checks.range("frame.commandDelayS", commandDelayS, 0, 1);
        Checks.finitePositive("frame.motorTravelM", motorTravelM);
    }

    public double springStiffnessNpm() { return springStiffnessNpm; }
    public FrameParameters springStiffnessNpm(double v) { springStiffnessNpm = v; return this; }
    public double frameStiffnessNpm() { return frameStiffnessNpm; }
    public FrameParameters frameStiffnessNpm(double v) { frameStiffnessNpm = v; return this; }
    public double preloadPressurePa() { return preloadPressurePa; }
    public FrameParameters preloadPressurePa(double v) { preloadPressurePa = v; return this; }
    public double ratedForceN() { return ratedForceN; }
    public FrameParameters ratedForceN(double v) { ratedForceN = v; return this; }
    public double motorMaxSpeedMps() { return motorMaxSpeedMps; }
    public FrameParameters motorMaxSpeedMps(double v) { motorMaxSpeedMps = v; return this; }
    public double motorTimeConstantS() { return motorTimeConstantS; }
    public FrameParameters motorTimeConstantS(double v) { motorTimeConstantS = v; return this; }
    public double commandDelayS() { return commandDelayS; }
    public FrameParameters commandDelayS(double v) { commandDelayS = v; return this; }
    public double motorTravelM() { return motorTravelM; }
    public FrameParameters motorTravelM(double v) { motorTravelM = v; return this; }
}
