package org.presslab.control.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StationSettingsTest {

    private static String refused(StationSettings.Builder b) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        System.out.println("CONFIG REFUSED: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void defaultsGiveATenMillimetreCell() {
        StationSettings s = StationSettings.builder("s1").fixtureRatingMPa(100).driverFilter("(presslab.driver.id=p)").build();
        assertEquals(78.54e-6, s.config().cellAreaM2(), 0.01e-6);
        assertEquals(100, s.config().loopRateHz());
        assertEquals(10_000_000L, s.loopPeriodNanos());
    }

    @Test
    void cellDiameterZeroIsRefused() {
        String m = refused(StationSettings.builder("s1").cellDiameterMm(0).fixtureRatingMPa(100).driverFilter("(a=b)"));
        assertTrue(m.contains("station 's1'") && m.contains("'cellDiameterMm' must be > 0 and <= 113, was 0"), m);
    }

    @Test
    void aNegativeOrNaNDiameterIsRefusedThoughItsSquareIsAPositiveArea() {
        String m = refused(StationSettings.builder("s1").cellDiameterMm(-10).fixtureRatingMPa(100).driverFilter("(a=b)"));
        assertTrue(m.contains("'cellDiameterMm' must be > 0 and <= 113, was -10"), m);
        m = refused(StationSettings.builder("s1").cellDiameterMm(Double.NaN).fixtureRatingMPa(100).driverFilter("(a=b)"));
        assertTrue(m.contains("'cellDiameterMm' must be > 0 and <= 113, was NaN"), m);
    }

    @Test
    void ratingBelowZeroAndMissingFilterAreBothListed() {
        String m = refused(StationSettings.builder("s1").fixtureRatingMPa(-5));
        assertTrue(m.contains("'fixtureRatingMPa' must be a finite number > 0 and <= 1500, was -5"), m);
        assertTrue(m.contains("'driver.target' is required"), m);
    }

    @Test
    void malformedFilterIsRefused() {
        String m = refused(StationSettings.builder("s1").fixtureRatingMPa(100).driverFilter("(presslab.driver.id=p"));
        assertTrue(m.contains("'driver.target' is not a valid LDAP filter"), m);
        assertTrue(LdapFilterCheck.problem("(&(a=b)(c>=1))") == null);
        assertTrue(LdapFilterCheck.problem("presslab.driver.id=p") != null);
        assertTrue(LdapFilterCheck.problem("(=p)") != null);
    }

    @Test
    void unknownSafeActionAndRatesAreRefused() {
        StationSettings.Builder b = StationSettings.builder("s1").fixtureRatingMPa(100).driverFilter("(a=b)").maxRateMPaPerS(1)
                .defaultRateMPaPerS(2).loopRateHz(5000);
        String m = refused(b);
        assertTrue(m.contains("'defaultRateMPaPerS' must be <= maxRateMPaPerS"), m);
        assertTrue(m.contains("'loopRateHz' must be a finite number >= 10 and <= 2000"), m);
    }
}
