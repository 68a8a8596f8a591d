package org.presslab.press.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.presslab.time.TimeSources;
import org.presslab.press.api.DeviceKind;
import org.presslab.press.api.Reading;
import org.presslab.time.VirtualTimeSource;

/** The cell stack numbers against docs/physics.md §1. */
class CellPhysicsTest {

    private final VirtualTimeSource time = TimeSources.virtual();

    private SimulatedDevice frame(DeviceKind kind, double diameterM, double preloadPa, boolean creep) {
        SimSpec s = SimSpec.defaults(kind).seed(7);
        s.cell().diameterM(diameterM);
        s.frame().preloadPressurePa(preloadPa).ratedForceN(20e3);
        s.loadCell().range(20e3);
        if (!creep) {
            s.cell().referenceStrainRate(0);
        }
        return SimulatedDevices.create(time, s);
    }

    @Test
    void forceForPressureMatchesDomainTable() {
        // docs/physics.md §1.1: 10 mm -> 1.18 kN at 15 MPa, 5.81 kN at 74 MPa; 13 mm -> 1.99 kN, 9.82 kN
        double[][] rows = {{0.010, 15, 1.18}, {0.010, 74, 5.81}, {0.013, 15, 1.99}, {0.013, 74, 9.82}};
        for (double[] r : rows) {
            SimulatedDevice d = frame(DeviceKind.SCREW_FRAME, r[0], r[1] * 1e6, false);
            assertEquals(r[2], d.cell().forceN() / 1e3, 0.006, "force for " + r[1] + " MPa on Ø" + r[0] * 1e3 + " mm");
            assertEquals(r[1] * 1e6, d.cell().pressurePa(), 1, "pressure is force over pellet area");
        }
        assertEquals(78.54e-6, frame(DeviceKind.SPRING_FRAME, 0.010, 15e6, false).cell().areaM2(), 0.01e-6);
    }

    @Test
    void sodiumGrows886MicronsPerMAhPerCm2() {
        SimulatedDevice d = frame(DeviceKind.SPRING_FRAME, 0.010, 15e6, false);
        double h0 = d.cell().anodeThicknessM();
        d.cell().setCurrentDensity(SimUnits.mAPerCm2(1));
        time.advanceSeconds(3600); // 1 mAh/cm²
        assertEquals(SimUnits.mAhPerCm2(1), d.cell().netChargePerArea(), 1.0);
        assertEquals(8.86e-6, d.cell().anodeThicknessM() - h0, 0.01e-6);
        assertEquals(8.86e-6, d.cell().electrochemicalThicknessChangeM(), 0.01e-6);
        d.cell().setCurrentDensity(-SimUnits.mAPerCm2(2));
        time.advanceSeconds(1800); // strip 1 mAh/cm²
        assertEquals(0, d.cell().electrochemicalThicknessChangeM(), 0.01e-6);
        assertEquals(h0, d.cell().anodeThicknessM(), 0.01e-6);
    }

    @Test
    void symmetricCellKeepsItsHeight() {
        SimSpec s = SimSpec.defaults(DeviceKind.SCREW_FRAME);
        s.cell().referenceStrainRate(0).counterElectrodeCompensation(1);
        SimulatedDevice d = SimulatedDevices.create(time, s);
        double p0 = d.cell().pressurePa();
        double h0 = d.cell().anodeThicknessM();
        d.cell().setCurrentDensity(SimUnits.mAPerCm2(1));
        time.advanceSeconds(3600);
        assertEquals(8.86e-6, d.cell().anodeThicknessM() - h0, 0.01e-6, "the anode still grows");
        assertEquals(0, d.cell().electrochemicalThicknessChangeM(), 1e-12, "the stack does not");
        assertEquals(p0, d.cell().pressurePa(), 1, "so the pressure does not move");
    }

    @Test
    void fixedGapDriftsWholeMpaSpringFrameHundredths() {
        // docs/physics.md §1.4: 1 mAh/cm² (8.86 µm) gives 1.1-5.7 MPa in a fixed-gap frame, 0.006-0.06 MPa in a spring frame
        double area = SimUnits.discArea(0.010);
        SimulatedDevice screw = frame(DeviceKind.SCREW_FRAME, 0.010, 15e6, false);
        SimulatedDevice spring = frame(DeviceKind.SPRING_FRAME, 0.010, 15e6, false);
        screw.cell().setCurrentDensity(SimUnits.mAPerCm2(1));
        spring.cell().setCurrentDensity(SimUnits.mAPerCm2(1));
        time.advanceSeconds(3600);
        double dScrew = screw.cell().pressurePa() - 15e6;
        double dSpring = spring.cell().pressurePa() - 15e6;
        double kScrew = 1 / (1 / 20e6 + 1 / 5e9);
        double kSpring = 1 / (1 / 20e6 + 1 / 200e3 + 1 / 5e9);
        assertEquals(kScrew * 8.86e-6 / area, dScrew, 1e3, "series springs, fixed gap");
        assertEquals(kSpring * 8.86e-6 / area, dSpring, 10, "series springs, spring frame");
        assertTrue(dScrew > 1.1e6 && dScrew < 5.7e6, "fixed gap rise " + dScrew / 1e6 + " MPa");
        assertTrue(dSpring > 0.006e6 && dSpring < 0.06e6, "spring frame rise " + dSpring / 1e6 + " MPa");
        // the load cell sees it too: mean of one second of readings
        assertEquals(screw.cell().forceN(), meanForce(screw, 1.0), 0.3);
        assertEquals(spring.cell().forceN(), meanForce(spring, 1.0), 0.3);
    }

