package org.presslab.serial.jserialcomm;

import org.presslab.serial.jserialcomm.internal.JSerialCommPortManager;
import org.presslab.serial.jserialcomm.internal.PortRegistry;

/**
 * Creates jSerialComm port managers outside OSGi. Each manager has its own registry of held ports: two
 * managers from here do not see each other's holds (the OS lock still refuses a port another process
 * holds), so use one manager per program.
 */
public final class JSerialCommPorts {

    private JSerialCommPorts() {
    }

    /** A manager with the service's defaults: reopen after 100 ms, doubling to 1 s; settings read back. */
    public static StandalonePortManager create() {
        return create(100, 1000, true);
    }

    /**
     * A manager with its own reopen back-off.
     *
     * @param initialDelayMs delay before the first attempt to reopen a lost port, doubled after each failure
     * @param maxDelayMs the longest delay between attempts
     * @param verifySettings read back parity, data and stop bits after each open (Linux, via stty) and refuse
     *        a port that silently kept other settings
     * @throws IllegalArgumentException when a delay is below 1 ms
     */
    public static StandalonePortManager create(long initialDelayMs, long maxDelayMs, boolean verifySettings) {
        return new JSerialCommPortManager(new PortRegistry(), initialDelayMs, maxDelayMs, verifySettings);
    }
}
