package org.presslab.impedance.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.presslab.impedance.api.Spectrum;
import org.presslab.impedance.ImpedanceAnalysis;
import org.presslab.impedance.api.CircuitFitter;
import org.presslab.impedance.io.SpectrumImporters;

/**
 * The eis: commands against the real analysis and import implementations, on a spectrum
 * simulated from known parameters: R0 = 10 Ω, R1 = 100 Ω, C1 = 1 µF (apex at 1.59 kHz).
 */
class EisCommandsTest {

    @TempDir
    Path dir;
    private Path file;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    @BeforeEach
    void writeSpectrum() throws IOException {
        CircuitFitter fitter = ImpedanceAnalysis.circuitFitter();
        double[] f = new double[41];
        for (int i = 0; i < f.length; i++) {
            f[i] = Math.pow(10, 6 - i * 0.15);
        }
        Spectrum s = fitter.parse("R0-p(R1,C1)").simulate(f, new double[] {10, 100, 1e-6});
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < s.size(); i++) {
            csv.append(String.format(Locale.ROOT, "%.10e,%.10e,%.10e%n", s.frequency(i), s.real(i), s.imag(i)));
        }
        file = dir.resolve("rc.csv");
        Files.writeString(file, csv.toString());
    }

    private <T extends EisCommandSupport> T wire(T c) {
        c.importer = SpectrumImporters.builtIn();
        c.out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        return c;
    }

    private String output() {
        return buffer.toString(StandardCharsets.UTF_8);
    }

    /** The VALUE column of a parameter's row in the fit table. */
    private double fitted(String name) {
        return Double.parseDouble(cells(name)[1]);
    }

    /** The cells of the table row whose first cell is {@code first}. */
    private String[] cells(String first) {
        return output().lines().map(l -> l.trim().split("\\s*\\|\\s*")).filter(c -> c[0].equals(first)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + first + " in\n" + output()));
    }

    @Test
    void importSummarisesTheFile() throws Exception {
        EisImportCommand c = wire(new EisImportCommand());
        c.file = file.toString();
        c.points = true;
        c.execute();
        assertTrue(output().contains("rc.csv: 1 spectrum"), output());
        assertEquals("41", cells("1")[2], output());
        assertEquals("1.000e+06", cells("1")[4], output());
        assertTrue(output().contains("phase °"), output());
    }

    @Test
    void fitRecoversTheParameters() throws Exception {
        EisFitCommand c = wire(new EisFitCommand());
        c.fitter = ImpedanceAnalysis.circuitFitter();
        c.file = file.toString();
        c.circuit = "R0-p(R1,C1)";
        c.execute();
        assertEquals(10, fitted("R0"), 1e-3, output());
        assertEquals(100, fitted("R1"), 1e-2, output());
        assertEquals(1e-6, fitted("C1"), 1e-9, output());
        assertTrue(output().contains("fit trustworthy"), output());
    }

    @Test
    void fitOverAFolderFitsEverySpectrumAsASeries() throws Exception {
        CircuitFitter fitter = ImpedanceAnalysis.circuitFitter();
        Path series = Files.createDirectory(dir.resolve("series"));
        double[] f = new double[41];
        for (int i = 0; i < f.length; i++) {
            f[i] = Math.pow(10, 6 - i * 0.15);
        }
        for (int k = 0; k < 5; k++) {
            Spectrum s = fitter.parse("R0-p(R1,C1)").simulate(f, new double[] {10, 100 + 10 * k, 1e-6});
            StringBuilder csv = new StringBuilder();
            for (int i = 0; i < s.size(); i++) {
                csv.append(String.format(Locale.ROOT, "%.10e,%.10e,%.10e%n", s.frequency(i), s.real(i), s.imag(i)));
            }
            Files.writeString(series.resolve("t" + k + ".csv"), csv.toString());
        }
        EisFitCommand c = wire(new EisFitCommand());
        c.fitter = fitter;
        c.file = series.toString();
        c.circuit = "R0-p(R1,C1)";
        c.threads = 2;
        c.execute();
        for (int k = 0; k < 5; k++) {
            assertEquals(100 + 10 * k, Double.parseDouble(cells("t" + k + ".csv")[2]), 1e-2, output());
        }
        assertTrue(output().contains("5 spectra from 5 files"), output());
        assertEquals("warm", cells("t1.csv")[5], output());
    }

    @Test
    void fixedParameterStaysFixed() throws Exception {
        EisFitCommand c = wire(new EisFitCommand());
        c.fitter = ImpedanceAnalysis.circuitFitter();
        c.file = file.toString();
        c.circuit = "R0-p(R1,C1)";
        c.fix = List.of("R0=12");
        c.execute();
        assertEquals(12, fitted("R0"), 0, output());
        assertTrue(output().lines().anyMatch(l -> l.trim().startsWith("R0 ") && l.trim().endsWith("fixed")), output());
    }

    @Test
    void kkPassesAConsistentSpectrum() throws Exception {
        EisKkCommand c = wire(new EisKkCommand());
        c.kk = ImpedanceAnalysis.kramersKronig();
        c.file = file.toString();
        c.execute();
        assertTrue(output().contains("VALID: every residual within the limit"), output());
    }

    @Test
    void drtFindsTheOneProcess() throws Exception {
        EisDrtCommand c = wire(new EisDrtCommand());
        c.drt = ImpedanceAnalysis.drtAnalyzer();
        c.file = file.toString();
        c.execute();
        double fHz = Double.parseDouble(cells("1")[2]);
        assertEquals(1591.5, fHz, 1591.5 * 0.3, "the peak sits at 1/(2 pi R1 C1): " + output());
    }

    @Test
    void conductivityOfATenMillimetrePellet() throws Exception {
        EisConductivityCommand c = wire(new EisConductivityCommand());
        c.calc = ImpedanceAnalysis.conductivity();
        c.resistance = 100;
        c.thicknessMm = 1;
        c.diameterMm = 10;
        c.execute();
        // 1 mm / (100 ohm * 0.7854 cm^2) = 1.273e-3 S/cm; ASR = 78.54 ohm cm^2
        assertTrue(output().contains("sigma = 0.001273 S/cm (0.1273 S/m"), output());
        assertTrue(output().contains("ASR   = 78.54 Ω·cm²"), output());
    }

    @Test
    void arrheniusGivesTheActivationEnergy() throws Exception {
        EisConductivityCommand c = wire(new EisConductivityCommand());
        c.calc = ImpedanceAnalysis.conductivity();
        // sigma = A exp(-Ea / kT) with Ea = 0.30 eV
        double kB = 8.617333262e-5;
        StringBuilder pairs = new StringBuilder();
        for (double tC : new double[] {25, 45, 65, 85}) {
            double sigma = 50 * Math.exp(-0.30 / (kB * (tC + 273.15)));
            pairs.append(pairs.length() == 0 ? "" : ",").append(tC).append("C:").append(sigma);
        }
        c.arrhenius = pairs.toString();
        c.execute();
        assertTrue(output().contains("Ea = 0.3000 ± 0.0000 eV"), output());
    }

    @Test
    void problemsAreClearErrorsWithoutStackTraces() {
        EisFitCommand c = wire(new EisFitCommand());
        c.fitter = ImpedanceAnalysis.circuitFitter();
        c.file = file.toString();
        c.circuit = "R0-p(R1,C1";
        EisCommandSupport.EisCommandFailed e = assertThrows(EisCommandSupport.EisCommandFailed.class, c::execute);
        assertTrue(e.getMessage().toLowerCase(Locale.ROOT).contains("position") || e.getMessage().contains("expected"), e.getMessage());
        assertEquals(0, e.getStackTrace().length);

        EisImportCommand i = wire(new EisImportCommand());
        i.file = dir.resolve("missing.mpt").toString();
        assertTrue(assertThrows(EisCommandSupport.EisCommandFailed.class, i::execute).getMessage().startsWith("no such file"));

        EisKkCommand k = wire(new EisKkCommand());
        k.kk = ImpedanceAnalysis.kramersKronig();
        k.file = file.toString();
        k.index = 3;
        assertTrue(assertThrows(EisCommandSupport.EisCommandFailed.class, k::execute).getMessage()
                .contains("--spectrum must be 1..1"));

        EisConductivityCommand cc = wire(new EisConductivityCommand());
        cc.calc = ImpedanceAnalysis.conductivity();
        cc.resistance = 100;
        cc.thicknessMm = 1;
        assertTrue(assertThrows(EisCommandSupport.EisCommandFailed.class, cc::execute).getMessage().contains("--diameter"));
    }
}
