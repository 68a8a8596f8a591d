package org.presslab.emulators;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;

/**
 * The emulator's end of the cable, on jSerialComm directly (deliberately not the transport under
 * test). Reopens the path when the pty vanishes and comes back.
 */
final class DevicePort implements AutoCloseable {

    private final Path path;
    private final int baud;
    private SerialPort port;
    private int mode = -1;

    DevicePort(Path path, int baud) {
        this.path = path;
        this.baud = baud;
    }

    /** Opens the port if needed; false when it is not there (yet). */
    boolean ensureOpen() {
        if (port != null) {
            return true;
        }
        if (!Files.exists(path)) {
            return false;
        }
        try {
            SerialPort p = SerialPort.getCommPort(path.toString());
            p.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
            p.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
            if (!p.openPort()) {
                return false;
            }
            port = p;
            mode = -1;
            return true;
        } catch (SerialPortInvalidPortException e) {
            return false;
        }
    }

    boolean isOpen() {
        return port != null;
    }

    /**
     * Reads what arrives within {@code timeoutMs}; -1 when the port vanished (it is then closed).
     * Polls every 0.2 ms rather than using jSerialComm's read timeouts, which on Linux wait in
     * steps of 100 ms (VTIME) and would make the emulated device answer late.
     */
    int readSome(byte[] buf, int off, int len, int timeoutMs) {
        return readSomeNanos(buf, off, len, timeoutMs * 1_000_000L, 200_000L);
    }

    /** As {@link #readSome}, waiting {@code timeoutNanos} and polling every {@code stepNanos}. */
    int readSomeNanos(byte[] buf, int off, int len, long timeoutNanos, long stepNanos) {
        if (!ensureOpen()) {
            return -1;
        }
        if (mode != SerialPort.TIMEOUT_NONBLOCKING) {
            port.setComPortTimeouts(SerialPort.TIMEOUT_NONBLOCKING, 0, 0);
            mode = SerialPort.TIMEOUT_NONBLOCKING;
        }
        long deadline = System.nanoTime() + timeoutNanos;
        while (true) {
            int avail = port.bytesAvailable();
            if (avail < 0) {
                drop();
                return -1;
            }
            if (avail > 0) {
                int n = port.readBytes(buf, Math.min(avail, len), off);
                if (n < 0) {
                    drop();
                }
                return n;
            }
            if (System.nanoTime() - deadline >= 0) {
                return 0;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Math.min(stepNanos, Math.max(1, deadline - System.nanoTime())));
        }
    }

    /** Writes; false when the port vanished. */
    boolean write(byte[] data, int len) {
        if (!ensureOpen()) {
            return false;
        }
        int done = 0;
        while (done < len) {
            int n = port.writeBytes(data, len - done, done);
            if (n <= 0) {
                drop();
                return false;
            }
            done += n;
        }
        return true;
    }

    private void drop() {
        if (port != null) {
            port.closePort();
            port = null;
        }
    }

    @Override
    public void close() {
        drop();
    }
}
