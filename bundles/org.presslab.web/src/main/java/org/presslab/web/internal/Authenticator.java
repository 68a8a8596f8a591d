package org.presslab.web.internal;

import java.util.Optional;
import java.util.Set;

/** Checks a user name and password; the JAAS realm in the runtime ({@link JaasAuthenticator}). */
interface Authenticator {

    /** Who logged in, with every role name the realm gave them. */
    record Identity(String user, Set<String> roles) {
        public Identity {
            roles = Set.copyOf(roles);
        }
    }

    /**
     * The identity when the credentials are right, empty when they are not. Never throws for wrong credentials.
     *
     * @throws RealmUnavailable when the realm cannot check any credentials at the moment
     */
    Optional<Identity> authenticate(String user, char[] password);

    /**
     * The realm has no login modules right now: in Karaf, for about a second while a feature install refreshes
     * {@code org.apache.karaf.jaas.modules}. Not the user's fault, so it must not read as a wrong password.
     */
    final class RealmUnavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RealmUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
