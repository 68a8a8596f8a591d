package org.presslab.runs.api;

import org.osgi.annotation.versioning.ProviderType;

import org.presslab.impedance.api.FitResult;
import org.presslab.impedance.api.KkResult;

/**
 * Attaches measurements made beside the press to a run: impedance spectra (from an analyzer or an
 * imported file) and cycling logs. Thread-safe. Each call answers after the data is committed.
 *
 * <p>To find the run a file belongs to, use {@link RunService#list(RunFilter)} with
 * {@link RunFilter#covering(java.time.Instant)}.
 */
@ProviderType
public interface RunAttachments {

    /**
     * Attaches a spectrum. Conditions given as NaN are filled from the run's samples nearest to
     * {@code measuredAt} (within 5 s); they stay NaN when the record has none there.
     *
     * @return the stored spectrum with its id
     * @throws RunStoreException NOT_FOUND for an unknown run, INVALID when {@code measuredAt} is outside the
     *         run by more than a minute, UNAVAILABLE when the database is down
     */
    RunSpectrum attachSpectrum(String runId, SpectrumEntry entry);

    /**
     * Replaces the fit and KK result of a stored spectrum (a re-analysis); the old ones are kept in a note.
     *
     * @throws RunStoreException NOT_FOUND for an unknown spectrum
     */
    RunSpectrum updateAnalysis(String spectrumId, FitResult fit, KkResult kk);

    /**
     * Attaches a cycling log. Short circuits whose stack pressure is NaN get the recorded pressure at their
     * time (within 5 s).
     *
     * @return what was stored
     * @throws RunStoreException NOT_FOUND for an unknown run, INVALID when the log does not overlap the run
     */
    CyclingLogInfo attachCycling(String runId, CyclingLog log);
}
