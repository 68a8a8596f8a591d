package org.presslab.impedance.io.internal;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import org.osgi.service.component.annotations.Component;
import org.presslab.impedance.api.Spectrum;
import org.presslab.impedance.api.SpectrumFormatException;
import org.presslab.impedance.api.SpectrumReader;

/**
 * Delimited text with named columns: CSV, tab or semicolon separated, or blank-aligned. Any number
 * of free-text lines may precede the column-name line; the columns are recognised by name (see
 * {@link Column}). This covers generic CSV, Autolab NOVA exports ({@code Frequency (Hz);Z' (Ω);-Z'' (Ω)}),
 * CH Instruments A.C. impedance text, Princeton Applied Research Parstat and PowerSuite text and the
 * {@code .P00} text export; the format name in the metadata says which.
 *
 * <p>Also reads the header-less three-column table {@code f, Z', Z''} (impedance.py's CSV,
 * Z'' signed) when every line is three numbers.
 *
 * <p>Rows with frequency 0 and Z' = Z'' = 0 are DC rows written by some instruments between
 * sweeps (Parstat); they carry no impedance and are skipped ({@code extra.skippedDcRows}).
 * Any other row that is not numbers is an error naming its line.
 */
@Component(service = SpectrumReader.class)
public final class DelimitedTextReader implements SpectrumReader {

    static final String FORMAT = "Delimited text (named columns)";
    private static final int MAX_HEADER_SCAN = 200;

    @Override
    public String format() {
        return FORMAT;
    }

    /** A recognised header line. */
    private record Header(int line, String delimiter, double[] scales, int f, int re, int im, boolean negIm) {
    }

    @Override
    public int probe(byte[] head, String fileName) {
        List<String> lines = Text.headLines(head);
        if (findHeader(lines) != null) {
            return POSSIBLE;
        }
        if (headerless(lines, Math.min(lines.size(), 50)) != null) {
            return WEAK;
        }
        // A table of other quantities: claim it weakly so the error can name its column line.
        return otherTable(lines) >= 0 ? 1 : 0;
    }

