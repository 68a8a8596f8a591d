package org.presslab.control.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QuantitiesTest {

    @Test
    void bareNumberIsMegapascal() {
        assertEquals(74e6, Quantities.parsePressure("74"), 1e-6);
        assertEquals(15.5e6, Quantities.parsePressure("15.5"), 1e-6);
    }

    @Test
    void pressureUnitsConvertToPascal() {
        assertEquals(74e6, Quantities.parsePressure("74MPa"), 1e-6);
        assertEquals(74e6, Quantities.parsePressure("740 bar"), 1e-6);
        assertEquals(500e3, Quantities.parsePressure("500kPa"), 1e-9);
        assertEquals(2e5, Quantities.parsePressure("2e5 Pa"), 1e-9);
        assertEquals(13.789514586, Quantities.parsePressure("2000psi") / 1e6, 1e-9);
        assertEquals(1e6, Quantities.parsePressure("1 mpa"), 1e-9);
    }

    @Test
    void ratesDefaultToMegapascalPerSecond() {
        assertEquals(2e6, Quantities.parseRate("2"), 1e-9);
        assertEquals(2e6, Quantities.parseRate("2MPa/s"), 1e-9);
        assertEquals(1e6, Quantities.parseRate("60 MPa/min"), 1e-9);
        assertEquals(2e6, Quantities.parseRate("20bar/s"), 1e-9);
    }

    @Test
    void badInputNamesTheTextAndTheProblem() {
        IllegalArgumentException unit = assertThrows(IllegalArgumentException.class, () -> Quantities.parsePressure("74 MPx"));
        assertTrue(unit.getMessage().contains("'74 MPx'") && unit.getMessage().contains("MPx"), unit.getMessage());
        IllegalArgumentException neg = assertThrows(IllegalArgumentException.class, () -> Quantities.parsePressure("-3"));
        assertTrue(neg.getMessage().contains("negative"), neg.getMessage());
        IllegalArgumentException junk = assertThrows(IllegalArgumentException.class, () -> Quantities.parsePressure("lots"));
        assertTrue(junk.getMessage().contains("'lots'"), junk.getMessage());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> Quantities.parseRate("0"));
        assertTrue(zero.getMessage().contains("positive"), zero.getMessage());
        IllegalArgumentException noTime = assertThrows(IllegalArgumentException.class, () -> Quantities.parseRate("2MPa"));
        assertTrue(noTime.getMessage().contains("time unit"), noTime.getMessage());
        IllegalArgumentException badTime = assertThrows(IllegalArgumentException.class, () -> Quantities.parseRate("2MPa/day"));
        assertTrue(badTime.getMessage().contains("'day'"), badTime.getMessage());
    }

    @Test
    void formatsEdgeUnitsAndNaN() {
        assertEquals("74.00", Quantities.mpa(74e6));
        assertEquals("5.806", Quantities.kn(5806.0));
        assertEquals("25.0", Quantities.degC(298.15));
        assertEquals("-", Quantities.mpa(Double.NaN));
        assertEquals("-", Quantities.kn(Double.NaN));
        assertEquals("12 s", Quantities.duration(12.2));
        assertEquals("3 min 10 s", Quantities.duration(190));
        assertEquals("2 h 05 min", Quantities.duration(7500));
    }
}
