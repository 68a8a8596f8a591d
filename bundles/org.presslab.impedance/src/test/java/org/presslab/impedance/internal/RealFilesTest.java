package org.presslab.impedance.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.presslab.impedance.api.DrtResult;
import org.presslab.impedance.api.FitOptions;
import org.presslab.impedance.api.FitResult;
import org.presslab.impedance.api.KkResult;
import org.presslab.impedance.api.Spectrum;
import org.presslab.impedance.api.SpectrumFormatException;
import org.presslab.impedance.api.SpectrumImporter;
import org.presslab.impedance.io.SpectrumImporters;

/** Fits, Lin-KK and DRT on real measurements. */
class RealFilesTest {

    private final CnlsFitter fitter = new CnlsFitter();

    /**
     * The dummy circuits of impedance.py are R-(RC)-like networks: a fit of R0-p(R1,C1) with an
     * inductance reproduces them to about 1 %, converged and with every parameter identifiable,
     * and the fit agrees with the Lin-KK series resistance and the DRT total resistance.
     */
    @Test
    void dummyCircuitOneFitsAsRcWithCableInductance() {
        Spectrum s = TestData.zplotResource("Circuit1_EIS_1.z");
        FitResult r = fitter.fit(s, "L0-R0-p(R1,CPE1)");
        assertTrue(r.trustworthy(), r.warnings().toString());
        double maxRes = 0;
        for (int i = 0; i < s.size(); i++) {
            maxRes = Math.max(maxRes, Math.max(Math.abs(r.residualReal()[i]), Math.abs(r.residualImag()[i])));
        }
        assertTrue(maxRes < 0.02, "max residual " + maxRes);
        double rTotal = r.value("R0") + r.value("R1");
        assertEquals(s.real(s.size() - 1), rTotal, 0.01 * rTotal);
        DrtResult d = new TikhonovDrt().analyze(s);
        assertEquals(rTotal, d.rInf() + d.polarizationResistance(), 0.03 * rTotal);
        // the same fit from the same data is the same every time (deterministic multi-start)
        assertEquals(r.chiSquare(), fitter.fit(s, "L0-R0-p(R1,CPE1)").chiSquare());
    }

    /**
     * Every spectrum of every file in ../shared/data/eis that the importers read goes through
     * Lin-KK and DRT with finite results; the impedance.py dummy circuits pass Lin-KK when read
     * by the real importer too, and the BioLogic .mpr and its .mpt export give the same Lin-KK
     * result.
     */
    @Test
    void everySharedFileGoesThroughLinKkAndDrt() throws IOException {
        assumeTrue(Files.isDirectory(TestData.SHARED_EIS), "shared data " + TestData.SHARED_EIS.toAbsolutePath().normalize()
                + " not present; skipping");
        SpectrumImporter importer = SpectrumImporters.builtIn();
        List<Path> files;
        try (Stream<Path> st = Files.walk(TestData.SHARED_EIS)) {
            files = st.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".md")).sorted().toList();
        }
        int spectra = 0;
        for (Path f : files) {
            List<Spectrum> all;
            try {
                all = importer.read(f);
            } catch (SpectrumFormatException deliberatelyBroken) {
                continue; // the negative fixtures (missing column, aborted run) are the importer's tests
            }
            for (Spectrum s : all) {
                if (s.size() < 8) {
                    continue;
                }
                spectra++;
                KkResult kk = new LinKk().test(s);
                assertTrue(Double.isFinite(kk.maxResidual()) && kk.m() >= 1, f + ": " + kk.maxResidual());
                DrtResult d = new TikhonovDrt().analyze(s);
                assertTrue(Double.isFinite(d.rInf()) && d.lambda() > 0, f.toString());
                if (f.getFileName().toString().startsWith("Circuit")) {
                    assertTrue(kk.valid(), f + " Lin-KK max residual " + kk.maxResidual());
                }
            }
        }
        assertTrue(spectra > 50, "spectra analysed: " + spectra);
        Path mpr = TestData.SHARED_EIS.resolve("yadg/peis.mpr");
        Path mpt = TestData.SHARED_EIS.resolve("yadg/peis.mpt");
        KkResult a = new LinKk().test(importer.read(mpr).get(0));
        KkResult b = new LinKk().test(importer.read(mpt).get(0));
        assertEquals(b.m(), a.m());
        assertEquals(b.maxResidual(), a.maxResidual(), 1e-4);
    }

    /** pyimpspec's ZView file is GPL-3.0 and stays in ../shared; skipped when that tree is absent. */
    @Test
    void pyimpspecZviewFileIsKkValidAndFits() throws IOException {
        Path p = TestData.SHARED_EIS.resolve("pyimpspec/data.z");
        assumeTrue(Files.isReadable(p), "GPL fixture " + p.toAbsolutePath().normalize()
                + " not present (../shared/data/eis is not part of the repository); skipping");
        Spectrum s = TestData.zplotFile(p);
        assertEquals(29, s.size());
        KkResult kk = new LinKk().test(s);
        assertTrue(kk.maxResidual() < 0.02, "Lin-KK max residual " + kk.maxResidual());
        FitResult r = fitter.fit(s, "R0-p(R1,CPE1)-p(R2,CPE2)", FitOptions.DEFAULT);
        assertTrue(r.converged(), r.warnings().toString());
        assertTrue(r.reducedChiSquare() < 1e-3, "reduced chi2 " + r.reducedChiSquare());
    }
}
