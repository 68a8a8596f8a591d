package org.presslab.impedance.io.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.presslab.impedance.api.Spectrum;
import org.presslab.impedance.api.SpectrumFormatException;
import org.presslab.impedance.api.SpectrumReader;

/**
 * Ametek VersaStudio {@code .par}: tag-delimited sections ({@code <Application>},
 * {@code <Instrument>}, {@code <Experiment>}, {@code <SegmentN>}). A segment's
 * {@code Definition=} line names its comma-separated columns; segments with {@code Frequency(Hz)},
 * {@code Z Real} and {@code Z Imag} (signed) each give one spectrum.
 */
@Component(service = SpectrumReader.class)
public final class VersaStudioReader implements SpectrumReader {

    static final String FORMAT = "VersaStudio .par";

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public int probe(byte[] head, String fileName) {
        List<String> lines = Text.headLines(head);
        boolean app = false;
        for (int i = 0; i < Math.min(lines.size(), 10); i++) {
            if (lines.get(i).trim().equals("<Application>")) {
                app = true;
            } else if (app && lines.get(i).trim().startsWith("Name=VersaStudio")) {
                return CERTAIN;
            }
        }
        return 0;
    }

    @Override
    public List<Spectrum> read(byte[] content, String source) throws IOException {
        List<String> lines = Text.lines(content);
        Meta meta = new Meta(source, FORMAT);
        String section = "";
        String date = null;
        String time = null;
        List<Spectrum> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.startsWith("<") && line.endsWith(">") && !line.startsWith("</")) {
                section = line.substring(1, line.length() - 1);
                continue;
            }
            int eq = line.indexOf('=');
            String key = eq > 0 ? line.substring(0, eq) : "";
            String value = eq > 0 ? line.substring(eq + 1).trim() : "";
            if (section.equals("Instrument") && key.equals("Type")) {
                meta.instrument = "Ametek " + value;
            } else if (section.equals("Experiment") && key.equals("DateAcquired")) {
                date = value;
            } else if (section.equals("Experiment") && key.equals("TimeAcquired")) {
                time = value;
            } else if (section.equals("Application") && key.equals("Version")) {
                meta.put("software", "VersaStudio " + value);
            } else if (section.startsWith("Segment") && key.equals("Definition")) {
                if (date != null && meta.measuredAt == null) {
                    String d = date.contains(",") ? date.substring(date.indexOf(',') + 1).trim() : date;
                    meta.localTime(Meta.parse(d.replace(",", ""), time, "MMMM d yyyy"), date + " " + time);
                }
                i = segment(lines, i, value, source, meta, out);
            }
        }
        if (out.isEmpty()) {
            throw SpectrumFormatException.atLine(source, lines.size(),
                    "no impedance data: no segment with Frequency(Hz), Z Real and Z Imag columns");
        }
        return out;
    }

    /** Reads one segment's rows; returns the index of its last line. */
    private static int segment(List<String> lines, int defLine, String definition, String source, Meta meta,
            List<Spectrum> out) throws SpectrumFormatException {
        String[] names = definition.split(",");
        int f = -1;
        int re = -1;
        int im = -1;
        for (int c = 0; c < names.length; c++) {
            switch (names[c].trim()) {
                case "Frequency(Hz)" -> f = c;
                case "Z Real" -> re = c;
                case "Z Imag" -> im = c;
                default -> {
                    // other columns are not needed
                }
            }
        }
        Points pts = new Points(source, Points.Loc.LINE);
        int i = defLine + 1;
        for (; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.startsWith("</") || line.startsWith("<")) {
                break;
            }
            if (line.isEmpty() || f < 0 || re < 0 || im < 0) {
                continue;
            }
            String[] v = line.split(",", -1);
            int ln = i + 1;
            if (v.length < names.length - 1) {
                throw SpectrumFormatException.atLine(source, ln, "truncated row: " + v.length + " values for "
                        + names.length + " columns");
            }
            pts.add(Text.number(v[f], source, ln, "Frequency(Hz)"), Text.number(v[re], source, ln, "Z Real"),
                    Text.number(v[im], source, ln, "Z Imag"), Double.NaN, ln);
        }
        if (f >= 0 && re >= 0 && im >= 0) {
            out.add(pts.single(meta.build(), i + 1));
        }
        return i;
    }
}
