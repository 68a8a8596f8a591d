package org.presslab.tools.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes docs/architecture.md from the bundles' manifests (as bnd generated them) and the sources:
 * the bundle graph (who imports whose packages), the services each bundle provides and requires, and
 * a report of the imports of {@code .internal} packages from outside their bundle. The output depends
 * only on its inputs, never on the time or the order the inputs came in, so the build can compare it
 * with the committed file.
 */
public final class ArchitectureDoc {

    /** The parts of one bundle's manifest the document uses. */
    public record Bundle(String symbolicName, Set<String> exports, Set<String> imports, Set<String> providedServices,
            Set<String> requiredServices) {

        /** Reads a bundle from its manifest; {@code null} when the manifest is not a bundle's. */
        public static Bundle of(Manifest manifest) {
            Attributes a = manifest.getMainAttributes();
            String bsn = a.getValue("Bundle-SymbolicName");
            if (bsn == null) {
                return null;
            }
            return new Bundle(bsn.split(";")[0].trim(), packages(a.getValue("Export-Package")),
                    packages(a.getValue("Import-Package")),
                    matches(a.getValue("Provide-Capability"), PROVIDED_SERVICE),
                    matches(a.getValue("Require-Capability"), REQUIRED_SERVICE));
        }
    }

    private static final Pattern PROVIDED_SERVICE = Pattern.compile("objectClass(?::List<String>)?=\"([^\"]+)\"");
    private static final Pattern REQUIRED_SERVICE = Pattern.compile("\\(objectClass=([^)]+)\\)");
    /** An import of, a static import from, or a package declaration in an internal package. */
    private static final Pattern INTERNAL_USE = Pattern.compile(
            "^\\s*(?:import\\s+(?:static\\s+)?|package\\s+)(org\\.presslab\\.[a-z0-9_.]*?)\\.internal\\b([a-z0-9_.]*)",
            Pattern.MULTILINE);

    private ArchitectureDoc() {
    }

