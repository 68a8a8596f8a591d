package org.presslab.runs.api;

import java.util.Objects;

/**
 * A spectrum stored with a run.
 *
 * @param id the spectrum's id (time-ordered, unique across instances)
 * @param runId the run
 * @param entry the spectrum, its analysis and conditions (conditions filled from the record where they were NaN)
 * @param conditionsFromRecord true when at least one condition was taken from the run's recorded samples
 */
public record RunSpectrum(String id, String runId, SpectrumEntry entry, boolean conditionsFromRecord) {

    public RunSpectrum {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(entry, "entry");
    }
}
