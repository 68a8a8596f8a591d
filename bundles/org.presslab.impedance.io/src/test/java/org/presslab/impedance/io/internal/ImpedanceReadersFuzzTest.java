package org.presslab.impedance.io.internal;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.presslab.impedance.api.Spectrum;
import org.presslab.impedance.api.SpectrumFormatException;
import org.presslab.impedance.io.SpectrumImporters;
import org.presslab.impedance.api.SpectrumReader;

/**
 * Coverage-guided fuzzing of every impedance reader (README, "Fuzzing"). A plain {@code mvn test}
 * replays the committed corpus under {@code src/test/resources/.../ImpedanceReadersFuzzTestInputs/};
 * {@code JAZZER_FUZZ=1} fuzzes. The only exception a reader may throw is a
 * {@link SpectrumFormatException} naming the file; a probe throws nothing; what is read holds finite
 * values at positive frequencies.
 */
class ImpedanceReadersFuzzTest {

    static {
        // the readers warn about odd but readable files; at fuzzing speed that output is the bottleneck
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
    }

    private static final List<SpectrumReader> READERS = SpectrumImporters.builtInReaders();
    private static final ImporterRegistry IMPORTER = new ImporterRegistry(READERS);
    private static final BioLogicMprReader MPR = new BioLogicMprReader();
    private static final byte[] MPR_HEADER = Arrays.copyOf(MprSamples.file(0, false, 0), 52);

    /**
     * The binary .mpr reader. An input that does not start with the .mpr magic gets the 52-byte
     * file header put in front, so that the fuzzer spends its time on the modules.
     */
    @FuzzTest(maxDuration = "40m", maxExecutions = 1_100_000)
    void mpr(byte[] input) throws IOException {
        byte[] content = input;
        if (MPR.probe(input, "fuzz.mpr") == 0) {
            content = new byte[MPR_HEADER.length + input.length];
            System.arraycopy(MPR_HEADER, 0, content, 0, MPR_HEADER.length);
            System.arraycopy(input, 0, content, MPR_HEADER.length, input.length);
        }
        read(MPR, content, "fuzz.mpr");
    }

    /** Every built-in reader on the same input (each probes and reads it), then the importer that picks one. */
    @FuzzTest(maxDuration = "100m", maxExecutions = 1_100_000)
    void eachReader(byte[] input) throws IOException {
        byte[] head = Arrays.copyOf(input, Math.min(ImporterRegistry.HEAD, input.length));
        for (SpectrumReader r : READERS) {
            int score = r.probe(head, "fuzz.txt");
            if (score < 0 || score > 102) {
                throw new AssertionError(r.format() + ": probe score " + score + " outside 0..102");
            }
            read(r, input, "fuzz.txt");
        }
        try {
            checkSpectra("importer", IMPORTER.read(input, "fuzz.txt"));
        } catch (SpectrumFormatException e) {
            if (e.getCause() instanceof RuntimeException) {
                throw new AssertionError("a reader failed with a runtime exception: " + e.getMessage(), e.getCause());
            }
            checkMessage("importer", e, "fuzz.txt");
        }
    }

    private static void read(SpectrumReader r, byte[] content, String source) throws IOException {
        List<Spectrum> spectra;
        try {
            spectra = r.read(content, source);
        } catch (SpectrumFormatException e) {
            checkMessage(r.format(), e, source);
            return;
        }
        checkSpectra(r.format(), spectra);
    }

    private static void checkMessage(String who, SpectrumFormatException e, String source) {
        if (e.getMessage() == null || !e.getMessage().contains(source) || !source.equals(e.source())) {
            throw new AssertionError(who + ": format error does not name the file: " + e.getMessage(), e);
        }
    }

    private static void checkSpectra(String who, List<Spectrum> spectra) {
        if (spectra.isEmpty()) {
            throw new AssertionError(who + ": no spectrum and no error");
        }
        for (Spectrum s : spectra) {
            for (int i = 0; i < s.size(); i++) {
                double f = s.frequency(i);
                if (!(f > 0) || !Double.isFinite(f) || !Double.isFinite(s.real(i)) || !Double.isFinite(s.imag(i))) {
                    throw new AssertionError(who + ": point " + i + " is not a finite point at a positive frequency: f "
                            + f + ", Z' " + s.real(i) + ", Z'' " + s.imag(i));
                }
            }
        }
    }

}
