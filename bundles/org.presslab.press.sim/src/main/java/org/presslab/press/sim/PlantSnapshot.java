package org.presslab.press.sim;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

import org.presslab.press.api.DeviceKind;

/**
 * The physical state of a simulated plant at one instant: what a real press keeps on its check valve,
 * its springs or in its vessel while no software talks to it. A device restored from it
 * ({@link SimulatedDevices#create(org.presslab.time.TimeSource, SimSpec, PlantSnapshot)}) starts in
 * that state, actuator in {@code HOLD}, after letting the physics run on for the time that passed
 * (creep relaxation, leakage, cycling, heater), at most {@link #MAX_AWAY}.
 *
 * <p>What is kept: the oil, fluid or spring state (and from it ram position, line pressure, force), the
 * cell stack (net charge, anode growth, plating, creep, voids, highest pressure seen, crack, short,
 * cycling progress), a lifted relief valve, the heater (temperature, setpoint, integral). What is not
 * kept: commands in flight and actuator output (the restored device holds), the manual operator's
 * instruction (withdrawn, as on close), sensor and link faults (a new driver has a new link), the
 * sample sequence and noise stream (they restart with the new device).
 *
 * <p>Serialised form ({@link #toProperties()}, {@link #toMap()}): string keys {@code format},
 * {@code formatVersion}, {@code kind}, {@code id}, {@code takenAt} (ISO-8601), then
 * {@code geometry.*} (what the state means: cell diameter, ram area, stroke, stiffnesses, preload,
 * volumes; a device with other values refuses the snapshot), {@code state.*} (the state variables,
 * SI, exact decimal doubles) and {@code plant.*} (informative, e.g. {@code plant.cellPressurePa}).
 * Immutable and thread-safe.
 */
public final class PlantSnapshot {

    /** The value of the {@code format} key. */
    public static final String FORMAT = "presslab-sim-plant";

    /** The format version this simulator writes and reads. */
    public static final int FORMAT_VERSION = 1;

    /** The longest time away the physics is run on for when restoring; longer absences count as this. */
    public static final Duration MAX_AWAY = Duration.ofHours(1);

    /** Key prefix of the values that must match the restoring device's spec. */
    public static final String GEOMETRY = "geometry.";

    /** Key prefix of the state variables. */
    public static final String STATE = "state.";

    /** Key prefix of informative values (not read back). */
    public static final String PLANT = "plant.";

    private static final String K_FORMAT = "format";
    private static final String K_VERSION = "formatVersion";
    private static final String K_KIND = "kind";
    private static final String K_ID = "id";
    private static final String K_TAKEN = "takenAt";

    private final DeviceKind kind;
    private final String id;
    private final Instant takenAt;
    private final Map<String, String> values;

