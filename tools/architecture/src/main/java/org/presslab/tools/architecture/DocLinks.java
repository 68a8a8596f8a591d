package org.presslab.tools.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every relative Markdown link in the repository's documents resolves to a file or folder inside the
 * repository: a README never sends a reader to a note that is not there.
 */
public final class DocLinks {

    /** {@code [text](target)} or {@code ![alt](target)}; the target up to the first space or parenthesis. */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    private DocLinks() {
    }

    /** "file: link" for every relative link under {@code root} that does not resolve inside {@code root}. */
    public static List<String> broken(Path root) {
        Path top = root.toAbsolutePath().normalize();
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(top)) {
            for (Path f : (Iterable<Path>) files.filter(DocLinks::isDocument).sorted()::iterator) {
                Matcher m = LINK.matcher(Files.readString(f, StandardCharsets.UTF_8));
                while (m.find()) {
                    String link = m.group(1);
                    if (link.startsWith("#") || link.matches("[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                        continue; // an anchor in the same file, or a URL
                    }
                    String path = link.contains("#") ? link.substring(0, link.indexOf('#')) : link;
                    Path target = f.getParent().resolve(path).normalize();
                    if (!target.startsWith(top) || !Files.exists(target)) {
                        out.add(top.relativize(f).toString().replace('\\', '/') + ": " + link);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static boolean isDocument(Path p) {
        String s = p.toString().replace('\\', '/');
        return s.endsWith(".md") && !s.contains("/target/") && !s.contains("/.") && !s.contains("/node_modules/");
    }
}
