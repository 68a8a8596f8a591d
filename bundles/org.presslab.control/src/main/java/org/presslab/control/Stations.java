package org.presslab.control;

import java.nio.file.Path;
import java.util.Objects;

import org.presslab.control.internal.StationEngine;
import org.presslab.time.TimeSource;

/** Creates stations outside OSGi (the DS component builds the same engine from its configuration). */
public final class Stations {

    private Stations() {
    }

    /**
     * A station on {@code time} whose interlock latch lives in memory only.
     *
     * @throws IllegalArgumentException listing every invalid or missing setting of {@code spec}
     */
    public static StandaloneStation create(StationSpec spec, TimeSource time) {
        return create(spec, time, null);
    }

    /**
     * A station on {@code time} that keeps its interlock latch in {@code latchFolder}, so a trip survives a
     * restart (a station created on the same folder and id comes back latched).
     *
     * @param latchFolder a folder, or null to keep the latch in memory only
     * @throws IllegalArgumentException listing every invalid or missing setting of {@code spec}
     */
    public static StandaloneStation create(StationSpec spec, TimeSource time, Path latchFolder) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(time, "time");
        return new StationEngine(spec.settings(), time, latchFolder);
    }
}