    /** Line index of column names (at least two, first not a number) followed by a numeric row, or -1. */
    private static int otherTable(List<String> lines) {
        for (int i = 0; i + 1 < Math.min(lines.size(), MAX_HEADER_SCAN); i++) {
            String line = lines.get(i);
            String d = delimiterOf(line);
            String[] names = Text.split(line, d);
            if (names.length < 2 || Text.isNumber(names[0])) {
                continue;
            }
            String[] next = Text.split(lines.get(i + 1), d);
            if (next.length >= 2 && Text.isNumber(next[0]) && Text.isNumber(next[1])) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public List<Spectrum> read(byte[] content, String source) throws IOException {
        List<String> lines = Text.lines(content);
        Header h = findHeader(lines);
        if (h == null) {
            String delimiter = headerless(lines, lines.size());
            int other = otherTable(lines);
            if (delimiter == null && other >= 0) {
                throw SpectrumFormatException.atLine(source, other + 1, "no impedance data: columns '"
                        + Text.abbreviate(lines.get(other).trim()) + "' include no frequency, Z' and Z'' (or -Z'')");
            }
            if (delimiter == null) {
                throw SpectrumFormatException.inFile(source, "no impedance data: no line names frequency, Z' and Z'' "
                        + "columns, and the file is not a plain three-column table");
            }
            return List.of(readHeaderless(lines, delimiter, source));
        }
        Meta meta = new Meta(source, flavour(lines, h));
        if (meta.format.startsWith("CH Instruments")) {
            chiHeader(lines, h.line, meta);
        }
        Points pts = new Points(source, Points.Loc.LINE);
        int need = Math.max(h.f, Math.max(h.re, h.im)) + 1;
        int rowWidth = -1; // rows are compared with the first row: some exports name more columns than they write
        for (int i = h.line + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            int ln = i + 1;
            String[] v = Text.split(line, h.delimiter);
            if (rowWidth < 0 && Text.isDigits(line)) {
                meta.put("declaredPoints", line.trim()); // .P00 writes the point count under the names
                continue;
            }
            int width = nonBlankWidth(v);
            if (rowWidth < 0) {
                rowWidth = width;
            }
            if (width < need || width < rowWidth) {
                throw SpectrumFormatException.atLine(source, ln, "truncated row: " + width + " values, "
                        + (width < need ? "the impedance columns need " + need : "rows above have " + rowWidth));
            }
            double f = Text.number(v[h.f], source, ln, "frequency") * h.scales[h.f];
            double re = Text.number(v[h.re], source, ln, "Z'") * h.scales[h.re];
            double im = Text.number(v[h.im], source, ln, "Z''") * h.scales[h.im];
            pts.add(f, re, h.negIm ? -im : im, Double.NaN, ln);
        }
        return List.of(pts.single(meta.build(), lines.size()));
    }

    private static int nonBlankWidth(String[] v) {
        int n = v.length;
        while (n > 0 && v[n - 1].isBlank()) {
            n--;
        }
        return n;
    }

    private static Header findHeader(List<String> lines) {
        for (int i = 0; i < Math.min(lines.size(), MAX_HEADER_SCAN); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String delimiter = delimiterOf(line);
            String[] names = Text.split(line, delimiter);
            if (names.length < 3 || Text.isNumber(names[0])) {
                continue; // a data row, or too few fields to name f, Z' and Z''
            }
            if (delimiter == null) {
                names = line.trim().replaceAll("\\s+\\(", "(").split("\\s+"); // "Freq (Hz)" is one name
            }
            double[] scales = new double[names.length];
            int f = -1;
            int re = -1;
            int im = -1;
            boolean negIm = false;
            for (int c = 0; c < names.length; c++) {
                Column col = Column.of(names[c]);
                scales[c] = col.scale();
                switch (col.role()) {
                    case FREQUENCY -> f = f < 0 ? c : f;
                    case REAL -> re = re < 0 ? c : re;
                    case IMAG, MINUS_IMAG -> {
                        if (im < 0) {
                            im = c;
                            negIm = col.role() == Column.Role.MINUS_IMAG;
                        }
                    }
                    default -> {
                        // other columns are carried along
                    }
                }
            }
            int dataWidth = dataWidth(lines, i, delimiter);
            // blank-separated names must line up with the values, or the columns would be guessed
            boolean aligned = delimiter != null || dataWidth == names.length;
            if (f >= 0 && re >= 0 && im >= 0 && dataWidth > 0 && aligned) {
                return new Header(i, delimiter, scales, f, re, im, negIm);
            }
        }
        return null;
    }

    /**
     * The number of values of the first data row after the names (a count line may come
     * between, as in .P00), or 0 if no row starting with two numbers follows.
     */
    private static int dataWidth(List<String> lines, int header, String delimiter) {
        int seen = 0;
        for (int i = header + 1; i < lines.size() && seen < 2; i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            seen++;
            String[] v = Text.split(lines.get(i), delimiter);
            if (v.length >= 2 && Text.isNumber(v[0]) && Text.isNumber(v[1])) {
                return nonBlankWidth(v);
            }
        }
        return 0;
    }

    static String delimiterOf(String line) {
        if (line.indexOf('\t') >= 0) {
            return "\t";
        }
        if (line.indexOf(';') >= 0) {
            return ";";
        }
        if (line.indexOf(',') >= 0) {
            return ",";
        }
        return null;
    }

    /** The delimiter if the first {@code limit} lines are all 3-number rows (blank lines allowed), else null. */
    private static String headerless(List<String> lines, int limit) {
        String delimiter = null;
        int rows = 0;
        for (int i = 0; i < limit; i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            if (rows == 0) {
                delimiter = delimiterOf(line);
            }
            String[] v = Text.split(line, delimiter);
            if (nonBlankWidth(v) != 3 || !Text.isNumber(v[0]) || !Text.isNumber(v[1]) || !Text.isNumber(v[2])) {
                boolean cutByHead = i == limit - 1 && limit < lines.size();
                return cutByHead && rows > 0 ? (delimiter == null ? " " : delimiter) : null;
            }
            rows++;
        }
        return rows > 0 ? (delimiter == null ? " " : delimiter) : null;
    }

    private static Spectrum readHeaderless(List<String> lines, String delimiter, String source)
            throws SpectrumFormatException {
        String d = " ".equals(delimiter) ? null : delimiter;
        Points pts = new Points(source, Points.Loc.LINE);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            int ln = i + 1;
            String[] v = Text.split(lines.get(i), d);
            if (nonBlankWidth(v) < 3) {
                throw SpectrumFormatException.atLine(source, ln, "truncated row: " + nonBlankWidth(v)
                        + " values, need f, Z', Z''");
            }
            pts.add(Text.number(v[0], source, ln, "frequency (column 1)"), Text.number(v[1], source, ln, "Z' (column 2)"),
                    Text.number(v[2], source, ln, "Z'' (column 3)"), Double.NaN, ln);
        }
        return pts.single(new Meta(source, "CSV (f, Z', Z'')").build(), lines.size());
    }

    private static String flavour(List<String> lines, Header h) {
        String before = String.join("\n", lines.subList(0, h.line));
        String names = lines.get(h.line);
        if (before.contains("A.C. Impedance") || before.contains("Instrument Model:  CHI")
                || before.contains("Instrument Model: CHI")) {
            return "CH Instruments text";
        }
        if (names.contains("Zre (ohms)") && names.contains("Zim (ohms)")) {
            return "Parstat text";
        }
        if (names.replace(" ", "").startsWith("Frequency\tZre\tZimg")) {
            return "PowerSuite text";
        }
        if (names.contains("-Z''/Ohm") && names.contains("f/Hz")) {
            return ".P00 text";
        }
        if (names.contains("-Z'' (Ω)") || names.contains("-Z'' (Ohm)") && names.contains("Frequency (Hz)")) {
            return "Autolab NOVA text";
        }
        return FORMAT;
    }

    private static void chiHeader(List<String> lines, int header, Meta meta) {
        for (int i = 0; i < header; i++) {
            String line = lines.get(i).trim();
            if (line.startsWith("Instrument Model:")) {
                meta.instrument = "CH Instruments " + line.substring("Instrument Model:".length()).trim();
            }
        }
        if (!lines.isEmpty()) {
            String[] p = lines.get(0).trim().split("\\s+");
            if (p.length >= 4) {
                meta.localTime(Meta.parse(p[0].replace(".", "") + " " + p[1].replace(",", "") + " " + p[2],
                        p[3], "MMM d yyyy"), lines.get(0).trim());
            }
        }
        if (meta.instrument == null) {
            meta.instrument = "CH Instruments";
        }
        meta.put("technique", "A.C. Impedance");
    }

    /** What a column name means. */
    record Column(Role role, double scale) {

        enum Role { FREQUENCY, REAL, IMAG, MINUS_IMAG, OTHER }

        private static final java.util.regex.Pattern UNIT_BRACKETS = java.util.regex.Pattern.compile("^[/(\\[]+|[)\\]]+$");

        static Column of(String raw) {
            String n = raw.trim();
            if (n.length() >= 2 && n.startsWith("\"") && n.endsWith("\"")) {
                n = n.substring(1, n.length() - 1).trim();
            }
            String compact = n.replace(" ", "");
            boolean neg = compact.startsWith("-");
            if (neg) {
                compact = compact.substring(1);
            }
            String lower = compact.toLowerCase(Locale.ROOT);
            String base;
            String unit;
            if (lower.startsWith("re(z)") || lower.startsWith("im(z)")) {
                base = lower.substring(0, 5);
                unit = compact.substring(5);
            } else {
                int cut = indexOfAny(lower, "/([");
                base = cut < 0 ? lower : lower.substring(0, cut);
                unit = cut < 0 ? "" : compact.substring(cut);
            }
            unit = UNIT_BRACKETS.matcher(unit).replaceAll("").replace("(", "").replace(")", "");
            if (!unit.isEmpty() && (unit.equals("a") || unit.equals("b"))) {
                unit = ""; // ZPlot's Z'(a), Z''(b)
            }
            Role role = switch (base) {
                case "f", "freq", "frequency", "freq.", "fr" -> neg ? Role.OTHER : Role.FREQUENCY;
                case "z'", "zre", "zreal", "z_re", "z_real", "zr", "re", "real", "re(z)", "z.re" ->
                    neg ? Role.OTHER : Role.REAL;
                case "z''", "z\"", "zim", "zimg", "zimag", "z_im", "z_imag", "zi", "im", "imag", "im(z)", "z.im" ->
                    neg ? Role.MINUS_IMAG : Role.IMAG;
                default -> Role.OTHER;
            };
            double scale = switch (role) {
                case FREQUENCY -> prefix(unit, "hz");
                case REAL, IMAG, MINUS_IMAG -> unit.isEmpty() ? 1 : ohmPrefix(unit);
                default -> 1;
            };
            return new Column(Double.isNaN(scale) ? Role.OTHER : role, Double.isNaN(scale) ? 1 : scale);
        }

        private static double ohmPrefix(String unit) {
            for (String u : new String[] {"ohms", "ohm", "Ω", "Ohm", "Ohms", "OHM"}) {
                if (unit.endsWith(u)) {
                    return scaleOf(unit.substring(0, unit.length() - u.length()));
                }
            }
            return Double.NaN; // a unit that is not ohms: not an impedance column
        }

        private static double prefix(String unit, String base) {
            if (unit.isEmpty()) {
                return 1;
            }
            if (!unit.toLowerCase(Locale.ROOT).endsWith(base)) {
                return Double.NaN;
            }
            return scaleOf(unit.substring(0, unit.length() - base.length()));
        }

        private static double scaleOf(String p) {
            return switch (p) {
                case "" -> 1;
                case "k", "K" -> 1e3;
                case "M" -> 1e6;
                case "G" -> 1e9;
                case "m" -> 1e-3;
                case "µ", "μ", "u" -> 1e-6;
                default -> Double.NaN;
            };
        }

        private static int indexOfAny(String s, String chars) {
            for (int i = 0; i < s.length(); i++) {
                if (chars.indexOf(s.charAt(i)) >= 0) {
                    return i;
                }
            }
            return -1;
        }
    }
}
