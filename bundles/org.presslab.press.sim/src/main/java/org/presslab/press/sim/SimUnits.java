package org.presslab.press.sim;

/** Conversions between the lab's edge units and the SI units of this package. */
public final class SimUnits {

    /** Coulombs per mAh. */
    public static final double COULOMB_PER_MAH = 3.6;
    /** m² per cm². */
    public static final double M2_PER_CM2 = 1e-4;

    private SimUnits() {
    }

    /** mA/cm² to A/m² (1 mA/cm² = 10 A/m²). */
    public static double mAPerCm2(double milliampPerCm2) {
        return milliampPerCm2 * 1e-3 / M2_PER_CM2;
    }

    /** mAh/cm² to C/m² (1 mAh/cm² = 36 000 C/m²). */
    public static double mAhPerCm2(double milliampHourPerCm2) {
        return milliampHourPerCm2 * COULOMB_PER_MAH / M2_PER_CM2;
    }

    /** C/m² to mAh/cm². */
    public static double toMAhPerCm2(double coulombPerM2) {
        return coulombPerM2 * M2_PER_CM2 / COULOMB_PER_MAH;
    }

    /** MPa to Pa. */
    public static double mpa(double megapascal) {
        return megapascal * 1e6;
    }

    /** Pa to MPa. */
    public static double toMpa(double pascal) {
        return pascal * 1e-6;
    }

    /** kN/mm (= MN/m) to N/m. */
    public static double kNPerMm(double kiloNewtonPerMm) {
        return kiloNewtonPerMm * 1e6;
    }

    /** °C to K. */
    public static double celsius(double degC) {
        return degC + 273.15;
    }

    /** Area of a disc of diameter {@code d} (m), m². */
    public static double discArea(double diameterM) {
        return Math.PI * diameterM * diameterM / 4;
    }
}
