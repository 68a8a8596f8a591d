package org.presslab.press.sim;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The coin-cell can in a simulated crimper's die, its true state (what a lab would measure with a height
 * gauge after the crimp). Obtain it from {@link SimulatedDevice#coinCell()}. Thread-safe; every call first
 * brings the physics up to the time source's present. See {@link CoinCanParameters} for the model.
 *
 * @since 1.3
 */
@ProviderType
public interface CoinCell {

    /** What a crimp has made of the can. */
    enum CanState {
        /** Never loaded to the yield force: the lip has not folded, the can is open. */
        UNCRIMPED,
        /** Yielded but not down to the sealed height: the gasket is not compressed all round, it leaks. */
        UNSEALED,
        /** Down to the sealed height (or below) without being crushed. */
        SEALED,
        /** Loaded to the crush force: can and cell collapsed; the cell is scrap. */
        CRUSHED
    }

    /** The state of the can in the die now. */
    CanState state();

    /** Height the can keeps when unloaded (initial height minus the plastic deformation), m. */
    double permanentHeightM();

    /** Height of the can under the present load (the elastic part included), m. */
    double heightM();

    /** Plastic (permanent) deformation so far, m. */
    double plasticDeformationM();

    /** The highest force the can has carried, N. */
    double peakForceN();

    /** The highest die pressure (force over die area) the can has carried, Pa. */
    double peakDiePressurePa();

    /** How many cans this crimper has had in its die, this one included (1 for a new device). */
    long canNumber();

    /**
     * Takes the crimped can out and puts a fresh one (of the device's {@link CoinCanParameters}) in the die, as
     * the operator does between two cells.
     *
     * @throws IllegalStateException while the die is loaded (force above 1 N): the ram must be released first
     */
    void insertNewCan();
}
