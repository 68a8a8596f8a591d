package org.presslab.press.sim;

/**
 * The coin-cell can a simulated crimper closes (a CR2032 by default), SI units. Every default is an
 * engineering estimate (EST, docs/physics.md §5) except the sealed height, which is the "32" of the
 * CR2032 designation (3.2 mm).
 *
 * <p>Model (one-dimensional elastic-plastic with linear hardening, the die and frame in series): the can
 * and the stack inside it compress elastically with {@code canStiffnessNpm} until the force reaches the
 * yield force {@code F_y = yieldForceN + hardeningNpm·δp}; beyond it the cap's lip folds over the gasket
 * and the plastic deformation {@code δp} grows (tangent stiffness {@code 1/(1/k_e + 1/H)}). Unloading is
 * elastic: the can springs back and keeps {@code δp}. The can is sealed once its permanent height
 * {@code initialHeightM - δp} is at most {@code sealedHeightM}; a crimp that stays below the yield force
 * leaves it uncrimped, one that yields but stops short leaves it unsealed. At {@code crushForceN} the can
 * and the cell in it collapse by {@code crushCollapseM} at once (force drops) and the can is crushed.
 */
public final class CoinCanParameters {

    /** Height of the assembled stack before crimping, m: 3.45 mm (EST: the cap's lip and gasket stand proud). */
    private double initialHeightM = 3.45e-3;
    /** Height at and below which the can is sealed, m: 3.2 mm (CR2032: 20 mm across, 3.2 mm high). */
    private double sealedHeightM = 3.2e-3;
    /** Elastic stiffness of can, gasket, spacer and spring (spring compressed solid), N/m: 20 kN/mm (EST). */
    private double canStiffnessNpm = 20e6;
    /** Force at which the lip starts to fold, N: 0.5 t = 4.9 kN (EST). */
    private double yieldForceN = 4.9e3;
    /** Plastic hardening of the folding lip, N/m: 12 kN/mm (EST: sealed at 7.9 kN, about 0.8 t). */
    private double hardeningNpm = 12e6;
    /** Force at which can and cell collapse, N: 1.6 t = 15.7 kN (EST; about twice a good crimp). */
    private double crushForceN = 15.7e3;
    /** Sudden loss of height when the can is crushed, m: 0.3 mm (EST: spacer tilts, spring and electrodes give). */
    private double crushCollapseM = 0.3e-3;

    public CoinCanParameters() {
    }

    /** A copy of {@code o}. */
    public CoinCanParameters(CoinCanParameters o) {
        initialHeightM = o.initialHeightM;
        sealedHeightM = o.sealedHeightM;
        canStiffnessNpm = o.canStiffnessNpm;
        yieldForceN = o.yieldForceN;
        hardeningNpm = o.hardeningNpm;
        crushForceN = o.crushForceN;
        crushCollapseM = o.crushCollapseM;
    }

    /** Checks every field; the message names the first bad one. */
    public void validate() {
        Checks.finitePositive("coinCan.initialHeightM", initialHeightM);
        Checks.finitePositive("coinCan.sealedHeightM", sealedHeightM);
        if (!(sealedHeightM < initialHeightM)) {
            throw new IllegalArgumentException("coinCan.sealedHeightM (" + sealedHeightM
                    + " m) must be below coinCan.initialHeightM (" + initialHeightM + " m)");
        }
        Checks.finitePositive("coinCan.canStiffnessNpm", canStiffnessNpm);
        Checks.finitePositive("coinCan.yieldForceN", yieldForceN);
        Checks.finitePositive("coinCan.hardeningNpm", hardeningNpm);
        Checks.finitePositive("coinCan.crushForceN", crushForceN);
        if (!(crushForceN > sealForceN())) {
            throw new IllegalArgumentException("coinCan.crushForceN (" + crushForceN
                    + " N) must be above the force that seals the can (" + sealForceN() + " N)");
        }
        Checks.range("coinCan.crushCollapseM", crushCollapseM, 0, sealedHeightM);
    }

    /** The plastic deformation that seals the can, m: {@code initialHeightM - sealedHeightM}. */
    public double sealDeformationM() {
        return initialHeightM - sealedHeightM;
    }

    /** The force at which the can becomes sealed on a first crimp, N: {@code yieldForceN + hardeningNpm·sealDeformationM}. */
    public double sealForceN() {
        return yieldForceN + hardeningNpm * sealDeformationM();
    }

    public double initialHeightM() { return initialHeightM; }
    public CoinCanParameters initialHeightM(double v) { initialHeightM = v; return this; }
    public double sealedHeightM() { return sealedHeightM; }
    public CoinCanParameters sealedHeightM(double v) { sealedHeightM = v; return this; }
    public double canStiffnessNpm() { return canStiffnessNpm; }
    public CoinCanParameters canStiffnessNpm(double v) { canStiffnessNpm = v; return this; }
    public double yieldForceN() { return yieldForceN; }
    public CoinCanParameters yieldForceN(double v) { yieldForceN = v; return this; }
    public double hardeningNpm() { return hardeningNpm; }
    public CoinCanParameters hardeningNpm(double v) { hardeningNpm = v; return this; }
    public double crushForceN() { return crushForceN; }
    public CoinCanParameters crushForceN(double v) { crushForceN = v; return this; }
    public double crushCollapseM() { return crushCollapseM; }
    public CoinCanParameters crushCollapseM(double v) { crushCollapseM = v; return this; }
}
