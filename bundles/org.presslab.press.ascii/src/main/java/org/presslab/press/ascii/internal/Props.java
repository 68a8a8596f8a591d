package org.presslab.press.ascii.internal;

import java.util.Map;

/** Typed access to configuration properties, with errors that name the key and the value. */
final class Props {

    private final Map<String, ?> map;
    private final String where;

    Props(Map<String, ?> map, String where) {
        this.map = map;
        this.where = where;
    }

    String str(String key, String def) {
        Object v = map.get(key);
        if (v == null) {
            return def;
        }
        String t = v instanceof String[] a ? (a.length == 0 ? "" : a[0].trim()) : v.toString().trim();
        return t.isEmpty() ? def : t;
    }

    int integer(String key, int def) {
        Object v = map.get(key);
        if (v == null || v.toString().isBlank()) {
            return def;
        }
        if (v instanceof Number n) {
            return n.intValue();
        }
        String s = v.toString().trim();
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) {
                return Integer.parseInt(s.substring(2), 16);
            }
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw bad(key, s, "an integer");
        }
    }

    double number(String key, double def) {
        Object v = map.get(key);
        if (v == null || v.toString().isBlank()) {
            return def;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(v.toString().trim());
        } catch (NumberFormatException e) {
            throw bad(key, v.toString(), "a number");
        }
    }

    <E extends Enum<E>> E enumValue(String key, Class<E> type, String def) {
        String s = str(key, def).toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(s)) {
                return e;
            }
        }
        throw bad(key, str(key, def), "one of " + java.util.Arrays.toString(type.getEnumConstants()));
    }

    IllegalArgumentException bad(String key, String value, String expected) {
        return new IllegalArgumentException(where + ": '" + key + "' must be " + expected + ", was '" + value + "'");
    }

    String where() {
        return where;
    }
}
