package org.presslab.emulators;

/** The Modbus RTU CRC-16 (polynomial 0xA001 reflected, initial 0xFFFF), sent low byte first. */
public final class ModbusCrc {

    private ModbusCrc() {
    }

    public static int compute(byte[] data, int offset, int length) {
        int crc = 0xFFFF;
        for (int i = offset; i < offset + length; i++) {
            crc ^= data[i] & 0xFF;
            for (int b = 0; b < 8; b++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
            }
        }
        return crc;
    }

    /** True when the last two bytes of the frame are its CRC. */
    public static boolean check(byte[] frame, int length) {
        if (length < 3) {
            return false;
        }
        int crc = compute(frame, 0, length - 2);
        return (frame[length - 2] & 0xFF) == (crc & 0xFF) && (frame[length - 1] & 0xFF) == (crc >>> 8);
    }

    /** A copy of {@code pdu} with the CRC appended (low byte first). */
    public static byte[] frame(byte[] pdu) {
        byte[] f = java.util.Arrays.copyOf(pdu, pdu.length + 2);
        int crc = compute(pdu, 0, pdu.length);
        f[pdu.length] = (byte) crc;
        f[pdu.length + 1] = (byte) (crc >>> 8);
        return f;
    }
}
