package org.presslab.impedance.io.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.presslab.impedance.api.Spectrum;
import org.presslab.impedance.api.SpectrumImporter;
import org.presslab.impedance.io.SpectrumImporters;

/**
 * BioLogic's binary .mpr files agree with the .mpt text exports EC-Lab wrote from them, point by
 * point. The .mpr holds float32; the .mpt prints those with 8 significant digits, so they must
 * agree to float32 resolution (relative 1e-6 covers rounding in both).
 */
class MprVsMptTest {

    private static final double REL = 1e-6;
    private final SpectrumImporter importer = SpectrumImporters.builtIn();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"peis", "peis.issue_225.with_ece", "peis.issue_149", "geis.issue_149", "geis", "vsp_peis_with"})
    void binaryAgreesWithTextExport(String base) throws IOException {
        List<Spectrum> bin = importer.read(Fixtures.shared("yadg/" + base + ".mpr"));
        List<Spectrum> txt = importer.read(Fixtures.shared("yadg/" + base + ".mpt"));
        assertEquals(txt.size(), bin.size(), "number of spectra");
        int points = 0;
        for (int s = 0; s < txt.size(); s++) {
            Spectrum a = bin.get(s);
            Spectrum b = txt.get(s);
            assertEquals(b.size(), a.size(), "points in spectrum " + s);
            assertEquals(b.metadata().extra().get("cycle"), a.metadata().extra().get("cycle"), "cycle of spectrum " + s);
            for (int i = 0; i < a.size(); i++) {
                String at = "spectrum " + s + " point " + i;
                assertEquals(b.frequency(i), a.frequency(i), REL * b.frequency(i), at + " f");
                double scale = b.modulus(i);
                assertEquals(b.real(i), a.real(i), REL * scale, at + " Z'");
                assertEquals(b.imag(i), a.imag(i), REL * scale, at + " Z''");
                points++;
            }
        }
        assertTrue(points >= 32, "compared " + points + " points");
    }
}
