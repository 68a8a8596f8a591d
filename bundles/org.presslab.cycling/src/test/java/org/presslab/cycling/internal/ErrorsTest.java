package org.presslab.cycling.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.presslab.cycling.CyclingFormatException;
import org.presslab.cycling.CyclingImporter;
import org.presslab.cycling.CyclingImporters;

/** Malformed files: each fails with a message naming the file, the line or byte, and what is wrong. */
class ErrorsTest {

    private final CyclingImporter importer = CyclingImporters.builtIn();
    private static final CellLogs.Data DATA = CellLogs.generate(1, 30, 0.001, null, 3);

    private CyclingFormatException fail(byte[] content, String name) {
        return assertThrows(CyclingFormatException.class, () -> importer.read(new ByteArrayInputStream(content), name));
    }

    private static byte[] replaceLine(byte[] content, int line, String with) {
        String[] lines = new String(content, StandardCharsets.ISO_8859_1).split("\r?\n", -1);
        lines[line - 1] = with;
        return String.join("\r\n", lines).getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void mptNaNVoltage() {
        byte[] mpt = CellLogs.mpt(DATA, false);
        String line = new String(mpt, StandardCharsets.ISO_8859_1).split("\r\n")[19];
        String[] v = line.split("\t", -1);
        v[9] = "NaN";
        CyclingFormatException e = fail(replaceLine(mpt, 20, String.join("\t", v)), "nan.mpt");
        assertEquals("nan.mpt, line 20: Ewe/V is NaN", e.getMessage());
        assertEquals(20, e.line());
    }

    @Test
    void mptTruncatedRow() {
        byte[] mpt = CellLogs.mpt(DATA, false);
        CyclingFormatException e = fail(replaceLine(mpt, 16, "1\t1\t0\t0\t0"), "cut.mpt");
        assertEquals("cut.mpt, line 16: truncated row: 5 values, the cycling columns need 16", e.getMessage());
    }

    @Test
    void mptTimeGoesBack() {
        byte[] mpt = CellLogs.mpt(DATA, false);
        String[] lines = new String(mpt, StandardCharsets.ISO_8859_1).split("\r\n");
        CyclingFormatException e = fail(replaceLine(mpt, 18, lines[14]), "back.mpt");
        assertEquals(18, e.line());
        assertEquals("back.mpt, line 18: time goes back from 90.1234 s to 30.1234 s", e.getMessage());
    }

    @Test
    void mptHeaderTooLong() {
        byte[] mpt = "EC-Lab ASCII FILE\r\nNb header lines : 40\r\n\r\nGalvanostatic Cycling\r\n".getBytes();
        assertEquals("short.mpt, line 4: truncated: header announces 40 lines but the file has 4",
                fail(mpt, "short.mpt").getMessage());
    }

    @Test
    void mprCutShort() {
        byte[] mpr = CellLogs.mpr(DATA, 3);
        byte[] cut = Arrays.copyOf(mpr, mpr.length - 1200);
        CyclingFormatException e = fail(cut, "cut.mpr");
        assertEquals(true, e.byteOffset() >= 0, e.getMessage());
        assertEquals(true, e.getMessage().startsWith("cut.mpr, byte offset "), e.getMessage());
    }

    @Test
    void mprRecordCountAboveTheModule() {
        byte[] mpr = CellLogs.mpr(DATA, 3);
        int data = indexOf(mpr, "VMP data") + 57; // after "MODULE" and the 51-byte header
        java.nio.ByteBuffer.wrap(mpr).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(data, 2_000_000_000);
        CyclingFormatException e = fail(mpr, "count.mpr");
        assertEquals(true, e.problem().contains("2000000000 records announced"), e.getMessage());
    }

    @Test
    void mprUnknownColumn() {
        byte[] mpr = CellLogs.mpr(DATA, 3);
        int data = indexOf(mpr, "VMP data") + 57;
        java.nio.ByteBuffer.wrap(mpr).order(java.nio.ByteOrder.LITTLE_ENDIAN).putShort(data + 5 + 2 * 3, (short) 9999);
        CyclingFormatException e = fail(mpr, "odd.mpr");
        assertEquals("odd.mpr, byte offset " + (data + 11) + ": unknown column id 9999 (column 4 of 12); the record "
                + "layout cannot be determined", e.getMessage());
    }

    private static int indexOf(byte[] b, String s) {
        byte[] t = s.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + t.length <= b.length; i++) {
            for (int j = 0; j < t.length; j++) {
                if (b[i + j] != t[j]) {
                    continue outer;
                }
            }
            return i - 6; // the "MODULE" before the name
        }
        return -1;
    }

    @Test
    void newareBadRealtime() {
        byte[] csv = CellLogs.neware(DATA);
        String[] lines = new String(csv, StandardCharsets.UTF_8).split("\r\n");
        String bad = lines[5].substring(0, lines[5].lastIndexOf(',')) + ",yesterday";
        CyclingFormatException e = fail(replaceLine(csv, 6, bad), "n.csv");
        assertEquals("n.csv, line 6: Realtime is not a date and time (yyyy-MM-dd HH:mm:ss): 'yesterday'", e.getMessage());
    }

    @Test
    void arbinInfiniteCurrent() {
        byte[] csv = CellLogs.arbin(DATA);
        String[] lines = new String(csv, StandardCharsets.UTF_8).split("\r\n");
        String[] v = lines[9].split(",", -1);
        v[6] = "inf";
        CyclingFormatException e = fail(replaceLine(csv, 10, String.join(",", v)), "a.csv");
        assertEquals("a.csv, line 10: Current(A) is infinite", e.getMessage());
    }

    @Test
    void arbinUnclosedQuote() {
        byte[] csv = CellLogs.arbin(DATA);
        String[] lines = new String(csv, StandardCharsets.UTF_8).split("\r\n");
        CyclingFormatException e = fail(replaceLine(csv, 7, "\"" + lines[6]), "q.csv");
        assertEquals(true, e.problem().startsWith("malformed CSV"), e.getMessage());
        assertEquals(true, e.line() >= 7, e.getMessage());
    }

    @Test
    void plainCsvWithoutUnits() {
        CyclingFormatException e = fail("time,current,voltage\n0,1,3.4\n".getBytes(), "plain.csv");
        assertEquals("plain.csv, line 1: the time column 'time' names no unit; name it like time/s", e.getMessage());
    }

    @Test
    void plainCsvWrongUnit() {
        CyclingFormatException e = fail("time/s;current/mA;voltage/K\n0;1;3,4\n".getBytes(), "k.csv");
        assertEquals("k.csv, line 1: the voltage column 'voltage/K' has unit 'K', not one of V or mV; name it like voltage/V",
                e.getMessage());
    }

    @Test
    void impedanceFileIsNotACyclingLog() {
        CyclingFormatException e = fail("f,Z',Z''\n1,2,3\n".getBytes(), "spectrum.csv");
        assertEquals(true, e.problem().startsWith("unknown format"), e.getMessage());
    }

    @Test
    void emptyAndTooLarge() throws Exception {
        assertEquals("empty.csv: empty file: no cycling data", fail(new byte[0], "empty.csv").getMessage());
        java.nio.file.Path big = java.nio.file.Files.createTempFile("big", ".csv");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(CyclingImporter.MAX_BYTES + 1L); // sparse: nothing is written
        }
        try {
            CyclingFormatException e = assertThrows(CyclingFormatException.class, () -> importer.read(big));
            assertEquals(true, e.problem().startsWith("file too large: 67108865 bytes"), e.getMessage());
        } finally {
            java.nio.file.Files.delete(big);
        }
    }
}
