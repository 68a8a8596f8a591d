package org.presslab.impedance.io.internal;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import org.osgi.service.component.annotations.Component;
import org.presslab.impedance.api.Spectrum;
import org.presslab.impedance.api.SpectrumFormatException;
import org.presslab.impedance.api.SpectrumReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scribner ZPlot/ZView data (.z) in its two layouts:
 * <ul>
 * <li>{@code ZPLOT2 ASCII}: a key/value header, the column names
 * ({@code Freq(Hz) Ampl Bias Time(Sec) Z'(a) Z''(b) GD Err Range}) and {@code End Comments}, then
 * whitespace-separated rows;</li>
 * <li>the quoted Windows header ({@code "ZPlotW Data File: ..."}, {@code "Z60W Data File: ..."},
 * which is also what the Autolab/FRA "Z60W" text export looks like): quoted lines, a line of sweep
 * parameters, the point count, the quoted column names, then comma-separated rows.</li>
 * </ul>
 * Z'' is stored with its sign (negative = capacitive). When the declared point count of the
 * quoted layout exceeds the rows present, the rows present are returned with
 * {@code extra.declaredPoints} and a logged warning.
 */
@Component(service = SpectrumReader.class)
public final class ZPlotReader implements SpectrumReader {

    static final String FORMAT = "ZPlot/ZView .z";
    /** The same layout written by Autolab/FRA "Z60W" text exports. */
    static final String FORMAT_Z60W = "Z60W text (Autolab export)";
    private static final Logger LOG = LoggerFactory.getLogger(ZPlotReader.class);

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public int probe(byte[] head, String fileName) {
        String first = Text.firstLine(Text.headLines(head));
        if (first.startsWith("ZPLOT2 ASCII")) {
            return CERTAIN;
        }
        if (first.startsWith("\"") && first.contains("Data File") && (first.contains("ZPlot") || first.contains("Z60W")
                || first.contains("ZView"))) {
            return CERTAIN;
        }
        return 0;
    }

    @Override
    public List<Spectrum> read(byte[] content, String source) throws IOException {
        List<String> lines = Text.lines(content);
        String first = Text.firstLine(lines);
        Meta meta = new Meta(source, FORMAT);
        if (first.startsWith("ZPLOT2 ASCII")) {
            return List.of(readZPlot2(lines, source, meta));
        }
        if (first.startsWith("\"")) {
            if (first.contains("Z60W")) {
                meta.format = FORMAT_Z60W;
            }
            return List.of(readQuoted(lines, source, meta));
        }
        throw SpectrumFormatException.atLine(source, 1, "not a ZPlot file: first line is '" + Text.abbreviate(first) + "'");
    }

    private static Spectrum readZPlot2(List<String> lines, String source, Meta meta) throws SpectrumFormatException {
        int end = -1;
        int[] cols = null;
        int colsLine = -1;
        String date = null;
        String time = null;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.equals("End Comments")) {
                end = i;
                break;
            }
            if (line.startsWith("Freq(Hz)") || line.startsWith("Freq (Hz)")) {
                cols = columns(line);
                colsLine = i + 1;
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                String key = line.substring(0, colon).trim();
                String value = line.substring(colon + 1).trim();
                switch (key) {
                    case "Date" -> date = value;
                    case "Time" -> time = value;
                    case "Measured Data, ZPlot" -> meta.put("software", "ZPlot " + value);
                    case "Measured Data, Software" -> meta.put("software", value);
                    case "Experiment Type" -> meta.put("technique", value);
                    case "Instrument", "Analyzer" -> meta.instrument = value;
                    case "Temperature" -> celsius(value, meta);
                    default -> {
                        // other header fields are not needed
                    }
                }
            }
        }
        if (end < 0) {
            throw SpectrumFormatException.atLine(source, lines.size(), "truncated: no 'End Comments' line ends the header");
        }
        if (cols == null) {
            cols = new int[] {0, 4, 5};
        } else if (cols[0] < 0 || cols[1] < 0 || cols[2] < 0) {
            throw SpectrumFormatException.atLine(source, colsLine, "column names lack Freq(Hz), Z'(a) or Z''(b)");
        }
        meta.localTime(Meta.parse(date, time, "MM-dd-yyyy", "M-d-yyyy", "MM/dd/yyyy"),
                date == null ? null : (date + " " + (time == null ? "" : time)).trim());
        Points pts = new Points(source, Points.Loc.LINE);
        int i = end + 1;
        for (; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            row(Text.split(line, null), cols, source, i + 1, pts);
        }
        return pts.single(meta.build(), lines.size());
    }

    private static Spectrum readQuoted(List<String> lines, String source, Meta meta) throws SpectrumFormatException {
        meta.put("software", unquote(lines.get(0)));
        int header = -1;
        for (int i = 1; i < Math.min(lines.size(), 40); i++) {
            String line = unquote(lines.get(i));
            if (line.startsWith("Freq") && line.contains("Z'")) {
                header = i;
                break;
            }
            if (line.startsWith("Date:")) {
                String[] p = line.split("\\s+");
                String time = null;
                for (int k = 0; k + 1 < p.length; k++) {
                    if (p[k].equals("Time:")) {
                        time = p[k + 1];
                    }
                }
                meta.localTime(Meta.parse(p.length > 1 ? p[1] : null, time, "MM-dd-yyyy", "M-d-yyyy", "MM/dd/yyyy"),
                        line);
            }
        }
        if (header < 0) {
            throw SpectrumFormatException.atLine(source, Math.min(lines.size(), 40),
                    "no impedance data: no column names line starting with \"Freq\"");
        }
        int[] cols = columns(unquote(lines.get(header)));
        if (cols[0] < 0 || cols[1] < 0 || cols[2] < 0) {
            throw SpectrumFormatException.atLine(source, header + 1, "column names lack Freq(Hz), Z'(a) or Z''(b)");
        }
        long declared = -1;
        if (header >= 1 && Text.isDigits(lines.get(header - 1))) {
            declared = Long.parseLong(lines.get(header - 1).trim());
        }
        Points pts = new Points(source, Points.Loc.LINE);
        for (int i = header + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            row(line.split(",", -1), cols, source, i + 1, pts);
        }
        if (declared >= 0 && declared != pts.size()) {
            meta.put("declaredPoints", Long.toString(declared));
            LOG.warn("{}: header declares {} points, file holds {}", source, declared, pts.size());
        }
        return pts.single(meta.build(), lines.size());
    }

    private static void row(String[] v, int[] cols, String source, int ln, Points pts) throws SpectrumFormatException {
        int need = Math.max(cols[0], Math.max(cols[1], cols[2]));
        if (v.length <= need) {
            throw SpectrumFormatException.atLine(source, ln, "truncated row: " + v.length + " values, need at least "
                    + (need + 1));
        }
        pts.add(Text.number(v[cols[0]], source, ln, "Freq(Hz)"), Text.number(v[cols[1]], source, ln, "Z'(a)"),
                Text.number(v[cols[2]], source, ln, "Z''(b)"), Double.NaN, ln);
    }

    /** Indexes of frequency, Z' and Z'' in a ZPlot column-name line. */
    private static int[] columns(String line) {
        String[] names = line.replaceAll("\\s+\\(", "(").trim().split("\\s+");
        int[] c = {-1, -1, -1};
        for (int i = 0; i < names.length; i++) {
            String n = names[i].toLowerCase(Locale.ROOT);
            if (n.startsWith("freq") && c[0] < 0) {
                c[0] = i;
            } else if (n.startsWith("z''") && c[2] < 0) {
                c[2] = i;
            } else if (n.startsWith("z'") && c[1] < 0) {
                c[1] = i;
            }
        }
        return c;
    }

    private static String unquote(String s) {
        String t = s.trim();
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            t = t.substring(1, t.length() - 1).trim();
        }
        return t;
    }

    private static void celsius(String value, Meta meta) {
        String v = value.replaceAll("[^0-9.eE+\\-]", " ").trim().split("\\s+")[0];
        try {
            meta.celsius(Double.parseDouble(v));
        } catch (NumberFormatException e) {
            // leave unknown
        }
    }
}
