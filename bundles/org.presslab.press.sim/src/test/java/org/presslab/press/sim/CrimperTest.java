package org.presslab.press.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.presslab.time.TimeSources;
import org.presslab.press.api.Actuator;
import org.presslab.press.api.ActuatorCommand;
import org.presslab.press.api.Capability;
import org.presslab.press.api.DeviceKind;
import org.presslab.press.api.Quality;
import org.presslab.press.api.Reading;
import org.presslab.press.api.SafeAction;
import org.presslab.time.VirtualTimeSource;

/** The coin-cell crimper: the can's elastic-plastic law, sealing, crushing, and commands a real crimper refuses. */
class CrimperTest {

    private static final double DIE = SimUnits.discArea(0.020);
    private final VirtualTimeSource time = TimeSources.virtual();
    private final SimulatedDevice crimper = SimulatedDevices.crimper(time, "crimper-1", 3);
    private final Actuator actuator = crimper.actuator().orElseThrow();
    private final CoinCell can = crimper.coinCell().orElseThrow();
    private final CoinCanParameters p = crimper.spec().coinCan();

    /** Pumps at output {@code u} until the true force reaches {@code forceN}, then holds and lets the valve settle. */
    private double loadTo(double forceN, double u) {
        actuator.command(ActuatorCommand.raw(u));
        for (int i = 0; i < 60_000 && crimper.plantState().forceN() < forceN; i++) {
            time.advanceNanos(1_000_000L);
        }
        actuator.command(ActuatorCommand.raw(0));
        time.advanceSeconds(0.5);
        return crimper.plantState().forceN();
    }

    private void releaseFully() {
        actuator.command(ActuatorCommand.raw(-1));
        time.advanceSeconds(5);
        actuator.command(ActuatorCommand.raw(0));
        time.advanceSeconds(0.1);
    }

    @Test
    void describesItselfAsACrimperWithATwentyMillimetreDie() {
        assertEquals(DeviceKind.CRIMPER, crimper.info().kind());
        assertEquals(Set.of(Capability.SENSE_FORCE, Capability.SENSE_POSITION, Capability.ACTUATE), crimper.capabilities());
        assertEquals(2 * 9806.65, crimper.info().maxForceRatingN(), 1e-6, "2 t");
        assertEquals(DIE, crimper.cell().areaM2(), 1e-12, "the die is the cell: 20 mm");
        assertEquals(Set.of(SafeAction.HOLD, SafeAction.VENT, SafeAction.STOP), actuator.safeActions());
        assertEquals(CoinCell.CanState.UNCRIMPED, can.state());
        assertEquals(3.45e-3, can.permanentHeightM(), 1e-12);
        assertTrue(SimulatedDevices.hydraulicPress(time, "p", 1).coinCell().isEmpty(), "only a crimper has a can");
    }

    @Test
    void theCanIsElasticThenYieldsWithHardeningAndSpringsBack() {
        double ke = 1 / (1 / p.canStiffnessNpm() + 1 / crimper.spec().hydraulics().frameStiffnessNpm());
        double kt = 1 / (1 / ke + 1 / p.hardeningNpm());
        // two points below the yield force: the slope of force over ram travel is the elastic stiffness
        double f1 = loadTo(1500, 0.1);
        double x1 = crimper.plantState().positionM();
        double f2 = loadTo(4000, 0.1);
        double x2 = crimper.plantState().positionM();
        double elastic = (f2 - f1) / (x2 - x1);
        assertEquals(ke, elastic, 0.01 * ke, "elastic slope, N/m");
        assertEquals(0, can.plasticDeformationM(), "no permanent set below the yield force");
        // two points above it: the tangent stiffness of the hardening can
        double f3 = loadTo(6000, 0.1);
        double x3 = crimper.plantState().positionM();
        double f4 = loadTo(8000, 0.1);
        double x4 = crimper.plantState().positionM();
        double plastic = (f4 - f3) / (x4 - x3);
        assertEquals(kt, plastic, 0.01 * kt, "plastic tangent slope, N/m");
        double setAtPeak = can.plasticDeformationM();
        assertEquals((can.peakForceN() - p.yieldForceN()) / p.hardeningNpm(), setAtPeak, 1e-9);
        System.out.printf("CRIMPER can: elastic %.2f kN/mm (expected %.2f), yielding %.2f kN/mm (expected %.2f), "
                + "set %.3f mm at %.2f kN%n", elastic / 1e6, ke / 1e6, plastic / 1e6, kt / 1e6, setAtPeak * 1e3, can.peakForceN() / 1e3);
        // unloading is elastic: the set stays, the can springs back by F/k_can
        double heightLoaded = can.heightM();
        releaseFully();
        assertEquals(0, crimper.plantState().forceN(), 1e-9);
        assertEquals(setAtPeak, can.plasticDeformationM(), 1e-12, "the permanent set survives the release");
        assertEquals(p.initialHeightM() - setAtPeak, can.heightM(), 1e-12);
        assertTrue(can.heightM() > heightLoaded, "sprang back");
        // reloading is elastic up to the old peak: no more set below it
        loadTo(0.95 * can.peakForceN(), 0.1);
        assertEquals(setAtPeak, can.plasticDeformationM(), 1e-12, "no new set below the old peak");
    }

