package org.presslab.press.modbus.internal;

import java.util.Locale;

/**
 * One quantity in the register map: where it is, how it is encoded, and its unit.
 * SI value = (raw × scale + offset) × unit factor.
 *
 * @param table HOLDING or INPUT
 * @param address wire address (0-based, after the address base was applied)
 * @param type the encoding
 * @param lowWordFirst for 32-bit types: the register at {@code address} holds the low word
 * @param scale device units per count
 * @param offset device units added after scaling
 * @param unit the device unit, or null for a dimensionless value (raw output)
 */
record RegisterValue(Table table, int address, DataType type, boolean lowWordFirst, double scale, double offset, Unit unit) {

    // public: the OSGi Converter turns configuration values into these (ModbusConfig)
    public enum Table { HOLDING, INPUT }

    public enum WordOrder { HIGH_FIRST, LOW_FIRST }

    public enum DataType {
        INT16(1), UINT16(1), INT32(2), UINT32(2), FLOAT32(2);

        final int registers;

        DataType(int registers) {
            this.registers = registers;
        }
    }

    RegisterValue {
        if (address < 0 || address + type.registers > 65536) {
            throw new IllegalArgumentException("register address " + address + " is outside 0..65535");
        }
        if (!Double.isFinite(scale) || scale == 0) {
            throw new IllegalArgumentException("scale must be finite and not 0, was " + scale);
        }
        if (!Double.isFinite(offset)) {
            throw new IllegalArgumentException("offset must be finite, was " + offset);
        }
    }

    int count() {
        return type.registers;
    }

    private double factor() {
        return unit == null ? 1 : unit.toSi;
    }

    /** Decodes from the registers {@code regs[at..]} (each 0..65535). */
    double decode(int[] regs, int at) {
        double raw;
        switch (type) {
            case INT16 -> raw = (short) regs[at];
            case UINT16 -> raw = regs[at] & 0xFFFF;
            default -> {
                int hi = lowWordFirst ? regs[at + 1] : regs[at];
                int lo = lowWordFirst ? regs[at] : regs[at + 1];
                int bits = ((hi & 0xFFFF) << 16) | (lo & 0xFFFF);
                raw = switch (type) {
                    case INT32 -> bits;
                    case UINT32 -> bits & 0xFFFFFFFFL;
                    default -> Float.intBitsToFloat(bits);
                };
            }
        }
        return (raw * scale + offset) * factor();
    }

    /**
     * Encodes an SI value into register words.
     *
     * @throws IllegalArgumentException when it does not fit the type
     */
    int[] encode(double si) {
        if (!Double.isFinite(si)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s is not a finite value for %s at register %d", si, type, address));
        }
        double raw = (si / factor() - offset) / scale;
        switch (type) {
            case INT16, UINT16 -> {
                long v = Math.round(raw);
                long min = type == DataType.INT16 ? Short.MIN_VALUE : 0;
                long max = type == DataType.INT16 ? Short.MAX_VALUE : 0xFFFF;
                if (v < min || v > max) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT, "%s does not fit %s at register %d (%d counts)", describe(si), type, address, v));
                }
                return new int[] {(int) v & 0xFFFF};
            }
            default -> {
                int bits;
                if (type == DataType.FLOAT32) {
                    if (!(Math.abs(raw) <= Float.MAX_VALUE)) {
                        throw new IllegalArgumentException(String.format(Locale.ROOT, "%s does not fit %s at register %d", describe(si), type, address));
                    }
                    bits = Float.floatToIntBits((float) raw);
                } else {
                    long v = Math.round(raw);
                    long min = type == DataType.INT32 ? Integer.MIN_VALUE : 0;
                    long max = type == DataType.INT32 ? Integer.MAX_VALUE : 0xFFFFFFFFL;
                    if (v < min || v > max) {
                        throw new IllegalArgumentException(String.format(Locale.ROOT, "%s does not fit %s at register %d", describe(si), type, address));
                    }
                    bits = (int) v;
                }
                int hi = (bits >>> 16) & 0xFFFF;
                int lo = bits & 0xFFFF;
                return lowWordFirst ? new int[] {lo, hi} : new int[] {hi, lo};
            }
        }
    }

    private String describe(double si) {
        return unit == null ? String.valueOf(si) : String.format(Locale.ROOT, "%.6g %s", si / unit.toSi, unit);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s register %d %s%s", table == Table.HOLDING ? "holding" : "input", address, type,
                type.registers == 2 ? (lowWordFirst ? " low word first" : " high word first") : "");
    }
}
