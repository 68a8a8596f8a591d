package org.presslab.serial;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Lists, opens and tracks the serial ports of the installation. Thread-safe.
 */
@ProviderType
public interface SerialPortManager {

    /** The ports the operating system lists, with USB identity and stable aliases where known. Never throws. */
    List<SerialPortInfo> listPorts();

    /**
     * Creates a connection for {@code owner} and tries to open it. The connection is returned
     * even when the port cannot be opened now (see {@link SerialConnection#lastError()}); its I/O
     * calls reopen it when it comes back.
     *
     * @throws SerialPortException with reason {@code BUSY} when another connection of this
     *         manager already holds the same port (names the owner)
     */
    SerialConnection open(PortSelector port, SerialSettings settings, String owner) throws SerialPortException;

    /**
     * Opens a port that no connection holds, sends {@code query}, collects the reply until
     * {@code quietMs} passes without a byte (or {@code timeoutMs} in all), and closes it.
     *
     * @throws SerialPortException when the port cannot be opened (reason and fix in the message)
     */
    ProbeResult probe(PortSelector port, SerialSettings settings, byte[] query, int timeoutMs, int quietMs)
            throws SerialPortException;

    /** Connections open (or reopening) now. */
    List<SerialConnection> connections();

    /** The live connection with this id (configured path or USB identity), for the frame monitor. */
    Optional<SerialConnection> connection(String id);
}