    @Test
    void belowTheYieldForceTheCanStaysOpenAndShortOfTheSealItLeaks() {
        loadTo(0.9 * p.yieldForceN(), 0.2);
        releaseFully();
        assertEquals(CoinCell.CanState.UNCRIMPED, can.state(), "never yielded: open");
        assertEquals(p.initialHeightM(), can.permanentHeightM(), 1e-12);
        // yielded, but not down to 3.2 mm
        loadTo(0.5 * (p.yieldForceN() + p.sealForceN()), 0.2);
        releaseFully();
        assertEquals(CoinCell.CanState.UNSEALED, can.state());
        assertTrue(can.permanentHeightM() > p.sealedHeightM() && can.permanentHeightM() < p.initialHeightM(),
                "between: " + can.permanentHeightM());
        // a crimp at 0.9 t (28 MPa on the die) seals it
        loadTo(28e6 * DIE, 0.2);
        releaseFully();
        assertEquals(CoinCell.CanState.SEALED, can.state());
        assertTrue(can.permanentHeightM() <= 3.2e-3, "CR2032 height: " + can.permanentHeightM());
        assertFalse(crimper.faults().active().contains(Fault.CAN_CRUSHED));
        System.out.printf("CRIMPER seal: yield %.2f kN (%.1f MPa on the die), sealed from %.2f kN (%.1f MPa); crimped at %.1f MPa"
                + " to %.3f mm%n", p.yieldForceN() / 1e3, p.yieldForceN() / DIE / 1e6, p.sealForceN() / 1e3,
                p.sealForceN() / DIE / 1e6, can.peakDiePressurePa() / 1e6, can.permanentHeightM() * 1e3);
    }

    @Test
    void farAboveTheSealForceTheCanIsCrushedAndTheLoadDrops() {
        actuator.command(ActuatorCommand.raw(0.5));
        double before = 0;
        double drop = 0;
        for (int i = 0; i < 80_000 && can.state() != CoinCell.CanState.CRUSHED; i++) {
            before = crimper.plantState().forceN();
            time.advanceNanos(250_000L);
        }
        drop = before - crimper.plantState().forceN();
        actuator.enterSafeState(SafeAction.HOLD);
        assertEquals(CoinCell.CanState.CRUSHED, can.state());
        assertTrue(can.peakForceN() >= p.crushForceN());
        double peak = can.peakForceN();
        // the collapse (0.3 mm) unloads the elastic path at once: about a third of the load, what FORCE_DROP sees
        assertTrue(drop > 0.25 * p.crushForceN(), "the load collapses with the can: dropped " + drop + " N");
        assertTrue(crimper.faults().active().contains(Fault.CAN_CRUSHED), "reported as a plant fault");
        assertTrue(crimper.health().faults().contains("CAN_CRUSHED"), "and in the device health");
        assertThrows(IllegalArgumentException.class, () -> crimper.faults().clear(Fault.CAN_CRUSHED));
        crimper.faults().clearAll();
        assertTrue(crimper.faults().active().contains(Fault.CAN_CRUSHED), "clearAll keeps a fact of the plant");
        // the die is loaded (the oil catches up): no can change until released
        time.advanceSeconds(0.1);
        if (crimper.plantState().forceN() > 1) {
            assertThrows(IllegalStateException.class, can::insertNewCan);
        }
        releaseFully();
        can.insertNewCan();
        assertEquals(2, can.canNumber());
        assertEquals(CoinCell.CanState.UNCRIMPED, can.state());
        assertFalse(crimper.faults().active().contains(Fault.CAN_CRUSHED));
        System.out.printf("CRIMPER crush: at %.2f kN (%.1f MPa on the die) the load fell by %.2f kN%n", peak / 1e3, peak / DIE / 1e6,
                drop / 1e3);
    }

