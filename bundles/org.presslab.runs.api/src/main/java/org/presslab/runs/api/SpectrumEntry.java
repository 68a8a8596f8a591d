package org.presslab.runs.api;

import java.time.Instant;
import java.util.Objects;

import org.presslab.impedance.api.FitResult;
import org.presslab.impedance.api.KkResult;
import org.presslab.impedance.api.Spectrum;

/**
 * An impedance spectrum to attach to a run, with what the cell saw while it was measured. When a
 * condition is NaN, {@link RunAttachments#attachSpectrum} fills it from the run's recorded samples at
 * {@code measuredAt} (and says so in {@link RunSpectrum#conditionsFromRecord()}).
 *
 * @param measuredAt when the measurement was made (UTC); for a sweep, its start
 * @param spectrum the spectrum
 * @param fit its circuit fit, or null
 * @param kk its Lin-KK test, or null
 * @param stackPressurePa stack pressure at measurement time, Pa (NaN: take it from the record)
 * @param forceN force at measurement time, N (NaN: take it from the record)
 * @param temperatureK temperature at measurement time, K (NaN: take it from the record)
 * @param sourceKind measured by an analyzer, or imported from a file
 * @param source the analyzer's identity ("vendor model #serial") or the imported file's name
 */
public record SpectrumEntry(Instant measuredAt, Spectrum spectrum, FitResult fit, KkResult kk, double stackPressurePa,
        double forceN, double temperatureK, SourceKind sourceKind, String source) {

    /** Where a spectrum came from. */
    public enum SourceKind {
        /** Measured by an analyzer driver during the run. */
        ANALYZER,
        /** Imported from an instrument's export file (watch folder, shell, web). */
        FILE
    }

    public SpectrumEntry {
        Objects.requireNonNull(measuredAt, "measuredAt");
        Objects.requireNonNull(spectrum, "spectrum");
        Objects.requireNonNull(sourceKind, "sourceKind");
        source = Objects.requireNonNullElse(source, "");
    }

    /** This entry with another fit and KK result (a re-analysis). */
    public SpectrumEntry withAnalysis(FitResult newFit, KkResult newKk) {
        return new SpectrumEntry(measuredAt, spectrum, newFit, newKk, stackPressurePa, forceN, temperatureK, sourceKind,
                source);
    }
}
