package org.presslab.press.ascii.internal;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import org.presslab.press.api.Quality;

/**
 * Coverage-guided fuzzing of what an ASCII gauge sends and of the gauge's configuration (README,
 * "Fuzzing"). A plain {@code mvn test} replays the committed corpus; {@code JAZZER_FUZZ=1} fuzzes.
 * A line gives a reading or a {@link LineParser.Rejected} with its reason, never another exception;
 * a GOOD, UNSTABLE or OVERLOAD reading is never a non-finite number passed off as a measurement.
 * A configuration gives settings or an {@link IllegalArgumentException} that names the gauge.
 */
class AsciiFuzzTest {

    private static final LineParser MARK10 = new LineParser(AsciiSettings.Preset.MARK10.pattern, GaugeUnit.find("N").orElseThrow(),
            1, Set.of("OL"), Set.of("US"));
    private static final LineParser AND = new LineParser(AsciiSettings.Preset.AND.pattern, GaugeUnit.find("kN").orElseThrow(),
            1, Set.of("OL"), Set.of("US"));
    private static final LineParser PRESSURE = new LineParser(
            "^\\s*(?<status>[A-Z]{2})?\\s*(?<value>[-+]?[0-9.,eE ]+|[-+]?[A-Za-z]+)\\s*(?<unit>[A-Za-z]+)?\\s*$",
            GaugeUnit.find("MPa").orElseThrow(), -2.5, Set.of("OL", "OR"), Set.of("US", "MO"));

    /** One line as the line assembler hands it over (bytes up to the terminator, ISO-8859-1), through three parsers. */
    @FuzzTest(maxDuration = "40m", maxExecutions = 1_100_000)
    void line(byte[] input) {
        String line = new String(input, StandardCharsets.ISO_8859_1);
        for (LineParser p : new LineParser[] {MARK10, AND, PRESSURE}) {
            LineParser.Parsed r;
            try {
                r = p.parse(line);
            } catch (LineParser.Rejected e) {
                if (e.getMessage() == null || e.getMessage().isBlank()) {
                    throw new AssertionError("rejected without a reason: " + LineParser.printable(line));
                }
                continue;
            }
            if ((r.quality() == Quality.GOOD || r.quality() == Quality.UNSTABLE) && !Double.isFinite(r.valueSi())) {
                throw new AssertionError(r.quality() + " reading " + r.valueSi() + " from '" + LineParser.printable(line) + "'");
            }
            if (r.quality() == Quality.FAULT && r.fault().isEmpty()) {
                throw new AssertionError("FAULT without a reason from '" + LineParser.printable(line) + "'");
            }
            if (r.quality() == Quality.OVERLOAD && !Double.isNaN(r.valueSi()) && !Double.isFinite(r.valueSi())) {
                throw new AssertionError("OVERLOAD with an infinite value from '" + LineParser.printable(line) + "'");
            }
        }
    }

    private static final String[] KEYS = {"presslab.driver.id", "port", "usb.vendorId", "usb.productId", "usb.serial",
        "baudRate", "dataBits", "parity", "stopBits", "flowControl", "preset", "mode", "query", "line.pattern",
        "default.unit", "scale", "overload.flags", "unstable.flags", "poll.period.ms", "reply.timeout.ms",
        "stale.after.ms", "line.maxLength", "range", "resolution", "device.kind", "device.vendor", "device.model"};

    /**
     * Patterns an operator might configure: the presets, a custom one, broken ones (the pattern is trusted configuration,
     * not fuzzed as a regex). No syntactically invalid pattern: Jazzer's regex-injection sanitizer reports every
     * PatternSyntaxException as a finding even when the caller turns it into the documented error; that case is the
     * unit test {@code LineParserTest#configurationErrorsNameTheKey}.
     */
    private static final String[] PATTERNS = {AsciiSettings.Preset.MARK10.pattern, AsciiSettings.Preset.AND.pattern,
        "^\\s*(?<value>[-+]?\\d+(?:\\.\\d+)?)\\s*(?<unit>N|kN)?\\s*$", "(?<value>.*)", "no value group", ""};

    /** A gauge configuration: any subset of its keys with any values (Configuration Admin gives strings). */
    @FuzzTest(maxDuration = "40m", maxExecutions = 1_100_000)
    void settings(FuzzedDataProvider data) {
        Map<String, Object> props = new HashMap<>();
        for (String key : KEYS) {
            if (!data.consumeBoolean()) {
                continue;
            }
            if (key.equals("line.pattern")) {
                props.put(key, data.pickValue(PATTERNS));
            } else if (key.equals("presslab.driver.id")) {
                props.put(key, data.consumeBoolean() ? "gauge-1" : data.consumeString(12));
            } else {
                props.put(key, data.consumeString(24));
            }
        }
        try {
            AsciiSettings s = AsciiSettings.parse(props);
            if (s.pollPeriodMs() < 1 || s.staleAfterMs() < s.pollPeriodMs() || s.maxLineLength() < 8 || s.replyTimeoutMs() < 1) {
                throw new AssertionError("accepted inconsistent timing or line length: " + s);
            }
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            if (m == null || !m.startsWith("ASCII gauge") || e.getClass() != IllegalArgumentException.class) {
                throw new AssertionError("configuration error that does not name the gauge: " + e, e);
            }
        }
    }
}
