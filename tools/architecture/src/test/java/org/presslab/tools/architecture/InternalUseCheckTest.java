package org.presslab.tools.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checker on a small repository made for the test, with deliberate violations of each kind; it must find
 * every one and nothing that is allowed.
 */
class InternalUseCheckTest {

    @TempDir
    Path root;

    @Test
    void findsAnImportAFullyQualifiedUseAndAManifestImportButNotABundlesOwnInternals() throws Exception {
        // bundle b: an API class and an internal one, the internal one using its own internals (allowed)
        write("bundles/org.presslab.b/src/main/java/org/presslab/b/internal/Engine.java",
                "package org.presslab.b.internal; public class Engine { public static int run() { return Helper.one(); } }");
        write("bundles/org.presslab.b/src/main/java/org/presslab/b/internal/Helper.java",
                "package org.presslab.b.internal; public class Helper { public static int one() { return 1; } }");
        // bundle a's test imports b's internals: a source violation (and a bytecode one)
        write("bundles/org.presslab.a/src/test/java/org/presslab/a/internal/UsesImportTest.java",
                "package org.presslab.a.internal;\nimport org.presslab.b.internal.Engine;\nclass UsesImportTest { int x = Engine.run(); }");
        // a tool names b's internal class fully qualified, without an import: only the bytecode shows it
        write("tools/cli/src/main/java/org/presslab/cli/Main.java",
                "package org.presslab.cli; public class Main { int y = org.presslab.b.internal.Helper.one(); String s = \"org/presslab/c/internal/X\"; }");
        // a class file whose source was deleted (a stale build output) is not counted; a string naming an
        // internal path is not a use
        write("tools/cli/src/main/java/org/presslab/cli/Gone.java",
                "package org.presslab.cli; public class Gone { int z = org.presslab.b.internal.Helper.one(); }");

        compile("bundles/org.presslab.b", "main", List.of("bundles/org.presslab.b/src/main/java/org/presslab/b/internal/Engine.java",
                "bundles/org.presslab.b/src/main/java/org/presslab/b/internal/Helper.java"), null);
        Path bClasses = root.resolve("bundles/org.presslab.b/target/classes");
        compile("bundles/org.presslab.a", "test", List.of("bundles/org.presslab.a/src/test/java/org/presslab/a/internal/UsesImportTest.java"), bClasses);
        compile("tools/cli", "main", List.of("tools/cli/src/main/java/org/presslab/cli/Main.java", "tools/cli/src/main/java/org/presslab/cli/Gone.java"),
                bClasses);
        Files.delete(root.resolve("tools/cli/src/main/java/org/presslab/cli/Gone.java"));

        ArchitectureDoc.Bundle a = new ArchitectureDoc.Bundle("org.presslab.a", Set.of("org.presslab.a"),
                Set.of("org.presslab.b.internal", "org.presslab.a.api"), Set.of(), Set.of());
        ArchitectureDoc.Bundle b = new ArchitectureDoc.Bundle("org.presslab.b", Set.of("org.presslab.b.internal.spi"),
                Set.of("org.osgi.framework"), Set.of(), Set.of());

        List<String> found = InternalUseCheck.violations(root, List.of(a, b));

        assertEquals(List.of(
                "bytecode: bundles/org.presslab.a (test) org.presslab.a.internal.UsesImportTest uses org.presslab.b.internal",
                "bytecode: tools/cli (main) org.presslab.cli.Main uses org.presslab.b.internal",
                "manifest: bundle org.presslab.a imports org.presslab.b.internal",
                "manifest: bundle org.presslab.b exports org.presslab.b.internal.spi",
                "source: bundles/org.presslab.a (test) imports org.presslab.b.internal"), found);
    }

    @Test
    void aCleanRepositoryHasNoViolations() throws Exception {
        write("bundles/org.presslab.b/src/main/java/org/presslab/b/internal/Engine.java",
                "package org.presslab.b.internal; public class Engine { public static int run() { return 1; } }");
        write("bundles/org.presslab.b/src/main/java/org/presslab/b/Engines.java",
                "package org.presslab.b; public class Engines { public static int run() { return org.presslab.b.internal.Engine.run(); } }");
        write("tools/cli/src/main/java/org/presslab/cli/Main.java",
                "package org.presslab.cli; public class Main { int y = org.presslab.b.Engines.run(); }");
        compile("bundles/org.presslab.b", "main", List.of("bundles/org.presslab.b/src/main/java/org/presslab/b/internal/Engine.java",
                "bundles/org.presslab.b/src/main/java/org/presslab/b/Engines.java"), null);
        compile("tools/cli", "main", List.of("tools/cli/src/main/java/org/presslab/cli/Main.java"),
                root.resolve("bundles/org.presslab.b/target/classes"));
        ArchitectureDoc.Bundle b = new ArchitectureDoc.Bundle("org.presslab.b", Set.of("org.presslab.b"), Set.of(), Set.of(), Set.of());
        assertEquals(List.of(), InternalUseCheck.violations(root, List.of(b)));
    }

    private void write(String rel, String java) throws Exception {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, java, StandardCharsets.UTF_8);
    }

    private void compile(String module, String scope, List<String> sources, Path classPath) throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Path out = root.resolve(module).resolve(scope.equals("main") ? "target/classes" : "target/test-classes");
        Files.createDirectories(out);
        List<String> args = new java.util.ArrayList<>(List.of("-d", out.toString()));
        if (classPath != null) {
            args.addAll(List.of("-cp", classPath.toString()));
        }
        sources.forEach(s -> args.add(root.resolve(s).toString()));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = javac.run(null, null, err, args.toArray(String[]::new));
        assertTrue(rc == 0, "javac failed: " + err.toString(StandardCharsets.UTF_8));
    }
}
