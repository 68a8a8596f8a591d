package org.presslab.impedance.api;

/**
 * Options of the Lin-KK test.
 *
 * @param muThreshold the mu criterion: M grows until {@code mu <= muThreshold} (Schönleber: 0.85)
 * @param maxM the largest number of RC elements tried
 * @param fixedM if positive, use exactly this many RC elements and skip the mu criterion
 * @param seriesCapacitance add a series capacitance to the KK model (impedance.py {@code
 *        add_cap}); needed for blocking or capacitive low-frequency behaviour
 * @param residualLimit relative residual above which a point is flagged (e.g. 0.01 = 1 %)
 */
public record KkOptions(double muThreshold, int maxM, int fixedM, boolean seriesCapacitance, double residualLimit) {

    /** mu 0.85, at most 100 RC elements, series capacitance and inductance, 1 % limit. */
    public static final KkOptions DEFAULT = new KkOptions(0.85, 100, 0, true, 0.01);

    public KkOptions {
        if (!(muThreshold > 0 && muThreshold <= 1)) {
            throw new IllegalArgumentException("muThreshold must be in (0, 1], was " + muThreshold);
        }
        if (maxM < 1) {
            throw new IllegalArgumentException("maxM must be at least 1, was " + maxM);
        }
        if (!(residualLimit > 0)) {
            throw new IllegalArgumentException("residualLimit must be positive, was " + residualLimit);
        }
    }
}
