package org.presslab.impedance.io.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.presslab.impedance.api.Spectrum;
import org.presslab.impedance.api.SpectrumFormatException;
import org.presslab.impedance.api.SpectrumReader;

/**
 * Ivium IviumSoft data file ({@code .idf}) and data set ({@code .ids}). After a short binary
 * preamble the file is {@code key=value} text (method settings such as {@code Method=Impedance},
 * {@code Frequencies.freq[i]=...}); each measurement's data follow a {@code primary_data} line,
 * the number of columns (3) and the number of rows, one row per point: Z', Z'' (signed) and f.
 * A data set ({@code .ids}) holds several measurements; each gives one spectrum.
 */
@Component(service = SpectrumReader.class)
public final class IviumReader implements SpectrumReader {

    static final String FORMAT = "Ivium .idf/.ids";

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public int probe(byte[] head, String fileName) {
        String text = new String(head, StandardCharsets.ISO_8859_1);
        boolean ivium = text.contains("\nMethod=") && (text.contains("\nPeaks=") || text.contains("Frequencies.freq["));
        if (!ivium) {
            return 0;
        }
        return text.contains("primary_data") || text.contains("Method=Impedance") ? LIKELY : POSSIBLE;
    }

    @Override
    public List<Spectrum> read(byte[] content, String source) throws IOException {
        List<String> lines = Text.lines(new String(content, StandardCharsets.ISO_8859_1));
        Meta base = new Meta(source, FORMAT);
        base.instrument = "Ivium";
        List<Spectrum> out = new ArrayList<>();
        String method = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.startsWith("Method=")) {
                method = line.substring("Method=".length()).trim();
            } else if (line.startsWith("Title=") && !base.extra.containsKey("title")) {
                base.put("title", line.substring("Title=".length()));
            } else if (line.startsWith("starttime=")) {
                base.put("starttime", line.substring("starttime=".length()));
            } else if (line.equals("primary_data")) {
                i = block(lines, i, source, base, method, out);
            }
        }
        if (out.isEmpty()) {
            throw SpectrumFormatException.atLine(source, lines.size(), "no impedance data: no 'primary_data' section"
                    + (method != null ? " (method " + method + ")" : ""));
        }
        return out;
    }

    /** Reads one primary_data block; returns the index of its last line. */
    private static int block(List<String> lines, int at, String source, Meta base, String method, List<Spectrum> out)
            throws SpectrumFormatException {
        if (at + 2 >= lines.size()) {
            throw SpectrumFormatException.atLine(source, lines.size(), "truncated: primary_data at line " + (at + 1)
                    + " lacks its column and row counts");
        }
        int cols = count(lines, at + 1, source, "column count");
        int rows = count(lines, at + 2, source, "row count");
        if (cols != 3) {
            throw SpectrumFormatException.atLine(source, at + 2, "primary_data with " + cols
                    + " columns; only impedance data (Z', Z'', f) are read");
        }
        if (method != null && !method.toLowerCase(java.util.Locale.ROOT).contains("impedance")) {
            throw SpectrumFormatException.atLine(source, at + 1, "no impedance data: measurement method is " + method);
        }
        Points pts = new Points(source, Points.Loc.LINE);
        int first = at + 3;
        if ((long) first + rows > lines.size()) {
            throw SpectrumFormatException.atLine(source, lines.size(), "truncated: " + rows + " rows announced on line "
                    + (at + 3) + ", " + Math.max(0, lines.size() - first) + " present");
        }
        for (int r = 0; r < rows; r++) {
            int ln = first + r + 1;
            String[] v = Text.split(lines.get(first + r), null);
            if (v.length < 3) {
                throw SpectrumFormatException.atLine(source, ln, "truncated row: " + v.length + " values, need Z', Z'', f");
            }
            pts.add(Text.number(v[2], source, ln, "f"), Text.number(v[0], source, ln, "Z'"),
                    Text.number(v[1], source, ln, "Z''"), Double.NaN, ln);
        }
        Meta m = new Meta(source, FORMAT);
        m.instrument = base.instrument;
        m.extra.putAll(base.extra);
        m.put("measurement", Integer.toString(out.size() + 1));
        m.put("firstLine", Integer.toString(first + 1));
        out.add(pts.single(m.build(), first + rows));
        return first + rows - 1;
    }

    private static int count(List<String> lines, int index, String source, String what) throws SpectrumFormatException {
        String t = lines.get(index).trim();
        if (!Text.isDigits(t)) {
            throw SpectrumFormatException.atLine(source, index + 1, "expected the " + what + " of primary_data, found '"
                    + Text.abbreviate(t) + "'");
        }
        return Text.count(t, Integer.MAX_VALUE, source, index + 1, what);
    }
}
