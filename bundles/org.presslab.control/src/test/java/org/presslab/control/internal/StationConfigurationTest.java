package org.presslab.control.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.presslab.control.api.RebindPolicy;
import org.presslab.press.api.SafeAction;

/** The metatype configuration as DS hands it over (an annotation instance over the properties). */
class StationConfigurationTest {

    /** What DS does: method name -> property ("driver_target" -> "driver.target"), defaults where absent. */
    static StationConfiguration config(Map<String, Object> props) {
        return (StationConfiguration) Proxy.newProxyInstance(StationConfiguration.class.getClassLoader(),
                new Class<?>[] { StationConfiguration.class }, (proxy, m, args) -> {
                    String key = m.getName().replace("__", "\u0000").replace('_', '.').replace('\u0000', '_');
                    Object v = props.containsKey(key) ? props.get(key) : m.getDefaultValue();
                    if (v == null) {
                        throw new IllegalStateException("no value for " + key);
                    }
                    return v;
                });
    }

    @Test
    void aTypicalCfgFileGivesTheStation() {
        Map<String, Object> p = new HashMap<>();
        p.put("id", "cell1");
        p.put("fixtureRatingMPa", 100.0);
        p.put("driver.target", "(presslab.driver.id=sim-press-1)");
        p.put("rebindPolicy", "wait_for_operator");
        p.put("safeAction", "STOP");
        StationSettings s = StationSettings.from(config(p), "org.presslab.control.station~cell1");
        assertEquals("(presslab.driver.id=sim-press-1)", s.config().driverFilter());
        assertEquals(78.54e-6, s.config().cellAreaM2(), 0.01e-6);
        assertEquals(100e6, s.config().fixtureRatingPa());
        assertEquals(RebindPolicy.WAIT_FOR_OPERATOR, s.config().rebindPolicy());
        assertEquals(SafeAction.STOP, s.config().safeAction());
        assertEquals(5e6, s.config().maxRatePaPerS());
    }

    @Test
    void badValuesAreAllNamedWithThePid() {
        Map<String, Object> p = new HashMap<>();
        p.put("id", "cell2");
        p.put("fixtureRatingMPa", -1.0);
        p.put("cellDiameterMm", 0.0);
        p.put("driver.target", "(presslab.driver.id=sim-press-1");
        p.put("safeAction", "DROP");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StationSettings.from(config(p), "org.presslab.control.station~cell2"));
        String m = e.getMessage();
        System.out.println("CONFIG REFUSED: " + m);
        assertTrue(m.startsWith("Invalid configuration of station 'cell2' (org.presslab.control.station~cell2): "), m);
        assertTrue(m.contains("'cellDiameterMm' must be > 0 and <= 113, was 0"), m);
        assertTrue(m.contains("'fixtureRatingMPa' must be a finite number > 0 and <= 1500, was -1"), m);
        assertTrue(m.contains("'driver.target' is not a valid LDAP filter"), m);
        assertTrue(m.contains("'safeAction' must be HOLD, VENT or STOP, was 'DROP'"), m);
    }

    @Test
    void areaOverridesDiameter() {
        Map<String, Object> p = new HashMap<>();
        p.put("id", "cell3");
        p.put("fixtureRatingMPa", 500.0);
        p.put("cellAreaMm2", 132.73);
        p.put("driver.target", "(presslab.driver.id=x)");
        assertEquals(132.73e-6, StationSettings.from(config(p), "pid").config().cellAreaM2(), 1e-12);
    }
}
