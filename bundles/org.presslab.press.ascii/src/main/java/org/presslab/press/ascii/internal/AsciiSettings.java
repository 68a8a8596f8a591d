package org.presslab.press.ascii.internal;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;

import org.presslab.press.api.DeviceKind;
import org.presslab.serial.ConfigProperties;
import org.presslab.serial.PortSelector;
import org.presslab.serial.SerialSettings;

/** A gauge's configuration, validated; every problem names its key. */
record AsciiSettings(String id, PortSelector port, SerialSettings serial, Mode mode, String query, LineParser parser,
        int pollPeriodMs, int replyTimeoutMs, int staleAfterMs, int maxLineLength, DeviceKind kind, String vendor,
        String model, double rangeSi, double resolutionSi) {

    enum Mode { STREAM, POLL }

    enum Preset {
        NONE(null, "", ""),
        /** Mark-10 Series 5 gauges: '?' returns the displayed reading, e.g. "12.3 N" (or "OL"). */
        MARK10(Mode.POLL, "?\\r", "^\\s*(?:(?<status>OL)|(?<value>[-+]?\\s*\\d+(?:[.,]\\d+)?)\\s*(?<unit>[A-Za-z]+)?)\\s*$"),
        /** A&D-style continuous output: "ST,+00123.45 N" (US unstable, OL overload, optional GS/NT field). */
        AND(Mode.STREAM, "", "^(?<status>ST|US|OL|QT)\\s*,\\s*(?:(?:GS|NT)\\s*,\\s*)?(?<value>[-+]?\\s*\\d+(?:[.,]\\d+)?)\\s*,?\\s*(?<unit>[A-Za-z]+)?\\s*$");

        final Mode mode;
        final String query;
        final String pattern;

        Preset(Mode mode, String query, String pattern) {
            this.mode = mode;
            this.query = query;
            this.pattern = pattern;
        }
    }

    static AsciiSettings parse(Map<String, ?> properties) {
        String id = new ConfigProperties(properties, "ASCII gauge").string("presslab.driver.id", "");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("ASCII gauge: 'presslab.driver.id' is required (a stable name such as frame-1-gauge)");
        }
        ConfigProperties p = new ConfigProperties(properties, "ASCII gauge '" + id + "'");
        PortSelector port;
        try {
            port = PortSelector.fromConfig(p);
        } catch (IllegalArgumentException e) {
            // the port keys' own errors (a USB id that is not hexadecimal) do not all name the device
            throw e.getMessage() != null && e.getMessage().startsWith(p.where()) ? e
                    : new IllegalArgumentException(p.where() + ": " + e.getMessage(), e);
        }
        // this driver takes 1 or 2 stop bits only; the shared parser also accepts 1.5
        String stopBits = p.string("stopBits", "1");
        if (!stopBits.equals("1") && !stopBits.equals("2")) {
            throw p.invalid("stopBits", stopBits, "1 or 2");
        }
        SerialSettings serial = SerialSettings.fromConfig(p);
        Preset preset = p.enumValue("preset", Preset.class, "NONE");
        Mode mode = p.enumValue("mode", Mode.class, preset.mode != null ? preset.mode.name() : "STREAM");
        String query;
        try {
            query = unescape(p.string("query", preset.query));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(p.where() + ": 'query' " + e.getMessage());
        }
        String pattern = p.string("line.pattern", preset.pattern);
        if (pattern.isEmpty()) {
            throw new IllegalArgumentException(p.where() + ": 'line.pattern' is required without a preset (MARK10, AND), e.g. "
                    + "^\\s*(?<value>[-+]?\\d+(?:\\.\\d+)?)\\s*(?<unit>N|kN)?\\s*$");
        }
        if (mode == Mode.POLL && query.isEmpty()) {
            throw new IllegalArgumentException(p.where() + ": 'query' is required in POLL mode (e.g. ?\\r)");
        }
        String unitText = p.string("default.unit", "N");
        GaugeUnit unit = GaugeUnit.find(unitText).orElseThrow(() -> p.invalid("default.unit", unitText,
                "one of N, kN, kgf, lbf, ozf, gf, MPa, kPa, Pa, bar, psi"));
        double scale = p.number("scale", 1);
        if (!Double.isFinite(scale) || scale == 0) {
            throw p.invalid("scale", String.valueOf(scale), "a finite number other than 0 (-1 flips tension to compression)");
        }
        Set<String> overload = Set.copyOf(Arrays.asList(p.string("overload.flags", "OL").split("\\s*,\\s*")));
        Set<String> unstable = Set.copyOf(Arrays.asList(p.string("unstable.flags", "US").split("\\s*,\\s*")));
        LineParser parser;
        try {
            parser = new LineParser(pattern, unit, scale, overload, unstable);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(p.where() + ": " + e.getMessage());
        }
        int period = p.integer("poll.period.ms", 0);
        if (period == 0) {
            period = mode == Mode.POLL ? 100 : 10;
        }
        int reply = p.integer("reply.timeout.ms", 500);
        int stale = p.integer("stale.after.ms", 1000);
        int maxLine = p.integer("line.maxLength", 128);
        if (period < 1) {
            throw p.invalid("poll.period.ms", String.valueOf(period), "at least 1");
        }
        if (reply < 1) {
            throw p.invalid("reply.timeout.ms", String.valueOf(reply), "at least 1");
        }
        if (stale < period) {
            throw p.invalid("stale.after.ms", String.valueOf(stale), "at least poll.period.ms (" + period + ")");
        }
        if (maxLine < 8) {
            throw p.invalid("line.maxLength", String.valueOf(maxLine), "at least 8");
        }
        double range = p.number("range", 0);
        double resolution = p.number("resolution", 0);
        return new AsciiSettings(id, port, serial, mode, query, parser, period, reply, stale, maxLine,
                p.enumValue("device.kind", DeviceKind.class, "FORCE_GAUGE"), p.string("device.vendor", "unknown vendor"),
                p.string("device.model", "ASCII gauge"), range > 0 ? range * unit.toSi : Double.NaN,
                resolution > 0 ? resolution * unit.toSi : Double.NaN);
    }

    /** {@code \r}, {@code \n}, {@code \t} and {@code \xNN} in configuration strings. */
    static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                switch (n) {
                    case 'r' -> b.append('\r');
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case '\\' -> b.append('\\');
                    case 'x' -> {
                        if (i + 3 > s.length() || Character.digit(s.charAt(i + 1), 16) < 0 || Character.digit(s.charAt(i + 2), 16) < 0) {
                            throw new IllegalArgumentException("has a bad escape at position " + (i - 1) + " of '" + s
                                    + "': \\x takes two hexadecimal digits, e.g. \\x0D");
                        }
                        b.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                        i += 2;
                    }
                    default -> b.append('\\').append(n);
                }
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
