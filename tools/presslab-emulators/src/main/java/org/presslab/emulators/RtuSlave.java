package org.presslab.emulators;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Modbus RTU slave on one serial port, framing by the silent gap as the standard says: bytes
 * separated by less than the gap belong to one frame. Function codes 01, 03, 04, 05, 06 and 16.
 * Frames with a bad CRC, for another slave, or too short are ignored, as on a real bus.
 * Runs its own thread; survives the port vanishing and reopens it.
 */
public final class RtuSlave implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RtuSlave.class);
    private static final int MAX_REGS = 125;
    /** How often the port is polled: how late, at most, the slave sees a request's first byte. */
    private static final long POLL_NANOS = 100_000L;

    private final DevicePort port;
    private final int slaveId;
    private final RegisterBank bank;
    private final long gapNanos;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile RtuFault fault = RtuFault.NONE;
    private volatile int faultEvery = 1;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong badFrames = new AtomicLong();
    private long replyCount;
    private final java.util.Random noise = new java.util.Random(7);
    private volatile ReplyTimes replyListener = (seen, written) -> { };
    private long firstByte;

    /**
     * @param path the emulator's end of the cable
     * @param baud the baud rate (sets the inter-frame gap as the Modbus serial line spec does: 3.5
     *        characters of 11 bits, 1.75 ms above 19200 baud)
     */
    public RtuSlave(Path path, int baud, int slaveId, RegisterBank bank) {
        this.port = new DevicePort(path, baud);
        this.slaveId = slaveId;
        this.bank = bank;
        this.gapNanos = baud > 19200 ? 1_750_000L : (long) Math.ceil(3.5 * 11 / baud * 1e9);
        this.thread = new Thread(this::run, "rtu-slave-" + slaveId + "-" + path.getFileName());
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Sets the fault applied to every {@code everyNth} reply (1 = every reply). */
    public void setFault(RtuFault fault, int everyNth) {
        this.faultEvery = Math.max(1, everyNth);
        this.fault = fault;
    }

    public void setFault(RtuFault fault) {
        setFault(fault, 1);
    }

    public RtuFault fault() {
        return fault;
    }

    /** When a request's first byte was read and when its reply was written, both {@link System#nanoTime()}. */
    @FunctionalInterface
    public interface ReplyTimes {
        void reply(long requestSeenNanos, long replyWrittenNanos);
    }

    /**
     * Told on the slave's thread after each reply is written: for benchmarks that split a
     * transaction's time between the master and this emulator.
     */
    public void onReply(ReplyTimes listener) {
        this.replyListener = listener == null ? (seen, written) -> { } : listener;
    }

    /** Well-formed requests for this slave. */
    public long requests() {
        return requests.get();
    }

    /** Frames ignored (bad CRC, too short). */
    public long badFrames() {
        return badFrames.get();
    }

    private void run() {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        byte[] buf = new byte[512];
        long lastByte = 0;
        while (running) {
            // within a frame, wait exactly until its gap would end; between frames, 1 ms at a time
            long wait = frame.size() > 0 ? Math.max(0, lastByte + gapNanos - System.nanoTime()) : 1_000_000L;
            int n = port.readSomeNanos(buf, 0, buf.length, wait, POLL_NANOS);
            long now = System.nanoTime();
            if (n < 0) {
                frame.reset();
                bank.tick(now);
                sleep(5);
                continue;
            }
            if (n > 0) {
                if (frame.size() == 0) {
                    firstByte = now;
                }
                frame.write(buf, 0, n);
                lastByte = now;
            } else if (frame.size() > 0 && now - lastByte >= gapNanos) {
                handle(frame.toByteArray(), now);
                frame.reset();
            }
            if (frame.size() > 300) {
                badFrames.incrementAndGet();
                frame.reset();
            }
            bank.tick(now);
        }
        port.close();
    }

    private void handle(byte[] f, long now) {
        if (f.length < 4 || !ModbusCrc.check(f, f.length)) {
            badFrames.incrementAndGet();
            return;
        }
        int unit = f[0] & 0xFF;
        if (unit != slaveId && unit != 0) {
            return;
        }
        RtuFault active = fault;
        if (active == RtuFault.SILENT) {
            return;
        }
        requests.incrementAndGet();
        byte[] pdu = Arrays.copyOfRange(f, 1, f.length - 2);
        bank.beginRequest();
        byte[] replyPdu = execute(pdu);
        bank.tick(now);
        if (unit == 0) {
            return;
        }
        byte[] adu = new byte[replyPdu.length + 1];
        adu[0] = (byte) slaveId;
        System.arraycopy(replyPdu, 0, adu, 1, replyPdu.length);
        byte[] out = ModbusCrc.frame(adu);
        replyCount++;
        if (active != RtuFault.NONE && replyCount % faultEvery == 0) {
            out = spoil(out, adu, active);
        }
        port.write(out, out.length);
        replyListener.reply(firstByte, System.nanoTime());
    }

    private byte[] spoil(byte[] good, byte[] adu, RtuFault f) {
        switch (f) {
            case CORRUPT_CRC -> {
                byte[] bad = good.clone();
                bad[bad.length - 1] ^= 0x5A;
                return bad;
            }
            case TRUNCATE -> {
                return Arrays.copyOf(good, Math.max(1, good.length / 2));
            }
            case GARBAGE -> {
                byte[] g = new byte[3 + noise.nextInt(10)];
                noise.nextBytes(g);
                g[0] = (byte) 0xFF;
                g[1] = (byte) 0x7F;
                return g;
            }
            case WRONG_SLAVE_ID -> {
                byte[] other = adu.clone();
                other[0] = (byte) (slaveId % 247 + 1);
                return ModbusCrc.frame(other);
            }
            default -> {
                return good;
            }
        }
    }

    private byte[] execute(byte[] pdu) {
        int fc = pdu[0] & 0xFF;
        try {
            switch (fc) {
                case 0x01 -> {
                    int addr = word(pdu, 1);
                    int count = word(pdu, 3);
                    if (count < 1 || count > 2000) {
                        throw new RegisterBank.ModbusError(3, "coil count " + count);
                    }
                    byte[] r = new byte[2 + (count + 7) / 8];
                    r[0] = 0x01;
                    r[1] = (byte) ((count + 7) / 8);
                    for (int i = 0; i < count; i++) {
                        if (bank.readCoil(addr + i)) {
                            r[2 + i / 8] |= (byte) (1 << (i % 8));
                        }
                    }
                    return r;
                }
                case 0x03, 0x04 -> {
                    int addr = word(pdu, 1);
                    int count = word(pdu, 3);
                    if (count < 1 || count > MAX_REGS) {
                        throw new RegisterBank.ModbusError(3, "register count " + count);
                    }
                    byte[] r = new byte[2 + 2 * count];
                    r[0] = (byte) fc;
                    r[1] = (byte) (2 * count);
                    for (int i = 0; i < count; i++) {
                        int v = fc == 0x03 ? bank.readHolding(addr + i) : bank.readInput(addr + i);
                        r[2 + 2 * i] = (byte) (v >>> 8);
                        r[3 + 2 * i] = (byte) v;
                    }
                    return r;
                }
                case 0x05 -> {
                    int addr = word(pdu, 1);
                    int v = word(pdu, 3);
                    if (v != 0xFF00 && v != 0x0000) {
                        throw new RegisterBank.ModbusError(3, "coil value " + Integer.toHexString(v));
                    }
                    bank.writeCoil(addr, v == 0xFF00);
                    return Arrays.copyOf(pdu, 5);
                }
                case 0x06 -> {
                    bank.writeHolding(word(pdu, 1), word(pdu, 3));
                    return Arrays.copyOf(pdu, 5);
                }
                case 0x10 -> {
                    int addr = word(pdu, 1);
                    int count = word(pdu, 3);
                    int bytes = pdu[5] & 0xFF;
                    if (count < 1 || count > 123 || bytes != 2 * count || pdu.length < 6 + bytes) {
                        throw new RegisterBank.ModbusError(3, "bad write-multiple header");
                    }
                    for (int i = 0; i < count; i++) {
                        bank.writeHolding(addr + i, word(pdu, 6 + 2 * i));
                    }
                    bank.afterWriteMultiple(addr, count);
                    return Arrays.copyOf(pdu, 5);
                }
                default -> throw new RegisterBank.ModbusError(1, "function " + fc);
            }
        } catch (RegisterBank.ModbusError e) {
            LOG.debug("Slave {}: exception {} ({})", slaveId, e.code(), e.getMessage());
            return new byte[] {(byte) (fc | 0x80), (byte) e.code()};
        } catch (ArrayIndexOutOfBoundsException e) {
            return new byte[] {(byte) (fc | 0x80), 3};
        }
    }

    private static int word(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
