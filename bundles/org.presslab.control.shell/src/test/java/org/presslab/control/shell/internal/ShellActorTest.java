package org.presslab.control.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.PrivilegedAction;
import java.util.Set;

import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.junit.jupiter.api.Test;
import org.presslab.control.api.Actor;

/** The shell passes the Karaf session's user as the actor of every command. */
class ShellActorTest {

    @Test
    void theSubjectsUserIsTheActor() {
        Subject alice = new Subject(true, Set.of(new UserPrincipal("alice"), new RolePrincipal("operator")), Set.of(), Set.of());
        Actor a = Subject.doAs(alice, (PrivilegedAction<Actor>) StationCommandSupport::actor);
        assertEquals(new Actor("alice", Actor.Source.SHELL), a);
    }

    @Test
    void withoutASubjectTheActorIsUnknownNotMissing() {
        assertEquals(new Actor("unknown", Actor.Source.SHELL), StationCommandSupport.actor());
    }
}
