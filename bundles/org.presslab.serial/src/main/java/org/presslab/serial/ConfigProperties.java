package org.presslab.serial;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Typed reads of a serial device's configuration properties (a DS component's property map), with
 * errors that name where (the device), the key and the value.
 *
 * <p>Blank values count as absent and give the default; a {@code String[]} (as Configuration Admin
 * may deliver) gives its first element. {@link SerialSettings#fromConfig(ConfigProperties)} and
 * {@link PortSelector#fromConfig(ConfigProperties)} read the port keys with it; drivers use it for
 * their own keys so that every configuration error reads the same.
 */
public final class ConfigProperties {

    private final Map<String, ?> map;
    private final String where;

    /**
     * @param map the properties
     * @param where what is configured, the prefix of every error message, e.g. {@code Modbus device 'press-1'}
     */
    public ConfigProperties(Map<String, ?> map, String where) {
        this.map = Objects.requireNonNull(map, "map");
        this.where = Objects.requireNonNull(where, "where");
    }

    /** The trimmed text of {@code key}, or {@code def} when absent or blank. */
    public String string(String key, String def) {
        Object v = map.get(key);
        if (v == null) {
            return def;
        }
        String t = v instanceof String[] a ? (a.length == 0 ? "" : a[0].trim()) : v.toString().trim();
        return t.isEmpty() ? def : t;
    }

    /** The integer {@code key} (decimal, or hexadecimal with {@code 0x}), or {@code def} when absent or blank. */
    public int integer(String key, int def) {
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
            throw invalid(key, s, "an integer");
        }
    }

    /** The number {@code key}, or {@code def} when absent or blank. */
    public double number(String key, double def) {
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
            throw invalid(key, v.toString(), "a number");
        }
    }

    /** The constant of {@code type} named by {@code key} (case-insensitive, {@code -} for {@code _}), or {@code def}. */
    public <E extends Enum<E>> E enumValue(String key, Class<E> type, String def) {
        String s = string(key, def).toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(s)) {
                return e;
            }
        }
        throw invalid(key, string(key, def), "one of " + Arrays.toString(type.getEnumConstants()));
    }

    /** An error {@code <where>: '<key>' must be <expected>, was '<value>'}, for the caller to throw. */
    public IllegalArgumentException invalid(String key, String value, String expected) {
        return new IllegalArgumentException(where + ": '" + key + "' must be " + expected + ", was '" + value + "'");
    }

    /** What is configured, as given to the constructor. */
    public String where() {
        return where;
    }
}
