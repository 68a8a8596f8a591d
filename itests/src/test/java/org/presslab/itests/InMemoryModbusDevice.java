package org.presslab.itests;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A Modbus RTU slave in memory, for {@link InMemoryPortManager}: 64 holding registers, 64 input registers and 64
 * coils, answering read holding registers (3), read input registers (4), write single coil (5), write single
 * register (6) and write multiple registers (16), with CRC-16/MODBUS on every frame. Bytes written by the master
 * are split into request frames by their function code (as a slave does when it knows the request's length); a
 * frame with a bad CRC or for another slave id gets no reply, an unknown function code exception 1, an address
 * outside the map exception 2, a bad value exception 3. Every frame it got is recorded. Thread-safe.
 */
final class InMemoryModbusDevice {

    static final int SIZE = 64;

    /** A request frame as received: its bytes (CRC included) and whether its CRC was right. */
    record Frame(byte[] bytes, boolean crcOk) {
        int slaveId() {
            return bytes[0] & 0xFF;
        }

        int functionCode() {
            return bytes.length > 1 ? bytes[1] & 0xFF : -1;
        }

        /** The address field of a request of function 3, 4, 5, 6 or 16. */
        int address() {
            return word(bytes, 2);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (byte b : bytes) {
                sb.append(sb.length() == 0 ? "" : " ").append(String.format("%02X", b & 0xFF));
            }
            return sb + (crcOk ? "" : " (bad CRC)");
        }
    }

    private final int slaveId;
    private final int[] holding = new int[SIZE];
    private final int[] input = new int[SIZE];
    private final boolean[] coils = new boolean[SIZE];
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final List<Frame> frames = new ArrayList<>();
    private int unparsable;

    InMemoryModbusDevice(int slaveId) {
        this.slaveId = slaveId;
    }

    int slaveId() {
        return slaveId;
    }

    synchronized void setInput(int address, int... words) {
        for (int i = 0; i < words.length; i++) {
            input[address + i] = words[i] & 0xFFFF;
        }
    }

    synchronized void setHolding(int address, int... words) {
        for (int i = 0; i < words.length; i++) {
            holding[address + i] = words[i] & 0xFFFF;
        }
    }

    synchronized int holding(int address) {
        return holding[address];
    }

    synchronized boolean coil(int address) {
        return coils[address];
    }

    /** Every request frame received so far, in order. */
    synchronized List<Frame> frames() {
        return List.copyOf(frames);
    }

    /** Bytes thrown away because no request could be framed from them (unknown function code, overlong frame). */
    synchronized int unparsable() {
        return unparsable;
    }

    /**
     * Takes bytes from the line; returns the reply to every request completed by them (empty when none, or when
     * the requests get no reply).
     */
    synchronized byte[] receive(byte[] data, int offset, int length) {
        pending.write(data, offset, length);
        ByteArrayOutputStream replies = new ByteArrayOutputStream();
        byte[] buf = pending.toByteArray();
        int at = 0;
        while (true) {
            int need = frameLength(buf, at);
            if (need < 0) {
                // no request is that long or starts like that: a real slave would wait for the line to go quiet
                unparsable += buf.length - at;
                at = buf.length;
                break;
            }
            if (need == 0 || buf.length - at < need) {
                break;
            }
            byte[] frame = java.util.Arrays.copyOfRange(buf, at, at + need);
            at += need;
            byte[] reply = handle(frame);
            replies.write(reply, 0, reply.length);
        }
        pending.reset();
        pending.write(buf, at, buf.length - at);
        return replies.toByteArray();
    }

    /** Length of the request starting at {@code at}, 0 when more bytes are needed to tell, -1 when unknown. */
    private static int frameLength(byte[] b, int at) {
        int n = b.length - at;
        if (n < 2) {
            return 0;
        }
        switch (b[at + 1] & 0xFF) {
            case 3, 4, 5, 6:
                return 8;
            case 16:
                return n < 7 ? 0 : 9 + (b[at + 6] & 0xFF);
            default:
                return -1;
        }
    }

    private byte[] handle(byte[] frame) {
        int len = frame.length;
        boolean crcOk = crc(frame, 0, len - 2) == ((frame[len - 2] & 0xFF) | (frame[len - 1] & 0xFF) << 8);
        frames.add(new Frame(frame, crcOk));
        if (!crcOk || (frame[0] & 0xFF) != slaveId) {
            return new byte[0];
        }
        int fc = frame[1] & 0xFF;
        int address = word(frame, 2);
        int value = word(frame, 4);
        switch (fc) {
            case 3, 4 -> {
                if (value < 1 || value > 125) {
                    return exception(fc, 3);
                }
                if (address + value > SIZE) {
                    return exception(fc, 2);
                }
                int[] table = fc == 3 ? holding : input;
                byte[] pdu = new byte[2 + 2 * value];
                pdu[0] = (byte) fc;
                pdu[1] = (byte) (2 * value);
                for (int i = 0; i < value; i++) {
                    pdu[2 + 2 * i] = (byte) (table[address + i] >> 8);
                    pdu[3 + 2 * i] = (byte) table[address + i];
                }
                return reply(pdu);
            }
            case 5 -> {
                if (value != 0xFF00 && value != 0x0000) {
                    return exception(fc, 3);
                }
                if (address >= SIZE) {
                    return exception(fc, 2);
                }
                coils[address] = value == 0xFF00;
                return reply(java.util.Arrays.copyOfRange(frame, 1, 6));
            }
            case 6 -> {
                if (address >= SIZE) {
                    return exception(fc, 2);
                }
                holding[address] = value;
                return reply(java.util.Arrays.copyOfRange(frame, 1, 6));
            }
            case 16 -> {
                int bytes = frame[6] & 0xFF;
                if (value < 1 || value > 123 || bytes != 2 * value) {
                    return exception(fc, 3);
                }
                if (address + value > SIZE) {
                    return exception(fc, 2);
                }
                for (int i = 0; i < value; i++) {
                    holding[address + i] = word(frame, 7 + 2 * i);
                }
                return reply(java.util.Arrays.copyOfRange(frame, 1, 6));
            }
            default -> {
                return exception(fc, 1);
            }
        }
    }

    private byte[] exception(int fc, int code) {
        return reply(new byte[] {(byte) (fc | 0x80), (byte) code});
    }

    /** Slave id + {@code pdu} + CRC, low byte first. */
    private byte[] reply(byte[] pdu) {
        byte[] out = new byte[pdu.length + 3];
        out[0] = (byte) slaveId;
        System.arraycopy(pdu, 0, out, 1, pdu.length);
        int crc = crc(out, 0, pdu.length + 1);
        out[pdu.length + 1] = (byte) crc;
        out[pdu.length + 2] = (byte) (crc >> 8);
        return out;
    }

    static int word(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | b[at + 1] & 0xFF;
    }

    /** CRC-16/MODBUS: polynomial 0xA001 (reflected 0x8005), initial value 0xFFFF; sent low byte first. */
    static int crc(byte[] data, int offset, int length) {
        int crc = 0xFFFF;
        for (int i = offset; i < offset + length; i++) {
            crc ^= data[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
            }
        }
        return crc;
    }
}
