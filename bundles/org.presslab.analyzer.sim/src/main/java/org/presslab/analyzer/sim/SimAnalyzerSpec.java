package org.presslab.analyzer.sim;

import java.util.Locale;

/**
 * What a simulated analyzer and the pellet it measures are: SI units, defaults from docs/physics.md §2.2
 * (sources there; EST = our estimate). Mutable, fluent; {@link #validate()} names the first bad value.
 */
public final class SimAnalyzerSpec {

    private String id = "sim-eis-1";
    private long seed = 1;
    /** Electrolyte pellet thickness, m (EST: 1 mm, a common pressed pellet). */
    private double pelletThicknessM = 1e-3;
    /** Bulk conductivity, S/m: Na3Zr2Si2PO12 bulk 6e-4 S/cm [R38] (temperature of that value UNVERIFIED as RT). */
    private double bulkConductivitySpm = 6e-2;
    /** Total (bulk + grain boundary) conductivity, S/m: about 1e-4 S/cm effective for classic NZSP [R25]. */
    private double totalConductivitySpm = 1e-2;
    /** Relative permittivity of the electrolyte for the bulk capacitance (EST). */
    private double relativePermittivity = 10;
    /** Grain-boundary capacitance, F (EST: in the 1e-11..1e-8 F band of the Irvine rule, UNVERIFIED). */
    private double grainBoundaryCapacitanceF = 1e-10;
    /** CPE exponent of the grain-boundary arc (EST). */
    private double grainBoundaryAlpha = 0.9;
    /** Interface (double-layer) CPE coefficient per contact area, F·s^(α-1)/m² (EST: about 1 µF/cm²). */
    private double interfaceCapacitancePerAreaFpm2 = 1e-2;
    /** CPE exponent of the interface arc (EST). */
    private double interfaceAlpha = 0.85;
    /** Electronic resistance across a shorted cell, Ω (EST). */
    private double shortResistanceOhm = 0.5;
    /** Relative noise on Z at low frequency (σ of each component as a fraction of |Z|, EST: 0.2 %). */
    private double noiseRelative = 0.002;
    /** The noise grows as 1 + f/noiseCornerHz towards high frequency (EST: cables, phase error). */
    private double noiseCornerHz = 1e6;
    /** Periods measured and averaged per frequency (EST: 2, a quick setting). */
    private double periodsPerPoint = 2;
    /** Least time per frequency (settling, computing), s (EST). */
    private double minPointS = 0.1;
    private double minFrequencyHz = 10e-6;
    private double maxFrequencyHz = 7e6;
    private double minAmplitudeV = 1e-3;
    private double maxAmplitudeV = 1.0;
    private int maxPoints = 1000;

    /** The defaults above. */
    public static SimAnalyzerSpec defaults() {
        return new SimAnalyzerSpec();
    }

    public SimAnalyzerSpec copy() {
        SimAnalyzerSpec s = new SimAnalyzerSpec();
        s.id = id;
        s.seed = seed;
        s.pelletThicknessM = pelletThicknessM;
        s.bulkConductivitySpm = bulkConductivitySpm;
        s.totalConductivitySpm = totalConductivitySpm;
        s.relativePermittivity = relativePermittivity;
        s.grainBoundaryCapacitanceF = grainBoundaryCapacitanceF;
        s.grainBoundaryAlpha = grainBoundaryAlpha;
        s.interfaceCapacitancePerAreaFpm2 = interfaceCapacitancePerAreaFpm2;
        s.interfaceAlpha = interfaceAlpha;
        s.shortResistanceOhm = shortResistanceOhm;
        s.noiseRelative = noiseRelative;
        s.noiseCornerHz = noiseCornerHz;
        s.periodsPerPoint = periodsPerPoint;
        s.minPointS = minPointS;
        s.minFrequencyHz = minFrequencyHz;
        s.maxFrequencyHz = maxFrequencyHz;
        s.minAmplitudeV = minAmplitudeV;
        s.maxAmplitudeV = maxAmplitudeV;
        s.maxPoints = maxPoints;
        return s;
    }

