package org.presslab.impedance.io.internal;

import java.io.IOException;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.presslab.impedance.api.Spectrum;
import org.presslab.impedance.api.SpectrumFormatException;
import org.presslab.impedance.api.SpectrumReader;

/**
 * Elchemea Analytical {@code .i2b} text: free-text lines, a blank line, the point count N, then N
 * rows {@code f Z' Z''} separated by blanks (Z'' signed). Recognised by that structure: a line
 * holding one integer followed by rows of exactly three numbers.
 */
@Component(service = SpectrumReader.class)
public final class CountedTableReader implements SpectrumReader {

    static final String FORMAT = "Elchemea .i2b";

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public int probe(byte[] head, String fileName) {
        List<String> lines = Text.headLines(head);
        int count = countLine(lines);
        if (count < 0) {
            return 0;
        }
        return POSSIBLE - 5 + (Text.hasExtension(fileName, ".i2b") ? 2 : 0);
    }

    /** Index of the count line: one integer, preceded by a blank line or at the top, then a 3-number row. */
    private static int countLine(List<String> lines) {
        for (int i = 0; i + 1 < Math.min(lines.size(), 100); i++) {
            String t = lines.get(i).trim();
            if (!Text.isDigits(t) || !(i == 0 || lines.get(i - 1).isBlank())) {
                continue;
            }
            String[] v = Text.split(lines.get(i + 1), null);
            if (v.length == 3 && Text.isNumber(v[0]) && Text.isNumber(v[1]) && Text.isNumber(v[2])
                    && lines.get(i + 1).indexOf(',') < 0) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public List<Spectrum> read(byte[] content, String source) throws IOException {
        List<String> lines = Text.lines(content);
        int c = countLine(lines);
        if (c < 0) {
            throw SpectrumFormatException.inFile(source, "no impedance data: no point-count line followed by f Z' Z'' rows");
        }
        int declared = Text.count(lines.get(c), Integer.MAX_VALUE, source, c + 1, "point count");
        Meta meta = new Meta(source, FORMAT);
        if (c > 0) {
            meta.put("comment", String.join(" / ", lines.subList(0, c)).replaceAll("( / )+$", "").trim());
        }
        Points pts = new Points(source, Points.Loc.LINE);
        int i = c + 1;
        for (; i < lines.size() && pts.size() < declared; i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            int ln = i + 1;
            String[] v = Text.split(lines.get(i), null);
            if (v.length < 3) {
                throw SpectrumFormatException.atLine(source, ln, "truncated row: " + v.length + " values, need f, Z', Z''");
            }
            pts.add(Text.number(v[0], source, ln, "f"), Text.number(v[1], source, ln, "Z'"),
                    Text.number(v[2], source, ln, "Z''"), Double.NaN, ln);
        }
        if (pts.size() < declared) {
            throw SpectrumFormatException.atLine(source, lines.size(), "truncated: " + declared + " points declared on line "
                    + (c + 1) + ", " + pts.size() + " present");
        }
        return List.of(pts.single(meta.build(), lines.size()));
    }
}
