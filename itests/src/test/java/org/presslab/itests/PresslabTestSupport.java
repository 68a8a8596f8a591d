package org.presslab.itests;


import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import javax.inject.Inject;
import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.presslab.control.api.Station;
import org.presslab.control.api.StationRegistry;

/**
 * Boots the Presslab distribution (the tar.gz this reactor built) in Pax Exam's Karaf container and
 * gives the tests a shell, Config Admin, SCR and station helpers. One Karaf per test class.
 */
public abstract class PresslabTestSupport {

    protected static final String STATION_FACTORY_PID = "org.presslab.control.station";
    protected static final String SIM_HYDRAULIC_FACTORY_PID = "org.presslab.press.sim.hydraulic";
    protected static final double MPA = 1e6;

    @Inject
    protected BundleContext context;

    @Inject
    protected SessionFactory sessionFactory;

    @Inject
    protected ConfigurationAdmin configAdmin;

    @Inject
    protected ServiceComponentRuntime scr;

    @Inject
    protected StationRegistry stations;

    /** Options every test class shares, plus {@code extra}. */
    protected static Option[] baseOptions(Option... extra) {
        return PresslabOptions.base(extra);
    }

    // ---------------------------------------------------------------- shell

    /** The outcome of one shell command: its output, and the error that ended it (null when it succeeded). */
    protected record CommandResult(String output, Exception error) {
        boolean ok() {
            return error == null;
        }

        @Override
        public String toString() {
            return output + (error == null ? "" : "\n[error] " + error);
        }
    }

    /**
     * Runs one command line in a fresh shell session, as an operator of the admin group typing it
     * would (the JAAS subject carries the roles Karaf's command ACLs check).
     */
    protected CommandResult shell(String commandLine) {
        return shell(commandLine, "itest", List.of("admin", "manager", "viewer", "systembundles", "ssh"));
    }

