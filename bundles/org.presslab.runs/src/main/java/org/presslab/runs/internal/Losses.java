package org.presslab.runs.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.presslab.runs.api.Gap;
import org.presslab.runs.internal.Rows.GapRow;

/**
 * Counts rows that could not be kept (queue full, spool failed) per station, run and cause, and turns each
 * stretch of losses into one gap row once it has been quiet for a second. Station-measured spectra are counted
 * apart from other rows, so their gap says that spectra were lost. Thread-safe: the recorder's threads and the
 * writer call it.
 */
final class Losses {

    private static final long QUIET_US = 1_000_000;

    private record Key(String st, UUID run, Gap.Cause cause, boolean spectra) {
    }

    private static final class Window {
        long firstUs;
        long lastUs;
        long count;
        long seenNanos; // when the last loss was counted (the quiet second is real time, not sample time)
    }

    private final Map<Key, Window> open = new HashMap<>();
    private final AtomicLong total = new AtomicLong();

    /** Records {@code count} rows of a station lost at {@code tUs}. */
    void lost(String st, UUID run, Gap.Cause cause, long tUs, long count) {
        count(new Key(Objects.requireNonNullElse(st, ""), run, cause, false), tUs, count);
    }

    /** Records {@code count} station-measured spectra of a station lost (measured at {@code tUs}). */
    void lostSpectra(String st, UUID run, Gap.Cause cause, long tUs, long count) {
        count(new Key(Objects.requireNonNullElse(st, ""), run, cause, true), tUs, count);
    }

    private synchronized void count(Key key, long tUs, long count) {
        Window w = open.computeIfAbsent(key, k -> {
            Window x = new Window();
            x.firstUs = tUs;
            x.lastUs = tUs;
            return x;
        });
        w.firstUs = Math.min(w.firstUs, tUs);
        w.lastUs = Math.max(w.lastUs, tUs);
        w.count += count;
        w.seenNanos = System.nanoTime();
        total.addAndGet(count);
    }

    /** Rows lost since the store started. */
    long total() {
        return total.get();
    }

    /** Gap rows for the stretches quiet since a second before {@code nowUs} (all of them when {@code all}). */
    synchronized List<GapRow> closed(long nowUs, boolean all) {
        List<GapRow> out = new ArrayList<>();
        for (Iterator<Map.Entry<Key, Window>> it = open.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Key, Window> e = it.next();
            Window w = e.getValue();
            if (all || System.nanoTime() - w.seenNanos > QUIET_US * 1000) {
                Key k = e.getKey();
                String what = k.spectra() ? w.count + " station-measured spectra lost: " + describeSpectra(k.cause())
                        : w.count + " rows lost: " + describe(k.cause());
                out.add(new GapRow(RunIds.next(), k.st(), k.run(), w.firstUs, w.lastUs, k.cause().name(), w.count, what));
                it.remove();
            }
        }
        return out;
    }

    static String describe(Gap.Cause c) {
        return switch (c) {
            case QUEUE_OVERFLOW -> "the recorder's queue was full (the database and the spool could not keep up)";
            case SPOOL_FAILED -> "the database was down and the spool file could not be written";
            case SPOOL_CORRUPT -> "a damaged spool record could not be read back";
            case LISTENER_DROPPED -> "the control core dropped samples for slow consumers";
            case DRIVER_LOST -> "no driver";
            case INTERRUPTED -> "Presslab stopped";
        };
    }

    static String describeSpectra(Gap.Cause c) {
        return c == Gap.Cause.QUEUE_OVERFLOW
                ? "more spectra were waiting for the database than the store holds in memory (spectra.queueMax), or its queue was full"
                : describe(c);
    }
}
