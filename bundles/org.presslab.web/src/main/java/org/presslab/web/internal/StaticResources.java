package org.presslab.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

/** The page's files, from this bundle's {@code static/} folder; names are checked so nothing else can be read. */
final class StaticResources {

    record Resource(byte[] bytes, String contentType) {
    }

    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "js",
            "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "json", "application/json", "txt",
            "text/plain; charset=utf-8", "svg", "image/svg+xml", "png", "image/png");

    private final ClassLoader loader;

    StaticResources(ClassLoader loader) {
        this.loader = loader;
    }

    Optional<Resource> get(String path) throws IOException {
        if (!path.matches("[A-Za-z0-9_\\-]+(\\.[A-Za-z0-9_\\-]+)*(/[A-Za-z0-9_\\-]+(\\.[A-Za-z0-9_\\-]+)*)*")) {
            return Optional.empty();
        }
        int dot = path.lastIndexOf('.');
        String type = path.endsWith("LICENSE") ? TYPES.get("txt") : TYPES.get(path.substring(dot + 1));
        if (type == null) {
            return Optional.empty();
        }
        try (InputStream in = loader.getResourceAsStream("static/" + path)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(new Resource(in.readAllBytes(), type));
        }
    }
}
