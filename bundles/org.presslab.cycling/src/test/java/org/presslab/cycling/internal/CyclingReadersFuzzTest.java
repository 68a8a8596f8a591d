package org.presslab.cycling.internal;

import java.io.IOException;
import java.util.Arrays;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.presslab.cycling.CyclingFormatException;
import org.presslab.cycling.CyclingLog;

/**
 * Coverage-guided fuzzing of every cycling reader (README, "Fuzzing"). A plain {@code mvn test} replays the
 * committed corpus under {@code src/test/resources/org/presslab/cycling/internal/CyclingReadersFuzzTestInputs/};
 * {@code JAZZER_FUZZ=1} fuzzes. The only exception a reader may throw is a {@link CyclingFormatException}
 * naming the file; a probe throws nothing and scores 0..100; what is read holds finite values in time order.
 */
class CyclingReadersFuzzTest {

    static {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
    }

    private static final ImporterService IMPORTER = new ImporterService();
    private static final byte[] MPR_HEADER = Arrays.copyOf(CellLogs.mpr(CellLogs.generate(1, 600, 0, null, 1), 3), 52);

    /** Every reader on the same input, then the importer that picks one. */
    @FuzzTest(maxDuration = "165m", maxExecutions = 1_100_000)
    void eachReader(byte[] input) throws IOException {
        byte[] head = Arrays.copyOf(input, Math.min(ImporterService.HEAD, input.length));
        for (CyclingReader r : IMPORTER.readers()) {
            int score = r.probe(head, "fuzz.csv");
            if (score < 0 || score > 100) {
                throw new AssertionError(r.format() + ": probe score " + score);
            }
            read(r, input);
        }
        try {
            check("importer", IMPORTER.read(input, "fuzz.csv"));
        } catch (CyclingFormatException e) {
            if (e.getCause() instanceof RuntimeException) {
                throw new AssertionError("a reader failed with a runtime exception: " + e.getMessage(), e.getCause());
            }
            checkMessage("importer", e);
        }
    }

    /** The binary .mpr reader; an input without the magic gets the 52-byte file header put in front. */
    @FuzzTest(maxDuration = "5m", maxExecutions = 1_100_000)
    void mpr(byte[] input) throws IOException {
        byte[] content = input;
        if (input.length < 23 || !new String(input, 0, 22, java.nio.charset.StandardCharsets.ISO_8859_1)
                .equals("BIO-LOGIC MODULAR FILE")) {
            content = new byte[MPR_HEADER.length + input.length];
            System.arraycopy(MPR_HEADER, 0, content, 0, MPR_HEADER.length);
            System.arraycopy(input, 0, content, MPR_HEADER.length, input.length);
        }
        read(new BioLogicMprReader(), content);
    }

    private static void read(CyclingReader r, byte[] content) throws IOException {
        try {
            check(r.format(), r.read(content, "fuzz.csv"));
        } catch (CyclingFormatException e) {
            checkMessage(r.format(), e);
        }
    }

    private static void checkMessage(String who, CyclingFormatException e) {
        if (e.getMessage() == null || !e.getMessage().startsWith("fuzz.csv") || !"fuzz.csv".equals(e.source())) {
            throw new AssertionError(who + ": format error does not name the file: " + e.getMessage(), e);
        }
    }

    private static void check(String who, CyclingLog log) {
        if (log.size() == 0) {
            throw new AssertionError(who + ": no points and no error");
        }
        for (int i = 0; i < log.size(); i++) {
            if (!Double.isFinite(log.time(i)) || !Double.isFinite(log.current(i)) || !Double.isFinite(log.voltage(i))
                    || !Double.isFinite(log.charge(i)) || !(log.capacity(i) >= 0) || (i > 0 && log.time(i) < log.time(i - 1))) {
                throw new AssertionError(who + ": point " + i + " is not finite or goes back in time");
            }
        }
    }
}
