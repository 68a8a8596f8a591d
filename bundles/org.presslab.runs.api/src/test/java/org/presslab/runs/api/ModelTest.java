package org.presslab.runs.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class ModelTest {

    @Test
    void cellDimensionsMustBePositiveAndFiniteOrUnknown() {
        assertTrue(Double.isNaN(CellInfo.of("c1").pelletDiameterM()));
        new CellInfo("c1", "NZSP", "Na", "NVP", 0.010, 0.0008, "die-3", "");
        for (double bad : new double[] {0, -0.01, Double.POSITIVE_INFINITY, 12}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new CellInfo("c1", "", "", "", bad, Double.NaN, "", ""));
            assertTrue(e.getMessage().startsWith("pellet diameter"), e.getMessage());
        }
    }

    @Test
    void cyclingLogRefusesColumnsOfDifferentLengthAndTimeGoingBack() {
        Instant t0 = Instant.parse("2026-12-04T10:00:00Z");
        double[] two = {0, 1};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CyclingLog("a.csv", "CSV",
                t0, two, two, new double[] {3.0}, two, new int[] {0, 0}, List.of(), null));
        assertTrue(e.getMessage().contains("voltage 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new CyclingLog("a.csv", "CSV", t0,
                new double[] {0, 2, 1}, new double[3], new double[3], new double[3], new int[3], List.of(), null));
        assertTrue(e.getMessage().contains("point 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new CyclingLog("a.csv", "CSV", t0,
                new double[] {0, Double.NaN}, new double[2], new double[2], new double[2], new int[2], List.of(), null));
        assertTrue(e.getMessage().contains("point 1"), e.getMessage());
    }

    @Test
    void cyclingLogTimesAreStartPlusElapsedAndArraysAreCopies() {
        Instant t0 = Instant.parse("2026-12-04T10:00:00Z");
        double[] elapsed = {0, 0.5, 3600.25};
        CyclingLog log = new CyclingLog("a.csv", "CSV", t0, elapsed, new double[3], new double[] {3.1, 3.2, 3.3},
                new double[3], new int[] {1, 1, 2}, List.of(), null);
        elapsed[1] = 99;
        assertEquals(0.5, log.elapsedS()[1]);
        assertEquals(Instant.parse("2026-12-04T11:00:00.250Z"), log.end());
        assertEquals(3.2, log.point(1).voltageV());
        log.voltageV()[0] = 0;
        assertEquals(3.1, log.point(0).voltageV());
    }

    @Test
    void filterRefusesANegativeLimit() {
        assertThrows(IllegalArgumentException.class, () -> RunFilter.ALL.limit(-1));
        assertEquals(5, RunFilter.ALL.station("cell1").outcome(RunOutcome.TRIPPED).limit(5).limit());
    }
}
