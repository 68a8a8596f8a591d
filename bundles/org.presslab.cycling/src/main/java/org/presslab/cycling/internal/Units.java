package org.presslab.cycling.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Units in column names: {@code Current(mA)}, {@code Current (A)}, {@code current/mA}, {@code I [mA]},
 * {@code Charge_Capacity(Ah)}. Factors to SI (A, V, s, C).
 */
final class Units {

    private Units() {
    }

    private static final Pattern UNIT = Pattern.compile("^(.*?)\\s*(?:\\(([^()]*)\\)|\\[([^\\[\\]]*)]|/\\s*([^/]+))\\s*$");

    /** The name without its unit, lower-case, blanks and underscores dropped. */
    static String base(String name) {
        if (name.length() > 100) { // no column name is that long; spares the pattern a long backtrack
            return CsvTable.key(name);
        }
        Matcher m = UNIT.matcher(name.trim());
        String b = m.matches() ? m.group(1) : name;
        return b.replaceAll("[\\s_]", "").toLowerCase(Locale.ROOT);
    }

    /** The unit text of a column name, or "" if it names none. */
    static String unit(String name) {
        if (name.length() > 100) {
            return "";
        }
        Matcher m = UNIT.matcher(name.trim());
        if (!m.matches()) {
            return "";
        }
        for (int g = 2; g <= 4; g++) {
            if (m.group(g) != null) {
                return m.group(g).trim();
            }
        }
        return "";
    }

    /** Factor to amperes, or NaN when the unit is not a current. */
    static double current(String unit) {
        return switch (unit.replace('\u00b5', 'u').replace('\u03bc', 'u')) {
            case "A" -> 1;
            case "mA" -> 1e-3;
            case "uA" -> 1e-6;
            case "nA" -> 1e-9;
            default -> Double.NaN;
        };
    }

    /** Factor to volts, or NaN. */
    static double voltage(String unit) {
        return switch (unit) {
            case "V" -> 1;
            case "mV" -> 1e-3;
            default -> Double.NaN;
        };
    }

    /** Factor to seconds, or NaN. */
    static double time(String unit) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "s", "sec" -> 1;
            case "ms" -> 1e-3;
            case "min" -> 60;
            case "h", "hr" -> 3600;
            default -> Double.NaN;
        };
    }

    /** Factor to coulombs, or NaN. */
    static double charge(String unit) {
        return switch (unit.replace('\u00b5', 'u').replace('\u03bc', 'u').replace(".", "")) {
            case "Ah" -> 3600;
            case "mAh" -> 3.6;
            case "uAh" -> 3.6e-3;
            case "C", "As" -> 1;
            case "mC" -> 1e-3;
            default -> Double.NaN;
        };
    }
}
