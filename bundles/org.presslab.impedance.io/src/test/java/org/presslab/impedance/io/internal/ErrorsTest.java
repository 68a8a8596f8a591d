package org.presslab.impedance.io.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.presslab.impedance.api.Spectrum;
import org.presslab.impedance.api.SpectrumFormatException;
import org.presslab.impedance.io.SpectrumImporters;

/** Bad input gives an exception that names the file, the line or byte offset, and the problem. */
class ErrorsTest {

    private final ImporterRegistry importer = new ImporterRegistry(SpectrumImporters.builtInReaders());

    private SpectrumFormatException fails(String malformed) {
        Path p = Fixtures.MALFORMED.resolve(malformed);
        SpectrumFormatException e = assertThrows(SpectrumFormatException.class, () -> importer.read(p));
        assertTrue(e.getMessage().startsWith(p.toString()), "message names the file: " + e.getMessage());
        return e;
    }

    @Test
    void nanInMptNamesLineAndColumn() {
        SpectrumFormatException e = fails("nan.mpt");
        assertEquals(6, e.line());
        assertTrue(e.problem().contains("-Im(Z)/Ohm is NaN"), e.problem());
    }

    @Test
    void nanInCsv() {
        SpectrumFormatException e = fails("nan.csv");
        assertEquals(3, e.line());
        assertTrue(e.problem().contains("NaN"), e.problem());
    }

    @Test
    void truncatedMptRow() {
        SpectrumFormatException e = fails("truncated-row.mpt");
        assertEquals(7, e.line());
        assertTrue(e.problem().startsWith("truncated row"), e.problem());
    }

    @Test
    void truncatedMptHeader() {
        SpectrumFormatException e = fails("truncated-header.mpt");
        assertTrue(e.problem().contains("header announces 40 lines"), e.problem());
    }

    @Test
    void truncatedCsvRow() {
        SpectrumFormatException e = fails("truncated.csv");
        assertEquals(4, e.line());
        assertTrue(e.problem().startsWith("truncated row: 2 values"), e.problem());
    }

    @Test
    void truncatedGamryRow() {
        SpectrumFormatException e = fails("truncated.DTA");
        assertEquals(8, e.line());
        assertTrue(e.problem().startsWith("truncated row"), e.problem());
    }

    @Test
    void gamryWithoutImpedanceTable() {
        SpectrumFormatException e = fails("cv.DTA");
        assertTrue(e.problem().contains("no 'ZCURVE TABLE'"), e.problem());
        assertTrue(e.problem().contains("CV"), e.problem());
    }

    @Test
    void mptWithoutImpedanceColumns() {
        SpectrumFormatException e = fails("no-impedance.mpt");
        assertEquals(4, e.line());
        assertTrue(e.problem().startsWith("no impedance data"), e.problem());
    }

    @Test
    void csvWithoutImpedanceColumns() {
        SpectrumFormatException e = fails("no-impedance.csv");
        assertEquals(1, e.line());
        assertTrue(e.problem().startsWith("no impedance data"), e.problem());
    }

    @Test
    void negativeFrequency() {
        SpectrumFormatException e = fails("negative-frequency.csv");
        assertEquals(3, e.line());
        assertTrue(e.problem().contains("frequency must be positive"), e.problem());
    }

    @Test
    void emptyAndUnknownContent() {
        SpectrumFormatException e = assertThrows(SpectrumFormatException.class,
                () -> importer.read(new ByteArrayInputStream(new byte[0]), "empty.mpt"));
        assertTrue(e.getMessage().startsWith("empty.mpt: empty file"), e.getMessage());
        e = assertThrows(SpectrumFormatException.class,
                () -> importer.read(new ByteArrayInputStream("hello world\n".getBytes()), "note.txt"));
        assertTrue(e.getMessage().startsWith("note.txt: unknown format"), e.getMessage());
        e = assertThrows(SpectrumFormatException.class,
                () -> importer.read(new ByteArrayInputStream("PK\u0003\u0004rest".getBytes()), "book.xlsx"));
        assertTrue(e.getMessage().startsWith("book.xlsx: unsupported format zip/Excel"), e.getMessage());
    }

    @Test
    void truncatedMprNamesByteOffset() throws IOException {
        byte[] full = Files.readAllBytes(Fixtures.shared("yadg/peis.mpr"));
        // cut inside the data module (module header at 6851, 3926 bytes of data from 6908)
        byte[] cut = Arrays.copyOf(full, 9000);
        SpectrumFormatException e = assertThrows(SpectrumFormatException.class, () -> importer.read(cut, "cut.mpr"));
        assertTrue(e.byteOffset() >= 0, e.getMessage());
        assertTrue(e.problem().startsWith("truncated"), e.getMessage());
    }

    @Test
    void nanInMprNamesRecordOffset() throws IOException {
        byte[] b = Files.readAllBytes(Fixtures.shared("yadg/peis.mpr"));
        List<Spectrum> ok = importer.read(b, "peis.mpr");
        long first = Long.parseLong(ok.get(0).metadata().extra().get("firstByteOffset"));
        // record layout of peis.mpr: freq f4 at +0, Re(Z) f4 at +4; record size from the gap between offsets
        int recordSize = recordSize(b, (int) first);
        int third = (int) first + 2 * recordSize;
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putFloat(third + 4, Float.NaN);
        SpectrumFormatException e = assertThrows(SpectrumFormatException.class, () -> importer.read(b, "nan.mpr"));
        assertEquals(third, e.byteOffset());
        assertTrue(e.problem().contains("NaN"), e.problem());
    }

    /** The first frequency repeats one record later in no file; find the record size from the second frequency. */
    private static int recordSize(byte[] b, int first) {
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        float f0 = buf.getFloat(first);
        for (int size = 8; size < 400; size++) {
            float f1 = buf.getFloat(first + size);
            if (f1 > 0 && f1 < f0 && f1 > f0 / 2) { // next point of a log sweep, 7-10 per decade
                return size;
            }
        }
        throw new AssertionError("record size not found");
    }

    @Test
    void unknownMprColumnIdNamesItsOffset() throws IOException {
        byte[] b = Files.readAllBytes(Fixtures.shared("yadg/peis.mpr"));
        // data module of peis.mpr: "MODULE" at 6851, old 51-byte header, data at 6908; ids from 6908 + 5
        int ids = 6908 + 5;
        assertEquals(32, ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getShort(ids), "layout assumption");
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(ids + 2 * 3, (short) 9999);
        SpectrumFormatException e = assertThrows(SpectrumFormatException.class, () -> importer.read(b, "odd.mpr"));
        assertEquals(ids + 6, e.byteOffset());
        assertTrue(e.problem().contains("unknown column id 9999"), e.problem());
    }
}
