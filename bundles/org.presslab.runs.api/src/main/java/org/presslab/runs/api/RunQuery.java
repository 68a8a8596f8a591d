package org.presslab.runs.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Reads runs back, for reports, the web page and export. Thread-safe; every list is oldest first.
 * A null {@code from} or {@code to} means the run's start or end (or now, while it runs).
 */
@ProviderType
public interface RunQuery {

    /**
     * The run's samples between two times, reduced to at most {@code maxPoints} buckets of equal length
     * with min, max and mean per bucket; the raw samples when there are no more than {@code maxPoints}.
     * Long windows are answered from the decimated tier (1 s buckets), so a 30-day run answers in well
     * under a second.
     *
     * @param maxPoints 1 to 100,000
     * @throws RunStoreException NOT_FOUND, INVALID for maxPoints out of range or from after to
     */
    SampleSeries samples(String runId, Instant from, Instant to, int maxPoints);

    /** Streams the raw samples between two times to {@code sink}, oldest first, without holding them in memory. */
    void forEachSample(String runId, Instant from, Instant to, Consumer<RecordedSample> sink);

    /** Number of raw samples recorded in the run. */
    long sampleCount(String runId);

    /**
     * The station's recorded sample nearest to {@code time}, within {@code tolerance}: a raw sample in a run,
     * else the mean of the decimated tier's bucket (the store keeps 1 s buckets between runs).
     */
    Optional<RecordedSample> sampleAt(String stationId, Instant time, Duration tolerance);

    /** Events between two times, at most {@code limit} (0: all). */
    List<RunEvent> events(String runId, Instant from, Instant to, int limit);

    /** The run's last {@code n} events, oldest first. */
    List<RunEvent> lastEvents(String runId, int n);

    /** Every command given to the station during the run. */
    List<CommandRecord> commands(String runId);

    /** Every gap of the run. */
    List<Gap> gaps(String runId);

    /** Every note. */
    List<Note> notes(String runId);

    /** Every spectrum with its analysis and conditions. */
    List<RunSpectrum> spectra(String runId);

    /** Every cycling log, without points. */
    List<CyclingLogInfo> cyclingLogs(String runId);

    /**
     * A stored cycling log with its points.
     *
     * @throws RunStoreException NOT_FOUND
     */
    CyclingLog cyclingLog(String logId);
}
