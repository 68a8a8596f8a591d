package org.presslab.impedance.shell.internal;

import java.util.Locale;

/** Number formatting for impedance results: 4 significant digits, engineering-friendly. */
final class Eng {

    private Eng() {
    }

    static String g(double v) {
        if (!Double.isFinite(v)) {
            return Double.isNaN(v) ? "-" : (v > 0 ? "inf" : "-inf");
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e5) {
            return String.format(Locale.ROOT, "%.4g", v);
        }
        return String.format(Locale.ROOT, "%.3e", v);
    }

    static String pct(double fraction) {
        if (!Double.isFinite(fraction)) {
            return "-";
        }
        if (Math.abs(fraction) >= 10) {
            return (fraction < 0 ? "< -" : "> ") + "1000 %";
        }
        return String.format(Locale.ROOT, "%.2f %%", 100 * fraction);
    }

    /** "12.5" or "12.5C" (°C) to kelvin. */
    static double temperatureK(String text) {
        String t = text.trim();
        if (t.endsWith("C") || t.endsWith("c")) {
            return Double.parseDouble(t.substring(0, t.length() - 1)) + 273.15;
        }
        if (t.endsWith("K") || t.endsWith("k")) {
            t = t.substring(0, t.length() - 1);
        }
        return Double.parseDouble(t);
    }
}
