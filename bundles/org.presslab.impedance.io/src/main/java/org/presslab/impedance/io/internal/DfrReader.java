package org.presslab.impedance.io.internal;

import java.io.IOException;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.presslab.impedance.api.Spectrum;
import org.presslab.impedance.api.SpectrumFormatException;
import org.presslab.impedance.api.SpectrumReader;

/**
 * Eco Chemie / Autolab FRA {@code .dfr} text: {@code VERSIONx.y}, the point count N, one more
 * integer, then N blocks of nine values, one per line: f, Z', -Z'' and six further values; a
 * trailer follows. The third value is -Z'' (checked against the same spectrum in the other
 * formats of the test data) and is negated on import.
 */
@Component(service = SpectrumReader.class)
public final class DfrReader implements SpectrumReader {

    static final String FORMAT = "Autolab FRA .dfr";
    private static final int BLOCK = 9;

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public int probe(byte[] head, String fileName) {
        List<String> lines = Text.headLines(head);
        if (lines.size() > 3 && Text.firstLine(lines).matches("VERSION\\s*\\d+(\\.\\d+)?")
                && Text.isDigits(lines.get(1)) && Text.isDigits(lines.get(2))) {
            return LIKELY;
        }
        return 0;
    }

    @Override
    public List<Spectrum> read(byte[] content, String source) throws IOException {
        List<String> lines = Text.lines(content);
        if (lines.size() <= 3 || !Text.isDigits(lines.get(1))) {
            throw SpectrumFormatException.atLine(source, 1, "not a .dfr file: expected VERSION, point count and a number");
        }
        int n = Text.count(lines.get(1), Integer.MAX_VALUE, source, 2, "point count");
        Meta meta = new Meta(source, FORMAT);
        meta.instrument = "Autolab FRA";
        meta.put("version", lines.get(0).trim());
        int first = 3;
        if (first + (long) n * BLOCK > lines.size()) {
            throw SpectrumFormatException.atLine(source, lines.size(), "truncated: " + n + " points of " + BLOCK
                    + " lines announced on line 2, file ends after " + (lines.size() - first) / BLOCK + " complete points");
        }
        Points pts = new Points(source, Points.Loc.LINE);
        for (int p = 0; p < n; p++) {
            int l = first + p * BLOCK;
            pts.add(Text.number(lines.get(l), source, l + 1, "f"), Text.number(lines.get(l + 1), source, l + 2, "Z'"),
                    -Text.number(lines.get(l + 2), source, l + 3, "-Z''"), Double.NaN, l + 1);
        }
        return List.of(pts.single(meta.build(), lines.size()));
    }
}
