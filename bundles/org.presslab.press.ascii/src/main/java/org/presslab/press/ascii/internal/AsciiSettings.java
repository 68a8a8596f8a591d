package org.presslab.press.ascii.internal;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;

import org.presslab.press.api.DeviceKind;
import org.presslab.serial.FlowControl;
import org.presslab.serial.Parity;
import org.presslab.serial.PortSelector;
import org.presslab.serial.SerialSettings;
import org.presslab.serial.StopBits;

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
        String id = new Props(properties, "ASCII gauge").str("presslab.driver.id", "");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("ASCII gauge: 'presslab.driver.id' is required (a stable name such as frame-1-gauge)");
        }
        Props p = new Props(properties, "ASCII gauge '" + id + "'");
        String path = p.str("port", "");
        int vid = PortSelector.parseUsbId(p.str("usb.vendorId", ""));
        int pid = PortSelector.parseUsbId(p.str("usb.productId", ""));
        PortSelector port;
        try {
            port = new PortSelector(path, path.isEmpty() ? vid : -1, path.isEmpty() ? pid : -1, p.str("usb.serial", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(p.where() + ": " + e.getMessage() + " ('port' or 'usb.vendorId' + 'usb.productId')");
        }
        StopBits stop = switch (p.str("stopBits", "1")) {
            case "1" -> StopBits.ONE;
            case "2" -> StopBits.TWO;
            default -> throw p.bad("stopBits", p.str("stopBits", "1"), "1 or 2");
        };
        SerialSettings serial;
        try {
            serial = new SerialSettings(p.integer("baudRate", 9600), p.integer("dataBits", 8), p.enumValue("parity", Parity.class, "NONE"),
                    stop, p.enumValue("flowControl", FlowControl.class, "NONE"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(p.where() + ": " + e.getMessage());
        }
        Preset preset = p.enumValue("preset", Preset.class, "NONE");
        Mode mode = p.enumValue("mode", Mode.class, preset.mode != null ? preset.mode.name() : "STREAM");
        String query = unescape(p.str("query", preset.query));
        String pattern = p.str("line.pattern", preset.pattern);
        if (pattern.isEmpty()) {
            throw new IllegalArgumentException(p.where() + ": 'line.pattern' is required without a preset (MARK10, AND), e.g. "
                    + "^\\s*(?<value>[-+]?\\d+(?:\\.\\d+)?)\\s*(?<unit>N|kN)?\\s*$");
        }
        if (mode == Mode.POLL && query.isEmpty()) {
            throw new IllegalArgumentException(p.where() + ": 'query' is required in POLL mode (e.g. ?\\r)");
        }
        String unitText = p.str("default.unit", "N");
        GaugeUnit unit = GaugeUnit.find(unitText).orElseThrow(() -> p.bad("default.unit", unitText,
                "one of N, kN, kgf, lbf, ozf, gf, MPa, kPa, Pa, bar, psi"));
        double scale = p.number("scale", 1);
        if (!Double.isFinite(scale) || scale == 0) {
            throw p.bad("scale", String.valueOf(scale), "a finite number other than 0 (-1 flips tension to compression)");
        }
        Set<String> overload = Set.copyOf(Arrays.asList(p.str("overload.flags", "OL").split("\\s*,\\s*")));
        Set<String> unstable = Set.copyOf(Arrays.asList(p.str("unstable.flags", "US").split("\\s*,\\s*")));
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
            throw p.bad("poll.period.ms", String.valueOf(period), "at least 1");
        }
        if (reply < 1) {
            throw p.bad("reply.timeout.ms", String.valueOf(reply), "at least 1");
        }
        if (stale < period) {
            throw p.bad("stale.after.ms", String.valueOf(stale), "at least poll.period.ms (" + period + ")");
        }
        if (maxLine < 8) {
            throw p.bad("line.maxLength", String.valueOf(maxLine), "at least 8");
        }
        double range = p.number("range", 0);
        double resolution = p.number("resolution", 0);
        return new AsciiSettings(id, port, serial, mode, query, parser, period, reply, stale, maxLine,
                p.enumValue("device.kind", DeviceKind.class, "FORCE_GAUGE"), p.str("device.vendor", "unknown vendor"),
                p.str("device.model", "ASCII gauge"), range > 0 ? range * unit.toSi : Double.NaN,
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
                        if (i + 3 > s.length()) {
                            throw new IllegalArgumentException("bad escape \\x at the end of '" + s + "'");
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
