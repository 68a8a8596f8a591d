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

    /** The identity when the credentials are right, empty when they are not. Never throws for wrong credentials. */
    Optional<Identity> authenticate(String user, char[] password);
}
