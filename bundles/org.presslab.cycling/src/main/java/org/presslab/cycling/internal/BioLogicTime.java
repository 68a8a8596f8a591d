package org.presslab.cycling.internal;

import java.time.Duration;
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
 * EC-Lab times. "Acquisition started on : 12/04/2026 09:15:32.123" is local wall-clock time without a zone,
 * written MM/dd/yyyy (US order, as in the yadg test files and the impedance importer); it is read as if it
 * were UTC, like every instrument time in Presslab, and the text is kept. The .mpr LOG module holds the same
 * start as an OLE automation date (days since 1899-12-30).
 */
final class BioLogicTime {

    private BioLogicTime() {
    }

    private static final List<DateTimeFormatter> FORMATS = List.of(
            pattern("MM/dd/yyyy HH:mm:ss"), pattern("MM/dd/yyyy HH:mm"), pattern("yyyy-MM-dd HH:mm:ss"),
            pattern("dd.MM.yyyy HH:mm:ss"));

    private static DateTimeFormatter pattern(String p) {
        return new DateTimeFormatterBuilder().appendPattern(p)
                .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
                .toFormatter(Locale.ROOT);
    }

    /** The instant of an EC-Lab date text, or null when it has none of the known layouts. */
    static Instant parse(String text) {
        String t = text.trim().replaceAll("\\s+", " ");
        for (DateTimeFormatter f : FORMATS) {
            try {
                return LocalDateTime.parse(t, f).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                // next layout
            }
        }
        return null;
    }

    /** An OLE automation date within 2000..2099, else null. */
    static LocalDateTime ole(double days) {
        if (!(days > 36526 && days < 73051)) {
            return null;
        }
        return LocalDateTime.of(1899, 12, 30, 0, 0).plus(Duration.ofMillis(Math.round(days * 86_400_000d)));
    }
}
