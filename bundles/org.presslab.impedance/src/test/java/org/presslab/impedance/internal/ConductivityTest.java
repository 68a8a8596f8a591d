package org.presslab.impedance.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.presslab.impedance.api.ArrheniusResult;
import org.presslab.impedance.api.ArrheniusResult.ArrheniusForm;

class ConductivityTest {

    private final Conductivity calc = new Conductivity();

    /** docs/physics.md §2.1: a 10 mm pellet, 1 mm thick, sigma 1.5e-5 S/cm: R = L/(sigma A) = 0.1 cm / (1.5e-5 S/cm * 0.785 cm^2) = 8488 ohm. */
    @Test
    void pelletConductivity() {
        double area = Math.PI * 0.005 * 0.005;
        double r = 1e-3 / (1.5e-3 * area); // 1.5e-5 S/cm = 1.5e-3 S/m
        assertEquals(8488.3, r, 0.1);
        assertEquals(1.5e-3, calc.pelletConductivity(r, 1e-3, 0.010), 1e-12);
        assertEquals(1.5e-3, calc.conductivity(r, 1e-3, area), 1e-12);
    }

    @Test
    void areaSpecificResistance() {
        // 20 ohm on a 10 mm pellet = 20 * 0.7854 cm^2 = 15.71 ohm cm^2
        double asr = calc.areaSpecificResistance(20, Math.PI * 0.005 * 0.005);
        assertEquals(15.708, asr * 1e4, 1e-3);
    }

    @Test
    void arrheniusRecoversActivationEnergyWithinItsError() {
        double ea = 0.33; // 32 kJ/mol
        double a = 5e3;
        double kb = 8.617333262e-5;
        double[] t = {273.15, 288.15, 298.15, 313.15, 333.15, 353.15};
        Random rnd = new Random(11);
        double[] sigma = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            sigma[i] = a * Math.exp(-ea / (kb * t[i])) * (1 + 0.02 * rnd.nextGaussian());
        }
        ArrheniusResult r = calc.arrhenius(t, sigma, ArrheniusForm.SIGMA);
        assertTrue(r.activationEnergyStdErrorEv() > 0 && r.activationEnergyStdErrorEv() < 0.02);
        assertEquals(ea, r.activationEnergyEv(), 3 * r.activationEnergyStdErrorEv());
        assertEquals(31.8, r.activationEnergyJPerMol() / 1000, 3);
        assertTrue(r.rSquared() > 0.99);
        assertEquals(sigma[2], r.conductivityAt(t[2]), 0.05 * sigma[2]);

        // noise-free sigma*T data are fitted exactly in the SIGMA_T form
        double[] st = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            st[i] = a / t[i] * Math.exp(-ea / (kb * t[i]));
        }
        ArrheniusResult exact = calc.arrhenius(t, st, ArrheniusForm.SIGMA_T);
        assertEquals(ea, exact.activationEnergyEv(), 1e-9);
        assertEquals(a, exact.prefactor(), 1e-6 * a);
    }

    @Test
    void badInputIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> calc.conductivity(-1, 1e-3, 1e-4));
        assertTrue(e.getMessage().contains("resistance"));
        e = assertThrows(IllegalArgumentException.class,
                () -> calc.arrhenius(new double[] {300, 310, 320}, new double[] {1, 0, 1}, ArrheniusForm.SIGMA));
        assertTrue(e.getMessage().contains("conductivity 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> calc.arrhenius(new double[] {300, 310}, new double[] {1, 1}, ArrheniusForm.SIGMA));
    }
}
