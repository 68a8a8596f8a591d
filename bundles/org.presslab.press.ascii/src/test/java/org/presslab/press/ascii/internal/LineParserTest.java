package org.presslab.press.ascii.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.presslab.press.api.Quality;

class LineParserTest {

    private static LineParser preset(String preset, String unit) {
        return AsciiSettings.parse(Map.of("presslab.driver.id", "g", "port", "/dev/null", "preset", preset, "default.unit", unit)).parser();
    }

    @Test
    void andStreamLinesWithStatusAndUnits() throws Exception {
        LineParser p = preset("AND", "N");
        LineParser.Parsed st = p.parse("ST,+00123.45 N");
        assertEquals(123.45, st.valueSi(), 1e-9);
        assertEquals(Quality.GOOD, st.quality());
        assertEquals(1234.5, p.parse("ST,+0001.2345 kN").valueSi(), 1e-9);
        assertEquals(Quality.UNSTABLE, p.parse("US,+00100.00 N").quality());
        assertEquals(Quality.OVERLOAD, p.parse("OL,+99999.99 N").quality());
        assertEquals(-5.5, p.parse("ST,-00005.50 N").valueSi(), 1e-9);
        // generic indicator: ST,GS,+  12.345,kg  (kg shown by a force indicator is kgf)
        assertEquals(12.345 * 9.80665, p.parse("ST,GS,+  12.345,kg").valueSi(), 1e-9);
        assertEquals(10 * 4.4482216152605, p.parse("ST,+00010.00 lbf").valueSi(), 1e-9);
    }

    @Test
    void mark10RepliesNumericOnlyOrWithUnitAndOverload() throws Exception {
        LineParser p = preset("MARK10", "lbf");
        assertEquals(2.5 * 4.4482216152605, p.parse("2.5").valueSi(), 1e-9, "numeric-only output uses default.unit");
        assertEquals(12.3, p.parse("12.3 N").valueSi(), 1e-9);
        assertEquals(0.5 * 9.80665, p.parse("0.5 kgF").valueSi(), 1e-9, "unit case as the gauge prints it");
        LineParser.Parsed ol = p.parse("OL");
        assertEquals(Quality.OVERLOAD, ol.quality());
        assertTrue(Double.isNaN(ol.valueSi()));
    }

    @Test
    void pressureUnitsToPascal() throws Exception {
        LineParser p = new LineParser("^(?<value>[-+]?\\d+(?:\\.\\d+)?)\\s*(?<unit>\\w+)$", GaugeUnit.MPa, 1, Set.of("OL"), Set.of("US"));
        assertTrue(p.pressure());
        assertEquals(15e6, p.parse("15.0 MPa").valueSi(), 1e-6);
        assertEquals(1000 * 6894.757293168, p.parse("1000 psi").valueSi(), 1e-6);
        LineParser.Rejected wrongKind = assertThrows(LineParser.Rejected.class, () -> p.parse("12 N"));
        assertTrue(wrongKind.getMessage().contains("is a force"), wrongKind.getMessage());
    }

    @Test
    void garbageAndPartialLinesAreRejectedWithTheReason() {
        LineParser p = preset("AND", "N");
        LineParser.Rejected g = assertThrows(LineParser.Rejected.class, () -> p.parse("\u00ff\u007f#@!"));
        assertTrue(g.getMessage().contains("does not match") && g.getMessage().contains("\\xFF"), g.getMessage());
        assertThrows(LineParser.Rejected.class, () -> p.parse("ST,+"), "half a line");
        assertThrows(LineParser.Rejected.class, () -> p.parse("+00123.45 N"), "a line without its header");
        assertThrows(LineParser.Rejected.class, () -> p.parse("ST,+00012.00 furlong"));
    }