    /**
     * @param values {@code geometry.*}, {@code state.*} and {@code plant.*} entries
     * @throws IllegalArgumentException for a blank id or a key outside those prefixes
     */
    public PlantSnapshot(DeviceKind kind, String id, Instant takenAt, Map<String, String> values) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.id = Objects.requireNonNull(id, "id");
        this.takenAt = Objects.requireNonNull(takenAt, "takenAt");
        if (id.isBlank()) {
            throw new IllegalArgumentException("plant snapshot: id must not be blank");
        }
        TreeMap<String, String> copy = new TreeMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            String k = Objects.requireNonNull(e.getKey(), "key");
            if (!k.startsWith(GEOMETRY) && !k.startsWith(STATE) && !k.startsWith(PLANT)) {
                throw new IllegalArgumentException("plant snapshot of '" + id + "': key '" + k
                        + "' is neither " + GEOMETRY + "*, " + STATE + "* nor " + PLANT + "*");
            }
            copy.put(k, Objects.requireNonNull(e.getValue(), () -> "value of " + k));
        }
        this.values = Collections.unmodifiableMap(copy);
    }

    public DeviceKind kind() {
        return kind;
    }

    public String id() {
        return id;
    }

    /** When it was taken, on the device's {@link org.presslab.time.TimeSource#now()} clock. */
    public Instant takenAt() {
        return takenAt;
    }

    /** The {@code geometry.*}, {@code state.*} and {@code plant.*} entries, sorted, unmodifiable. */
    public Map<String, String> values() {
        return values;
    }

    /** The true pressure on the cell when taken, Pa ({@code plant.cellPressurePa}); NaN when absent. */
    public double cellPressurePa() {
        String v = values.get(PLANT + "cellPressurePa");
        if (v == null) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Every entry as strings, including the header keys; sorted. */
    public Map<String, String> toMap() {
        TreeMap<String, String> m = new TreeMap<>(values);
        m.put(K_FORMAT, FORMAT);
        m.put(K_VERSION, Integer.toString(FORMAT_VERSION));
        m.put(K_KIND, kind.name());
        m.put(K_ID, id);
        m.put(K_TAKEN, takenAt.toString());
        return m;
    }

    public Properties toProperties() {
        Properties p = new Properties();
        p.putAll(toMap());
        return p;
    }

    /** Reads {@link #toProperties()}'s form. @throws IllegalArgumentException naming what is wrong */
    public static PlantSnapshot fromProperties(Properties properties) {
        Map<String, String> m = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            m.put(name, properties.getProperty(name));
        }
        return fromMap(m);
    }

    /** Reads {@link #toMap()}'s form. @throws IllegalArgumentException naming what is wrong */
    public static PlantSnapshot fromMap(Map<String, String> map) {
        Objects.requireNonNull(map, "map");
        String format = map.get(K_FORMAT);
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("not a plant snapshot: " + K_FORMAT + " is " + quoted(format)
                    + ", expected '" + FORMAT + "'");
        }
        String version = map.get(K_VERSION);
        if (!Integer.toString(FORMAT_VERSION).equals(version == null ? null : version.trim())) {
            throw new IllegalArgumentException("plant snapshot " + K_VERSION + " " + quoted(version)
                    + " not supported; this simulator reads version " + FORMAT_VERSION);
        }
        String kindName = map.get(K_KIND);
        DeviceKind kind;
        try {
            kind = DeviceKind.valueOf(kindName == null ? "" : kindName.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("plant snapshot: " + K_KIND + " " + quoted(kindName)
                    + " is not a device kind", e);
        }
        String id = map.get(K_ID);
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("plant snapshot: " + K_ID + " missing or blank");
        }
        String taken = map.get(K_TAKEN);
        Instant takenAt;
        try {
            takenAt = Instant.parse(taken == null ? "" : taken.trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("plant snapshot of '" + id + "': " + K_TAKEN + " " + quoted(taken)
                    + " is not an ISO-8601 instant", e);
        }
        TreeMap<String, String> values = new TreeMap<>();
        for (Map.Entry<String, String> e : map.entrySet()) {
            String k = e.getKey();
            if (k.startsWith(GEOMETRY) || k.startsWith(STATE) || k.startsWith(PLANT)) {
                values.put(k, e.getValue());
            } else if (!k.equals(K_FORMAT) && !k.equals(K_VERSION) && !k.equals(K_KIND) && !k.equals(K_ID)
                    && !k.equals(K_TAKEN)) {
                throw new IllegalArgumentException("plant snapshot of '" + id + "': unknown key '" + k + "'");
            }
        }
        return new PlantSnapshot(kind, id, takenAt, values);
    }

    private static String quoted(String s) {
        return s == null ? "(missing)" : "'" + s + "'";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PlantSnapshot s && kind == s.kind && id.equals(s.id) && takenAt.equals(s.takenAt)
                && values.equals(s.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, id, takenAt, values);
    }

    @Override
    public String toString() {
        return "PlantSnapshot[" + kind + " '" + id + "' at " + takenAt + ", "
                + String.format(java.util.Locale.ROOT, "%.2f MPa", cellPressurePa() / 1e6) + "]";
    }
}
