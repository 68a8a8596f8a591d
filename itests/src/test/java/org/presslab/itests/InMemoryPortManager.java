package org.presslab.itests;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.presslab.serial.Direction;
import org.presslab.serial.FrameListener;
import org.presslab.serial.PortSelector;
import org.presslab.serial.PortState;
import org.presslab.serial.ProbeResult;
import org.presslab.serial.RawFrame;
import org.presslab.serial.SerialConnection;
import org.presslab.serial.SerialPortException;
import org.presslab.serial.SerialPortException.Reason;
import org.presslab.serial.SerialPortInfo;
import org.presslab.serial.SerialPortManager;
import org.presslab.serial.SerialSettings;

/**
 * A {@link SerialPortManager} whose ports are {@link InMemoryModbusDevice}s: what a test registers in place of the
 * jSerialComm provider. A port is a path with a device attached ({@link #attach}); opening any other path gives a
 * connection that fails with {@code ABSENT}, as the contract says. One connection per port ({@code BUSY} for a
 * second owner). Connections keep the contract of {@link SerialConnection}: I/O after {@code close()} fails with
 * {@code CLOSED}, reads wait up to their timeout and a blocked read returns (with {@code CLOSED}) when the
 * connection is closed; the device's replies are there to read as soon as the request is written. Every
 * {@link #open} call is recorded.
 */
final class InMemoryPortManager implements SerialPortManager {

    /** One call of {@link #open}. */
    record OpenCall(PortSelector port, SerialSettings settings, String owner) {
    }

    private final Map<String, InMemoryModbusDevice> devices = new ConcurrentHashMap<>();
    private final List<Connection> live = new CopyOnWriteArrayList<>();
    private final List<Connection> all = new CopyOnWriteArrayList<>();
    private final List<OpenCall> opens = new CopyOnWriteArrayList<>();

    void attach(String path, InMemoryModbusDevice device) {
        devices.put(path, device);
    }

    List<OpenCall> opens() {
        return List.copyOf(opens);
    }

    /** Every connection this manager created, closed ones too. */
    List<Connection> created() {
        return List.copyOf(all);
    }

    @Override
    public List<SerialPortInfo> listPorts() {
        List<SerialPortInfo> ports = new ArrayList<>();
        devices.keySet().stream().sorted()
                .forEach(path -> ports.add(new SerialPortInfo(path, "in-memory Modbus RTU device", -1, -1, "", "", List.of())));
        return ports;
    }

    @Override
    public synchronized SerialConnection open(PortSelector port, SerialSettings settings, String owner) throws SerialPortException {
        opens.add(new OpenCall(port, settings, owner));
        for (Connection c : live) {
            if (c.id().equals(port.id())) {
                throw new SerialPortException(port.id(), Reason.BUSY, "port " + port.id() + " is held by " + c.owner());
            }
        }
        Connection c = new Connection(port, settings, owner);
        live.add(c);
        all.add(c);
        try {
            c.ensureOpen();
        } catch (SerialPortException e) {
            // returned anyway: its I/O calls try again (lastError says why)
        }
        return c;
    }

    @Override
    public ProbeResult probe(PortSelector port, SerialSettings settings, byte[] query, int timeoutMs, int quietMs)
            throws SerialPortException {
        throw new SerialPortException(port.id(), Reason.IO_ERROR, "the in-memory test ports cannot be probed");
    }

    @Override
    public List<SerialConnection> connections() {
        return List.copyOf(live);
    }

    @Override
    public Optional<SerialConnection> connection(String id) {
        return live.stream().filter(c -> c.id().equals(id)).map(SerialConnection.class::cast).findFirst();
    }

    /** A connection to an in-memory device: the bytes written go to the device, its replies wait to be read. */
    final class Connection implements SerialConnection {

        private final PortSelector selector;
        private final SerialSettings settings;
        private final String owner;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition arrived = lock.newCondition();
        /** Bytes the device sent that were not read yet. */
        private byte[] rx = new byte[0];
        private volatile PortState state = PortState.OPENING;
        private volatile SerialPortException lastError;
        private volatile InMemoryModbusDevice device;
        private final AtomicLong sent = new AtomicLong();
        private final AtomicLong received = new AtomicLong();
        private final List<FrameListener> listeners = new CopyOnWriteArrayList<>();

