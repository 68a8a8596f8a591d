package org.presslab.press.ascii.internal;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;

import org.presslab.press.api.DeviceKind;
import org.presslab.serial.ConfigProperties;
import org.presslab.serial.PortSelector;
import org.presslab.serial.SerialSettings;

/** A gauge's configuration, validated; read as {@link AsciiConfig}, which holds the keys and defaults; every problem names its key. */
record AsciiSettings(String id, PortSelector port, SerialSettings serial, Mode mode, String query, LineParser parser,
        int pollPeriodMs, int replyTimeoutMs, int staleAfterMs, int maxLineLength, DeviceKind kind, String vendor,
        String model, double rangeSi, double resolutionSi) {

    // public: the OSGi Converter turns configuration values into these (AsciiConfig)
    public enum Mode { STREAM, POLL }

    public enum Preset {
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

    /**
     * The settings of the factory configuration {@code properties}: read as {@link AsciiConfig}, whose element
     * defaults are the defaults ({@link ConfigProperties#typed}), then checked. What a preset gives (mode, query,
     * pattern) and the poll period that follows from the mode apply where those keys are left empty (0).
     *
     * @throws IllegalArgumentException naming the gauge, the key and what it must be
     */
    static AsciiSettings parse(Map<String, ?> properties) {
        String id = new ConfigProperties(properties, "ASCII gauge").string("presslab.driver.id", "");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("ASCII gauge: 'presslab.driver.id' is required (a stable name such as frame-1-gauge)");
        }
        ConfigProperties p = new ConfigProperties(properties, "ASCII gauge '" + id + "'");
        AsciiConfig c = p.typed(AsciiConfig.class);
        PortSelector port = PortSelector.fromConfig(p, c.port(), c.usb_vendorId(), c.usb_productId(), c.usb_serial());
        // this driver takes 1 or 2 stop bits only; the shared settings also accept 1.5
        if (!c.stopBits().equals("1") && !c.stopBits().equals("2")) {
            throw p.invalid("stopBits", c.stopBits(), "1 or 2");
        }
        SerialSettings serial = SerialSettings.fromConfig(p, c.baudRate(), c.dataBits(), c.parity(), c.stopBits(), c.flowControl());
        Preset preset = c.preset();
        Mode mode = c.mode().isEmpty() ? (preset.mode != null ? preset.mode : Mode.STREAM) : p.constant("mode", Mode.class, c.mode());
        String query;
        try {
            query = unescape(c.query().isEmpty() ? preset.query : c.query());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(p.where() + ": 'query' " + e.getMessage());
        }
        String pattern = c.line_pattern().isEmpty() ? preset.pattern : c.line_pattern();
        if (pattern.isEmpty()) {
            throw new IllegalArgumentException(p.where() + ": 'line.pattern' is required without a preset (MARK10, AND), e.g. "
                    + "^\\s*(?<value>[-+]?\\d+(?:\\.\\d+)?)\\s*(?<unit>N|kN)?\\s*$");
        }
        if (mode == Mode.POLL && query.isEmpty()) {
            throw new IllegalArgumentException(p.where() + ": 'query' is required in POLL mode (e.g. ?\\r)");
        }
        GaugeUnit unit = GaugeUnit.find(c.default_unit()).orElseThrow(() -> p.invalid("default.unit", c.default_unit(),
                "one of N, kN, kgf, lbf, ozf, gf, MPa, kPa, Pa, bar, psi"));
        double scale = c.scale();
        if (!Double.isFinite(scale) || scale == 0) {
            throw p.invalid("scale", String.valueOf(scale), "a finite number other than 0 (-1 flips tension to compression)");
        }
        Set<String> overload = Set.copyOf(Arrays.asList(c.overload_flags().split("\\s*,\\s*")));
        Set<String> unstable = Set.copyOf(Arrays.asList(c.unstable_flags().split("\\s*,\\s*")));
        LineParser parser;
        try {
            parser = new LineParser(pattern, unit, scale, overload, unstable);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(p.where() + ": " + e.getMessage());
        }
        int period = c.poll_period_ms();
        if (period == 0) {
            period = mode == Mode.POLL ? 100 : 10;
        }
        int reply = c.reply_timeout_ms();
        int stale = c.stale_after_ms();
        int maxLine = c.line_maxLength();
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
        double range = c.range();
        double resolution = c.resolution();
        return new AsciiSettings(id, port, serial, mode, query, parser, period, reply, stale, maxLine, c.device_kind(),
                c.device_vendor(), c.device_model(), range > 0 ? range * unit.toSi : Double.NaN,
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
