package org.presslab.tools.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/architecture.md current: generates it from the manifests of the bundles on the test class
 * path (this module depends on every bundle) and the repository's sources, and fails when the committed
 * file differs. {@code -Darchitecture.update=true} writes the file instead.
 */
class ArchitectureDocTest {

    private static final Path ROOT = Paths.get(System.getProperty("presslab.root", "../..")).toAbsolutePath().normalize();
    private static final Path DOC = ROOT.resolve("docs/architecture.md");

    @Test
    void noModuleUsesAnotherBundlesInternalPackages() throws Exception {
        List<String> violations = InternalUseCheck.violations(ROOT, bundlesOnClassPath());
        if (!violations.isEmpty()) {
            fail("Another bundle's .internal package is used (decisions.md, D2). Use the bundle's exported factory or its\n"
                    + "API instead, or export what is needed from a versioned package:\n  " + String.join("\n  ", violations));
        }
    }

    @Test
    void committedArchitectureDocumentIsCurrent() throws Exception {
        List<ArchitectureDoc.Bundle> bundles = bundlesOnClassPath();
        String generated = ArchitectureDoc.render(bundles, ArchitectureDoc.internalUses(ROOT));
        if (Boolean.getBoolean("architecture.update")) {
            Files.createDirectories(DOC.getParent());
            Files.writeString(DOC, generated, StandardCharsets.UTF_8);
            System.out.println("[architecture] wrote " + DOC);
            return;
        }
        String committed = Files.exists(DOC) ? Files.readString(DOC, StandardCharsets.UTF_8) : "";
        if (!generated.equals(committed)) {
            fail("docs/architecture.md is out of date (a bundle's imports, exports or services changed, or a module\n"
                    + "started or stopped using another bundle's .internal package). Regenerate it and commit the result:\n"
                    + "  mvn -q -pl tools/architecture -am verify -Darchitecture.update=true\n"
                    + "First differing line: " + firstDifference(committed, generated));
        }
    }

    @Test
    void headerParsingKeepsPackagesAndDropsAttributes() {
        assertEquals(Set.of("a.b", "c.d", "e"), ArchitectureDoc.packages(
                "a.b;version=\"[1.0,2)\",c.d;resolution:=optional;version=\"[1.4,2)\",e"));
        assertEquals(Set.of("x.y", "x.z"), ArchitectureDoc.packages("x.y;x.z;version=\"1.0.0\";uses:=\"p,q\""));
    }

    private List<ArchitectureDoc.Bundle> bundlesOnClassPath() throws Exception {
        List<ArchitectureDoc.Bundle> bundles = new ArrayList<>();
        for (URL url : Collections.list(getClass().getClassLoader().getResources("META-INF/MANIFEST.MF"))) {
            try (InputStream in = url.openStream()) {
                ArchitectureDoc.Bundle b = ArchitectureDoc.Bundle.of(new Manifest(in));
                if (b != null && (b.symbolicName().startsWith("org.presslab.")
                        || b.symbolicName().startsWith("com.example.presslab."))) {
                    bundles.add(b);
                }
            }
        }
        assertTrue(bundles.size() >= 18, "expected every Presslab bundle and the vendor example on the class path, found "
                + bundles.stream().map(ArchitectureDoc.Bundle::symbolicName).toList());
        return bundles;
    }

    private static String firstDifference(String a, String b) {
        String[] x = a.split("\n", -1);
        String[] y = b.split("\n", -1);
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            String l = i < x.length ? x[i] : "<end of file>";
            String r = i < y.length ? y[i] : "<end of file>";
            if (!l.equals(r)) {
                return (i + 1) + "\n  committed: " + l + "\n  generated: " + r;
            }
        }
        return "none";
    }
}