    /** The package names of an Import-Package or Export-Package header, without attributes and directives. */
    static Set<String> packages(String header) {
        Set<String> out = new TreeSet<>();
        if (header == null) {
            return out;
        }
        for (String clause : splitOutsideQuotes(header, ',')) {
            for (String part : splitOutsideQuotes(clause, ';')) {
                String p = part.trim();
                if (p.contains("=")) {
                    break; // attributes and directives follow the package names
                }
                if (!p.isEmpty()) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    private static List<String> splitOutsideQuotes(String s, char sep) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : s.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == sep && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    private static Set<String> matches(String header, Pattern p) {
        Set<String> out = new TreeSet<>();
        if (header != null) {
            Matcher m = p.matcher(header);
            while (m.find()) {
                for (String name : m.group(1).split(",")) {
                    out.add(name.trim());
                }
            }
        }
        return out;
    }

    /** A use of another bundle's internal package: the module (folder) it is in, main or test, and the package. */
    public record InternalUse(String module, String scope, String internalPackage) {
    }

    /**
     * Every use of an {@code <bsn>.internal} package by sources outside bundle {@code <bsn>}: the Java files under
     * {@code src/<scope>/java} of every module below {@code root} (build output and hidden folders skipped). A
     * module under {@code bundles/} is the bundle of its folder's name.
     */
    public static Set<InternalUse> internalUses(Path root) {
        Set<InternalUse> out = new TreeSet<>((a, b) -> (a.module + "|" + a.scope + "|" + a.internalPackage)
                .compareTo(b.module + "|" + b.scope + "|" + b.internalPackage));
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.filter(ArchitectureDoc::isSource)::iterator) {
                String rel = root.relativize(f).toString().replace('\\', '/');
                int src = rel.indexOf("/src/");
                if (src < 0) {
                    continue;
                }
                String module = rel.substring(0, src);
                String scope = rel.substring(src + 5, rel.indexOf('/', src + 5));
                String own = module.startsWith("bundles/") ? module.substring("bundles/".length()) : null;
                Matcher m = INTERNAL_USE.matcher(Files.readString(f, StandardCharsets.UTF_8));
                while (m.find()) {
                    String owner = m.group(1);
                    if (!owner.equals(own)) {
                        String sub = m.group(2);
                        // an import names a class: keep the package, i.e. drop a last segment that is a type
                        String pkg = owner + ".internal" + trimType(sub);
                        out.add(new InternalUse(module, scope, pkg));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static String trimType(String rest) {
        // rest is ".ds" or "" (the regex stops at the first upper-case letter: a type name)
        return rest.endsWith(".") ? rest.substring(0, rest.length() - 1) : rest;
    }

    private static boolean isSource(Path p) {
        String s = p.toString().replace('\\', '/');
        return s.endsWith(".java") && !s.contains("/target/") && !s.contains("/.") && s.contains("/src/");
    }

    /** The whole document. */
    public static String render(List<Bundle> bundles, Set<InternalUse> internalUses) {
        Map<String, Bundle> byName = new TreeMap<>();
        bundles.forEach(b -> byName.put(b.symbolicName(), b));
        Map<String, String> exporter = new TreeMap<>();
        byName.values().forEach(b -> b.exports().forEach(p -> exporter.put(p, b.symbolicName())));

        StringBuilder md = new StringBuilder();
        md.append("# Architecture\n\n");
        md.append("Generated by `tools/architecture` from the manifests bnd writes into every bundle and from the\n"
                + "sources; do not edit by hand. The build compares this file with what it generates and fails when\n"
                + "they differ. To regenerate after a change of imports, exports or services:\n\n"
                + "```\nmvn -q -pl tools/architecture -am verify -Darchitecture.update=true\n```\n\n"
                + "Why the structure is what it is: [decisions.md](decisions.md).\n\n");

        md.append("## Bundle graph\n\n");
        md.append("An arrow A --> B: bundle A imports a package that bundle B exports (`Import-Package` against\n"
                + "`Export-Package`). Bundles meet at run time only through services (next section); these\n"
                + "package edges are the API types they share.\n\n");
        md.append("```mermaid\ngraph LR\n");
        for (Bundle b : byName.values()) {
            md.append("  ").append(id(b.symbolicName())).append("[").append(shortName(b.symbolicName())).append("]\n");
        }
        for (Bundle b : byName.values()) {
            for (String target : presslabImports(b, exporter)) {
                md.append("  ").append(id(b.symbolicName())).append(" --> ").append(id(target)).append('\n');
            }
        }
        md.append("```\n\n");

        md.append("| bundle | exports | imports from these bundles | other imports (`java.*` left out) |\n|---|---|---|---|\n");
        for (Bundle b : byName.values()) {
            Set<String> other = b.imports().stream().filter(p -> !exporter.containsKey(p) && !p.startsWith("java."))
                    .collect(Collectors.toCollection(TreeSet::new));
            md.append("| `").append(b.symbolicName()).append("` | ").append(code(b.exports())).append(" | ")
                    .append(code(presslabImports(b, exporter))).append(" | ").append(code(other)).append(" |\n");
        }

        md.append("\n## Services\n\n");
        md.append("From the bundles' `Provide-Capability` and `Require-Capability` (`osgi.service`), as bnd derives\n"
                + "them from the Declarative Services components.\n\n");
        md.append("| bundle | provides | requires |\n|---|---|---|\n");
        for (Bundle b : byName.values()) {
            md.append("| `").append(b.symbolicName()).append("` | ").append(code(b.providedServices())).append(" | ")
                    .append(code(b.requiredServices())).append(" |\n");
        }

        md.append("\n## Internal packages used outside their bundle\n\n");
        md.append("Rule (decisions.md, D2): everything in `<bsn>.internal` is private to bundle `<bsn>`. OSGi enforces\n"
                + "this between bundles at run time; code outside the bundles (command-line tools, benchmarks) and\n"
                + "tests in other modules could still compile against another bundle's internals. They use the\n"
                + "bundles' exported factories instead, and the build fails on any use: `InternalUseCheck` reads the\n"
                + "sources (imports), the compiled classes (constant pools, so a fully qualified name counts too) and\n"
                + "the bundles' manifests (`Import-Package`, `Export-Package`). Uses found in the sources:\n\n");
        if (internalUses.isEmpty()) {
            md.append("None.\n");
        } else {
            Map<String, Set<String>> rows = new TreeMap<>();
            for (InternalUse u : internalUses) {
                rows.computeIfAbsent("`" + u.module() + "` | " + u.scope(), k -> new TreeSet<>()).add(u.internalPackage());
            }
            md.append("| module | sources | uses the internal packages |\n|---|---|---|\n");
            rows.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(code(v)).append(" |\n"));
        }
        return md.toString();
    }

    private static Set<String> presslabImports(Bundle b, Map<String, String> exporter) {
        return b.imports().stream().map(exporter::get).filter(t -> t != null && !t.equals(b.symbolicName()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String id(String bsn) {
        return bsn.replace('.', '_').replace('-', '_');
    }

    private static String shortName(String bsn) {
        return bsn.startsWith("org.presslab.") ? bsn.substring("org.presslab.".length()) : bsn;
    }

    private static String code(Set<String> items) {
        return items.isEmpty() ? "" : items.stream().map(s -> "`" + s + "`").collect(Collectors.joining(", "));
    }
}
