package org.presslab.press.ascii.internal;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.presslab.press.api.Quality;

/**
 * Turns one line from a gauge into an SI value with a quality, by a configured pattern with the
 * named groups {@code value} (required), {@code unit} and {@code status} (optional). Status words
 * in the overload set (OL) give {@link Quality#OVERLOAD}, those in the unstable set (US) give
 * {@link Quality#UNSTABLE}. A value that is not a finite number (NaN, inf, Infinity, or one beyond the range
 * of a double) gives {@link Quality#FAULT}, never GOOD. Thread-confined.
 */
final class LineParser {

    /** What a line said. */
    record Parsed(double valueSi, Quality quality, boolean pressure, String status, String fault) {
        Parsed(double valueSi, Quality quality, boolean pressure, String status) {
            this(valueSi, quality, pressure, status, "");
        }
    }

    /** NaN and infinities as C, Java and gauge firmware print them: nan, NaN, inf, -Inf, Infinity, +INFINITY. */
    private static final Pattern NON_FINITE = Pattern.compile("[-+]?(nan|inf|infinity)", Pattern.CASE_INSENSITIVE);

    /** A line the pattern does not accept, with the reason. */
    static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;

        Rejected(String message) {
            super(message, null, false, false);
        }
    }

    private final Pattern pattern;
    private final boolean hasUnit;
    private final boolean hasStatus;
    private final GaugeUnit defaultUnit;
    private final double scale;
    private final Set<String> overload;
    private final Set<String> unstable;
    private final boolean expectPressure;

    LineParser(String regex, GaugeUnit defaultUnit, double scale, Set<String> overload, Set<String> unstable) {
        try {
            this.pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("'line.pattern' is not a valid regular expression: " + e.getDescription() + " in " + regex);
        }
        if (!regex.contains("(?<value>")) {
            throw new IllegalArgumentException("'line.pattern' needs a named group (?<value>...) for the number: " + regex);
        }
        this.hasUnit = regex.contains("(?<unit>");
        this.hasStatus = regex.contains("(?<status>");
        this.defaultUnit = defaultUnit;
        this.scale = scale;
        this.overload = upper(overload);
        this.unstable = upper(unstable);
        this.expectPressure = !defaultUnit.force;
    }

    private static Set<String> upper(Set<String> s) {
        return Set.copyOf(s.stream().map(x -> x.trim().toUpperCase(Locale.ROOT)).filter(x -> !x.isEmpty()).toList());
    }

    /** True when the gauge reports pressure (the default unit is a pressure unit). */
    boolean pressure() {
        return expectPressure;
    }

    Parsed parse(String line) throws Rejected {
        Matcher m = pattern.matcher(line);
        if (!m.matches()) {
            throw new Rejected("line does not match the pattern: '" + printable(line) + "'");
        }
        String status = hasStatus && m.group("status") != null ? m.group("status").trim().toUpperCase(Locale.ROOT) : "";
        Quality q = overload.contains(status) ? Quality.OVERLOAD : unstable.contains(status) ? Quality.UNSTABLE : Quality.GOOD;
        String v = m.group("value");
        if (v == null) {
            if (q == Quality.OVERLOAD) {
                return new Parsed(Double.NaN, q, expectPressure, status);
            }
            throw new Rejected("line has no number: '" + printable(line) + "'");
        }
        String number = v.replace(" ", "").replace(',', '.');
        double value;
        Matcher nf = NON_FINITE.matcher(number);
        if (nf.matches()) {
            // what a gauge or a firmware's printf writes for a failed ADC or a division by zero
            boolean negative = number.startsWith("-");
            value = nf.group(1).equalsIgnoreCase("nan") ? Double.NaN
                    : negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        } else {
            try {
                value = Double.parseDouble(number);
            } catch (NumberFormatException e) {
                throw new Rejected("'" + v + "' is not a number in '" + printable(line) + "'");
            }
        }
        GaugeUnit unit = defaultUnit;
        if (hasUnit && m.group("unit") != null && !m.group("unit").isBlank()) {
            String u = m.group("unit");
            unit = GaugeUnit.find(u).orElseThrow(() -> new Rejected("unknown unit '" + u + "' in '" + printable(line) + "'"));
            if (unit.force == expectPressure) {
                throw new Rejected("unit '" + u + "' is a " + (unit.force ? "force" : "pressure") + ", the gauge is configured for "
                        + (expectPressure ? "pressure" : "force") + " (default.unit " + defaultUnit + ")");
            }
        }
        double si = value * scale * unit.toSi;
        if (!Double.isFinite(si)) {
            // NaN, an infinity, or a number too large for a double: no measurement, whatever the status says
            return new Parsed(si, Quality.FAULT, expectPressure, status, "'" + v.trim() + "' in '" + printable(line)
                    + "' is not a finite number");
        }
        return new Parsed(si, q, expectPressure, status);
    }

    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c >= 0x20 && c < 0x7f) {
                b.append(c);
            } else {
                b.append(String.format("\\x%02X", (int) c));
            }
            if (b.length() > 60) {
                b.append("...");
                break;
            }
        }
        return b.toString();
    }
}
