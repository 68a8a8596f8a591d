package org.presslab.web.internal;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Server-side sessions: a random 256-bit id in an HttpOnly, SameSite=Strict cookie, and a separate random CSRF token
 * that the page sends back in a header with every request that changes state. A session ends when it is idle for
 * longer than the idle timeout, at logout, or when the store is full and it is the oldest. Thread-safe.
 */
final class Sessions {

    /** One logged-in user. */
    record Session(String id, String user, Role role, String csrfToken, long createdNanos, long lastSeenNanos) {
        Session touch(long now) {
            return new Session(id, user, role, csrfToken, createdNanos, now);
        }
    }

    static final String COOKIE = "PRESSLAB_SESSION";

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> byId = new ConcurrentHashMap<>();
    private final long idleNanos;
    private final int max;
    private final LongSupplier nanoClock;

    Sessions(Duration idle, int max, LongSupplier nanoClock) {
        if (idle.isNegative() || idle.isZero()) {
            throw new IllegalArgumentException("session idle timeout must be positive, got " + idle);
        }
        if (max < 1) {
            throw new IllegalArgumentException("maximum number of sessions must be at least 1, got " + max);
        }
        this.idleNanos = idle.toNanos();
        this.max = max;
        this.nanoClock = nanoClock;
    }

    Session create(String user, Role role) {
        long now = nanoClock.getAsLong();
        expire(now);
        while (byId.size() >= max) {
            byId.values().stream().min((a, b) -> Long.compare(a.lastSeenNanos(), b.lastSeenNanos()))
                    .ifPresent(oldest -> byId.remove(oldest.id()));
        }
        Session s = new Session(token(), user, role, token(), now, now);
        byId.put(s.id(), s);
        return s;
    }

    /** The live session with this id, its idle clock restarted; empty for an unknown or expired id. */
    Optional<Session> find(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        long now = nanoClock.getAsLong();
        Session s = byId.get(id);
        if (s == null) {
            return Optional.empty();
        }
        if (now - s.lastSeenNanos() > idleNanos) {
            byId.remove(id, s);
            return Optional.empty();
        }
        Session touched = s.touch(now);
        byId.replace(id, s, touched);
        return Optional.of(touched);
    }

    void remove(String id) {
        if (id != null) {
            byId.remove(id);
        }
    }

    int size() {
        return byId.size();
    }

    private void expire(long now) {
        byId.values().removeIf(s -> now - s.lastSeenNanos() > idleNanos);
    }

    private String token() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** Compares two secrets in time independent of where they differ. */
    static boolean same(String expected, String given) {
        if (expected == null || given == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                given.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