    @Test
    void aLoadedDieRefusesACanChange() {
        loadTo(3000, 0.2);
        IllegalStateException e = assertThrows(IllegalStateException.class, can::insertNewCan);
        assertTrue(e.getMessage().contains("crimper-1") && e.getMessage().contains("release"), e.getMessage());
        assertEquals(1, can.canNumber());
    }

    @Test
    void commandsARealCrimperRefusesAreRefused() {
        // non-finite and out-of-range outputs never reach the device: the API refuses them
        assertThrows(IllegalArgumentException.class, () -> actuator.command(ActuatorCommand.raw(Double.NaN)));
        assertThrows(IllegalArgumentException.class, () -> actuator.command(ActuatorCommand.raw(Double.POSITIVE_INFINITY)));
        assertThrows(IllegalArgumentException.class, () -> actuator.command(ActuatorCommand.raw(-1.5)));
        // a crimper has no force loop of its own: setpoints (negative, huge or not) are refused naming the device
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> actuator.command(ActuatorCommand.force(-100)));
        assertTrue(e.getMessage().contains("crimper-1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> actuator.command(ActuatorCommand.force(1e12)));
        assertThrows(IllegalArgumentException.class, () -> actuator.command(ActuatorCommand.pressure(30e6)));
        // a negative output is the release valve: on an unloaded die it pulls nothing and the ram stays within its stroke
        actuator.command(ActuatorCommand.raw(-1));
        time.advanceSeconds(60);
        PlantState s = crimper.plantState();
        assertEquals(0, s.forceN(), "a crimper cannot pull");
        assertTrue(s.positionM() >= 0, "ram at or below its top: " + s.positionM());
        Reading r = crimper.read();
        assertEquals(Quality.GOOD, r.quality());
        assertTrue(Double.isNaN(r.pressurePa()) && Double.isNaN(r.temperatureK()), "senses force and position only");
        assertEquals(0, r.forceN(), 10, "load cell near zero");
    }

    @Test
    void theReliefValveCapsTheForceNearTheRating() {
        // a can that does not crush below the rating, so only the relief valve limits the force
        SimSpec spec = SimSpec.defaults(DeviceKind.CRIMPER).id("strong").seed(1);
        spec.coinCan().crushForceN(40e3);
        SimulatedDevice strong = SimulatedDevices.create(time, spec);
        strong.actuator().orElseThrow().command(ActuatorCommand.raw(1));
        time.advanceSeconds(30);
        double f = strong.plantState().forceN();
        assertTrue(f > 0.98 * 2 * 9806.65 && f < 1.05 * 2 * 9806.65, "relief holds about 2 t: " + f);
    }

    @Test
    void aCrimpedCanSurvivesASnapshotAndRestore() {
        loadTo(28e6 * DIE, 0.2);
        PlantSnapshot snap = crimper.snapshot();
        crimper.close();
        SimulatedDevice again = SimulatedDevices.create(time, crimper.spec(), snap);
        CoinCell c = again.coinCell().orElseThrow();
        assertEquals(can.plasticDeformationM(), c.plasticDeformationM(), 1e-12);
        assertEquals(can.peakForceN(), c.peakForceN(), 1e-9);
        assertEquals(crimper.plantState().forceN(), again.plantState().forceN(), 1.0, "still loaded, holding");
        assertEquals(Optional.of(SafeAction.HOLD), again.actuator().orElseThrow().safeState());
        SimSpec otherCan = crimper.spec();
        otherCan.coinCan().yieldForceN(6e3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SimulatedDevices.create(time, otherCan, snap));
        assertTrue(e.getMessage().contains("yieldForceN"), e.getMessage());
    }

    @Test
    void invalidCanParametersAreRefusedByName() {
        SimSpec s = SimSpec.defaults(DeviceKind.CRIMPER);
        s.coinCan().sealedHeightM(4e-3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SimulatedDevices.create(time, s));
        assertTrue(e.getMessage().contains("coinCan.sealedHeightM"), e.getMessage());
        SimSpec t = SimSpec.defaults(DeviceKind.CRIMPER);
        t.coinCan().crushForceN(5e3);
        e = assertThrows(IllegalArgumentException.class, () -> SimulatedDevices.create(time, t));
        assertTrue(e.getMessage().contains("coinCan.crushForceN"), e.getMessage());
        SimSpec u = SimSpec.defaults(DeviceKind.CRIMPER);
        u.coinCan().hardeningNpm(Double.NaN);
        e = assertThrows(IllegalArgumentException.class, () -> SimulatedDevices.create(time, u));
        assertTrue(e.getMessage().contains("coinCan.hardeningNpm"), e.getMessage());
    }
}
