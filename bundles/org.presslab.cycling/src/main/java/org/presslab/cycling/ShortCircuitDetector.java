package org.presslab.cycling;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Flags a sudden voltage collapse during charge that no current step explains.
 *
 * <p>Only charging points are looked at (current above {@code restFraction} of the log's largest |I|): on
 * discharge the voltage falls by design. A charging segment ends where the current leaves
 * {@code ±currentTolerance} (relative) of its value at the segment's start, changes sign, or where two points
 * are more than {@code maxGapS} apart; a drop across a segment boundary is "explained by a current step" and
 * never flagged. Inside a segment, a point is flagged when the voltage is at least {@code softDropV} below the
 * highest voltage of the segment's points within the last {@code windowS} seconds (the previous point always
 * counts, so a log recorded more sparsely than the window still compares neighbours): {@link ShortCircuit.Kind#HARD}
 * when the drop is at least {@code hardDropV} and the voltage is below {@code hardFloorV} (near 0 V), else
 * {@link ShortCircuit.Kind#SOFT}. At most one soft and one hard flag per segment: the first point of each.
 * O(n) time (a monotonic queue for the window maximum). Thread-safe (stateless).
 */
public final class ShortCircuitDetector {

    /**
     * Thresholds. Defaults (README, "Short-circuit detection", for the reasons): soft drop 0.1 V, hard drop
     * 1.0 V to below 0.5 V, window 10 s, gap 300 s, current tolerance 5 %, rest below 1 % of the largest current.
     */
    public record Settings(double softDropV, double hardDropV, double hardFloorV, double windowS, double maxGapS,
            double currentTolerance, double restFraction) {

        public Settings {
            check("softDropV", softDropV, 1e-4, 10);
            check("hardDropV", hardDropV, 1e-4, 10);
            check("hardFloorV", hardFloorV, -1, 10);
            check("windowS", windowS, 1e-3, 86_400);
            check("maxGapS", maxGapS, 1e-3, 86_400 * 30d);
            check("currentTolerance", currentTolerance, 1e-6, 10);
            check("restFraction", restFraction, 0, 0.5);
            if (hardDropV < softDropV) {
                throw new IllegalArgumentException("short-circuit settings: hardDropV " + hardDropV
                        + " V is below softDropV " + softDropV + " V");
            }
        }

        private static void check(String key, double v, double min, double max) {
            if (!Double.isFinite(v) || v < min || v > max) {
                throw new IllegalArgumentException("short-circuit settings: " + key + " is " + v + ", must be a number in ["
                        + min + ", " + max + "]");
            }
        }

        public static Settings defaults() {
            return new Settings(0.1, 1.0, 0.5, 10, 300, 0.05, 0.01);
        }
    }

    private final Settings settings;

    public ShortCircuitDetector(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public ShortCircuitDetector() {
        this(Settings.defaults());
    }

    public Settings settings() {
        return settings;
    }

    /** The flags in time order; empty for a clean log. */
    public List<ShortCircuit> detect(CyclingLog log) {
        int n = log.size();
        List<ShortCircuit> out = new ArrayList<>();
        double max = 0;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, Math.abs(log.current(i)));
        }
        double rest = max * settings.restFraction();
        int[] queue = new int[Math.max(1, n)]; // indices, voltages decreasing from head to tail
        int head = 0;
        int tail = 0;
        boolean inSegment = false;
        double reference = 0;
        boolean soft = false;
        boolean hard = false;
        Instant zero = log.start();
        for (int i = 0; i < n; i++) {
            double current = log.current(i);
            double v = log.voltage(i);
            boolean charging = current > rest && current > 0;
            if (!charging) {
                inSegment = false;
                continue;
            }
            boolean step = !inSegment || Math.abs(current - reference) > settings.currentTolerance() * Math.abs(reference)
                    || log.time(i) - log.time(i - 1) > settings.maxGapS();
            if (step) {
                inSegment = true;
                reference = current;
                soft = false;
                hard = false;
                head = 0;
                tail = 0;
                queue[tail++] = i;
                continue;
            }
            double now = log.time(i);
            while (head < tail && queue[head] != i - 1 && now - log.time(queue[head]) > settings.windowS()) {
                head++;
            }
            if (head < tail) {
                double before = log.voltage(queue[head]);
                double drop = before - v;
                ShortCircuit.Kind kind = null;
                if (!hard && drop >= settings.hardDropV() && v <= settings.hardFloorV()) {
                    kind = ShortCircuit.Kind.HARD;
                    hard = true;
                    soft = true;
                } else if (!soft && !hard && drop >= settings.softDropV()) {
                    kind = ShortCircuit.Kind.SOFT;
                    soft = true;
                }
                if (kind != null) {
                    out.add(new ShortCircuit(kind, i, now, zero == null ? null
                            : Instant.ofEpochSecond(0, CyclingLog.epochNanos(zero, now)), before, v, current,
                            log.cycle(i), log.location(i), Double.NaN));
                }
            }
            while (tail > head && log.voltage(queue[tail - 1]) <= v) {
                tail--;
            }
            queue[tail++] = i;
        }
        return out;
    }
}