    /**
     * @throws IllegalArgumentException naming the first value that is not finite or out of its range
     */
    public SimAnalyzerSpec validate() {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("simulated analyzer: id must not be blank");
        }
        positive("pelletThicknessM", pelletThicknessM, 0.1);
        positive("bulkConductivitySpm", bulkConductivitySpm, 1e3);
        positive("totalConductivitySpm", totalConductivitySpm, 1e3);
        if (totalConductivitySpm >= bulkConductivitySpm) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "simulated analyzer '%s': totalConductivitySpm %s must be "
                    + "below bulkConductivitySpm %s (grain boundaries only add resistance)", id, totalConductivitySpm,
                    bulkConductivitySpm));
        }
        positive("relativePermittivity", relativePermittivity, 1e6);
        positive("grainBoundaryCapacitanceF", grainBoundaryCapacitanceF, 1);
        range("grainBoundaryAlpha", grainBoundaryAlpha, 0.5, 1);
        positive("interfaceCapacitancePerAreaFpm2", interfaceCapacitancePerAreaFpm2, 1e3);
        range("interfaceAlpha", interfaceAlpha, 0.5, 1);
        positive("shortResistanceOhm", shortResistanceOhm, 1e6);
        range("noiseRelative", noiseRelative, 0, 0.2);
        positive("noiseCornerHz", noiseCornerHz, 1e12);
        range("periodsPerPoint", periodsPerPoint, 0.5, 1000);
        range("minPointS", minPointS, 0, 60);
        positive("minFrequencyHz", minFrequencyHz, 1e9);
        positive("maxFrequencyHz", maxFrequencyHz, 1e10);
        if (minFrequencyHz >= maxFrequencyHz) {
            throw new IllegalArgumentException("simulated analyzer '" + id + "': minFrequencyHz must be below maxFrequencyHz");
        }
        positive("minAmplitudeV", minAmplitudeV, 10);
        positive("maxAmplitudeV", maxAmplitudeV, 10);
        if (minAmplitudeV > maxAmplitudeV) {
            throw new IllegalArgumentException("simulated analyzer '" + id + "': minAmplitudeV must not exceed maxAmplitudeV");
        }
        if (maxPoints < 1 || maxPoints > 100_000) {
            throw new IllegalArgumentException("simulated analyzer '" + id + "': maxPoints must be in 1..100000, was " + maxPoints);
        }
        return this;
    }

    private void positive(String name, double v, double max) {
        if (!(v > 0) || !(v <= max)) {
            throw new IllegalArgumentException("simulated analyzer '" + id + "': " + name + " must be > 0 and <= " + max + ", was " + v);
        }
    }

    private void range(String name, double v, double lo, double hi) {
        if (!(v >= lo) || !(v <= hi)) {
            throw new IllegalArgumentException("simulated analyzer '" + id + "': " + name + " must be in " + lo + ".." + hi + ", was " + v);
        }
    }

    public String id() { return id; }
    public SimAnalyzerSpec id(String v) { id = v; return this; }
    public long seed() { return seed; }
    public SimAnalyzerSpec seed(long v) { seed = v; return this; }
    public double pelletThicknessM() { return pelletThicknessM; }
    public SimAnalyzerSpec pelletThicknessM(double v) { pelletThicknessM = v; return this; }
    public double bulkConductivitySpm() { return bulkConductivitySpm; }
    public SimAnalyzerSpec bulkConductivitySpm(double v) { bulkConductivitySpm = v; return this; }
    public double totalConductivitySpm() { return totalConductivitySpm; }
    public SimAnalyzerSpec totalConductivitySpm(double v) { totalConductivitySpm = v; return this; }
    public double relativePermittivity() { return relativePermittivity; }
    public SimAnalyzerSpec relativePermittivity(double v) { relativePermittivity = v; return this; }
    public double grainBoundaryCapacitanceF() { return grainBoundaryCapacitanceF; }
    public SimAnalyzerSpec grainBoundaryCapacitanceF(double v) { grainBoundaryCapacitanceF = v; return this; }
    public double grainBoundaryAlpha() { return grainBoundaryAlpha; }
    public SimAnalyzerSpec grainBoundaryAlpha(double v) { grainBoundaryAlpha = v; return this; }
    public double interfaceCapacitancePerAreaFpm2() { return interfaceCapacitancePerAreaFpm2; }
    public SimAnalyzerSpec interfaceCapacitancePerAreaFpm2(double v) { interfaceCapacitancePerAreaFpm2 = v; return this; }
    public double interfaceAlpha() { return interfaceAlpha; }
    public SimAnalyzerSpec interfaceAlpha(double v) { interfaceAlpha = v; return this; }
    public double shortResistanceOhm() { return shortResistanceOhm; }
    public SimAnalyzerSpec shortResistanceOhm(double v) { shortResistanceOhm = v; return this; }
    public double noiseRelative() { return noiseRelative; }
    public SimAnalyzerSpec noiseRelative(double v) { noiseRelative = v; return this; }
    public double noiseCornerHz() { return noiseCornerHz; }
    public SimAnalyzerSpec noiseCornerHz(double v) { noiseCornerHz = v; return this; }
    public double periodsPerPoint() { return periodsPerPoint; }
    public SimAnalyzerSpec periodsPerPoint(double v) { periodsPerPoint = v; return this; }
    public double minPointS() { return minPointS; }
    public SimAnalyzerSpec minPointS(double v) { minPointS = v; return this; }
    public double minFrequencyHz() { return minFrequencyHz; }
    public double maxFrequencyHz() { return maxFrequencyHz; }
    public SimAnalyzerSpec frequencyRange(double minHz, double maxHz) { minFrequencyHz = minHz; maxFrequencyHz = maxHz; return this; }
    public double minAmplitudeV() { return minAmplitudeV; }
    public double maxAmplitudeV() { return maxAmplitudeV; }
    public SimAnalyzerSpec amplitudeRange(double minV, double maxV) { minAmplitudeV = minV; maxAmplitudeV = maxV; return this; }
    public int maxPoints() { return maxPoints; }
    public SimAnalyzerSpec maxPoints(int v) { maxPoints = v; return this; }
}
