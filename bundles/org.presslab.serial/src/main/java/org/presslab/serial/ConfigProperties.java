package org.presslab.serial;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.osgi.util.converter.Converter;
import org.osgi.util.converter.Converters;

/**
 * Typed reads of a serial device's configuration properties (a DS component's property map), with
 * errors that name where (the device), the key and the value.
 *
 * <p>Blank values count as absent and give the default; a {@code String[]} (as Configuration Admin
 * may deliver) gives its first element. A driver reads its whole configuration with {@link #typed(Class)}
 * as its metatype annotation, whose element defaults are then the only defaults; it checks the values
 * and reports a bad one with {@link #invalid}, so that every configuration error reads the same.
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
        return constant(key, type, string(key, def));
    }

    /**
     * The constant of {@code type} named {@code value} (case-insensitive, {@code -} for {@code _}), for a value
     * already read from {@code key}; an error names the key and the constants.
     *
     * @since 1.1
     */
    public <E extends Enum<E>> E constant(String key, Class<E> type, String value) {
        String s = value.trim().replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(s)) {
                return e;
            }
        }
        throw invalid(key, value, "one of " + Arrays.toString(type.getEnumConstants()));
    }

    /**
     * These properties as the component property type {@code type}: a driver's metatype annotation, whose
     * element defaults are the configuration's defaults. The OSGi Converter does the conversion and finds each
     * element's key by the rules of Declarative Services' component property types ({@code force_address()}
     * reads {@code force.address}, {@code __} stands for {@code _}, {@code $_$} for {@code -}).
     *
     * <p>Values are first read as everywhere in this class: a blank value (or an empty array) counts as absent
     * and gives the element's default, text is trimmed, a {@code String[]} or collection gives its first
     * element (unless the element is an array), an integer may be hexadecimal ({@code 0x0200}) and an enum
     * constant may be written in any case and with {@code -} for {@code _}. Then every element is converted
     * once, here: a value the converter cannot convert ({@code baudRate=fast}) and an absent element without a
     * default fail now with an {@link IllegalArgumentException} that names {@link #where()} and the key, and the
     * instance returned never throws.
     *
     * @param type an annotation type (the {@code @ObjectClassDefinition} of the configuration)
     * @throws IllegalArgumentException naming the first key whose value cannot be converted
     * @since 1.1
     */
    public <A> A typed(Class<A> type) {
        if (!type.isAnnotation()) {
            throw new IllegalArgumentException(type + " is not an annotation type (a component property type)");
        }
        Method[] elements = type.getDeclaredMethods();
        Arrays.sort(elements, Comparator.comparing(Method::getName)); // the same first error every time
        Map<String, Object> read = new HashMap<>();
        Map<String, Object> values = new HashMap<>();
        for (Method m : elements) {
            String key = propertyName(m.getName());
            Object v = m.getReturnType().isArray() ? map.get(key) : scalar(map.get(key));
            if (v == null && m.getDefaultValue() == null) {
                throw new IllegalArgumentException(where + ": '" + key + "' is required");
            }
            if (v != null) {
                read.put(key, v);
                values.put(key, readable(key, v, m.getReturnType()));
            }
        }
        A typed = CONVERTER.convert(values).to(type);
        for (Method m : elements) {
            try {
                m.setAccessible(true);
                m.invoke(typed);
            } catch (InvocationTargetException e) {
                String key = propertyName(m.getName());
                throw invalid(key, String.valueOf(read.get(key)), expected(m.getReturnType()));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read " + m, e);
            }
        }
        return typed;
    }

    private static final Converter CONVERTER = Converters.standardConverter();

    /** A single trimmed value, or null for absent, blank or empty. */
    private static Object scalar(Object v) {
        if (v instanceof Object[] a) {
            v = a.length == 0 ? null : a[0];
        } else if (v instanceof Collection<?> c) {
            v = c.isEmpty() ? null : c.iterator().next();
        }
        if (v instanceof String s) {
            v = s.isBlank() ? null : s.trim();
        }
        return v;
    }

    /** What the converter takes for what this class reads: hexadecimal integers, enum constants with {@code -}. */
    private Object readable(String key, Object v, Class<?> type) {
        if (v instanceof String s && isIntegral(type) && (s.startsWith("0x") || s.startsWith("0X"))) {
            try {
                return type == long.class || type == Long.class ? Long.parseLong(s.substring(2), 16) : Integer.parseInt(s.substring(2), 16);
            } catch (NumberFormatException e) {
                throw invalid(key, s, expected(type));
            }
        }
        if (type.isEnum()) {
            if (!(v instanceof String || v instanceof Enum<?>)) {
                // the converter would take a number as the constant's ordinal
                throw invalid(key, String.valueOf(v), expected(type));
            }
            return v instanceof String s ? s.replace('-', '_') : v;
        }
        return v;
    }

    private static boolean isIntegral(Class<?> t) {
        return t == int.class || t == long.class || t == short.class || t == byte.class
                || t == Integer.class || t == Long.class || t == Short.class || t == Byte.class;
    }

    private static String expected(Class<?> t) {
        if (isIntegral(t)) {
            return "an integer";
        }
        if (t == double.class || t == float.class || t == Double.class || t == Float.class) {
            return "a number";
        }
        if (t == boolean.class || t == Boolean.class) {
            return "true or false";
        }
        if (t.isEnum()) {
            return "one of " + Arrays.toString(t.getEnumConstants());
        }
        return "a " + t.getSimpleName();
    }

    /**
     * The property key of a component property type's element, by the Declarative Services rules: {@code $$}
     * is {@code $}, {@code $_$} is {@code -}, another {@code $} is dropped, {@code __} is {@code _} and
     * {@code _} is {@code .}.
     */
    static String propertyName(String element) {
        StringBuilder b = new StringBuilder(element.length());
        for (int i = 0; i < element.length(); i++) {
            char c = element.charAt(i);
            if (c == '$') {
                if (element.startsWith("$$", i)) {
                    b.append('$');
                    i++;
                } else if (element.startsWith("$_$", i)) {
                    b.append('-');
                    i += 2;
                }
            } else if (c == '_') {
                if (element.startsWith("__", i)) {
                    b.append('_');
                    i++;
                } else {
                    b.append('.');
                }
            } else {
                b.append(c);
            }
        }
        return b.toString();
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
