package org.presslab.press.sim.internal;

import org.presslab.press.sim.CellParameters;

/**
 * State of the cell stack: sodium creep, plating and stripping, voids, the assembly history and the
 * crack. Not thread-safe; the owning device holds its lock. See {@link CellParameters} for the laws.
 */
final class CellStack {

    /** Gas constant, J/(mol·K). */
    private static final double R_GAS = 8.314462618;

    private final CellParameters p;
    private final double area;

    private double current;              // A/m², + plating
    private double netCharge;            // C/m²
    private double anodeGrowth;          // m, sodium plated minus stripped on the anode
    private double plated;               // m, stack height change from it after counter-electrode compensation
    private double creep;                // m, creep shortening
    private double voids;                // void fraction from stripping
    private double maxPressure;          // Pa, highest pressure the cell has seen
    private boolean cracked;
    private boolean shorted;
    private double lastPressure;
    private double lastStrainRate;
    private double arrheniusT = Double.NaN;
    private double arrheniusFactor = 1;

    // cycling profile
    private boolean cycling;
    private double cycleCurrent;
    private double cycleCapacity;
    private int cycleLimit;
    private int completedHalfCycles;
    private double halfCycleCharge;
    private int direction = 1;

    CellStack(CellParameters p) {
        this.p = p;
        this.area = p.areaM2();
        this.maxPressure = p.assemblyPressurePa();
    }

    CellParameters parameters() {
        return p;
    }

    double area() {
        return area;
    }

    /** Stack stiffness now, N/m (reduced after a crack). */
    double stiffness() {
        return cracked ? p.stackStiffnessNpm() * p.crackedStiffnessFraction() : p.stackStiffnessNpm();
    }

    /**
     * How much shorter the stack is than at creation, m: creep and a crack shorten it, plating lengthens it.
     */
    double shortening() {
        return creep - plated + (cracked ? p.crackCollapseM() : 0);
    }

    double anodeThickness() {
        return Math.max(p.minAnodeThicknessM(), p.anodeThicknessM() + anodeGrowth - creep);
    }

    /**
     * Advances the cell by {@code dt}.
     *
     * @param pressurePa pressure on the cell during the step
     * @param temperatureK cell temperature
     * @param deviatoric false for isostatic loading (no shear stress, so no creep)
     * @param maxCreepStep the most the stack may creep in this step, m (the device's stability limit)
     */
    void step(double dt, double pressurePa, double temperatureK, boolean deviatoric, double maxCreepStep) {
        lastPressure = pressurePa;
        if (pressurePa > maxPressure) {
            maxPressure = pressurePa;
        }
        // current: constant or cycling profile
        double i = current;
        if (cycling) {
            i = direction * cycleCurrent;
            current = i;
        }
        double dq = i * dt;
        netCharge += dq;
        anodeGrowth += dq * p.thicknessPerChargeM3PerC();
        plated = anodeGrowth * (1 - p.counterElectrodeCompensation());
        if (cycling) {
            halfCycleCharge += Math.abs(dq);
            if (halfCycleCharge >= cycleCapacity) {
                halfCycleCharge -= cycleCapacity;
                completedHalfCycles++;
                direction = -direction;
                if (cycleLimit > 0 && completedHalfCycles >= cycleLimit) {
                    cycling = false;
                    current = 0;
                }
            }
        }
        // creep of the sodium (docs/physics.md §1.2)
        double rate = 0;
        if (deviatoric && pressurePa > 0 && p.referenceStrainRate() > 0) {
            double h = anodeThickness();
            double hRatio = p.geometryReferenceThicknessM() / h;
            double g = p.geometryFactor() * (p.geometryExponent() == 1 ? hRatio : Math.pow(hRatio, p.geometryExponent()));
            double x = pressurePa / (g * p.yieldStressPa());
            rate = p.referenceStrainRate() * power(x, p.creepExponent()) * arrhenius(temperatureK);
            double dCreep = Math.min(h * rate * dt, Math.max(0, maxCreepStep));
            dCreep = Math.min(dCreep, Math.max(0, h - p.minAnodeThicknessM()));
            creep += dCreep;
        }
        lastStrainRate = rate;
        // voids: grow when stripping above the critical stripping current, close by creep (docs/physics.md §1.5)
        if (i < 0) {
            double iccs = pressurePa / p.ccsPressurePerCurrentDensity();
            voids += p.voidGrowthPerCharge() * Math.max(0, -i - iccs) * dt;
        }
        voids -= voids * Math.min(1, p.voidClosureFactor() * rate * dt);
        voids = Math.min(0.99, Math.max(0, voids));
        if (i > 0 && voids > p.shortVoidFraction()) {
            shorted = true;
        }
    }

