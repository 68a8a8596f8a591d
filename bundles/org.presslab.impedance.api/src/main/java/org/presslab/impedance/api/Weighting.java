package org.presslab.impedance.api;

/**
 * How the real and imaginary residuals of a complex fit are weighted. With residual
 * {@code r = Z_model - Z_data} the fit minimises {@code sum w_re r_re^2 + w_im r_im^2}.
 */
public enum Weighting {
    /** {@code w = 1}: every ohm counts the same; dominated by the largest impedances. */
    UNIT,
    /**
     * Data-proportional weighting (Boukamp; ZView "proportional"): {@code w_re = 1/Z'^2},
     * {@code w_im = 1/Z''^2}. A component smaller than 1e-3 |Z| is floored at 1e-3 |Z| so a
     * point near a zero crossing of Z'' cannot dominate.
     */
    PROPORTIONAL,
    /**
     * Modulus weighting {@code w_re = w_im = 1/|Z|^2} (impedance.py {@code weight_by_modulus},
     * ZView "calc-modulus" with data values): right for noise proportional to |Z|, the usual case
     * for a frequency response analyser.
     */
    MODULUS
}
