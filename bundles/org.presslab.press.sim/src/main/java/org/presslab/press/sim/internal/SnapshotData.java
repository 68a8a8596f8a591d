package org.presslab.press.sim.internal;

import java.util.Map;
import java.util.TreeMap;

import org.presslab.press.sim.PlantSnapshot;

/**
 * The key/value body of a {@link PlantSnapshot} while a device writes or reads it: doubles as exact
 * decimal strings ({@link Double#toString} round-trips), every read failure names the device and the key.
 */
final class SnapshotData {

    /** Relative tolerance when comparing geometry values (they pass through decimal text and unit conversions). */
    private static final double GEOMETRY_TOLERANCE = 1e-9;

    private final String deviceId;
    private final Map<String, String> values;

    private SnapshotData(String deviceId, Map<String, String> values) {
        this.deviceId = deviceId;
        this.values = values;
    }

    static SnapshotData writing(String deviceId) {
        return new SnapshotData(deviceId, new TreeMap<>());
    }

    static SnapshotData reading(PlantSnapshot snapshot) {
        return new SnapshotData(snapshot.id(), snapshot.values());
    }

    Map<String, String> values() {
        return values;
    }

    void put(String key, double value) {
        values.put(key, Double.toString(value));
    }

    void put(String key, boolean value) {
        values.put(key, Boolean.toString(value));
    }

    void put(String key, long value) {
        values.put(key, Long.toString(value));
    }

    private String raw(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("plant snapshot of '" + deviceId + "': " + key + " missing");
        }
        return v.trim();
    }

    /** A double that may not be NaN (infinities are allowed only where {@code finite} is false). */
    double number(String key, boolean finite) {
        String v = raw(key);
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("plant snapshot of '" + deviceId + "': " + key + " '" + v
                    + "' is not a number", e);
        }
        if (Double.isNaN(d) || (finite && Double.isInfinite(d))) {
            throw new IllegalArgumentException("plant snapshot of '" + deviceId + "': " + key + " must be finite, was "
                    + v);
        }
        return d;
    }

    double number(String key) {
        return number(key, true);
    }

    /** A finite double {@code >= 0}. */
    double nonNegative(String key) {
        double d = number(key);
        if (d < 0) {
            throw new IllegalArgumentException("plant snapshot of '" + deviceId + "': " + key + " must be >= 0, was " + d);
        }
        return d;
    }

    boolean flag(String key) {
        String v = raw(key);
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException("plant snapshot of '" + deviceId + "': " + key + " '" + v
                + "' is neither true nor false");
    }

    int integer(String key) {
        String v = raw(key);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("plant snapshot of '" + deviceId + "': " + key + " '" + v
                    + "' is not an integer", e);
        }
    }

    /**
     * Refuses a snapshot whose {@code geometry.*} entries differ from {@code device}'s (written by the
     * restoring device): a missing, extra or different value is named with both values.
     */
    void checkGeometry(SnapshotData device) {
        for (Map.Entry<String, String> e : device.values.entrySet()) {
            String key = e.getKey();
            String mine = e.getValue();
            String theirs = values.get(key);
            if (theirs == null) {
                throw new IllegalArgumentException("plant snapshot of '" + deviceId + "' lacks " + key
                        + " (the device has " + mine + ")");
            }
            if (!sameValue(mine, theirs.trim())) {
                throw new IllegalArgumentException("plant snapshot of '" + deviceId + "' was taken with " + key + "="
                        + theirs + " but the device has " + mine + ": another geometry, not restored");
            }
        }
        for (String key : values.keySet()) {
            if (key.startsWith(PlantSnapshot.GEOMETRY) && !device.values.containsKey(key)) {
                throw new IllegalArgumentException("plant snapshot of '" + deviceId + "' has " + key
                        + ", which this device does not have: another geometry, not restored");
            }
        }
    }

    private static boolean sameValue(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        try {
            double x = Double.parseDouble(a);
            double y = Double.parseDouble(b);
            return x == y || Math.abs(x - y) <= GEOMETRY_TOLERANCE * Math.max(Math.abs(x), Math.abs(y));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
