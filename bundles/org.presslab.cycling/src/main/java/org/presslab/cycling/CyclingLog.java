package org.presslab.cycling;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A galvanostatic cycling log: one point per recorded row, in the file's order, in SI units. Current is
 * positive while the cell charges. Immutable and thread-safe.
 *
 * <ul>
 * <li>{@link #time(int)}: seconds on the file's own time axis (BioLogic {@code time/s}, Arbin
 * {@code Test_Time(s)}, Neware from {@code Realtime}); {@link #start()} is the wall-clock time of
 * {@code time = 0} when the file says (BioLogic "Acquisition started on", the first Neware {@code Realtime},
 * the first Arbin {@code Date_Time}), else null. Instrument files store local time without a zone: the
 * start is that local time read as UTC, and {@link #startText()} keeps the original text.</li>
 * <li>{@link #charge(int)}: net charge passed since the first point, coulombs (charging adds), from the
 * file's capacity columns when it has them, else integrated from the current (trapezoid rule).</li>
 * <li>{@link #capacity(int)}: charge passed since the start of the point's half cycle, coulombs, never
 * negative: what a voltage-capacity plot shows.</li>
 * <li>{@link #halfCycle(int)}, {@link #cycle(int)}: from the file when it has them, else a half cycle
 * starts where the current changes sign (rests excluded) and a cycle is two half cycles.</li>
 * <li>{@link #location(int)}: the line (text) or byte offset (binary) of the point in the file.</li>
 * </ul>
 */
public final class CyclingLog {

    private final String source;
    private final String format;
    private final String instrument;
    private final Instant start;
    private final String startText;
    private final Map<String, String> extra;
    private final double[] time;
    private final double[] current;
    private final double[] voltage;
    private final double[] charge;
    private final double[] capacity;
    private final int[] cycle;
    private final int[] halfCycle;
    private final long[] location;
    private final boolean chargeFromFile;

    private CyclingLog(Builder b) {
        int n = b.size;
        this.source = b.source;
        this.format = b.format;
        this.instrument = b.instrument;
        this.start = b.start;
        this.startText = b.startText;
        this.extra = Collections.unmodifiableMap(new LinkedHashMap<>(b.extra));
        this.time = Arrays.copyOf(b.time, n);
        this.current = Arrays.copyOf(b.current, n);
        this.voltage = Arrays.copyOf(b.voltage, n);
        this.location = Arrays.copyOf(b.location, n);
        double[] q = Arrays.copyOf(b.charge, n);
        boolean fromFile = false;
        for (double v : q) {
            if (!Double.isNaN(v)) {
                fromFile = true;
                break;
            }
        }
        if (!fromFile) {
            for (int i = 0; i < n; i++) {
                q[i] = i == 0 ? 0 : q[i - 1] + 0.5 * (current[i] + current[i - 1]) * (time[i] - time[i - 1]);
            }
        } else {
            double first = Double.NaN;
            double last = 0;
            for (int i = 0; i < n; i++) { // a row without a value keeps the last one; relative to the first value
                if (!Double.isNaN(q[i]) && Double.isNaN(first)) {
                    first = q[i];
                }
                q[i] = Double.isNaN(q[i]) ? last : q[i] - first;
                last = q[i];
            }
        }
        this.charge = q;
        this.chargeFromFile = fromFile;
        this.halfCycle = Arrays.copyOf(b.halfCycle, n);
        this.cycle = Arrays.copyOf(b.cycle, n);
        boolean hasHalf = false;
        boolean hasCycle = false;
        for (int i = 0; i < n; i++) {
            hasHalf |= halfCycle[i] >= 0;
            hasCycle |= cycle[i] >= 0;
        }
        if (!hasHalf) {
            deriveHalfCycles(current, halfCycle);
        }
        if (!hasCycle) {
            for (int i = 0; i < n; i++) {
                cycle[i] = halfCycle[i] / 2;
            }
        }
        this.capacity = new double[n];
        double base = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || halfCycle[i] != halfCycle[i - 1]) {
                base = i == 0 ? charge[0] : charge[i - 1];
            }
            capacity[i] = Math.abs(charge[i] - base);
        }
    }

    /** Half cycles where the sign of the current changes; |I| below 0.1 % of the largest is a rest. */
    private static void deriveHalfCycles(double[] current, int[] half) {
        double max = 0;
        for (double c : current) {
            max = Math.max(max, Math.abs(c));
        }
        double rest = max * 1e-3;
        int index = 0;
        int sign = 0;
        for (int i = 0; i < current.length; i++) {
            int s = Math.abs(current[i]) <= rest ? 0 : current[i] > 0 ? 1 : -1;
            if (s != 0) {
                if (sign != 0 && s != sign) {
                    index++;
                }
                sign = s;
            }
            half[i] = index;
        }
    }

    /** A builder; readers and tests add points in order. */
    public static Builder builder(String source, String format) {
        return new Builder(source, format);
    }

    /** The file name or stream description. */
    public String source() {
        return source;
    }

    /** The format name, e.g. "BioLogic .mpt (GCPL)". */
    public String format() {
        return format;
    }

    /** The instrument when the file says (model, serial), else the vendor or "". */
    public String instrument() {
        return instrument;
    }

    /** Wall-clock time of {@code time = 0} from the file's header or rows, or null when the file does not say. */
    public Instant start() {
        return start;
    }

    /** The start time as the file wrote it, or "". */
    public String startText() {
        return startText;
    }

    /** Other facts from the header (technique, channel, software, first data line...). */
    public Map<String, String> extra() {
        return extra;
    }

    /** Number of points. */
    public int size() {
        return time.length;
    }

    /** Seconds on the file's time axis. */
    public double time(int i) {
        return time[i];
    }

    /** Current in A, positive while charging. */
    public double current(int i) {
        return current[i];
    }

    /** Cell (working electrode) voltage in V. */
    public double voltage(int i) {
        return voltage[i];
    }

    /** Net charge passed since the first point, C. */
    public double charge(int i) {
        return charge[i];
    }

    /** Charge passed since the start of the point's half cycle, C, never negative. */
    public double capacity(int i) {
        return capacity[i];
    }

    /** True if the charge comes from the file's capacity columns, false if integrated from the current. */
    public boolean chargeFromFile() {
        return chargeFromFile;
    }

    /** Cycle number (as the file counts, else from 0). */
    public int cycle(int i) {
        return cycle[i];
    }

    /** Half cycle (as the file counts, else from 0). */
    public int halfCycle(int i) {
        return halfCycle[i];
    }

    /** Line (text formats) or byte offset (binary formats) of the point in the file. */
    public long location(int i) {
        return location[i];
    }

    /** The point's wall-clock time given the time of {@code time = 0}, in epoch nanoseconds. */
    public static long epochNanos(Instant zero, double timeS) {
        return zero.getEpochSecond() * 1_000_000_000L + zero.getNano() + Math.round(timeS * 1e9);
    }

    /** Every point's wall-clock time given the time of {@code time = 0}, epoch nanoseconds. */
    public long[] epochNanos(Instant zero) {
        Objects.requireNonNull(zero, "zero");
        long[] t = new long[time.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = epochNanos(zero, time[i]);
        }
        return t;
    }

    @Override
    public String toString() {
        return format + " " + source + ": " + size() + " points";
    }

    /** Collects points in file order. Not thread-safe. */
    public static final class Builder {
        private final String source;
        private final String format;
        private String instrument = "";
        private Instant start;
        private String startText = "";
        private final Map<String, String> extra = new LinkedHashMap<>();
        private int size;
        private double[] time = new double[64];
        private double[] current = new double[64];
        private double[] voltage = new double[64];
        private double[] charge = new double[64];
        private int[] cycle = new int[64];
        private int[] halfCycle = new int[64];
        private long[] location = new long[64];

        private Builder(String source, String format) {
            this.source = source == null ? "<stream>" : source;
            this.format = Objects.requireNonNull(format, "format");
        }

        public Builder instrument(String value) {
            this.instrument = value == null ? "" : value;
            return this;
        }

        /** The wall-clock time of {@code time = 0} and the text it was read from. */
        public Builder start(Instant value, String text) {
            this.start = value;
            this.startText = text == null ? "" : text;
            return this;
        }

        public Builder put(String key, String value) {
            extra.put(key, value);
            return this;
        }

        public int size() {
            return size;
        }

        /**
         * Adds a point. Time, current and voltage must be finite and time must not go backwards; {@code charge}
         * NaN when the row has none, {@code cycle} and {@code halfCycle} -1 when the file has none.
         *
         * @throws IllegalArgumentException naming the value; readers check first and report the line
         */
        public Builder add(double timeS, double currentA, double voltageV, double chargeC, int cycleNo, int half,
                long where) {
            if (!Double.isFinite(timeS) || !Double.isFinite(currentA) || !Double.isFinite(voltageV)
                    || Double.isInfinite(chargeC)) {
                throw new IllegalArgumentException("point " + (size + 1) + " of " + source + ": time " + timeS
                        + " s, current " + currentA + " A, voltage " + voltageV + " V, charge " + chargeC
                        + " C: every value must be finite");
            }
            if (size > 0 && timeS < time[size - 1]) {
                throw new IllegalArgumentException("point " + (size + 1) + " of " + source + ": time goes back from "
                        + time[size - 1] + " s to " + timeS + " s");
            }
            if (size == time.length) {
                int n = size * 2;
                time = Arrays.copyOf(time, n);
                current = Arrays.copyOf(current, n);
                voltage = Arrays.copyOf(voltage, n);
                charge = Arrays.copyOf(charge, n);
                cycle = Arrays.copyOf(cycle, n);
                halfCycle = Arrays.copyOf(halfCycle, n);
                location = Arrays.copyOf(location, n);
            }
            time[size] = timeS;
            current[size] = currentA;
            voltage[size] = voltageV;
            charge[size] = chargeC;
            cycle[size] = cycleNo;
            halfCycle[size] = half;
            location[size] = where;
            size++;
            return this;
        }

        /** The time of the last point added, or NaN. */
        public double lastTime() {
            return size == 0 ? Double.NaN : time[size - 1];
        }

        public CyclingLog build() {
            return new CyclingLog(this);
        }
    }
}
