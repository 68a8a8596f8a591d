package org.presslab.impedance.io.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.presslab.impedance.api.Spectrum;

/** The synthetic .mpr seeds of the fuzzer read as what they were written as. */
class MprSamplesTest {

    @Test
    void everyLayoutReads() throws IOException {
        for (int v : new int[] {0, 2, 3, 10, 11}) {
            for (boolean newHeader : new boolean[] {false, true}) {
                List<Spectrum> s = new BioLogicMprReader().read(MprSamples.file(v, newHeader, 8), "v" + v + ".mpr");
                assertEquals(2, s.size(), "two cycles, version " + v);
                assertEquals(4, s.get(0).size());
                assertEquals(1e5, s.get(0).frequency(0), 1e-2);
                assertEquals("BioLogic (SN 1234)", s.get(0).metadata().instrument());
            }
        }
    }
}
