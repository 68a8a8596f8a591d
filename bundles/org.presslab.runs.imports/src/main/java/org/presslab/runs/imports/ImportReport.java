package org.presslab.runs.imports;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.presslab.cycling.ShortCircuit;

/**
 * What an import did.
 *
 * @param file the file
 * @param outcome imported, or why not
 * @param kind spectra or a cycling log
 * @param format the file format found
 * @param runId the run it was attached to, or the candidates' ids (comma-separated) when ambiguous, or ""
 * @param measuredAt the measurement time used to find the run (a cycling log: its first point)
 * @param timeFrom where that time came from: "header" (the file's acquisition time) or "file mtime"
 * @param items spectra attached, or points of the cycling log
 * @param withPressure spectra or cycling points that got a stack pressure from the run's record
 * @param stackPressurePa stack pressure at the measurement time (a cycling log: at its first point), NaN if unknown
 * @param forceN force at the measurement time, NaN if unknown
 * @param temperatureK temperature at the measurement time, NaN if unknown
 * @param shortCircuits short circuits flagged in a cycling log, with the stack pressure at each
 * @param message one line for a person
 */
public record ImportReport(Path file, Outcome outcome, Kind kind, String format, String runId, Instant measuredAt,
        String timeFrom, int items, int withPressure, double stackPressurePa, double forceN, double temperatureK,
        List<ShortCircuit> shortCircuits, String message) {

    /** Whether the file was attached. */
    public enum Outcome {
        /** Attached to {@link ImportReport#runId()}. */
        IMPORTED,
        /** No run covers the measurement time: nothing attached, the file kept. */
        NO_RUN,
        /** Several runs cover it and no station was given: nothing attached, the file kept. */
        AMBIGUOUS
    }

    /** What the file held. */
    public enum Kind {
        SPECTRA, CYCLING
    }

    public ImportReport {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(kind, "kind");
        runId = Objects.requireNonNullElse(runId, "");
        shortCircuits = List.copyOf(shortCircuits == null ? List.of() : shortCircuits);
        message = Objects.requireNonNullElse(message, "");
    }
}
