package org.presslab.impedance.api;

import java.time.Instant;
import java.util.Map;

/**
 * What is known about a spectrum besides its points. Unknown numbers are {@code NaN}, unknown
 * strings and instants {@code null}.
 *
 * @param source where it came from (file path, "synthetic", a run id)
 * @param instrument the instrument or software that measured it, if the file says
 * @param format the file format it was read from (e.g. "BioLogic .mpt"), or null
 * @param measuredAt when it was measured, if known
 * @param temperatureK cell temperature in kelvin
 * @param cellDiameterM pellet diameter in metres
 * @param cellThicknessM pellet thickness in metres
 * @param stackPressurePa stack pressure held while measuring, in pascals
 * @param extra any other key/value the source carried (header fields, technique, cycle number)
 */
public record SpectrumMetadata(String source, String instrument, String format, Instant measuredAt,
        double temperatureK, double cellDiameterM, double cellThicknessM, double stackPressurePa,
        Map<String, String> extra) {

    public static final SpectrumMetadata EMPTY = new SpectrumMetadata(null, null, null, null, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN, Map.of());

    public SpectrumMetadata {
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }

    public static SpectrumMetadata ofSource(String source) {
        return EMPTY.withSource(source);
    }

    public SpectrumMetadata withSource(String s) {
        return new SpectrumMetadata(s, instrument, format, measuredAt, temperatureK, cellDiameterM, cellThicknessM,
                stackPressurePa, extra);
    }

    public SpectrumMetadata withTemperatureK(double t) {
        return new SpectrumMetadata(source, instrument, format, measuredAt, t, cellDiameterM, cellThicknessM,
                stackPressurePa, extra);
    }

    public SpectrumMetadata withStackPressurePa(double p) {
        return new SpectrumMetadata(source, instrument, format, measuredAt, temperatureK, cellDiameterM, cellThicknessM,
                p, extra);
    }

    public SpectrumMetadata withCell(double diameterM, double thicknessM) {
        return new SpectrumMetadata(source, instrument, format, measuredAt, temperatureK, diameterM, thicknessM,
                stackPressurePa, extra);
    }
}
