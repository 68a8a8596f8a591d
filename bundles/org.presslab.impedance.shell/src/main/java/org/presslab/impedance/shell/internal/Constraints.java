package org.presslab.impedance.shell.internal;

import java.util.ArrayList;
import java.util.List;

import org.presslab.impedance.api.ParameterConstraint;

/** Parses {@code --fix R0=12.5}, {@code --start R1=100} and {@code --bound CPE1_1=0.5..1}. */
final class Constraints {

    private Constraints() {
    }

    static List<ParameterConstraint> parse(List<String> fix, List<String> start, List<String> bound) {
        List<ParameterConstraint> out = new ArrayList<>();
        for (String s : nullSafe(fix)) {
            String[] kv = split(s, "--fix");
            out.add(ParameterConstraint.fixed(kv[0], number(kv[1], s)));
        }
        for (String s : nullSafe(start)) {
            String[] kv = split(s, "--start");
            out.add(ParameterConstraint.start(kv[0], number(kv[1], s)));
        }
        for (String s : nullSafe(bound)) {
            String[] kv = split(s, "--bound");
            String[] lu = kv[1].split("\\.\\.", 2);
            if (lu.length != 2) {
                throw new IllegalArgumentException("--bound '" + s + "' must be NAME=LOW..HIGH, e.g. CPE1_1=0.5..1");
            }
            double lo = lu[0].isBlank() ? Double.NEGATIVE_INFINITY : number(lu[0], s);
            double hi = lu[1].isBlank() ? Double.POSITIVE_INFINITY : number(lu[1], s);
            out.add(ParameterConstraint.bounded(kv[0], lo, hi));
        }
        return out;
    }

    private static List<String> nullSafe(List<String> l) {
        return l == null ? List.of() : l;
    }

    private static String[] split(String s, String option) {
        int eq = s.indexOf('=');
        if (eq <= 0 || eq == s.length() - 1) {
            throw new IllegalArgumentException(option + " '" + s + "' must be NAME=VALUE, e.g. R0=12.5");
        }
        return new String[] {s.substring(0, eq).trim(), s.substring(eq + 1).trim()};
    }

    private static double number(String v, String whole) {
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + v + "' in '" + whole + "' is not a number");
        }
    }
}
