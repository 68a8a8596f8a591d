package org.presslab.cycling.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;

/**
 * Date-time columns of cycler exports (Neware {@code Realtime}, Arbin {@code Date_Time}): local wall-clock time
 * without a zone, read as if it were UTC (as every instrument time in Presslab; the text is kept). ISO order
 * (yyyy-MM-dd or yyyy/MM/dd) or US order (MM/dd/yyyy), optional fraction of a second.
 */
final class Dates {

    private Dates() {
    }

    private static final List<DateTimeFormatter> FORMATS = List.of(pattern("yyyy-MM-dd HH:mm:ss"),
            pattern("yyyy/MM/dd HH:mm:ss"), pattern("MM/dd/yyyy HH:mm:ss"), pattern("yyyy-MM-dd'T'HH:mm:ss"),
            pattern("MM/dd/yyyy HH:mm"), pattern("yyyy-MM-dd HH:mm"));

    private static DateTimeFormatter pattern(String p) {
        return new DateTimeFormatterBuilder().appendPattern(p).optionalStart()
                .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd().toFormatter(Locale.ROOT);
    }

    private static final ThreadLocal<int[]> LAST = ThreadLocal.withInitial(() -> new int[1]);

    /** The instant, or null when the text has none of the known layouts. */
    static Instant parse(String text) {
        String t = text.trim();
        if (t.length() > 40) {
            return null;
        }
        t = t.replaceAll("\\s+", " ");
        int first = LAST.get()[0]; // a file uses one layout: try the one that matched last first, no exception per row
        for (int k = 0; k < FORMATS.size(); k++) {
            int i = (first + k) % FORMATS.size();
            try {
                Instant v = LocalDateTime.parse(t, FORMATS.get(i)).toInstant(ZoneOffset.UTC);
                LAST.get()[0] = i;
                return v;
            } catch (DateTimeParseException e) {
                // next layout
            }
        }
        return null;
    }

    /**
     * A duration written {@code h:mm:ss(.fff)} (hours may exceed 24, as Neware writes step times), or plain
     * seconds; NaN when it is neither.
     */
    static double duration(String text) {
        String t = text.trim();
        if (t.isEmpty() || t.length() > 32) {
            return Double.NaN;
        }
        String[] parts = t.split(":", -1);
        if (parts.length == 1) {
            return plain(t);
        }
        if (parts.length > 3) {
            return Double.NaN;
        }
        double s = 0;
        for (int i = 0; i < parts.length; i++) {
            double v = plain(parts[i]);
            if (!(v >= 0) || (i > 0 && v >= 60)) {
                return Double.NaN;
            }
            s = s * 60 + v;
        }
        return s;
    }

    private static double plain(String p) {
        String s = p.trim().replace(',', '.');
        if (s.isEmpty() || !s.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.')) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
