package org.presslab.impedance.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.presslab.impedance.api.DrtResult;
import org.presslab.impedance.api.FitOptions;
import org.presslab.impedance.api.FitResult;
import org.presslab.impedance.api.KkResult;
import org.presslab.impedance.api.Spectrum;

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
