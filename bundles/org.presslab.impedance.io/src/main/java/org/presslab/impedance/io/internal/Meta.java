package org.presslab.impedance.io.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.presslab.impedance.api.SpectrumMetadata;

/**
 * Builds {@link SpectrumMetadata}. Instrument files store local wall-clock time without a zone;
 * it is kept as if it were UTC (documented in the README), and the original text goes into
 * {@code extra.measuredAtLocal}.
 */
final class Meta {

    String source;
    String format;
    String instrument;
    Instant measuredAt;
    double temperatureK = Double.NaN;
    final Map<String, String> extra = new LinkedHashMap<>();

    Meta(String source, String format) {
        this.source = source;
        this.format = format;
    }

    Meta put(String key, String value) {
        if (value != null && !value.isBlank()) {
            extra.put(key, value.trim());
        }
        return this;
    }

    void localTime(LocalDateTime t, String original) {
        if (t != null) {
            measuredAt = t.toInstant(ZoneOffset.UTC);
            put("measuredAtLocal", original);
        }
    }

    /** Temperature in degrees Celsius from the file; ignores obviously unset values. */
    void celsius(double c) {
        if (Double.isFinite(c) && c > -273.15 && c < 2000) {
            temperatureK = c + 273.15;
        }
    }

    SpectrumMetadata build() {
        return new SpectrumMetadata(source, instrument, format, measuredAt, temperatureK, Double.NaN, Double.NaN,
                Double.NaN, extra);
    }

    /** Parses a date and a time with the first of the patterns that fits, or returns null. */
    static LocalDateTime parse(String date, String time, String... datePatterns) {
        if (date == null) {
            return null;
        }
        LocalTime t = LocalTime.MIDNIGHT;
        if (time != null && !time.isBlank()) {
            t = parseTime(time.trim());
            if (t == null) {
                return null;
            }
        }
        for (String p : datePatterns) {
            try {
                return LocalDate.parse(date.trim(), DateTimeFormatter.ofPattern(p, java.util.Locale.ENGLISH)).atTime(t);
            } catch (DateTimeParseException e) {
                // try the next
            }
        }
        return null;
    }

    static LocalTime parseTime(String time) {
        for (String p : new String[] {"H:mm:ss.SSS", "H:mm:ss", "H:mm", "h:mm:ss a", "h:mm a"}) {
            try {
                return LocalTime.parse(time, DateTimeFormatter.ofPattern(p, java.util.Locale.ENGLISH));
            } catch (DateTimeParseException e) {
                // try the next
            }
        }
        return null;
    }
}