    /** x^n, with the common n = 5 multiplied out (this runs every integration step). */
    private static double power(double x, double n) {
        if (n == 5) {
            double x2 = x * x;
            return x2 * x2 * x;
        }
        return Math.pow(x, n);
    }

    /** exp(-Q/R·(1/T - 1/T_ref)), cached for the last temperature. */
    private double arrhenius(double temperatureK) {
        if (temperatureK != arrheniusT) {
            arrheniusT = temperatureK;
            arrheniusFactor = p.creepActivationEnergyJPerMol() == 0 ? 1
                    : Math.exp(-p.creepActivationEnergyJPerMol() / R_GAS * (1 / temperatureK - 1 / p.referenceTemperatureK()));
        }
        return arrheniusFactor;
    }

    void setCurrent(double amperePerM2) {
        if (!Double.isFinite(amperePerM2)) {
            throw new IllegalArgumentException("current density must be finite, was " + amperePerM2);
        }
        cycling = false;
        current = amperePerM2;
    }

    double current() {
        return current;
    }

    void startCycling(double currentDensity, double capacity, int halfCycles) {
        if (!(currentDensity > 0) || !Double.isFinite(currentDensity)) {
            throw new IllegalArgumentException("cycling current density must be finite and > 0, was " + currentDensity);
        }
        if (!(capacity > 0) || !Double.isFinite(capacity)) {
            throw new IllegalArgumentException("cycling capacity per half cycle must be finite and > 0, was " + capacity);
        }
        if (halfCycles < 0) {
            throw new IllegalArgumentException("half cycles must be >= 0 (0 = endless), was " + halfCycles);
        }
        cycling = true;
        cycleCurrent = currentDensity;
        cycleCapacity = capacity;
        cycleLimit = halfCycles;
        completedHalfCycles = 0;
        halfCycleCharge = 0;
        direction = 1;
        current = currentDensity;
    }

    void stopCycling() {
        cycling = false;
        current = 0;
    }

    boolean isCycling() {
        return cycling;
    }

    int completedHalfCycles() {
        return completedHalfCycles;
    }

    double netCharge() {
        return netCharge;
    }

    double plated() {
        return plated;
    }

    double creep() {
        return creep;
    }

    void crack() {
        cracked = true;
    }

    boolean isCracked() {
        return cracked;
    }

    boolean isShorted() {
        return shorted;
    }

    double strainRate() {
        return lastStrainRate;
    }

    /** The spec values the cell state depends on. */
    void geometry(SnapshotData out) {
        out.put("geometry.cell.diameterM", p.diameterM());
        out.put("geometry.cell.anodeThicknessM", p.anodeThicknessM());
        out.put("geometry.cell.stackStiffnessNpm", p.stackStiffnessNpm());
    }

    void save(SnapshotData out) {
        out.put("state.cell.currentDensityApm2", current);
        out.put("state.cell.netChargeCpm2", netCharge);
        out.put("state.cell.anodeGrowthM", anodeGrowth);
        out.put("state.cell.platedM", plated);
        out.put("state.cell.creepM", creep);
        out.put("state.cell.voidFraction", voids);
        out.put("state.cell.maxPressurePa", maxPressure);
        out.put("state.cell.cracked", cracked);
        out.put("state.cell.shorted", shorted);
        out.put("state.cell.cycling", cycling);
        out.put("state.cell.cycleCurrentDensityApm2", cycleCurrent);
        out.put("state.cell.cycleCapacityCpm2", cycleCapacity);
        out.put("state.cell.cycleHalfCycleLimit", cycleLimit);
        out.put("state.cell.completedHalfCycles", completedHalfCycles);
        out.put("state.cell.halfCycleChargeCpm2", halfCycleCharge);
        out.put("state.cell.cycleDirection", direction);
    }

