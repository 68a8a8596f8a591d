/**
 * The press driver SPI: what a press, pressure frame or force gauge can do, described by
 * capability rather than by vendor. A vendor driver compiles against this package alone.
 *
 * <h2>Registering a driver</h2>
 * A driver registers one {@link org.presslab.press.api.PressDriver} service per physical device,
 * with the service properties {@link org.presslab.press.api.PressDriver#PROP_ID} (a stable name,
 * unique in the installation; a station selects its driver with an LDAP filter on it),
 * {@link org.presslab.press.api.PressDriver#PROP_KIND} and
 * {@link org.presslab.press.api.PressDriver#PROP_CAPABILITIES}. Use the
 * {@link org.presslab.press.api.PressDriverProperties} component property type to set them.
 *
 * <h2>Capabilities</h2>
 * A device that only measures (a manual press, a passive spring or screw frame with a load
 * cell, a force gauge) reports {@code SENSE_FORCE} or {@code SENSE_PRESSURE}; a device that can
 * move adds {@code ACTUATE} and returns an {@link org.presslab.press.api.Actuator} from
 * {@link org.presslab.press.api.PressDriver#actuator()}; heated presses add temperature.
 *
 * <h2>Threading</h2>
 * The control loop calls {@link org.presslab.press.api.PressDriver#read()} and
 * {@link org.presslab.press.api.Actuator#command(ActuatorCommand)} up to 1000 times a second
 * from its own thread. Both must return within microseconds and must never block on I/O: a
 * driver that talks to hardware runs its own acquisition thread, keeps the latest reading and
 * the latest command, and sends them on its own schedule (latest command wins). Every method
 * may be called from any thread and must be thread-safe.
 *
 * <h2>Units</h2>
 * SI only: newtons, pascals, metres, seconds, kelvin. Convert vendor units once, in the driver.
 *
 * <h2>When the device stops answering</h2>
 * The driver must never present an old value as fresh. {@link org.presslab.press.api.Reading}
 * carries the device time of the measurement and a {@link org.presslab.press.api.Quality};
 * when the device goes silent the driver keeps returning the last reading with its original
 * timestamp (so its age grows) and marks it {@code STALE}, and sets its
 * {@link org.presslab.press.api.DeviceHealth} to {@code DISCONNECTED} or {@code FAULT} with a
 * message naming the cause. Control then applies its safe state; the driver itself must, where
 * the hardware allows, make the actuator safe on its own (stop the pump, hold the check valve)
 * when it loses contact with its host for longer than its watchdog.
 *
 * <h2>Registered, or withdrawn</h2>
 * While the device is configured the driver's service stays registered, and a device that stops
 * answering (timeouts, CRC errors, a controller alarm) is reported through the service itself:
 * {@code STALE} readings and a {@code DISCONNECTED} or {@code FAULT} health, so the station keeps its
 * binding, holds what it can and resumes when the device answers again. A driver withdraws its
 * service only when the device is gone as a device: its port has vanished or is absent (an unplugged
 * USB adapter, a removed device node), its configuration is deleted or its component deactivated. It
 * registers the service again, with the same {@code presslab.driver.id}, when the port is back; the
 * station then sees the same device return (its rebind policy applies).
 *
 * <h2>Safe states</h2>
 * {@link org.presslab.press.api.Actuator#enterSafeState(SafeAction)} must take effect at once
 * and must not depend on any later call: {@code HOLD} keeps the present load (pump off, valves
 * closed), {@code VENT} releases the load, {@code STOP} removes actuator power. A driver lists
 * the ones its hardware can do in {@link org.presslab.press.api.Actuator#safeActions()}. Asked for an
 * action outside that set (control asks for one only when the device lists none of the actions a trip
 * escalates through), a driver must still make the device safe: it enters {@code HOLD} if listed,
 * otherwise the first listed in the order of {@link org.presslab.press.api.SafeAction} ({@code VENT},
 * then {@code STOP}), reports the action in force through
 * {@link org.presslab.press.api.Actuator#safeState()}, and returns without throwing; a fault path is never
 * left with a device in motion because of a name.
 * When the driver component is deactivated (bundle stopped or updated) it must leave the device
 * in {@code HOLD} where the hardware allows (a cycling cell must not be unloaded suddenly),
 * release every port and thread, and return.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.0.0")
package org.presslab.press.api;
