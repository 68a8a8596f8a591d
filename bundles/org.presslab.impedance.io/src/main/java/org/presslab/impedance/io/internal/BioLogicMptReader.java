package org.presslab.impedance.io.internal;

import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Component;
import org.presslab.impedance.api.Spectrum;
import org.presslab.impedance.api.SpectrumFormatException;
import org.presslab.impedance.api.SpectrumReader;

/**
 * BioLogic EC-Lab ASCII export (.mpt). Line 1 is {@code EC-Lab ASCII FILE}, line 2
 * {@code Nb header lines : N}; line N holds the tab-separated column names ({@code quantity/unit}),
 * data follow. Impedance columns: {@code freq/Hz}, {@code Re(Z)/Ohm} and {@code -Im(Z)/Ohm}
 * (negated on import; a plain {@code Im(Z)/Ohm} is taken as is). Decimal commas are accepted.
 * Several sweeps in one file (loops, {@code cycle number}) become separate spectra.
 */
@Component(service = SpectrumReader.class)
public final class BioLogicMptReader implements SpectrumReader {

    static final String FORMAT = "BioLogic .mpt";
    private static final Pattern HEADER_LINES = Pattern.compile("Nb header lines\\s*:\\s*(\\d+)");

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public int probe(byte[] head, String fileName) {
        List<String> lines = Text.headLines(head);
        String first = Text.firstLine(lines);
        if (first.startsWith("EC-Lab ASCII FILE") || first.startsWith("BT-Lab ASCII FILE")) {
            return CERTAIN;
        }
        // Header-less export ("no header" option): first line is the column names.
        if (first.contains("freq/Hz") && first.contains("Re(Z)/Ohm") && first.contains("\t")) {
            return LIKELY;
        }
        return 0;
    }

    @Override
    public List<Spectrum> read(byte[] content, String source) throws IOException {
        List<String> lines = Text.lines(content);
        int headerLine; // 1-based line of the column names
        Meta meta = new Meta(source, FORMAT);
        meta.instrument = "BioLogic";
        if (lines.isEmpty()) {
            throw SpectrumFormatException.atLine(source, 1, "empty file: no column names");
        }
        if (Text.firstLine(lines).endsWith("ASCII FILE")) {
            if (lines.size() < 2) {
                throw SpectrumFormatException.atLine(source, 1, "truncated: no 'Nb header lines' line after the title");
            }
            Matcher m = HEADER_LINES.matcher(lines.get(1));
            if (!m.find()) {
                throw SpectrumFormatException.atLine(source, 2, "expected 'Nb header lines : N', found '"
                        + Text.abbreviate(lines.get(1).trim()) + "'");
            }
            headerLine = Text.count(m.group(1), Integer.MAX_VALUE, source, 2, "'Nb header lines'");
            if (headerLine < 3) {
                throw SpectrumFormatException.atLine(source, 2, "'Nb header lines' is " + headerLine + ", must be at least 3");
            }
            if (headerLine > lines.size()) {
                throw SpectrumFormatException.atLine(source, lines.size(), "truncated: header announces "
                        + headerLine + " lines but the file has " + lines.size());
            }
            readHeader(lines.subList(0, headerLine - 1), meta);
        } else {
            headerLine = 1;
        }
        String[] names = lines.get(headerLine - 1).split("\t", -1);
        int fCol = indexOf(names, "freq/Hz");
        int reCol = indexOf(names, "Re(Z)/Ohm");
        int negImCol = indexOf(names, "-Im(Z)/Ohm");
        int imCol = negImCol >= 0 ? negImCol : indexOf(names, "Im(Z)/Ohm");
        int cycleCol = indexOf(names, "cycle number");
        int tempCol = indexOf(names, "Temperature/°C");
        if (fCol < 0 || reCol < 0 || imCol < 0) {
            StringBuilder missing = new StringBuilder();
            if (fCol < 0) {
                missing.append("freq/Hz ");
            }
            if (reCol < 0) {
                missing.append("Re(Z)/Ohm ");
            }
            if (imCol < 0) {
                missing.append("-Im(Z)/Ohm ");
            }
            throw SpectrumFormatException.atLine(source, headerLine, "no impedance data: column(s) "
                    + missing.toString().trim() + " missing from the column names");
        }
        int nNames = names.length;
        while (nNames > 0 && names[nNames - 1].isBlank()) {
            nNames--;
        }
        int need = Math.max(Math.max(fCol, reCol), Math.max(imCol, cycleCol)) + 1;
        int rowWidth = -1; // EC-Lab sometimes names more columns than it writes: compare rows with the first row
        double sign = negImCol >= 0 ? -1 : 1;
        Points pts = new Points(source, Points.Loc.LINE);
        for (int i = headerLine; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            int ln = i + 1;
            String[] v = line.split("\t", -1);
            int nValues = v.length;
            while (nValues > 0 && v[nValues - 1].isBlank()) {
                nValues--;
            }
            if (rowWidth < 0) {
                rowWidth = nValues;
            }
            if (nValues < need) {
                throw SpectrumFormatException.atLine(source, ln, "truncated row: " + nValues + " values, the impedance "
                        + "columns need " + need + " (" + nNames + " column names)");
            }
            if (nValues != rowWidth) {
                throw SpectrumFormatException.atLine(source, ln, (nValues < rowWidth ? "truncated row: " : "row too long: ")
                        + nValues + " values, rows above have " + rowWidth + " (" + nNames + " column names)");
            }
            double f = Text.number(v[fCol], source, ln, "freq/Hz");
            double re = Text.number(v[reCol], source, ln, "Re(Z)/Ohm");
            double im = sign * Text.number(v[imCol], source, ln, names[imCol]);
            double cyc = cycleCol >= 0 ? Text.number(v[cycleCol], source, ln, "cycle number") : Double.NaN;
            double temp = tempCol >= 0 && tempCol < nValues ? Text.number(v[tempCol], source, ln, "Temperature/°C")
                    : Double.NaN;
            pts.add(f, re, im, cyc, temp, ln);
        }
        return pts.sweeps(meta.build(), lines.size());
    }

    private static int indexOf(String[] names, String wanted) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].trim().equals(wanted)) {
                return i;
            }
        }
        return -1;
    }

    private static void readHeader(List<String> header, Meta meta) {
        if (header.size() > 3 && !header.get(3).isBlank()) {
            meta.put("technique", header.get(3).trim());
        }
        for (String raw : header) {
            String line = raw.trim();
            if (line.startsWith("EC-Lab for windows") || line.startsWith("EC-Lab v")) {
                meta.put("software", line);
            }
            int colon = line.indexOf(" : ");
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 3).trim();
            switch (key) {
                case "Device" -> meta.instrument = "BioLogic " + value;
                case "Acquisition started on" -> {
                    String[] dt = value.split("\\s+");
                    meta.localTime(Meta.parse(dt[0], dt.length > 1 ? dt[1] : null, "MM/dd/yyyy", "M/d/yyyy"), value);
                }
                case "Run on channel" -> meta.put("channel", value);
                case "Electrode surface area" -> meta.put("electrodeArea", value);
                default -> {
                    // other header fields are not needed
                }
            }
        }
    }
}