    /** Puts a freshly built cell into the saved state (validated first, so a bad value changes nothing). */
    void load(SnapshotData in) {
        double current = in.number("state.cell.currentDensityApm2");
        double netCharge = in.number("state.cell.netChargeCpm2");
        double anodeGrowth = in.number("state.cell.anodeGrowthM");
        double plated = in.number("state.cell.platedM");
        double creep = in.nonNegative("state.cell.creepM");
        double voids = in.nonNegative("state.cell.voidFraction");
        double maxPressure = in.nonNegative("state.cell.maxPressurePa");
        boolean cracked = in.flag("state.cell.cracked");
        boolean shorted = in.flag("state.cell.shorted");
        boolean cycling = in.flag("state.cell.cycling");
        double cycleCurrent = in.nonNegative("state.cell.cycleCurrentDensityApm2");
        double cycleCapacity = in.nonNegative("state.cell.cycleCapacityCpm2");
        int cycleLimit = in.integer("state.cell.cycleHalfCycleLimit");
        int completed = in.integer("state.cell.completedHalfCycles");
        double halfCycleCharge = in.nonNegative("state.cell.halfCycleChargeCpm2");
        int direction = in.integer("state.cell.cycleDirection");
        if (voids >= 1) {
            throw new IllegalArgumentException("plant snapshot: state.cell.voidFraction must be < 1, was " + voids);
        }
        if (direction != 1 && direction != -1) {
            throw new IllegalArgumentException("plant snapshot: state.cell.cycleDirection must be 1 or -1, was "
                    + direction);
        }
        if (cycling && !(cycleCurrent > 0 && cycleCapacity > 0)) {
            throw new IllegalArgumentException("plant snapshot: cycling needs state.cell.cycleCurrentDensityApm2 and "
                    + "state.cell.cycleCapacityCpm2 > 0, were " + cycleCurrent + " and " + cycleCapacity);
        }
        if (cycleLimit < 0 || completed < 0) {
            throw new IllegalArgumentException("plant snapshot: state.cell.cycleHalfCycleLimit and "
                    + "state.cell.completedHalfCycles must be >= 0, were " + cycleLimit + " and " + completed);
        }
        this.current = current;
        this.netCharge = netCharge;
        this.anodeGrowth = anodeGrowth;
        this.plated = plated;
        this.creep = creep;
        this.voids = voids;
        this.maxPressure = Math.max(maxPressure, p.assemblyPressurePa());
        this.cracked = cracked;
        this.shorted = shorted;
        this.cycling = cycling;
        this.cycleCurrent = cycleCurrent;
        this.cycleCapacity = cycleCapacity;
        this.cycleLimit = cycleLimit;
        this.completedHalfCycles = completed;
        this.halfCycleCharge = halfCycleCharge;
        this.direction = direction;
    }

    /** Contact loss f: from the assembly (f0 = exp(-P_max/scale)) combined with stripping voids. */
    double voidFraction() {
        double f0 = Math.exp(-maxPressure / p.contactPressureScalePa());
        return Math.min(0.99, 1 - (1 - f0) * (1 - voids));
    }

    /** R_int(P, f) = R_ref·(P/P_ref)^-x/(1 - f), Ω·m² (docs/physics.md §1.5); infinite without contact pressure. */
    double interfacialResistance(double pressurePa) {
        if (!(pressurePa > 0)) {
            return Double.POSITIVE_INFINITY;
        }
        return p.interfacialResistanceRefOhmM2() * Math.pow(pressurePa / p.interfacialReferencePressurePa(),
                -p.interfacialPressureExponent()) / (1 - voidFraction());
    }
}
