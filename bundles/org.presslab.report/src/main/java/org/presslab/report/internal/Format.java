package org.presslab.report.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.Locale;

/** Numbers for people: significant digits, SI values shown in edge units, never "NaN" without words. */
public final class Format {

    private Format() {
    }

    /** {@code x} to {@code digits} significant digits, plain notation between 1e-4 and 1e7. */
    public static String sig(double x, int digits) {
        if (Double.isNaN(x)) {
            return "n/a";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "∞" : "−∞";
        }
        if (x == 0) {
            return "0";
        }
        double a = Math.abs(x);
        if (a >= 1e-4 && a < 1e7) {
            return new BigDecimal(x).round(new MathContext(digits)).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%." + (digits - 1) + "e", x);
    }

    /** A fixed number of decimals ({@code n/a} for NaN). */
    public static String fixed(double x, int decimals) {
        if (!Double.isFinite(x)) {
            return sig(x, 3);
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", x);
    }

    /** Pascals as MPa with {@code decimals}. */
    public static String mpa(double pa, int decimals) {
        return Double.isFinite(pa) ? fixed(pa / 1e6, decimals) + " MPa" : "n/a";
    }

    /** Kelvin as °C. */
    public static String celsius(double k) {
        return Double.isFinite(k) ? fixed(k - 273.15, 1) + " °C" : "n/a";
    }

    /** A duration as h:mm:ss (or d h:mm:ss). */
    public static String duration(Duration d) {
        if (d == null) {
            return "n/a";
        }
        long s = d.getSeconds();
        String sign = s < 0 ? "−" : "";
        s = Math.abs(s);
        long days = s / 86_400;
        String hms = String.format(Locale.ROOT, "%d:%02d:%02d", (s % 86_400) / 3600, (s % 3600) / 60, s % 60);
        return sign + (days > 0 ? days + " d " + hms : hms);
    }

    /** Seconds as a duration. */
    public static String seconds(double s) {
        if (!Double.isFinite(s)) {
            return "n/a";
        }
        if (s < 60) {
            return fixed(s, s < 10 ? 2 : 1) + " s";
        }
        return duration(Duration.ofMillis(Math.round(s * 1000)));
    }
}