    /** Runs one command line in a fresh shell session as {@code user} with exactly these JAAS roles. */
    protected CommandResult shell(String commandLine, String user, List<String> roles) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = sessionFactory.create(new ByteArrayInputStream(new byte[0]), out, out);
        session.put("USER", user);
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal(user));
        for (String role : roles) {
            subject.getPrincipals().add(new RolePrincipal(role));
        }
        Exception error = null;
        try {
            Object result = Subject.doAs(subject, (PrivilegedExceptionAction<Object>) () -> session.execute(commandLine));
            if (result != null) {
                out.println(result);
            }
        } catch (PrivilegedActionException e) {
            error = e.getException();
        } catch (Exception e) {
            error = e;
        } finally {
            out.flush();
            session.close();
        }
        return new CommandResult(bytes.toString(StandardCharsets.UTF_8), error);
    }

    // ---------------------------------------------------------------- waiting

    protected static boolean waitFor(BooleanSupplier condition, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }

    protected static <T> T waitForValue(Supplier<Optional<T>> supplier, long timeoutMs, String what)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            Optional<T> v = supplier.get();
            if (v.isPresent()) {
                return v.get();
            }
            Thread.sleep(20);
        }
        return supplier.get().orElseThrow(() -> new AssertionError("timed out after " + timeoutMs + " ms waiting for " + what));
    }

    /**
     * A station must come up untripped, also on a loaded machine: short scheduling gaps of the loop hold
     * and resume without latching (issue 8), so no test resets a boot-time trip to get past it any more.
     */
    protected void assertNotTrippedAtBoot(Station s) {
        org.presslab.control.api.Trip trip = s.status().trip();
        if (trip != null) {
            throw new AssertionError(s.id() + " was tripped at boot: " + trip.interlock() + ": " + trip.message());
        }
    }

    protected Station station(String id, long timeoutMs) throws InterruptedException {
        return waitForValue(() -> stations.station(id), timeoutMs, "station " + id);
    }

    // ---------------------------------------------------------------- configuration

    /** Creates a factory configuration with the given name (like etc/&lt;factoryPid&gt;-&lt;name&gt;.cfg). */
    protected Configuration factoryConfig(String factoryPid, String name, Map<String, Object> props) throws IOException {
        Configuration c = configAdmin.getFactoryConfiguration(factoryPid, name, "?");
        c.update(new Hashtable<>(props));
        return c;
    }

    protected static Dictionary<String, Object> dict(Map<String, Object> map) {
        return new Hashtable<>(map);
    }

    // ---------------------------------------------------------------- SCR

    /** Every component configuration of the Presslab bundles (and vendor drivers), keyed "name#id". */
    protected Map<String, ComponentConfigurationDTO> presslabComponents() {
        Map<String, ComponentConfigurationDTO> result = new TreeMap<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            if (!isPresslabOrVendor(d.bundle.symbolicName)) {
                continue;
            }
            for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                result.put(d.name + "#" + c.id, c);
            }
        }
        return result;
    }

    protected Collection<ComponentDescriptionDTO> presslabDescriptions() {
        List<ComponentDescriptionDTO> result = new ArrayList<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            if (isPresslabOrVendor(d.bundle.symbolicName)) {
                result.add(d);
            }
        }
        return result;
    }

    protected static boolean isPresslabOrVendor(String bsn) {
        return bsn.startsWith("org.presslab.") || bsn.startsWith("com.example.presslab");
    }

    protected static String stateName(int state) {
        switch (state) {
        case ComponentConfigurationDTO.ACTIVE: return "ACTIVE";
        case ComponentConfigurationDTO.SATISFIED: return "SATISFIED";
        case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION: return "UNSATISFIED_CONFIGURATION";
        case ComponentConfigurationDTO.UNSATISFIED_REFERENCE: return "UNSATISFIED_REFERENCE";
        case ComponentConfigurationDTO.FAILED_ACTIVATION: return "FAILED_ACTIVATION";
        default: return "STATE_" + state;
        }
    }

    /** States of every DS component configuration (all bundles) outside the given bundle ids, keyed bsn/name#id. */
    protected Map<String, Integer> componentStates(long... excludedBundleIds) {
        Map<String, Integer> result = new TreeMap<>();
        outer:
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            for (long id : excludedBundleIds) {
                if (d.bundle.id == id) {
                    continue outer;
                }
            }
            for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                result.put(d.bundle.symbolicName + "/" + d.name + "#" + c.id, c.state);
            }
        }
        return result;
    }

    /**
     * Component configurations of {@code before} whose state changed or that are gone in {@code after}.
     * A delayed component that was SATISFIED and became ACTIVE was only used for the first time (a
     * shell command or another test got its service); that is no harm and is not listed. Every move
     * away from ACTIVE, to a failure or out of existence is.
     */
    protected static List<String> changedComponents(Map<String, Integer> before, Map<String, Integer> after) {
        List<String> changed = new ArrayList<>();
        before.forEach((k, state) -> {
            Integer now = after.get(k);
            boolean firstUse = state == ComponentConfigurationDTO.SATISFIED && now != null
                    && now == ComponentConfigurationDTO.ACTIVE;
            if (!state.equals(now) && !firstUse) {
                changed.add(k + " " + stateName(state) + " -> " + (now == null ? "gone" : stateName(now)));
            }
        });
        return changed;
    }

    protected Bundle bundle(String bsn) {
        for (Bundle b : context.getBundles()) {
            if (bsn.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + bsn + " installed");
    }

    protected <T> T service(Class<T> type) {
        ServiceReference<T> ref = context.getServiceReference(type);
        return ref == null ? null : context.getService(ref);
    }

    /** The Karaf log of this container (for asserting that an error was logged clearly). */
    protected String karafLog() throws IOException {
        Path log = Path.of(System.getProperty("karaf.data"), "log", "karaf.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }
}
