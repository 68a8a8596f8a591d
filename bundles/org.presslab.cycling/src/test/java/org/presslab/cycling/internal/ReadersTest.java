package org.presslab.cycling.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.presslab.cycling.CyclingImporter;
import org.presslab.cycling.CyclingImporters;
import org.presslab.cycling.CyclingLog;

/** Each format, written from the same generated cell log, reads back to the same points, charge and start. */
class ReadersTest {

    private static final CellLogs.Data DATA = CellLogs.clean();
    private final CyclingImporter importer = CyclingImporters.builtIn();

    private CyclingLog read(byte[] content, String name) throws IOException {
        return importer.read(new ByteArrayInputStream(content), name);
    }

    private static void assertSame(CellLogs.Data d, CyclingLog log, double tTol, double vTol, double qTol) {
        assertEquals(d.n, log.size(), "points");
        double t0 = log.time(0) - d.t[0];
        for (int k = 0; k < d.n; k++) {
            assertEquals(d.t[k], log.time(k) - t0, tTol, "time of point " + k);
            assertEquals(d.i[k], log.current(k), 1e-9, "current of point " + k);
            assertEquals(d.v[k], log.voltage(k), vTol, "voltage of point " + k);
            assertEquals(d.q[k] - d.q[0], log.charge(k), qTol, "charge of point " + k);
        }
        // capacity in a half cycle: the charge passed since its start, at the end of the first charge ~0.47 mAh
        int endOfCharge = 0;
        while (DATA.step[endOfCharge + 1] == 1) {
            endOfCharge++;
        }
        assertEquals(d.q[endOfCharge] - d.q[0], log.capacity(endOfCharge), qTol + 1e-9);
        assertTrue(log.capacity(endOfCharge) > 0.9 * 1.8 * 0.9, "a near-full charge of the 0.5 mAh cell");
    }

    @Test
    void mpt() throws IOException {
        CyclingLog log = read(CellLogs.mpt(DATA, false), "gcpl.mpt");
        assertEquals("BioLogic .mpt (GCPL)", log.format());
        assertSame(DATA, log, 1e-5, 1e-6, 1e-6);
        assertEquals(CellLogs.START, log.start());
        assertEquals("BioLogic VMP-300", log.instrument());
        assertEquals(2, log.cycle(DATA.n - 1));
        assertEquals(5, log.halfCycle(DATA.n - 1));
        assertEquals("(Q-Qo)/mA.h", log.extra().get("chargeColumn"));
    }

    @Test
    void mptWithDecimalCommas() throws IOException {
        CyclingLog log = read(CellLogs.mpt(DATA, true), "gcpl-fr.mpt");
        assertSame(DATA, log, 1e-5, 1e-6, 1e-6);
    }

    @Test
    void mprVersion2And3() throws IOException {
        for (int version : new int[] {2, 3}) {
            CyclingLog log = read(CellLogs.mpr(DATA, version), "gcpl.mpr");
            assertEquals("BioLogic .mpr (GCPL)", log.format());
            assertSame(DATA, log, 1e-9, 1e-6, 1e-9); // float32 voltage
            assertEquals(CellLogs.START.toEpochMilli(), log.start().toEpochMilli());
            assertEquals("BioLogic (SN 0815)", log.instrument());
            assertEquals(5, log.halfCycle(DATA.n - 1));
        }
    }

    @Test
    void neware() throws IOException {
        CyclingLog log = read(CellLogs.neware(DATA), "cell_neware.csv");
        assertEquals("Neware CSV", log.format());
        // Realtime is written to the second: the axis comes from it plus the step time, so within a second
        assertSame(DATA, log, 1.0, 1e-4, 2e-4 * 3.6);
        assertEquals(3, log.cycle(DATA.n - 1), "Neware counts cycles from 1");
        assertTrue(Math.abs(log.start().toEpochMilli() - CellLogs.START.toEpochMilli()) < 1000, "start " + log.start());
    }

    @Test
    void arbin() throws IOException {
        CyclingLog log = read(CellLogs.arbin(DATA), "cell_CH1.csv");
        assertEquals("Arbin CSV", log.format());
        assertSame(DATA, log, 1e-4, 1e-6, 1e-8);
        assertEquals(CellLogs.START.toEpochMilli(), log.start().toEpochMilli());
    }

    @Test
    void plainCsvIntegratesTheCurrent() throws IOException {
        CyclingLog log = read(CellLogs.plain(DATA), "log.csv");
        assertEquals("CSV (time, current, voltage)", log.format());
        assertTrue(!log.chargeFromFile());
        // trapezoid integration of a step current over 5-s samples: within half a sample's charge per step
        assertSame(DATA, log, 1e-3, 1e-6, 13 * 0.5 * 5 * CellLogs.CURRENT_A);
        assertEquals(null, log.start());
        assertEquals(5, log.halfCycle(DATA.n - 1), "half cycles from the sign of the current");
    }

    @Test
    void probesTellCyclingFromImpedance() {
        assertEquals(100, importer.probe(CellLogs.mpt(DATA, false), "x.mpt"));
        assertEquals(100, importer.probe(CellLogs.mpr(DATA, 3), "x.mpr"));
        String peis = "EC-Lab ASCII FILE\r\nNb header lines : 4\r\n\r\nfreq/Hz\tRe(Z)/Ohm\t-Im(Z)/Ohm\ttime/s\tEwe/V\tI/mA\r\n"
                + "1000\t10\t1\t0\t3.4\t0\r\n";
        assertEquals(0, importer.probe(peis.getBytes(), "peis.mpt"));
        assertEquals(0, importer.probe("f,Z',Z''\n1,2,3\n".getBytes(), "z.csv"));
    }
}
