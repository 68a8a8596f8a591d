package org.presslab.impedance.io.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.presslab.impedance.api.Spectrum;
import org.presslab.impedance.api.SpectrumFormatException;
import org.presslab.impedance.api.SpectrumImporter;
import org.presslab.impedance.io.SpectrumImporters;

/**
 * Every file of ../shared/data/eis imports with the point counts and frequency ranges its README
 * gives, or fails with the documented error.
 */
class RealFilesTest {

    private final SpectrumImporter importer = SpectrumImporters.builtIn();

    /** file, format, spectra, total points, min f, max f (Hz; 0.5 % tolerance). */
    static Stream<Arguments> expected() {
        return Stream.of(
                Arguments.of("impedance.py/exampleData.csv", "CSV (f, Z', Z'')", 1, 66, 3.1623e-3, 1e4),
                Arguments.of("impedance.py/exampleDataAutolab.txt", ZPlotReader.FORMAT_Z60W, 1, 41, 0.1, 1e4),
                Arguments.of("impedance.py/exampleDataBioLogic.mpt", BioLogicMptReader.FORMAT, 1, 43, 0.0169, 1000.32),
                Arguments.of("impedance.py/exampleDataCHInstruments.txt", "CH Instruments text", 1, 73, 0.1, 99610),
                Arguments.of("impedance.py/exampleDataGamry.DTA", GamryDtaReader.FORMAT, 1, 72, 0.0159, 200000),
                Arguments.of("impedance.py/exampleDataGamryABORT.DTA", GamryDtaReader.FORMAT, 1, 72, 0.0159, 200016),
                Arguments.of("impedance.py/exampleDataParstat.txt", "Parstat text", 1, 31, 10, 10000),
                Arguments.of("impedance.py/exampleDataPowersuite.txt", "PowerSuite text", 1, 30, 0.1, 2e6),
                Arguments.of("impedance.py/exampleDataVersaStudio.par", VersaStudioReader.FORMAT, 1, 61, 0.0215, 1e5),
                Arguments.of("impedance.py/exampleDataZPlot.z", ZPlotReader.FORMAT, 1, 21, 3000, 3e5),
                Arguments.of("impedance.py/exampleDataZPlot_noComments.z", ZPlotReader.FORMAT, 1, 31, 300, 3e5),
                Arguments.of("impedance.py/Circuit1_EIS_1.z", ZPlotReader.FORMAT, 1, 48, 1, 5e4),
                Arguments.of("impedance.py/Circuit2_EIS_1.z", ZPlotReader.FORMAT, 1, 56, 1, 3e5),
                Arguments.of("impedance.py/Circuit3_EIS_2.z", ZPlotReader.FORMAT, 1, 53, 1, 1.5e5),
                Arguments.of("pyimpspec/data.dta", GamryDtaReader.FORMAT, 1, 29, 1, 1e4),
                Arguments.of("pyimpspec/drift-corrected-data.dta", GamryDtaReader.FORMAT, 1, 55, 0.1, 1e5),
                Arguments.of("pyimpspec/data.mpt", BioLogicMptReader.FORMAT, 1, 29, 1, 1e4),
                Arguments.of("pyimpspec/case-multiple-spectra.mpt", BioLogicMptReader.FORMAT, 3, 87, 1, 1e4),
                Arguments.of("pyimpspec/data.dfr", DfrReader.FORMAT, 1, 29, 1, 1e4),
                Arguments.of("pyimpspec/data.P00", ".P00 text", 1, 29, 1, 1e4),
                Arguments.of("pyimpspec/data.i2b", CountedTableReader.FORMAT, 1, 29, 1, 1e4),
                Arguments.of("pyimpspec/data.z", ZPlotReader.FORMAT, 1, 29, 1, 1e4),
                Arguments.of("pyimpspec/data.pssession", PalmSensReader.FORMAT, 1, 29, 1, 1e4),
                Arguments.of("pyimpspec/data.idf", IviumReader.FORMAT, 1, 29, 1, 1e4),
                // a data set: two measurement objects (identical in this fixture)
                Arguments.of("pyimpspec/data.ids", IviumReader.FORMAT, 2, 58, 1, 1e4),
                Arguments.of("yadg/peis.mpt", BioLogicMptReader.FORMAT, 1, 32, 1, 2e5),
                Arguments.of("yadg/peis.mpr", BioLogicMprReader.FORMAT, 1, 32, 1, 2e5),
                Arguments.of("yadg/peis.issue_225.with_ece.mpr", BioLogicMprReader.FORMAT, 1, 32, 1, 2e5),
                Arguments.of("yadg/peis.issue_149.mpr", BioLogicMprReader.FORMAT, 4, 84, 100, 2e5),
                Arguments.of("yadg/geis.issue_149.mpr", BioLogicMprReader.FORMAT, 4, 84, 100, 2e5),
                // 2528 rows, of which 29 are DC rows (f = 0, Z = 0) written between sweeps
                Arguments.of("yadg/geis.mpr", BioLogicMprReader.FORMAT, 61, 2499, 0.2, 1e6),
                Arguments.of("yadg/geis.mpt", BioLogicMptReader.FORMAT, 61, 2499, 0.2, 1e6),
                Arguments.of("yadg/vsp_peis_with.mpr", BioLogicMprReader.FORMAT, 32, 2240, 0.1, 1e6),
                Arguments.of("yadg/vsp_peis_with.mpt", BioLogicMptReader.FORMAT, 32, 2240, 0.1, 1e6));
    }

