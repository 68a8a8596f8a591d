package org.presslab.web.internal;

import java.security.Principal;
import java.util.Map;
import java.util.Set;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;

/** A JAAS login module with three fixed users, adding Karaf-style {@code RolePrincipal}s. */
public class TestLoginModule implements LoginModule {

    /** Named as Karaf's role principal class is, which is what the authenticator looks for. */
    public record RolePrincipal(String getName) implements Principal {
    }

    record UserPrincipal(String getName) implements Principal {
    }

    private static final Map<String, String> PASSWORDS = Map.of("vera", "vera-pw", "otto", "otto-pw", "guest", "guest-pw");
    private static final Map<String, Set<String>> ROLES = Map.of("vera", Set.of("viewer", "ssh"), "otto",
            Set.of("operator", "viewer"), "guest", Set.of("ssh"));

    private Subject subject;
    private CallbackHandler handler;
    private String user;

    @Override
    public void initialize(Subject subject, CallbackHandler handler, Map<String, ?> sharedState, Map<String, ?> options) {
        this.subject = subject;
        this.handler = handler;
    }

    @Override
    public boolean login() throws LoginException {
        NameCallback n = new NameCallback("user");
        PasswordCallback p = new PasswordCallback("password", false);
        try {
            handler.handle(new Callback[] {n, p});
        } catch (Exception e) {
            throw new LoginException(e.toString());
        }
        String expected = PASSWORDS.get(n.getName());
        if (expected == null || !expected.equals(new String(p.getPassword()))) {
            throw new FailedLoginException("wrong password");
        }
        user = n.getName();
        return true;
    }

    @Override
    public boolean commit() {
        subject.getPrincipals().add(new UserPrincipal(user));
        for (String r : ROLES.get(user)) {
            subject.getPrincipals().add(new RolePrincipal(r));
        }
        return true;
    }

    @Override
    public boolean abort() {
        return true;
    }

    @Override
    public boolean logout() {
        return true;
    }
}
