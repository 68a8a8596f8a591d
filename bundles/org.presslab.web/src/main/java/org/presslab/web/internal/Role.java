package org.presslab.web.internal;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The three web roles, each including the ones below it. They are Karaf JAAS roles of the realm {@code karaf}: a user
 * with the JAAS role {@code admin} is an admin, else one with {@code operator} an operator, else one with
 * {@code viewer} a viewer. A user with none of them cannot log in to the page.
 */
enum Role {
    /** Reads everything; may press EMERGENCY STOP (allowed to every authenticated user). */
    VIEWER,
    /** Moves presses and runs recipes. */
    OPERATOR,
    /** Configuration and drivers. */
    ADMIN;

    boolean includes(Role other) {
        return compareTo(other) >= 0;
    }

    String jaasName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The highest web role among JAAS role names, if any. */
    static Optional<Role> highest(Collection<String> jaasRoles) {
        Role best = null;
        for (Role r : values()) {
            if (jaasRoles.contains(r.jaasName())) {
                best = r;
            }
        }
        return Optional.ofNullable(best);
    }
}