    @Test
    void assemblerSplitsOnCrLfAndDiscardsOverlongLines() {
        LineAssembler a = new LineAssembler(16, false);
        java.util.List<String> out = new java.util.ArrayList<>();
        byte[] data = "23.45 N\r\nST,+1 N\r\nUS,+2 N\r\u0002ST,+3 N\u0003\nthis line is far too long to keep\r\nST,+4 N\r\nST,+5".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        a.feed(data, 0, data.length, out::add);
        assertEquals(java.util.List.of("ST,+1 N", "US,+2 N", "ST,+3 N", "ST,+4 N"), out);
        assertEquals(1, a.overflows());
        a.feed(" N\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, 3, out::add);
        assertEquals("ST,+5 N", out.get(4), "a line split across reads is joined");
    }

    @Test
    void aStreamJoinedMidLineDropsTheFirstFragment() {
        LineAssembler a = new LineAssembler(64, false);
        java.util.List<String> out = new java.util.ArrayList<>();
        byte[] data = "0123.45 N\r\nST,+00200.00 N\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        a.feed(data, 0, data.length, out::add);
        assertEquals(java.util.List.of("ST,+00200.00 N"), out);
        a.reset(true);
        a.feed("12.3 N\r".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, 7, out::add);
        assertEquals("12.3 N", out.get(1), "after a query the reply starts a line");
    }

    @Test
    void configurationErrorsNameTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AsciiSettings.parse(Map.of("presslab.driver.id", "g", "port", "/dev/ttyUSB0", "line.pattern", "(\\d+")));
        assertTrue(e.getMessage().contains("ASCII gauge 'g'") && e.getMessage().contains("'line.pattern'"), e.getMessage());
        for (String query : new String[] {"W\\x4", "W\\xZZ\\r"}) { // found by AsciiFuzzTest#settings: no gauge, no key
            e = assertThrows(IllegalArgumentException.class, () -> AsciiSettings.parse(Map.of("presslab.driver.id", "g", "port", "/dev/ttyUSB0",
                    "preset", "AND", "query", query)));
            assertTrue(e.getMessage().startsWith("ASCII gauge 'g': 'query' has a bad escape") && e.getClass() == IllegalArgumentException.class,
                    e.getMessage());
        }
        e = assertThrows(IllegalArgumentException.class,
                () -> AsciiSettings.parse(Map.of("presslab.driver.id", "g", "port", "/dev/ttyUSB0", "line.pattern", "(\\d+)")));
        assertTrue(e.getMessage().contains("(?<value>"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> AsciiSettings.parse(Map.of("presslab.driver.id", "g", "port", "/dev/ttyUSB0", "preset", "AND", "default.unit", "stone")));
        assertTrue(e.getMessage().contains("'default.unit'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AsciiSettings.parse(Map.of("presslab.driver.id", "g", "preset", "AND")));
        assertTrue(e.getMessage().contains("'port'"), e.getMessage());
        assertEquals("?\r", AsciiSettings.parse(Map.of("presslab.driver.id", "g", "port", "/x", "preset", "MARK10")).query());
    }
    @Test
    void nonFiniteNumbersAreAFaultNeverGood() throws Exception {
        LineParser p = new LineParser("^(?<status>ST|US|OL),(?<value>\\S+) (?<unit>[A-Za-z]+)$", GaugeUnit.find("N").orElseThrow(), 1,
                Set.of("OL"), Set.of("US"));
        for (String text : new String[] {"NaN", "nan", "inf", "-inf", "+INF", "Infinity", "-Infinity", "1e999", "-1e999"}) {
            LineParser.Parsed r = p.parse("ST," + text + " N");
            assertEquals(Quality.FAULT, r.quality(), text);
            assertTrue(!Double.isFinite(r.valueSi()), text + " gives " + r.valueSi());
            assertTrue(r.fault().contains(text) && r.fault().contains("not a finite number"), r.fault());
        }
        assertEquals(Double.NEGATIVE_INFINITY, p.parse("ST,-inf N").valueSi());
        assertEquals(Quality.FAULT, p.parse("US,NaN N").quality(), "unstable or not, NaN is no reading");
        assertEquals(Quality.GOOD, p.parse("ST,+00012.50 N").quality(), "finite numbers still read");
        assertEquals(12.5, p.parse("ST,+00012.50 N").valueSi(), 1e-12);
        // a finite number that overflows in the unit conversion is not a measurement either
        LineParser kn = new LineParser("^(?<value>\\S+)$", GaugeUnit.find("kN").orElseThrow(), 1, Set.of(), Set.of());
        assertEquals(Quality.FAULT, kn.parse("1.7e308").quality());
    }
}
