package org.presslab.serial.jserialcomm.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.presslab.serial.SerialConnection;
import org.presslab.serial.SerialPortException;

/**
 * Every connection of the installation and the device nodes they hold, shared by the per-bundle
 * managers: one device node has one holder, whichever link or USB identity names it.
 */
@Component(service = PortRegistry.class)
public class PortRegistry {

    private final Map<String, ManagedConnection> byId = new HashMap<>();
    private final Map<String, ManagedConnection> byDevice = new HashMap<>();

    synchronized void register(ManagedConnection c) throws SerialPortException {
        ManagedConnection other = byId.get(c.id());
        if (other != null) {
            throw PortErrors.busyInJvm(c.id(), c.id(), "'" + other.owner() + "'");
        }
        byId.put(c.id(), c);
    }

    synchronized void unregister(ManagedConnection c) {
        byId.remove(c.id(), c);
        byDevice.values().removeIf(v -> v == c);
    }

    /** Claims a device node (its real path) for {@code c}. */
    synchronized void claim(ManagedConnection c, String devicePath) throws SerialPortException {
        ManagedConnection other = byDevice.get(devicePath);
        if (other != null && other != c) {
            throw PortErrors.busyInJvm(c.id(), devicePath, "'" + other.owner() + "' (as " + other.id() + ")");
        }
        byDevice.put(devicePath, c);
    }

    synchronized void release(ManagedConnection c) {
        byDevice.values().removeIf(v -> v == c);
    }

    synchronized List<SerialConnection> all() {
        List<SerialConnection> list = new ArrayList<>(byId.values());
        list.sort(Comparator.comparing(SerialConnection::id));
        return list;
    }

    synchronized Optional<SerialConnection> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }
}