        Connection(PortSelector selector, SerialSettings settings, String owner) {
            this.selector = selector;
            this.settings = settings;
            this.owner = owner;
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
            return state == PortState.OPEN ? selector.path() : "";
        }

        @Override
        public Optional<SerialPortException> lastError() {
            return Optional.ofNullable(lastError);
        }

        @Override
        public void ensureOpen() throws SerialPortException {
            lock.lock();
            try {
                switch (state) {
                    case OPEN:
                        return;
                    case CLOSED:
                        throw closed();
                    default:
                        InMemoryModbusDevice d = selector.byUsbIdentity() ? null : devices.get(selector.path());
                        if (d == null) {
                            lastError = new SerialPortException(id(), Reason.ABSENT, "nothing at " + id() + " (no in-memory device attached)");
                            throw lastError;
                        }
                        device = d;
                        lastError = null;
                        state = PortState.OPEN;
                }
            } finally {
                lock.unlock();
            }
        }

        private SerialPortException closed() {
            return new SerialPortException(id(), Reason.CLOSED, "port " + id() + " was closed by " + owner);
        }

        @Override
        public void write(byte[] data, int offset, int length) throws SerialPortException {
            ensureOpen();
            sent.addAndGet(length);
            notifyListeners(Direction.TX, data, offset, length);
            byte[] reply = device.receive(data, offset, length);
            if (reply.length > 0) {
                lock.lock();
                try {
                    byte[] more = Arrays.copyOf(rx, rx.length + reply.length);
                    System.arraycopy(reply, 0, more, rx.length, reply.length);
                    rx = more;
                    arrived.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length, int timeoutMs) throws SerialPortException {
            return take(buffer, offset, length, timeoutMs, length);
        }

        @Override
        public int readSome(byte[] buffer, int offset, int length, int timeoutMs) throws SerialPortException {
            return take(buffer, offset, length, timeoutMs, Math.min(1, length));
        }

        /** Waits up to {@code timeoutMs} until {@code enough} bytes are there (or the connection closes), takes up to {@code length}. */
        private int take(byte[] buffer, int offset, int length, int timeoutMs, int enough) throws SerialPortException {
            ensureOpen();
            int n;
            lock.lock();
            try {
                long left = TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMs));
                while (rx.length < enough && state != PortState.CLOSED && left > 0) {
                    try {
                        left = arrived.awaitNanos(left);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
                if (state == PortState.CLOSED) {
                    throw closed();
                }
                n = Math.min(length, rx.length);
                System.arraycopy(rx, 0, buffer, offset, n);
                rx = Arrays.copyOfRange(rx, n, rx.length);
            } finally {
                lock.unlock();
            }
            if (n > 0) {
                received.addAndGet(n);
                notifyListeners(Direction.RX, buffer, offset, n);
            }
            return n;
        }

        @Override
        public int available() throws SerialPortException {
            ensureOpen();
            lock.lock();
            try {
                return rx.length;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public int discardInput() throws SerialPortException {
            ensureOpen();
            byte[] dropped;
            lock.lock();
            try {
                dropped = rx;
                rx = new byte[0];
            } finally {
                lock.unlock();
            }
            if (dropped.length > 0) {
                received.addAndGet(dropped.length);
                notifyListeners(Direction.RX, dropped, 0, dropped.length);
            }
            return dropped.length;
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
            return 0;
        }

        @Override
        public void addFrameListener(FrameListener listener) {
            listeners.add(listener);
        }

        @Override
        public void removeFrameListener(FrameListener listener) {
            listeners.remove(listener);
        }

        private void notifyListeners(Direction direction, byte[] data, int offset, int length) {
            if (listeners.isEmpty()) {
                return;
            }
            RawFrame frame = new RawFrame(id(), direction, Instant.now(), System.nanoTime(),
                    Arrays.copyOfRange(data, offset, offset + length));
            for (FrameListener l : listeners) {
                try {
                    l.onFrame(frame);
                } catch (RuntimeException e) {
                    listeners.remove(l);
                }
            }
        }

        @Override
        public void close() {
            lock.lock();
            try {
                if (state == PortState.CLOSED) {
                    return;
                }
                state = PortState.CLOSED;
                rx = new byte[0];
                arrived.signalAll();
            } finally {
                lock.unlock();
            }
            live.remove(this);
            listeners.clear();
        }

        @Override
        public String toString() {
            return "InMemoryConnection[" + id() + ", " + state + ", owner " + owner + "]";
        }
    }
}
