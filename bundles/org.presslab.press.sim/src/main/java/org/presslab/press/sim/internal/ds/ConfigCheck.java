package org.presslab.press.sim.internal.ds;

/** Checks of configuration values in edge units; messages name the PID and the key. */
final class ConfigCheck {

    private ConfigCheck() {
    }

    static String id(String pid, String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException(pid + ": presslab.driver.id is required (the stable id stations filter on)");
        }
        return id.trim();
    }

    static double positive(String pid, String key, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(pid + ": " + key + " must be finite and > 0, was " + v);
        }
        return v;
    }

    static double nonNegative(String pid, String key, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(pid + ": " + key + " must be finite and >= 0, was " + v);
        }
        return v;
    }
}
