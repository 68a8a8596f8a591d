package org.presslab.serial;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A port held by one owner (a driver). The I/O methods open or reopen the port when needed (after
 * the back-off delay) and throw {@link SerialPortException} when it cannot be used; they are meant
 * for one acquisition thread. {@link #state()}, {@link #lastError()}, the counters and
 * {@link #close()} may be called from any thread; {@code close()} makes a blocked read return.
 */
@ProviderType
public interface SerialConnection extends AutoCloseable {

    /** The identity: the configured path (not what it resolves to) or {@code usb:vid:pid[:serial]}. */
    String id();

    /** Who holds it, for messages ("modbus driver press-1"). */
    String owner();

    SerialSettings settings();

    PortState state();

    /** The device node in use now ({@code /dev/pts/3}, {@code /dev/ttyUSB1}), empty while not open. */
    String systemPath();

    /** The last failure to open or use the port, cleared when it opens again. */
    Optional<SerialPortException> lastError();

    /**
     * Opens the port if it is not open and the back-off delay has passed. Returns at once when it
     * is open already.
     *
     * @throws SerialPortException when it cannot be opened now
     */
    void ensureOpen() throws SerialPortException;

    /**
     * Writes all bytes.
     *
     * @throws SerialPortException when the port is not usable (reopened by a later call)
     */
    void write(byte[] data, int offset, int length) throws SerialPortException;

    default void write(byte[] data) throws SerialPortException {
        write(data, 0, data.length);
    }

    /**
     * Reads until {@code length} bytes have come or {@code timeoutMs} has passed.
     *
     * @return the number of bytes read, 0 to {@code length}
     */
    int read(byte[] buffer, int offset, int length, int timeoutMs) throws SerialPortException;

    /**
     * Reads what has arrived, waiting up to {@code timeoutMs} for the first byte.
     *
     * @return the number of bytes read, 0 when nothing came in time
     */
    int readSome(byte[] buffer, int offset, int length, int timeoutMs) throws SerialPortException;

    /** Bytes waiting to be read, 0 when none or not open. */
    int available() throws SerialPortException;

    /** Discards bytes waiting to be read; returns how many. */
    int discardInput() throws SerialPortException;

    /** Bytes sent since creation. */
    long bytesSent();

    /** Bytes received since creation. */
    long bytesReceived();

    /** How many times the port was opened again after being lost or failing to open. */
    long reopens();

    void addFrameListener(FrameListener listener);

    void removeFrameListener(FrameListener listener);

    /** Releases the port for good. Idempotent. */
    @Override
    void close();
}
