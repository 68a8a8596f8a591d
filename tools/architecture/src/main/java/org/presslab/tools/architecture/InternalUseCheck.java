package org.presslab.tools.architecture;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The rule "nothing outside bundle {@code <bsn>} uses {@code <bsn>.internal}" (decisions.md, D2), checked three
 * ways so that no route around it stays open:
 *
 * <ul>
 * <li><b>sources</b>: imports, static imports and package declarations in every module's {@code src/&lt;scope&gt;/java}
 * ({@link ArchitectureDoc#internalUses});</li>
 * <li><b>bytecode</b>: every class a module compiled ({@code target/classes}, {@code target/test-classes}) that still
 * has its source, read through its constant pool, so a fully qualified name in code, a field type or a method
 * descriptor is caught as well as an import;</li>
 * <li><b>manifests</b>: a bundle that imports or exports an {@code .internal} package
 * ({@code Import-Package}, {@code Export-Package} as bnd wrote them).</li>
 * </ul>
 *
 * A module under {@code bundles/} owns the internal packages of the bundle of its folder's name; any other module
 * (tools, benchmarks, examples, itests) owns none of Presslab's.
 */
public final class InternalUseCheck {

    /** An internal package in a class file: {@code org/presslab/<bsn path>/internal} followed by '/', ';' or the end. */
    private static final Pattern BYTECODE_INTERNAL = Pattern.compile("org/presslab/([a-z0-9_/]+?)/internal(?=[/;$<]|$)");

    private InternalUseCheck() {
    }

    /** Every violation found under {@code root}, one line each, sorted; empty when the rule holds. */
    public static List<String> violations(Path root, List<ArchitectureDoc.Bundle> bundles) {
        Set<String> out = new TreeSet<>();
        for (ArchitectureDoc.InternalUse u : ArchitectureDoc.internalUses(root)) {
            out.add("source: " + u.module() + " (" + u.scope() + ") imports " + u.internalPackage());
        }
        out.addAll(bytecodeViolations(root));
        out.addAll(manifestViolations(bundles));
        return new ArrayList<>(out);
    }

    /** A bundle that imports or exports an internal package (Presslab's or anyone's: no bundle should). */
    static Set<String> manifestViolations(List<ArchitectureDoc.Bundle> bundles) {
        Set<String> out = new TreeSet<>();
        for (ArchitectureDoc.Bundle b : bundles) {
            for (String p : b.imports()) {
                if (isInternal(p) && !p.startsWith(b.symbolicName() + ".")) {
                    out.add("manifest: bundle " + b.symbolicName() + " imports " + p);
                }
            }
            for (String p : b.exports()) {
                if (isInternal(p)) {
                    out.add("manifest: bundle " + b.symbolicName() + " exports " + p);
                }
            }
        }
        return out;
    }

    private static boolean isInternal(String pkg) {
        return pkg.endsWith(".internal") || pkg.contains(".internal.");
    }

    /** Class files under {@code <module>/target/(test-)classes} that refer to another bundle's internal package. */
    static Set<String> bytecodeViolations(Path root) {
        Set<String> out = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.filter(InternalUseCheck::isClassFile)::iterator) {
                String rel = root.relativize(f).toString().replace('\\', '/');
                int t = rel.indexOf("/target/");
                String module = rel.substring(0, t);
                String rest = rel.substring(t + "/target/".length());
                String scope = rest.startsWith("classes/") ? "main" : "test";
                String className = rest.substring(rest.indexOf('/') + 1, rest.length() - ".class".length());
                if (!hasSource(root.resolve(module), scope, className)) {
                    continue; // a class left over from a deleted or moved source: not the build's output any more
                }
                String own = module.startsWith("bundles/") ? module.substring("bundles/".length()) : null;
                for (String owner : internalOwners(f)) {
                    if (!owner.equals(own)) {
                        out.add("bytecode: " + module + " (" + scope + ") " + className.replace('/', '.') + " uses " + owner
                                + ".internal");
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static boolean isClassFile(Path p) {
        String s = p.toString().replace('\\', '/');
        return s.endsWith(".class") && (s.contains("/target/classes/") || s.contains("/target/test-classes/"))
                && !s.contains("/.") && s.indexOf("/target/") == s.lastIndexOf("/target/");
    }

    /** The class's source file (of its outermost class) is still there: the class file is this build's output. */
    private static boolean hasSource(Path module, String scope, String className) {
        String outer = className.contains("$") ? className.substring(0, className.indexOf('$')) : className;
        return Files.exists(module.resolve("src/" + scope + "/java/" + outer + ".java"));
    }

    /** The bundles (as {@code org.presslab.x.y}) whose internal packages a class file names in its constant pool. */
    static Set<String> internalOwners(Path classFile) throws IOException {
        Set<String> owners = new TreeSet<>();
        try (InputStream raw = Files.newInputStream(classFile); DataInputStream in = new DataInputStream(raw)) {
            for (String utf8 : constantPoolStrings(in, classFile)) {
                Matcher m = BYTECODE_INTERNAL.matcher(utf8);
                while (m.find()) {
                    owners.add("org.presslab." + m.group(1).replace('/', '.'));
                }
            }
        }
        return owners;
    }

    /**
     * The CONSTANT_Utf8 entries of a class file (JVMS 4.4) that are not the text of a string literal: class
     * names, descriptors, signatures and annotation types are all there, whatever the source wrote; a string
     * that merely mentions a path with {@code /internal/} in it is not a use.
     */
    static List<String> constantPoolStrings(DataInputStream in, Path where) throws IOException {
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file: " + where);
        }
        in.readUnsignedShort(); // minor
        in.readUnsignedShort(); // major
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        java.util.BitSet literal = new java.util.BitSet(count);
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 8 -> literal.set(in.readUnsignedShort()); // String: its Utf8 is a literal's text
                case 3, 4 -> in.skipNBytes(4); // Integer, Float
                case 5, 6 -> { // Long, Double take two slots
                    in.skipNBytes(8);
                    i++;
                }
                case 7, 16, 19, 20 -> in.skipNBytes(2); // Class, MethodType, Module, Package
                case 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4); // refs, NameAndType, Dynamic, InvokeDynamic
                case 15 -> in.skipNBytes(3); // MethodHandle
                default -> throw new IOException("unknown constant pool tag " + tag + " at entry " + i + " in " + where);
            }
        }
        List<String> out = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            if (utf8[i] != null && !literal.get(i)) {
                out.add(utf8[i]);
            }
        }
        return out;
    }
}
