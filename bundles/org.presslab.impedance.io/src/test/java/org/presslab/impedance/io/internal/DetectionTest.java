package org.presslab.impedance.io.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.presslab.impedance.api.Spectrum;
import org.presslab.impedance.api.SpectrumImporter;
import org.presslab.impedance.io.SpectrumImporters;
import org.presslab.impedance.api.SpectrumReader;

/** The format comes from the content; readers plug in. */
class DetectionTest {

    private final SpectrumImporter importer = SpectrumImporters.builtIn();

    @Test
    void contentWinsOverExtension() throws IOException {
        byte[] gamry = Files.readAllBytes(Fixtures.IMPEDANCE_PY.resolve("exampleDataGamry.DTA"));
        List<Spectrum> s = importer.read(new ByteArrayInputStream(gamry), "renamed.csv");
        assertEquals(GamryDtaReader.FORMAT, s.get(0).metadata().format());
        byte[] mpt = Files.readAllBytes(Fixtures.IMPEDANCE_PY.resolve("exampleDataBioLogic.mpt"));
        s = importer.read(new ByteArrayInputStream(mpt), "renamed.z");
        assertEquals(BioLogicMptReader.FORMAT, s.get(0).metadata().format());
        assertEquals(43, s.get(0).size());
    }

    @Test
    void mptExportedWithoutHeader() throws IOException {
        String text = "freq/Hz\tRe(Z)/Ohm\t-Im(Z)/Ohm\t|Z|/Ohm\n1.0E+004\t5.0\t0.5\t5.02\n1.0E+003\t6.0\t1.5\t6.18\n";
        Spectrum s = importer.read(new ByteArrayInputStream(text.getBytes()), "noheader.txt").get(0);
        assertEquals(BioLogicMptReader.FORMAT, s.metadata().format());
        assertEquals(2, s.size());
        assertEquals(-1.5, s.imag(1), 0);
    }

    @Test
    void decimalCommasSweepsAndDcRows() throws IOException {
        List<Spectrum> s = importer.read(Fixtures.MALFORMED.resolve("decimal-comma-sweeps.mpt"));
        assertEquals(3, s.size(), "restart of the sweep and change of cycle number split the file");
        assertEquals(List.of(3, 2, 1), List.of(s.get(0).size(), s.get(1).size(), s.get(2).size()));
        assertEquals(10.5, s.get(0).real(0), 0);
        assertEquals(-1.25, s.get(0).imag(0), 0);
        assertEquals("1", s.get(1).metadata().extra().get("skippedDcRows"));
        assertEquals("2", s.get(2).metadata().extra().get("cycle"));
    }

    @Test
    void autolabNovaExportWithDecimalCommas() throws IOException {
        Spectrum s = importer.read(Fixtures.MALFORMED.resolve("nova.txt")).get(0);
        assertEquals("Autolab NOVA text", s.metadata().format());
        assertEquals(100000, s.frequency(0), 0);
        assertEquals(12.5, s.real(0), 0);
        assertEquals(0.75, s.imag(0), 0, "-Z'' of -0.75 is an inductive Z'' of +0.75");
        assertEquals(-1.25, s.imag(1), 0);
    }

    @Test
    void blankAlignedColumnsWithUnitsInParentheses() throws IOException {
        Spectrum s = importer.read(Fixtures.MALFORMED.resolve("blank-aligned.txt")).get(0);
        assertEquals(2, s.size());
        assertEquals(1000, s.frequency(0), 0);
        assertEquals(10.5, s.real(0), 0);
        assertEquals(-0.25, s.imag(0), 0);
    }

    @Test
    void temperatureColumnGivesSpectrumTemperature() throws IOException {
        Spectrum s = importer.read(Fixtures.MALFORMED.resolve("temperature.mpt")).get(0);
        assertEquals(25.0 + 273.15, s.metadata().temperatureK(), 1e-9);
        Spectrum none = importer.read(Fixtures.MALFORMED.resolve("decimal-comma-sweeps.mpt")).get(0);
        assertTrue(Double.isNaN(none.metadata().temperatureK()));
    }

    @Test
    void namedColumnsWithUnitPrefixAndNegatedImaginary() throws IOException {
        Spectrum s = importer.read(Fixtures.MALFORMED.resolve("named-kohm.csv")).get(0);
        assertEquals(1500, s.real(0), 1e-9);
        assertEquals(-250, s.imag(0), 1e-9);
        assertEquals(-500, s.imag(1), 1e-9);
    }

    @Test
    void aPluggedReaderIsUsedWhenItScoresHigher() throws IOException {
        SpectrumReader custom = new SpectrumReader() {
            @Override
            public String format() {
                return "Lab format";
            }

            @Override
            public int probe(byte[] head, String fileName) {
                return new String(head).startsWith("#LAB") ? CERTAIN : 0;
            }

            @Override
            public List<Spectrum> read(byte[] content, String source) {
                return List.of(new Spectrum(new double[] {1}, new double[] {2}, new double[] {-3},
                        new Meta(source, format()).build()));
            }
        };
        List<SpectrumReader> readers = new ArrayList<>(SpectrumImporters.builtInReaders());
        readers.add(custom);
        SpectrumImporter withLab = SpectrumImporters.of(readers);
        assertTrue(withLab.formats().contains("Lab format"));
        assertTrue(withLab.formats().containsAll(importer.formats()));
        Spectrum s = withLab.read(new ByteArrayInputStream("#LAB\n1 2 -3\n".getBytes()), "x.lab").get(0);
        assertEquals("Lab format", s.metadata().format());
    }

    @Test
    void registryFollowsReaderServices() throws IOException {
        ImporterRegistry registry = new ImporterRegistry();
        assertTrue(registry.formats().isEmpty());
        ZPlotReader z = new ZPlotReader();
        registry.addReader(z);
        assertEquals(1, registry.read(Fixtures.IMPEDANCE_PY.resolve("Circuit1_EIS_1.z")).size());
        registry.removeReader(z);
        assertTrue(registry.formats().isEmpty());
    }
}