    private static Path locate(String relative) {
        if (relative.startsWith("impedance.py/")) {
            return Fixtures.IMPEDANCE_PY.resolve(relative.substring("impedance.py/".length()));
        }
        return Fixtures.shared(relative);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expected")
    void importsWithKnownCountsAndRange(String file, String format, int spectra, int points, double fMin, double fMax)
            throws IOException {
        List<Spectrum> list = importer.read(locate(file));
        assertEquals(spectra, list.size(), "spectra in " + file);
        int total = 0;
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (Spectrum s : list) {
            total += s.size();
            assertEquals(format, s.metadata().format(), "format of " + file);
            assertTrue(s.metadata().source().endsWith(Path.of(file).getFileName().toString()), s.metadata().source());
            for (double f : s.frequencies()) {
                lo = Math.min(lo, f);
                hi = Math.max(hi, f);
            }
        }
        assertEquals(points, total, "points in " + file);
        assertEquals(fMin, lo, fMin * 0.01, "lowest frequency of " + file);
        assertEquals(fMax, hi, fMax * 0.005, "highest frequency of " + file);
    }

    /** The pyimpspec fixtures hold one spectrum in many formats: they must agree point by point. */
    @Test
    void sameSpectrumInEveryPyimpspecFormatAgrees() throws IOException {
        Spectrum ref = importer.read(Fixtures.shared("pyimpspec/data.dta")).get(0);
        for (String f : new String[] {"data.mpt", "data.dfr", "data.P00", "data.i2b", "data.z", "data.pssession",
            "data.idf", "data.ids"}) {
            Spectrum s = importer.read(Fixtures.shared("pyimpspec/" + f)).get(0);
            assertEquals(ref.size(), s.size(), f);
            for (int i = 0; i < ref.size(); i++) {
                // .P00 prints 5 significant digits, the others 7 or more
                double rel = f.endsWith(".P00") ? 1e-3 : 1e-5;
                double tol = rel * ref.modulus(i);
                assertEquals(ref.frequency(i), s.frequency(i), rel * ref.frequency(i), f + " f[" + i + "]");
                assertEquals(ref.real(i), s.real(i), tol, f + " Z'[" + i + "]");
                assertEquals(ref.imag(i), s.imag(i), tol, f + " Z''[" + i + "]");
            }
        }
        // capacitive spectrum: Z'' negative everywhere after sign handling
        for (int i = 0; i < ref.size(); i++) {
            assertTrue(ref.imag(i) < 0, "Z'' at point " + i);
        }
    }

    @Test
    void multipleSweepsSplitIntoEqualSpectra() throws IOException {
        List<Spectrum> list = importer.read(Fixtures.shared("pyimpspec/case-multiple-spectra.mpt"));
        Spectrum single = importer.read(Fixtures.shared("pyimpspec/data.mpt")).get(0);
        for (Spectrum s : list) {
            assertEquals(29, s.size());
            assertEquals(single.frequency(0), s.frequency(0));
            assertEquals(single.frequency(28), s.frequency(28));
        }
        assertEquals("2", list.get(1).metadata().extra().get("sweep"));
    }

    @Test
    void spotValuesAndSigns() throws IOException {
        // exampleDataBioLogic.mpt first row: 1.0003201E+003  6.5470886E+001  3.8998979E-001 (-Im)
        Spectrum bl = importer.read(Fixtures.IMPEDANCE_PY.resolve("exampleDataBioLogic.mpt")).get(0);
        assertEquals(1000.3201, bl.frequency(0), 1e-4);
        assertEquals(65.470886, bl.real(0), 1e-6);
        assertEquals(-0.38998979, bl.imag(0), 1e-8);
        // Gamry first row: 200015.6 Hz, 825.8584, -1367.239 (signed)
        Spectrum g = importer.read(Fixtures.IMPEDANCE_PY.resolve("exampleDataGamry.DTA")).get(0);
        assertEquals(-1367.239, g.imag(0), 1e-3);
        assertEquals(825.8584, g.real(0), 1e-4);
        // PowerSuite: 0.1 Hz, 423929.46, -49014.063
        Spectrum ps = importer.read(Fixtures.IMPEDANCE_PY.resolve("exampleDataPowersuite.txt")).get(0);
        assertEquals(423929.46, ps.real(0), 1e-6);
        assertEquals(-49014.063, ps.imag(0), 1e-6);
        // Parstat: 781 DC rows skipped, first EIS row 10000 Hz
        Spectrum par = importer.read(Fixtures.IMPEDANCE_PY.resolve("exampleDataParstat.txt")).get(0);
        assertEquals("781", par.metadata().extra().get("skippedDcRows"));
        assertEquals(10000, par.frequency(0), 0);
    }

    @Test
    void headerMetadata() throws IOException {
        Spectrum bl = importer.read(Fixtures.IMPEDANCE_PY.resolve("exampleDataBioLogic.mpt")).get(0);
        assertEquals("BioLogic SP-150 (SN 10791079)", bl.metadata().instrument());
        assertEquals("2018-02-04T10:02:46Z", String.valueOf(bl.metadata().measuredAt()));
        Spectrum g = importer.read(Fixtures.IMPEDANCE_PY.resolve("exampleDataGamry.DTA")).get(0);
        assertEquals("Gamry REF3000-34128", g.metadata().instrument());
        assertEquals("2018-04-23T16:43:15Z", String.valueOf(g.metadata().measuredAt()));
        assertEquals("EISPOT", g.metadata().extra().get("technique"));
        Spectrum chi = importer.read(Fixtures.IMPEDANCE_PY.resolve("exampleDataCHInstruments.txt")).get(0);
        assertEquals("CH Instruments CHI660E", chi.metadata().instrument());
        assertEquals("2020-02-20T15:55:08Z", String.valueOf(chi.metadata().measuredAt()));
        Spectrum mpr = importer.read(Fixtures.shared("yadg/peis.mpr")).get(0);
        Spectrum mpt = importer.read(Fixtures.shared("yadg/peis.mpt")).get(0);
        assertEquals(mpt.metadata().measuredAt(), mpr.metadata().measuredAt(), "LOG module timestamp vs .mpt header");
        assertEquals("PEIS", mpr.metadata().extra().get("technique"));
        // the .mpt header says "Device : SP-240 (SN 0200)"; the LOG module holds the serial
        assertEquals("BioLogic (SN 0200)", mpr.metadata().instrument());
        assertEquals("EC-Lab v11.33", mpr.metadata().extra().get("software"));
    }

    @Test
    void abortedGamryRunImportsWithFlag() throws IOException {
        Spectrum s = importer.read(Fixtures.IMPEDANCE_PY.resolve("exampleDataGamryABORT.DTA")).get(0);
        assertEquals("true", s.metadata().extra().get("aborted"));
        assertEquals(0.0158898, s.frequency(s.size() - 1), 1e-9);
        Spectrum ok = importer.read(Fixtures.IMPEDANCE_PY.resolve("exampleDataGamry.DTA")).get(0);
        assertTrue(!ok.metadata().extra().containsKey("aborted"));
    }

    @Test
    void missingFrequencyColumnIsAClearError() {
        SpectrumFormatException e = assertThrows(SpectrumFormatException.class,
                () -> importer.read(Fixtures.IMPEDANCE_PY.resolve("exampleDataBioLogic_MissingFreq.mpt")));
        assertEquals(61, e.line());
        assertTrue(e.getMessage().contains("exampleDataBioLogic_MissingFreq.mpt"), e.getMessage());
        assertTrue(e.getMessage().contains("freq/Hz"), e.getMessage());
    }

    /** Files that must fail, with a fragment of the documented message. */
    private static final Map<String, String> NEGATIVE = Map.of(
            "exampleDataBioLogic_MissingFreq.mpt", "freq/Hz");

    /** Walks the whole share, so a file added there is not silently untested. */
    @Test
    void everySharedFileImportsOrFailsAsDocumented() throws IOException {
        Path root = Fixtures.sharedDir(".");
        Map<String, String> problems = new TreeMap<>();
        int imported = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String name = p.getFileName().toString();
                if (name.equals("README.md")) {
                    continue;
                }
                try {
                    List<Spectrum> list = importer.read(p);
                    if (NEGATIVE.containsKey(name)) {
                        problems.put(name, "imported but should fail");
                    }
                    assertTrue(!list.isEmpty());
                    imported++;
                } catch (SpectrumFormatException e) {
                    String want = NEGATIVE.get(name);
                    if (want == null || !e.getMessage().contains(want) || !e.getMessage().contains(name)) {
                        problems.put(name, e.getMessage());
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            fail("unexpected results: " + problems);
        }
        assertTrue(imported >= 40, "imported " + imported + " files");
    }
}
