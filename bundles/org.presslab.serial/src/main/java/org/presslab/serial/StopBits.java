package org.presslab.serial;

/** Stop bits of a serial frame. */
public enum StopBits {
    ONE("1", 1.0), ONE_POINT_FIVE("1.5", 1.5), TWO("2", 2.0);

    private final String label;
    private final double bits;

    StopBits(String label, double bits) {
        this.label = label;
        this.bits = bits;
    }

    public String label() {
        return label;
    }

    /** The number of stop bits, for timing. */
    public double bits() {
        return bits;
    }
}
