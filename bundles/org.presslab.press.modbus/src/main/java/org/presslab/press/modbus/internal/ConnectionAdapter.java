package org.presslab.press.modbus.internal;

import java.io.IOException;
import java.util.Set;

import org.presslab.serial.SerialConnection;
import org.presslab.serial.SerialPortException;
import org.presslab.serial.StopBits;

import com.ghgande.j2mod.modbus.io.AbstractModbusTransport;
import com.ghgande.j2mod.modbus.net.AbstractSerialConnection;

/**
 * j2mod's view of a Presslab {@link SerialConnection}: j2mod does the RTU framing and CRC, the
 * transport owns the port (reopen, frame monitor, clear errors). A port failure is kept in
 * {@link #takePortError()} because j2mod turns every short read into the same message.
 */
final class ConnectionAdapter extends AbstractSerialConnection {

    private final SerialConnection connection;
    private final RtuMasterTransport transport;
    private volatile int timeoutMs = 200;
    private volatile SerialPortException portError;
    private long lastReceived;

    ConnectionAdapter(SerialConnection connection) throws IOException {
        this.connection = connection;
        this.transport = new RtuMasterTransport(this, connection.settings().baudRate());
        transport.setCommPort(this);
    }

    /** The {@link System#nanoTime()} when the last byte was read (0 before any). */
    long lastReceivedNanos() {
        return lastReceived;
    }

    /** The port failure seen since the last call, or null. */
    SerialPortException takePortError() {
        SerialPortException e = portError;
        portError = null;
        return e;
    }

    @Override
    public void open() throws IOException {
        try {
            connection.ensureOpen();
        } catch (SerialPortException e) {
            portError = e;
            throw e;
        }
    }

    @Override
    public AbstractModbusTransport getModbusTransport() {
        return transport;
    }

    RtuMasterTransport rtu() {
        return transport;
    }

    @Override
    public int readBytes(byte[] buffer, int bytesToRead) {
        try {
            int n = connection.read(buffer, 0, bytesToRead, timeoutMs);
            if (n > 0) {
                lastReceived = System.nanoTime();
            }
            return n;
        } catch (SerialPortException e) {
            portError = e;
            return -1;
        }
    }

    @Override
    public int writeBytes(byte[] buffer, int bytesToWrite) {
        try {
            connection.write(buffer, 0, bytesToWrite);
            return bytesToWrite;
        } catch (SerialPortException e) {
            portError = e;
            return -1;
        }
    }

    @Override
    public int bytesAvailable() {
        try {
            return connection.available();
        } catch (SerialPortException e) {
            portError = e;
            return 0;
        }
    }

    @Override
    public void close() {
        // the driver owns the connection's life; j2mod may not close it
    }

    @Override
    public int getBaudRate() {
        return connection.settings().baudRate();
    }

    @Override
    public int getNumDataBits() {
        return connection.settings().dataBits();
    }

    @Override
    public int getNumStopBits() {
        return connection.settings().stopBits() == StopBits.ONE ? 1 : 2;
    }

    @Override
    public int getParity() {
        return switch (connection.settings().parity()) {
            case NONE -> NO_PARITY;
            case EVEN -> EVEN_PARITY;
            case ODD -> ODD_PARITY;
            case MARK -> MARK_PARITY;
            case SPACE -> SPACE_PARITY;
        };
    }

    @Override
    public String getPortName() {
        return connection.id();
    }

    @Override
    public String getDescriptivePortName() {
        return connection.id();
    }

    @Override
    public void setComPortTimeouts(int newTimeoutMode, int newReadTimeout, int newWriteTimeout) {
        if (newReadTimeout > 0) {
            timeoutMs = newReadTimeout;
        }
    }

    @Override
    public boolean isOpen() {
        return connection.state() == org.presslab.serial.PortState.OPEN;
    }

    @Override
    public int getTimeout() {
        return timeoutMs;
    }

    @Override
    public void setTimeout(int timeout) {
        this.timeoutMs = timeout;
    }

    @Override
    public Set<String> getCommPorts() {
        return Set.of(connection.id());
    }
}
