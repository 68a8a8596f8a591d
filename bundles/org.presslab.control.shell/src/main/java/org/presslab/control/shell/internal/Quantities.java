package org.presslab.control.shell.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and formats the quantities people type and read at the shell. Everything typed is
 * converted to SI once, here: pressures default to MPa, rates to MPa/s.
 */
public final class Quantities {

    private static final Pattern NUMBER_UNIT = Pattern.compile("\\s*([-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?)\\s*(.*?)\\s*");
    private static final double PSI = 6894.757293168361;

    private Quantities() {
    }

    /**
     * A pressure such as {@code 74}, {@code 74MPa}, {@code 740 bar}, {@code 500kPa} or {@code 2000psi}; a bare
     * number is MPa.
     *
     * @return pascals, never negative
     * @throws IllegalArgumentException naming the text and what is wrong
     */
    public static double parsePressure(String text) {
        Matcher m = match(text, "pressure");
        double value = Double.parseDouble(m.group(1));
        double pa = value * pressureFactor(m.group(2), text);
        if (pa < 0) {
            throw new IllegalArgumentException("pressure '" + text + "' must not be negative");
        }
        return pa;
    }

    /**
     * A rate such as {@code 2}, {@code 2MPa/s}, {@code 20 bar/s} or {@code 60MPa/min}; a bare number is MPa/s.
     *
     * @return Pa/s, always positive
     */
    public static double parseRate(String text) {
        Matcher m = match(text, "rate");
        double value = Double.parseDouble(m.group(1));
        String unit = m.group(2);
        double rate;
        if (unit.isEmpty()) {
            rate = value * 1e6;
        } else {
            int slash = unit.indexOf('/');
            if (slash < 0) {
                throw new IllegalArgumentException("rate '" + text + "' needs a time unit, e.g. MPa/s or MPa/min");
            }
            String time = unit.substring(slash + 1).trim().toLowerCase(Locale.ROOT);
            double secondsPerUnit = switch (time) {
                case "s", "sec" -> 1;
                case "min" -> 60;
                case "h" -> 3600;
                default -> throw new IllegalArgumentException("rate '" + text + "': unknown time unit '" + time + "' (use s, min or h)");
            };
            rate = value * pressureFactor(unit.substring(0, slash).trim(), text) / secondsPerUnit;
        }
        if (!(rate > 0)) {
            throw new IllegalArgumentException("rate '" + text + "' must be positive");
        }
        return rate;
    }

    private static Matcher match(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a " + what + " is required");
        }
        Matcher m = NUMBER_UNIT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(what + " '" + text + "' is not a number with an optional unit (e.g. 74 or 74MPa)");
        }
        return m;
    }

    private static double pressureFactor(String unit, String text) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "", "mpa" -> 1e6;
            case "kpa" -> 1e3;
            case "pa" -> 1;
            case "gpa" -> 1e9;
            case "bar" -> 1e5;
            case "psi" -> PSI;
            default -> throw new IllegalArgumentException("'" + text + "': unknown pressure unit '" + unit
                    + "' (use MPa, kPa, Pa, bar or psi)");
        };
    }

    /** Pascals as MPa with two decimals, "-" for NaN. */
    public static String mpa(double pa) {
        return Double.isFinite(pa) ? String.format(Locale.ROOT, "%.2f", pa / 1e6) : "-";
    }

    /** Pa/s as MPa/s with two decimals, "-" for NaN. */
    public static String mpaPerS(double paPerS) {
        return mpa(paPerS);
    }

    /** Newtons as kN with three decimals, "-" for NaN. */
    public static String kn(double n) {
        return Double.isFinite(n) ? String.format(Locale.ROOT, "%.3f", n / 1e3) : "-";
    }

    /** Kelvin as °C with one decimal, "-" for NaN. */
    public static String degC(double k) {
        return Double.isFinite(k) ? String.format(Locale.ROOT, "%.1f", k - 273.15) : "-";
    }

    /** A plain number with the given decimals, "-" for NaN. */
    public static String num(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "-";
    }

    /** A duration in seconds as "1 h 02 min", "3 min 10 s" or "12 s". */
    public static String duration(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "-";
        }
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return s + " s";
    }
}
