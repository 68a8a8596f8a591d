package org.presslab.impedance.io.internal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Where the test files are. */
final class Fixtures {

    /** The shared EIS data (GPL files stay there); surefire runs in the module directory. */
    static final Path SHARED = Paths.get("../../../shared/data/eis");
    /** MIT-licensed impedance.py files, copied so the tests pass on a fresh clone. */
    static final Path IMPEDANCE_PY = Paths.get("src/test/resources/impedance.py");
    static final Path MALFORMED = Paths.get("src/test/resources/malformed");

    private Fixtures() {
    }

    /** A file under ../shared/data/eis; skips the test with a clear message when the share is absent. */
    static Path shared(String relative) {
        Path p = SHARED.resolve(relative);
        assumeTrue(Files.isRegularFile(p), () -> "shared EIS data not found at " + p.toAbsolutePath()
                + " (GPL fixtures are not copied into the repository); test skipped");
        return p;
    }

    static Path sharedDir(String relative) {
        Path p = SHARED.resolve(relative);
        assumeTrue(Files.isDirectory(p), () -> "shared EIS data not found at " + p.toAbsolutePath()
                + " (GPL fixtures are not copied into the repository); test skipped");
        return p;
    }
}