    private double meanForce(SimulatedDevice d, double seconds) {
        double sum = 0;
        int n = 0;
        long last = -1;
        long end = time.nanoTime() + Math.round(seconds * 1e9);
        while (time.nanoTime() < end) {
            time.advanceNanos(1_000_000);
            Reading r = d.read();
            if (r.sequence() != last) {
                last = r.sequence();
                sum += r.forceN();
                n++;
            }
        }
        return sum / n;
    }

    @Test
    void creepRelaxesAFixedGapAndSlowsDown() {
        SimulatedDevice screw = frame(DeviceKind.SCREW_FRAME, 0.010, 15e6, true);
        SimulatedDevice spring = frame(DeviceKind.SPRING_FRAME, 0.010, 15e6, true);
        double p0 = screw.cell().pressurePa();
        time.advanceSeconds(3600);
        double p1 = screw.cell().pressurePa();
        time.advanceSeconds(3600);
        double p2 = screw.cell().pressurePa();
        assertTrue(p1 < p0 && p2 < p1, "pressure falls: " + p0 + " " + p1 + " " + p2);
        assertTrue(p0 - p1 > p1 - p2, "relaxation slows as the stress falls (n = 5)");
        assertTrue(screw.cell().creepShorteningM() > 0);
        double springLoss = 15e6 - spring.cell().pressurePa();
        assertTrue(springLoss > 0 && springLoss < 0.06e6, "spring frame loses only " + springLoss / 1e6 + " MPa");
        assertTrue(p0 - p2 > 10 * springLoss, "the fixed gap loses far more than the spring frame");
    }

    @Test
    void creepFollowsThePowerLaw() {
        // doubling the pressure multiplies the creep rate by 2^5 = 32 (docs/physics.md §1.2: n = 5)
        SimulatedDevice a = frame(DeviceKind.SPRING_FRAME, 0.010, 5e6, true);
        SimulatedDevice b = frame(DeviceKind.SPRING_FRAME, 0.010, 10e6, true);
        time.advanceSeconds(60);
        double ratio = b.cell().creepShorteningM() / a.cell().creepShorteningM();
        assertEquals(32, ratio, 1.0);
    }

    @Test
    void cyclingProfileAlternatesAndStops() {
        SimulatedDevice d = frame(DeviceKind.SCREW_FRAME, 0.010, 15e6, false);
        double p0 = d.cell().pressurePa();
        d.cell().startCycling(SimUnits.mAPerCm2(2), SimUnits.mAhPerCm2(1), 4);
        assertTrue(d.cell().isCycling());
        time.advanceSeconds(1800 - 1);
        double top = d.cell().pressurePa();
        assertTrue(d.cell().currentDensity() > 0, "plates first");
        time.advanceSeconds(2);
        assertTrue(d.cell().currentDensity() < 0, "then strips");
        assertEquals(1, d.cell().completedHalfCycles());
        time.advanceSeconds(3 * 1800);
        assertEquals(4, d.cell().completedHalfCycles());
        assertFalse(d.cell().isCycling());
        assertEquals(0, d.cell().currentDensity());
        assertEquals(0, d.cell().netChargePerArea(), 50, "plated and stripped the same");
        assertEquals(p0, d.cell().pressurePa(), 0.02e6, "back where it started");
        assertTrue(top - p0 > 1e6, "and rose by whole MPa on the way");
    }

    @Test
    void interfacialResistanceFollowsTheSection15Law() {
        // assembled at 74 MPa: f0 = exp(-74/25); R = R_ref·(P/15 MPa)^-0.5/(1 - f)
        SimulatedDevice d = frame(DeviceKind.SCREW_FRAME, 0.010, 15e6, false);
        double f0 = Math.exp(-74.0 / 25);
        assertEquals(f0, d.cell().voidFraction(), 1e-9);
        assertEquals(0.01 / (1 - f0), d.cell().interfacialResistanceOhmM2(), 1e-9);
        assertEquals(0.01 / (1 - f0) / SimUnits.discArea(0.010), d.cell().interfacialResistanceOhm(), 1e-3);
        SimulatedDevice d60 = frame(DeviceKind.SCREW_FRAME, 0.010, 60e6, false);
        assertEquals(0.5, d60.cell().interfacialResistanceOhmM2() / d.cell().interfacialResistanceOhmM2(), 1e-6,
                "four times the pressure halves R_int");
    }

    @Test
    void strippingAboveTheCriticalCurrentOpensVoids() {
        // i_CCS = P / (3.6 MPa per mA/cm²): at 15 MPa 4.2 mA/cm²
        SimulatedDevice slow = frame(DeviceKind.SPRING_FRAME, 0.010, 15e6, false);
        SimulatedDevice fast = frame(DeviceKind.SPRING_FRAME, 0.010, 15e6, false);
        double f0 = slow.cell().voidFraction();
        slow.cell().setCurrentDensity(-SimUnits.mAPerCm2(1));
        fast.cell().setCurrentDensity(-SimUnits.mAPerCm2(10));
        time.advanceSeconds(360);
        assertEquals(f0, slow.cell().voidFraction(), 1e-9, "below i_CCS no voids");
        assertTrue(fast.cell().voidFraction() > f0 + 0.01, "above i_CCS voids grow: " + fast.cell().voidFraction());
        assertTrue(fast.cell().interfacialResistanceOhmM2() > slow.cell().interfacialResistanceOhmM2());
    }
}
