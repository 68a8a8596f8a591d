package org.presslab.serial.jserialcomm.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import org.presslab.serial.Direction;
import org.presslab.serial.FrameListener;
import org.presslab.serial.PortSelector;
import org.presslab.serial.PortState;
import org.presslab.serial.RawFrame;
import org.presslab.serial.SerialConnection;
import org.presslab.serial.SerialPortException;
import org.presslab.serial.SerialPortInfo;
import org.presslab.serial.SerialSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;

/** A connection on jSerialComm that reopens itself on the caller's thread, with back-off. */
final class ManagedConnection implements SerialConnection {

    private static final Logger LOG = LoggerFactory.getLogger(ManagedConnection.class);

    private final PortSelector selector;
    private final SerialSettings settings;
    private final String owner;
    private final PortRegistry registry;
    private final JSerialCommPortManager manager;
    private final long initialDelayNanos;
    private final long maxDelayNanos;
    private final boolean verifySettings;
    private final List<FrameListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong reopens = new AtomicLong();
    private final Object openLock = new Object();

    private volatile SerialPort port;
    private volatile String systemPath = "";
    private volatile PortState state = PortState.OPENING;
    private volatile SerialPortException lastError;
    private long nextAttemptNanos;
    private long delayNanos;
    private boolean everOpened;
    private int timeoutMode = -1;
    private int timeoutMs = -1;

    ManagedConnection(PortSelector selector, SerialSettings settings, String owner, PortRegistry registry,
            JSerialCommPortManager manager, long initialDelayMs, long maxDelayMs, boolean verifySettings) {
        this.selector = selector;
        this.settings = settings;
        this.owner = owner;
        this.registry = registry;
        this.manager = manager;
        this.initialDelayNanos = initialDelayMs * 1_000_000L;
        this.maxDelayNanos = Math.max(initialDelayMs, maxDelayMs) * 1_000_000L;
        this.delayNanos = initialDelayNanos;
        this.verifySettings = verifySettings;
    }

    @Override
    public String id() {
        return selector.id();
    }

    @Override
    public String owner() {
        return owner;
    }

    @Override
    public SerialSettings settings() {
        return settings;
    }

    @Override
    public PortState state() {
        return state;
    }

    @Override
    public String systemPath() {
        return state == PortState.OPEN ? systemPath : "";
    }

    @Override
    public Optional<SerialPortException> lastError() {
        return Optional.ofNullable(lastError);
    }

    @Override
    public long bytesSent() {
        return sent.get();
    }

    @Override
    public long bytesReceived() {
        return received.get();
    }

    @Override
    public long reopens() {
        return reopens.get();
    }

