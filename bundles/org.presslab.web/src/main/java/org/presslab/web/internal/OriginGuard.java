package org.presslab.web.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The strict same-origin check on every request that changes state: the browser's {@code Origin} header (or, where a
 * browser leaves it out, the {@code Referer}) must name this server itself, or one of the configured origins (a TLS
 * proxy in front of Karaf). A request with neither header is refused: a form post from another site always carries
 * one of them, a script without them has no business changing state. This runs before the CSRF token check; both must
 * pass.
 */
final class OriginGuard {

    private final Set<String> extraOrigins;

    OriginGuard(Set<String> extraOrigins) {
        this.extraOrigins = Set.copyOf(extraOrigins.stream().map(OriginGuard::normalise).toList());
    }

    /**
     * Why the request is refused, or empty when its origin is this server's.
     *
     * @param scheme the request's scheme (http, https)
     * @param host the request's Host header (host[:port])
     * @param origin the Origin header, or null
     * @param referer the Referer header, or null
     */
    Optional<String> refusal(String scheme, String host, String origin, String referer) {
        if (host == null || host.isBlank()) {
            return Optional.of("no Host header");
        }
        String own = normalise(scheme + "://" + host);
        String claimed;
        String header;
        if (origin != null && !origin.isBlank()) {
            claimed = origin.strip();
            header = "Origin";
        } else if (referer != null && !referer.isBlank()) {
            claimed = originOf(referer.strip());
            header = "Referer";
            if (claimed == null) {
                return Optional.of("Referer '" + referer + "' is not a URL");
            }
        } else {
            return Optional.of("neither Origin nor Referer header: a request that changes state must come from the page");
        }
        String n = normalise(claimed);
        if (n.equals(own) || extraOrigins.contains(n)) {
            return Optional.empty();
        }
        return Optional.of("cross-site request refused: " + header + " " + claimed + " is not " + own);
    }

    private static String originOf(String url) {
        try {
            URI u = new URI(url);
            if (u.getScheme() == null || u.getHost() == null) {
                return null;
            }
            return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** Lower case, no trailing slash, default ports dropped: {@code HTTP://Host:80/} → {@code http://host}. */
    static String normalise(String origin) {
        String s = origin.strip().toLowerCase(Locale.ROOT);
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.startsWith("http://") && s.endsWith(":80")) {
            s = s.substring(0, s.length() - 3);
        } else if (s.startsWith("https://") && s.endsWith(":443")) {
            s = s.substring(0, s.length() - 4);
        }
        return s;
    }
}
