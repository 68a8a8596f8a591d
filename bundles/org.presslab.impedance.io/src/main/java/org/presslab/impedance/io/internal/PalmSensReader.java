package org.presslab.impedance.io.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.presslab.impedance.api.Spectrum;
import org.presslab.impedance.api.SpectrumFormatException;
import org.presslab.impedance.api.SpectrumReader;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * PalmSens PSTrace session ({@code .pssession}): UTF-16 JSON. Each entry of {@code Measurements}
 * with a data set holding {@code Frequency}, {@code ZRe} and {@code ZIm} arrays gives one spectrum.
 * {@code ZIm} is stored as -Z'' when its unit's quantity says {@code -Z''} and is then negated.
 * {@code UTCTimeStamp} (.NET ticks) gives the time of measurement.
 */
@Component(service = SpectrumReader.class)
public final class PalmSensReader implements SpectrumReader {

    static final String FORMAT = "PalmSens .pssession";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long DOTNET_EPOCH_TICKS = 621_355_968_000_000_000L;

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public int probe(byte[] head, String fileName) {
        String s = Text.decode(head).stripLeading();
        return s.startsWith("{") && s.contains("\"PalmSens.") ? CERTAIN : 0;
    }

    @Override
    public List<Spectrum> read(byte[] content, String source) throws IOException {
        String text = Text.decode(content);
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            long at = e.getLocation() == null ? -1 : e.getLocation().getCharOffset();
            throw SpectrumFormatException.inFile(source, "broken JSON at character " + at + ": " + e.getOriginalMessage());
        }
        JsonNode measurements = root == null ? null : root.get("Measurements");
        if (measurements == null || !measurements.isArray()) {
            throw SpectrumFormatException.inFile(source, "no impedance data: no 'Measurements' array");
        }
        List<Spectrum> out = new ArrayList<>();
        int index = 0;
        for (JsonNode m : measurements) {
            index++;
            List<JsonNode> sets = new ArrayList<>();
            if (m.has("DataSet")) {
                sets.add(m.get("DataSet"));
            }
            for (JsonNode eis : m.path("EISDataList")) {
                if (sets.isEmpty() && eis.has("DataSet")) {
                    sets.add(eis.get("DataSet"));
                }
            }
            for (JsonNode set : sets) {
                Spectrum s = spectrum(m, set, source, index);
                if (s != null) {
                    out.add(s);
                    break;
                }
            }
        }
        if (out.isEmpty()) {
            throw SpectrumFormatException.inFile(source, "no impedance data: no measurement with Frequency, ZRe and ZIm");
        }
        return out;
    }

    private static Spectrum spectrum(JsonNode m, JsonNode set, String source, int index) throws SpectrumFormatException {
        JsonNode f = null;
        JsonNode re = null;
        JsonNode im = null;
        boolean negIm = true;
        for (JsonNode v : set.path("Values")) {
            switch (v.path("Description").asText()) {
                case "Frequency" -> f = v.path("DataValues");
                case "ZRe" -> re = v.path("DataValues");
                case "ZIm" -> {
                    im = v.path("DataValues");
                    negIm = v.path("Unit").path("Q").asText("-Z''").startsWith("-");
                }
                default -> {
                    // other arrays are not needed
                }
            }
        }
        if (f == null || re == null || im == null) {
            return null;
        }
        String where = "measurement " + index;
        if (f.size() != re.size() || f.size() != im.size()) {
            throw SpectrumFormatException.inFile(source, where + ": Frequency, ZRe and ZIm have different lengths ("
                    + f.size() + ", " + re.size() + ", " + im.size() + ")");
        }
        Meta meta = new Meta(source, FORMAT);
        meta.instrument = "PalmSens" + (m.hasNonNull("DeviceSerial") ? " " + m.get("DeviceSerial").asText() : "");
        meta.put("title", m.path("Title").asText(null));
        if (m.path("UTCTimeStamp").isNumber()) {
            long ticks = m.get("UTCTimeStamp").asLong();
            long t = ticks - DOTNET_EPOCH_TICKS;
            meta.measuredAt = Instant.ofEpochSecond(Math.floorDiv(t, 10_000_000L), Math.floorMod(t, 10_000_000L) * 100);
        }
        meta.put("measurement", Integer.toString(index));
        Points pts = new Points(source, Points.Loc.POINT);
        for (int i = 0; i < f.size(); i++) {
            double fv = value(f.get(i), source, where, i, "Frequency");
            double rv = value(re.get(i), source, where, i, "ZRe");
            double iv = value(im.get(i), source, where, i, "ZIm");
            pts.add(fv, rv, negIm ? -iv : iv, Double.NaN, i);
        }
        return pts.single(meta.build(), -1);
    }

    private static double value(JsonNode point, String source, String where, int i, String name)
            throws SpectrumFormatException {
        JsonNode v = point.get("V");
        if (v == null || !v.isNumber()) {
            throw SpectrumFormatException.inFile(source, where + ", point " + i + ": " + name + " is "
                    + (v == null ? "missing" : v.asText()));
        }
        return v.asDouble();
    }
}