    @Override
    public void addFrameListener(FrameListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeFrameListener(FrameListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void ensureOpen() throws SerialPortException {
        if (state == PortState.OPEN && port != null) {
            return;
        }
        synchronized (openLock) {
            if (state == PortState.CLOSED) {
                throw PortErrors.closed(id());
            }
            if (state == PortState.OPEN && port != null) {
                return;
            }
            long now = System.nanoTime();
            if (lastError != null && now - nextAttemptNanos < 0) {
                throw lastError;
            }
            try {
                SerialPort p = doOpen();
                port = p;
                timeoutMode = -1;
                timeoutMs = -1;
                lastError = null;
                delayNanos = initialDelayNanos;
                if (everOpened) {
                    reopens.incrementAndGet();
                    LOG.info("Port {} ({}) reopened for {}", id(), systemPath, owner);
                } else {
                    LOG.debug("Port {} ({}) opened for {} at {}", id(), systemPath, owner, settings.describe());
                }
                everOpened = true;
                state = PortState.OPEN;
            } catch (SerialPortException e) {
                if (lastError == null || lastError.reason() != e.reason()) {
                    LOG.warn("{} (for {})", e.getMessage(), owner);
                }
                lastError = e;
                nextAttemptNanos = now + delayNanos;
                delayNanos = Math.min(delayNanos * 2, maxDelayNanos);
                if (state != PortState.LOST && state != PortState.CLOSED) {
                    state = PortState.OPENING;
                }
                throw e;
            }
        }
    }

    private SerialPort doOpen() throws SerialPortException {
        String device = resolveDevice();
        registry.claim(this, device);
        SerialPort p;
        try {
            p = SerialPort.getCommPort(device);
        } catch (SerialPortInvalidPortException e) {
            registry.release(this);
            throw PortErrors.absent(id(), device + " is not a serial port the system knows");
        }
        p.setComPortParameters(settings.baudRate(), settings.dataBits(), JSerialCommPortManager.stopBits(settings.stopBits()),
                JSerialCommPortManager.parity(settings.parity()));
        p.setFlowControl(JSerialCommPortManager.flow(settings.flowControl()));
        p.setComPortTimeouts(SerialPort.TIMEOUT_NONBLOCKING, 0, 0);
        if (!p.openPort()) {
            int errno = p.getLastErrorCode();
            registry.release(this);
            throw PortErrors.openFailed(id(), device, errno);
        }
        // 8 data bits without parity is what every port (a pty too) accepts; check the rest
        if (verifySettings && (settings.parity() != org.presslab.serial.Parity.NONE || settings.dataBits() != 8)) {
            Optional<String> problem = SettingsVerifier.check(device, settings);
            if (problem.isPresent()) {
                p.closePort();
                registry.release(this);
                throw PortErrors.settingsRefused(id(), settings, problem.get());
            }
        }
        systemPath = device;
        return p;
    }

    /** The real device node behind the configured path or USB identity. */
    private String resolveDevice() throws SerialPortException {
        if (!selector.byUsbIdentity()) {
            Path path = Path.of(selector.path());
            if (!Files.exists(path)) {
                throw PortErrors.absent(id(), "nothing at " + selector.path()
                        + (Files.isSymbolicLink(path) ? " (the link points to a device that is gone)" : ""));
            }
            try {
                return path.toRealPath().toString();
            } catch (IOException e) {
                throw PortErrors.absent(id(), selector.path() + " cannot be resolved: " + e.getMessage());
            }
        }
        List<SerialPortInfo> ports = manager.listPorts();
        List<SerialPortInfo> matches = ports.stream()
                .filter(i -> i.usbVendorId() == selector.usbVendorId() && i.usbProductId() == selector.usbProductId())
                .filter(i -> selector.usbSerial().isEmpty() || selector.usbSerial().equals(i.usbSerial()))
                .toList();
        if (matches.isEmpty()) {
            String seen = ports.stream().filter(SerialPortInfo::isUsb).map(i -> i.path() + " " + i.usbIdentity())
                    .collect(Collectors.joining(", "));
            throw PortErrors.absent(id(), "no USB serial device with this identity is plugged in"
                    + (seen.isEmpty() ? "" : " (USB ports seen: " + seen + ")"));
        }
        if (matches.size() > 1) {
            throw PortErrors.absent(id(), matches.size() + " devices match ("
                    + matches.stream().map(SerialPortInfo::path).collect(Collectors.joining(", "))
                    + "); add the USB serial number to tell them apart");
        }
        return matches.get(0).path();
    }

    private SerialPort openPort() throws SerialPortException {
        ensureOpen();
        SerialPort p = port;
        if (p == null) {
            throw state == PortState.CLOSED ? PortErrors.closed(id()) : lastError != null ? lastError : PortErrors.closed(id());
        }
        return p;
    }

    /** The port failed under us: release it, so the next call reopens it after the back-off. */
    private SerialPortException lost(SerialPort p, String what) {
        SerialPortException e = PortErrors.vanished(id(), systemPath, what);
        synchronized (openLock) {
            if (port == p && state != PortState.CLOSED) {
                port = null;
                p.closePort();
                registry.release(this);
                state = PortState.LOST;
                lastError = e;
                delayNanos = initialDelayNanos;
                nextAttemptNanos = System.nanoTime() + delayNanos;
                LOG.warn("{} (for {})", e.getMessage(), owner);
            } else if (state == PortState.CLOSED) {
                return PortErrors.closed(id());
            }
        }
        return e;
    }

    private void timeouts(SerialPort p, int mode, int ms) {
        if (mode != timeoutMode || ms != timeoutMs) {
            p.setComPortTimeouts(mode, ms, 0);
            timeoutMode = mode;
            timeoutMs = ms;
        }
    }

    @Override
    public void write(byte[] data, int offset, int length) throws SerialPortException {
        SerialPort p = openPort();
        int done = 0;
        while (done < length) {
            int n = p.writeBytes(data, length - done, offset + done);
            if (n <= 0) {
                throw lost(p, "write failed, errno " + p.getLastErrorCode());
            }
            done += n;
        }
        sent.addAndGet(length);
        notifyListeners(Direction.TX, data, offset, length);
    }

    @Override
    public int read(byte[] buffer, int offset, int length, int timeoutMs) throws SerialPortException {
        return poll(buffer, offset, length, timeoutMs, false);
    }

    @Override
    public int readSome(byte[] buffer, int offset, int length, int timeoutMs) throws SerialPortException {
        return poll(buffer, offset, length, timeoutMs, true);
    }

    /**
     * Reads with a precise timeout. jSerialComm's own read timeouts use the tty's VTIME on Linux,
     * which counts in steps of 100 ms (a 5 ms timeout waits 100 ms), far too coarse for Modbus
     * RTU; so the port stays non-blocking and this polls what is available, every 0.1 ms for the
     * first 5 ms of a wait and every 0.5 ms after.
     */
    private int poll(byte[] buffer, int offset, int length, int timeoutMs, boolean some) throws SerialPortException {
        SerialPort p = openPort();
        timeouts(p, SerialPort.TIMEOUT_NONBLOCKING, 0);
        long start = System.nanoTime();
        long deadline = start + Math.max(0, timeoutMs) * 1_000_000L;
        int got = 0;
        while (got < length) {
            int avail = p.bytesAvailable();
            if (avail < 0) {
                if (state == PortState.CLOSED) {
                    throw PortErrors.closed(id());
                }
                throw lost(p, "status failed");
            }
            if (avail > 0) {
                int n = p.readBytes(buffer, Math.min(avail, length - got), offset + got);
                if (n < 0) {
                    if (state == PortState.CLOSED) {
                        throw PortErrors.closed(id());
                    }
                    throw lost(p, "read failed");
                }
                if (n > 0) {
                    afterRead(p, buffer, offset + got, n);
                    got += n;
                    if (some) {
                        break;
                    }
                    continue;
                }
            }
            long now = System.nanoTime();
            if (now - deadline >= 0) {
                break;
            }
            if (state == PortState.CLOSED || port != p) {
                throw state == PortState.CLOSED ? PortErrors.closed(id()) : lost(p, "closed under a reader");
            }
            long step = now - start < 5_000_000L ? 100_000L : 500_000L;
            LockSupport.parkNanos(Math.min(step, deadline - now));
        }
        return got;
    }

    private int afterRead(SerialPort p, byte[] buffer, int offset, int n) throws SerialPortException {
        if (n < 0) {
            throw lost(p, "read failed");
        }
        if (n > 0) {
            received.addAndGet(n);
            notifyListeners(Direction.RX, buffer, offset, n);
        }
        return n;
    }

    @Override
    public int available() throws SerialPortException {
        SerialPort p = openPort();
        int n = p.bytesAvailable();
        if (n < 0) {
            throw lost(p, "status failed");
        }
        return n;
    }

    @Override
    public int discardInput() throws SerialPortException {
        int total = 0;
        byte[] buf = new byte[256];
        int avail;
        while ((avail = available()) > 0) {
            SerialPort p = openPort();
            timeouts(p, SerialPort.TIMEOUT_NONBLOCKING, 0);
            int n = p.readBytes(buf, Math.min(avail, buf.length), 0);
            if (n < 0) {
                throw lost(p, "read failed");
            }
            if (n == 0) {
                break;
            }
            received.addAndGet(n);
            notifyListeners(Direction.RX, buf, 0, n);
            total += n;
        }
        return total;
    }

    private void notifyListeners(Direction dir, byte[] data, int offset, int length) {
        if (listeners.isEmpty()) {
            return;
        }
        RawFrame frame = new RawFrame(id(), dir, Instant.now(), System.nanoTime(), Arrays.copyOfRange(data, offset, offset + length));
        for (FrameListener l : listeners) {
            try {
                l.onFrame(frame);
            } catch (RuntimeException e) {
                LOG.warn("Frame listener {} on port {} threw; removed", l, id(), e);
                listeners.remove(l);
            }
        }
    }

    @Override
    public void close() {
        SerialPort p;
        synchronized (openLock) {
            if (state == PortState.CLOSED) {
                return;
            }
            state = PortState.CLOSED;
            p = port;
            port = null;
        }
        if (p != null) {
            p.closePort();
        }
        registry.unregister(this);
        manager.forget(this);
        listeners.clear();
        LOG.debug("Port {} closed by {}", id(), owner);
    }

    @Override
    public String toString() {
        return "SerialConnection[" + id() + ", " + state + ", owner " + owner + "]";
    }
}
