package org.presslab.press.support;

import java.util.Hashtable;
import java.util.Map;
import java.util.Objects;

import org.osgi.annotation.versioning.ProviderType;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.presslab.press.api.PressDriver;

/**
 * The {@link PressDriver} service of one device whose port can vanish, registered and withdrawn as
 * the SPI says (package {@code org.presslab.press.api}, "Registered, or withdrawn"): registered while
 * the device is there, withdrawn while its port is gone (the station sees the driver leave, and
 * return with the same {@code presslab.driver.id}), withdrawn for good by {@link #close()}.
 *
 * <p>A driver that only ever reports a silent device as {@code DISCONNECTED} and never withdraws its
 * service does not need this class: a DS component with {@code service = PressDriver.class} does that.
 *
 * <pre>
 * registration = new DriverRegistration(context, driver, properties);
 * registration.available(true);                        // register now
 * link.onAvailability(registration::available);        // withdraw while gone, register when back
 * ...
 * &#64;Deactivate void deactivate() { registration.close(); driver.close(); }
 * </pre>
 *
 * <p>{@link #available(boolean)} may be called from any thread, any number of times: it registers
 * once, withdraws once, and a call that changes nothing does nothing. {@link #close()} is final:
 * when it returns the service is not registered, and no later or concurrent {@code available(true)}
 * (a "device back" report from the acquisition thread racing the deactivation) registers it again.
 * The framework calls service listeners during registration; a listener that reports the device
 * gone, or closes this object, on the same thread is honoured when the registration returns.
 * When the bundle is stopping and its context no longer registers services, the device simply
 * stays unregistered.
 */
@ProviderType
public final class DriverRegistration implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(DriverRegistration.class.getName());

    private final BundleContext context;
    private final PressDriver driver;
    private final Hashtable<String, Object> properties;

    // guarded by this
    private ServiceRegistration<PressDriver> registration;
    private boolean wanted;
    private boolean closed;
    private boolean busy;
    private boolean everRegistered;

    /**
     * Does not register yet: {@link #available(boolean) available(true)} does.
     *
     * @param properties the service properties ({@code presslab.driver.kind}, {@code presslab.driver.capabilities},
     *        the driver's own); {@code presslab.driver.id} is the driver's {@link PressDriver#id()}, added when missing
     * @throws IllegalArgumentException when {@code presslab.driver.id} is given and is not the driver's id
     */
    public DriverRegistration(BundleContext context, PressDriver driver, Map<String, ?> properties) {
        this.context = Objects.requireNonNull(context, "context");
        this.driver = Objects.requireNonNull(driver, "driver");
        this.properties = new Hashtable<>(Objects.requireNonNull(properties, "properties"));
        Object id = this.properties.putIfAbsent(PressDriver.PROP_ID, driver.id());
        if (id != null && !id.equals(driver.id())) {
            throw new IllegalArgumentException(PressDriver.PROP_ID + " '" + id + "' is not the driver's id '" + driver.id() + "'");
        }
    }

    /**
     * The device is there ({@code true}: register the service unless it is) or gone ({@code false}:
     * withdraw it unless it is withdrawn). Does nothing after {@link #close()}. Takes a
     * {@code Consumer<Boolean>}'s place: {@code link.onAvailability(registration::available)}.
     *
     * @return whether the service is registered when the call returns
     */
    public synchronized boolean available(boolean present) {
        wanted = present;
        if (busy) {
            return registration != null; // called back from a service listener: the outer call settles it
        }
        busy = true;
        try {
            settle();
        } finally {
            busy = false;
        }
        return registration != null;
    }

    /** Registers or withdraws until the registration is what was asked last (a listener may change its mind). */
    private void settle() {
        while (true) {
            boolean want = wanted && !closed;
            if (want && registration == null) {
                ServiceRegistration<PressDriver> r = register();
                if (r == null) {
                    return;
                }
                registration = r;
                if (everRegistered) {
                    LOG.log(System.Logger.Level.INFO, "driver ''{0}'': device back, service registered again", driver.id());
                }
                everRegistered = true;
            } else if (!want && registration != null) {
                ServiceRegistration<PressDriver> r = registration;
                registration = null;
                unregister(r);
                if (!closed) {
                    LOG.log(System.Logger.Level.WARNING, "driver ''{0}'': device gone, service withdrawn until it is back", driver.id());
                }
            } else {
                return;
            }
        }
    }

    private ServiceRegistration<PressDriver> register() {
        try {
            return context.registerService(PressDriver.class, driver, properties);
        } catch (IllegalStateException e) {
            // the bundle is stopping: its context registers nothing any more
            LOG.log(System.Logger.Level.DEBUG, "driver ''{0}'': not registered, the bundle is stopping", driver.id());
            return null;
        }
    }

    private static void unregister(ServiceRegistration<?> r) {
        try {
            r.unregister();
        } catch (IllegalStateException e) {
            // already unregistered, with the bundle
        }
    }

    /** Whether the service is registered now. */
    public synchronized boolean isRegistered() {
        return registration != null;
    }

    /**
     * Withdraws the service for good (the component deactivates). Idempotent. When it returns the
     * service is not registered and will not be again.
     */
    @Override
    public synchronized void close() {
        closed = true;
        if (!busy) {
            busy = true;
            try {
                settle();
            } finally {
                busy = false;
            }
        }
    }

    public synchronized boolean isClosed() {
        return closed;
    }
}
