package org.presslab.web.internal;

import java.security.Principal;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs in against a JAAS realm ({@code karaf} in the runtime: {@code etc/users.properties}, keys, LDAP, whatever the
 * realm is configured with). Role names are the names of the subject's principals whose class is called
 * {@code RolePrincipal} (Karaf's {@code org.apache.karaf.jaas.boot.principal.RolePrincipal}, and any realm that follows
 * its convention).
 */
final class JaasAuthenticator implements Authenticator {

    private static final Logger LOG = LoggerFactory.getLogger(JaasAuthenticator.class);

    private final String realm;
    private final ClassLoader loginModuleLoader;

    /**
     * @param realm the JAAS application name
     * @param loginModuleLoader the class loader that sees the realm's login module class (in Karaf, the one of
     *        {@code org.apache.karaf.jaas.boot.ProxyLoginModule}), set as context class loader during the login
     */
    JaasAuthenticator(String realm, ClassLoader loginModuleLoader) {
        this.realm = realm;
        this.loginModuleLoader = loginModuleLoader;
    }

    @Override
    public Optional<Identity> authenticate(String user, char[] password) {
        if (user == null || user.isBlank() || password == null || password.length == 0) {
            return Optional.empty();
        }
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(loginModuleLoader);
        try {
            Subject subject = new Subject();
            LoginContext lc;
            try {
                lc = new LoginContext(realm, subject, callbacks -> {
                    for (Callback c : callbacks) {
                        if (c instanceof NameCallback n) {
                            n.setName(user);
                        } else if (c instanceof PasswordCallback p) {
                            p.setPassword(password.clone());
                        } else {
                            throw new UnsupportedCallbackException(c);
                        }
                    }
                });
            } catch (LoginException e) {
                // No configuration for the realm: nothing was checked yet, the credentials may well be right.
                LOG.warn("web login of user '{}' not possible: JAAS realm {} unavailable ({}); if it lasts, check the realm"
                        + " configuration", printable(user), realm, e.getMessage());
                // The caller is not logged in yet: no realm name, no JAAS detail (those are in the log).
                throw new RealmUnavailable("logins are not possible right now: the login service is not available; try again"
                        + " in a few seconds, and tell the administrator if it lasts", e);
            }
            lc.login();
            Set<String> roles = new HashSet<>();
            for (Principal p : subject.getPrincipals()) {
                if (p.getClass().getSimpleName().equals("RolePrincipal")) {
                    roles.add(p.getName());
                }
            }
            lc.logout();
            return Optional.of(new Identity(user, roles));
        } catch (LoginException e) {
            LOG.info("web login refused for user '{}' (realm {}): {}", printable(user), realm, e.getMessage());
            return Optional.empty();
        } finally {
            t.setContextClassLoader(before);
        }
    }

    /** A user name as typed, safe for one log line (no line breaks or other control characters). */
    static String printable(String user) {
        StringBuilder b = new StringBuilder(Math.min(user.length(), 100));
        for (int i = 0; i < user.length() && i < 100; i++) {
            char ch = user.charAt(i);
            b.append(Character.isISOControl(ch) ? '?' : ch);
        }
        return b.toString();
    }
}
