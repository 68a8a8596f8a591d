package org.presslab.press.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.presslab.press.api.PressDriver;

/** The registration toggle against a real service registry (embedded Felix), from real threads. */
class DriverRegistrationTest {

    private static final java.util.logging.Logger QUIET = java.util.logging.Logger.getLogger(DriverRegistration.class.getName());

    /** One framework for the class; each test uses its own driver ids. */
    private static Framework framework;
    private static BundleContext context;

    @BeforeAll
    static void startFramework(@TempDir Path storage) throws Exception {
        framework = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow().newFramework(Map.of(
                Constants.FRAMEWORK_STORAGE, storage.toString(), Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT));
        framework.start();
        context = framework.getBundleContext();
    }

    @AfterAll
    static void stopFramework() throws Exception {
        framework.stop();
        framework.waitForStop(10_000);
    }

    /** A driver that has only its id: the registration must call nothing else of it. */
    private static PressDriver driver(String id) {
        return (PressDriver) Proxy.newProxyInstance(PressDriver.class.getClassLoader(), new Class<?>[] {PressDriver.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "id" -> id;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "driver " + id;
                    default -> throw new AssertionError("the registration called " + method);
                });
    }

    private Collection<ServiceReference<PressDriver>> services(String id) throws Exception {
        return context.getServiceReferences(PressDriver.class, "(" + PressDriver.PROP_ID + "=" + id + ")");
    }

    @Test
    void registersOnceWithdrawsOnceAndComesBackWithTheSameId() throws Exception {
        DriverRegistration r = new DriverRegistration(context, driver("g-1"),
                Map.of(PressDriver.PROP_KIND, "FORCE_GAUGE", "presslab.driver.port", "/dev/ttyUSB0"));
        assertFalse(r.isRegistered(), "nothing before available(true)");
        assertEquals(0, services("g-1").size());
        assertTrue(r.available(true));
        assertTrue(r.available(true), "a second 'present' changes nothing");
        Collection<ServiceReference<PressDriver>> refs = services("g-1");
        assertEquals(1, refs.size());
        ServiceReference<PressDriver> ref = refs.iterator().next();
        assertEquals("FORCE_GAUGE", ref.getProperty(PressDriver.PROP_KIND));
        assertEquals("/dev/ttyUSB0", ref.getProperty("presslab.driver.port"));
        assertEquals("g-1", ref.getProperty(PressDriver.PROP_ID), "the id is the driver's, added");

        assertFalse(r.available(false));
        assertFalse(r.available(false));
        assertEquals(0, services("g-1").size());
        assertTrue(r.available(true));
        assertEquals(1, services("g-1").size(), "back, under the same id");

        r.close();
        assertEquals(0, services("g-1").size());
        assertTrue(r.isClosed());
        assertFalse(r.available(true), "a 'device back' after close registers nothing");
        assertEquals(0, services("g-1").size());
        r.close(); // idempotent
    }

    @Test
    void theIdPropertyMustBeTheDriversId() {
        assertThrows(IllegalArgumentException.class,
                () -> new DriverRegistration(context, driver("a"), Map.of(PressDriver.PROP_ID, "b")));
        new DriverRegistration(context, driver("a"), Map.of(PressDriver.PROP_ID, "a"));
    }

    @Test
    void aServiceListenerThatReportsTheDeviceGoneOrClosesDuringRegistrationIsHonoured() throws Exception {
        AtomicReference<DriverRegistration> holder = new AtomicReference<>();
        AtomicReference<String> action = new AtomicReference<>("gone");
        ServiceListener l = e -> {
            if (e.getType() == ServiceEvent.REGISTERED) {
                if (action.get().equals("gone")) {
                    holder.get().available(false);
                } else {
                    holder.get().close();
                }
            }
        };
        context.addServiceListener(l, "(" + PressDriver.PROP_ID + "=re-*)");
        try {
            DriverRegistration gone = new DriverRegistration(context, driver("re-1"), Map.of());
            holder.set(gone);
            assertFalse(gone.available(true), "withdrawn again once registerService returned");
            assertEquals(0, services("re-1").size());
            assertFalse(gone.isClosed());

            action.set("close");
            DriverRegistration closing = new DriverRegistration(context, driver("re-2"), Map.of());
            holder.set(closing);
            assertFalse(closing.available(true));
            assertEquals(0, services("re-2").size());
            assertTrue(closing.isClosed());
        } finally {
            context.removeServiceListener(l);
        }
    }

