package org.presslab.impedance.io.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.presslab.impedance.api.Spectrum;
import org.presslab.impedance.api.SpectrumFormatException;
import org.presslab.impedance.api.SpectrumReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gamry Framework data file (.DTA). Line 1 is {@code EXPLAIN}; header lines are
 * {@code KEY <tab> TYPE <tab> value ...}; the impedance table starts at {@code ZCURVE <tab> TABLE},
 * followed by a line of column names, a line of units and tab-indented rows. Columns {@code Freq},
 * {@code Zreal}, {@code Zimag} (Zimag signed, negative for capacitive). Decimal commas are accepted.
 *
 * <p>An {@code EXPERIMENTABORTED} line means the sweep was stopped early: the points measured
 * before the abort are complete and are returned, with {@code extra.aborted=true} and a logged
 * warning, so a user can still fit what was measured.
 */
@Component(service = SpectrumReader.class)
public final class GamryDtaReader implements SpectrumReader {

    static final String FORMAT = "Gamry .DTA";
    private static final Logger LOG = LoggerFactory.getLogger(GamryDtaReader.class);

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public int probe(byte[] head, String fileName) {
        List<String> lines = Text.headLines(head);
        if (!Text.firstLine(lines).equals("EXPLAIN")) {
            return 0;
        }
        for (int i = 1; i < Math.min(lines.size(), 5); i++) {
            if (lines.get(i).startsWith("TAG\t")) {
                return CERTAIN;
            }
        }
        return LIKELY;
    }

    @Override
    public List<Spectrum> read(byte[] content, String source) throws IOException {
        List<String> lines = Text.lines(content);
        Meta meta = new Meta(source, FORMAT);
        meta.instrument = "Gamry";
        String date = null;
        String time = null;
        boolean aborted = false;
        List<Integer> tables = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("\t") || line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            String key = f[0].trim();
            String value = f.length > 2 ? f[2].trim() : "";
            switch (key) {
                case "TAG" -> meta.put("technique", f.length > 1 ? f[1].trim() : null);
                case "TITLE" -> meta.put("title", value);
                case "DATE" -> date = value;
                case "TIME" -> time = value;
                case "PSTAT" -> meta.instrument = "Gamry " + value;
                case "FRAMEWORKVERSION" -> meta.put("software", "Gamry Framework " + value);
                case "AREA" -> meta.put("area", value + " cm^2");
                case "TEMP", "CELLTEMP" -> {
                    try {
                        meta.celsius(Text.number(value, source, i + 1, key));
                    } catch (SpectrumFormatException e) {
                        // an unreadable temperature is not worth refusing the spectrum
                    }
                }
                case "ZCURVE" -> tables.add(i);
                case "EXPERIMENTABORTED" -> aborted = f.length < 3 || !"F".equals(value);
                default -> {
                    // other header keys are kept out of the metadata
                }
            }
        }
        meta.localTime(Meta.parse(date, time, "M/d/yyyy", "MM-dd-yyyy", "dd.MM.yyyy", "yyyy-MM-dd", "d/M/yyyy"),
                (date + " " + (time == null ? "" : time)).trim());
        if (tables.isEmpty()) {
            throw SpectrumFormatException.atLine(source, lines.size(),
                    "no impedance data: no 'ZCURVE TABLE' in this Gamry file" + (meta.extra.containsKey("technique")
                            ? " (technique " + meta.extra.get("technique") + ")" : ""));
        }
        if (aborted) {
            meta.put("aborted", "true");
            LOG.warn("{}: experiment was aborted (EXPERIMENTABORTED); importing the points measured before the abort",
                    source);
        }
        List<Spectrum> out = new ArrayList<>();
        for (int t : tables) {
            out.add(readTable(lines, t, source, meta));
        }
        return out;
    }

    private static Spectrum readTable(List<String> lines, int table, String source, Meta meta)
            throws SpectrumFormatException {
        int namesLine = table + 1;
        if (namesLine + 1 >= lines.size()) {
            throw SpectrumFormatException.atLine(source, lines.size(), "truncated: ZCURVE table at line " + (table + 1)
                    + " has no column names and units");
        }
        String[] names = lines.get(namesLine).split("\t", -1);
        int fCol = indexOf(names, "Freq");
        int reCol = indexOf(names, "Zreal");
        int imCol = indexOf(names, "Zimag");
        if (fCol < 0 || reCol < 0 || imCol < 0) {
            throw SpectrumFormatException.atLine(source, namesLine + 1,
                    "ZCURVE table lacks one of the columns Freq, Zreal, Zimag");
        }
        Points pts = new Points(source, Points.Loc.LINE);
        int i = namesLine + 2; // skip the units line
        for (; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.startsWith("\t")) {
                break;
            }
            int ln = i + 1;
            String[] v = line.split("\t", -1);
            int need = Math.max(fCol, Math.max(reCol, imCol));
            if (v.length <= need || v.length < names.length) {
                throw SpectrumFormatException.atLine(source, ln, "truncated row: " + (v.length - 1) + " values for "
                        + (names.length - 1) + " columns");
            }
            pts.add(Text.number(v[fCol], source, ln, "Freq"), Text.number(v[reCol], source, ln, "Zreal"),
                    Text.number(v[imCol], source, ln, "Zimag"), Double.NaN, ln);
        }
        Meta m = meta;
        m.put("firstLine", Integer.toString(namesLine + 3));
        return pts.single(m.build(), i + 1);
    }

    private static int indexOf(String[] names, String wanted) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].trim().equals(wanted)) {
                return i;
            }
        }
        return -1;
    }
}