    @Test
    void aContextThatNoLongerRegistersLeavesTheDeviceUnregisteredWithoutThrowing() {
        BundleContext stopping = (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                    throw new IllegalStateException("Invalid BundleContext");
                });
        DriverRegistration r = new DriverRegistration(stopping, driver("s-1"), Map.of());
        assertFalse(r.available(true));
        assertFalse(r.isRegistered());
        r.close();
    }

    /**
     * The race the DS component has: the acquisition thread reports the device gone and back while the
     * component deactivates. Several threads toggle; one closes at a random moment. Whatever the
     * interleaving, there is never more than one service at a time, none when close() returns, and none
     * after, though the togglers keep saying "back".
     */
    @Test
    void connectAndDisconnectRacingDeactivateFromSeveralThreadsNeverLeaveAServiceBehind() throws Exception {
        AtomicInteger registered = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ServiceListener counter = e -> {
            if (e.getType() == ServiceEvent.REGISTERED) {
                most.accumulateAndGet(registered.incrementAndGet(), Math::max);
            } else if (e.getType() == ServiceEvent.UNREGISTERING) {
                registered.decrementAndGet();
            }
        };
        context.addServiceListener(counter, "(" + PressDriver.PROP_ID + "=race-*)");
        // thousands of "withdrawn" and "registered again" lines otherwise
        java.util.logging.Level level = QUIET.getLevel();
        QUIET.setLevel(java.util.logging.Level.SEVERE);
        try {
            for (int round = 0; round < 40; round++) {
                String id = "race-" + round;
                DriverRegistration r = new DriverRegistration(context, driver(id), Map.of());
                r.available(true);
                AtomicBoolean run = new AtomicBoolean(true);
                RealThreads.Task toggler = () -> {
                    ThreadLocalRandom rnd = ThreadLocalRandom.current();
                    while (run.get()) {
                        r.available(rnd.nextBoolean());
                    }
                    r.available(true); // the last word of every toggler: "the device is back"
                };
                int n = round;
                RealThreads.Task deactivate = () -> {
                    try {
                        Thread.sleep(ThreadLocalRandom.current().nextInt(1, 6));
                        r.close();
                        assertEquals(0, services(id).size(), "no service when close() has returned (round " + n + ")");
                        Thread.sleep(2); // the togglers go on saying "back" for a while
                    } finally {
                        run.set(false);
                    }
                };
                RealThreads.race(Duration.ofSeconds(20), RealThreads.all(RealThreads.times(4, toggler), deactivate));
                assertEquals(0, services(id).size(), "none after the late 'device back' reports (round " + round + ")");
                assertFalse(r.isRegistered());
            }
            assertEquals(0, registered.get(), "every registration was withdrawn");
            assertEquals(1, most.get(), "never two services of one driver at a time");
        } finally {
            QUIET.setLevel(level);
            context.removeServiceListener(counter);
        }
    }

    /** The whole path: the acquisition thread's LinkHealth tells the registration, racing the deactivation. */
    @Test
    void linkHealthDrivesTheRegistrationAndADeviceBackAfterDeactivateStaysWithdrawn() throws Exception {
        LinkHealth link = new LinkHealth();
        DriverRegistration r = new DriverRegistration(context, driver("lh-1"), Map.of());
        r.available(true);
        link.onAvailability(r::available);
        link.gone("/dev/ttyUSB0 vanished");
        assertEquals(0, services("lh-1").size(), "withdrawn while the port is gone");
        link.up(bad -> "");
        assertEquals(1, services("lh-1").size(), "registered again when it answers");
        link.disconnected("no answer");
        assertEquals(1, services("lh-1").size(), "a silent device keeps its service (DISCONNECTED)");

        link.gone("vanished again");
        CountDownLatch deactivated = new CountDownLatch(1);
        Thread acquisition = new Thread(() -> {
            try {
                deactivated.await(5, TimeUnit.SECONDS);
                link.up(bad -> ""); // the device answers just after the component deactivated
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        acquisition.start();
        r.close();
        deactivated.countDown();
        acquisition.join(5_000);
        assertFalse(acquisition.isAlive());
        assertTrue(link.present());
        assertEquals(0, services("lh-1").size(), "the late 'back' registered nothing");
    }
}
