package org.presslab.runs.internal;

import java.nio.file.Path;

/**
 * The run store's settings, checked: every number within a hard range (the message names the key).
 *
 * @param instanceId this Presslab instance's id, unique among the instances sharing a database
 * @param dataSourceTarget the DataSource service filter (for messages)
 * @param queueCapacity rows the recorder's queue holds (samples may fill 90 % of it, the rest is for events)
 * @param batchSize most rows per database transaction
 * @param commitIntervalMs longest time a row waits in the queue before a commit (at most 250 ms)
 * @param spoolDir where the spool files go
 * @param spoolMaxBytes the spool's size limit
 * @param probeIntervalMs how often the database is tried while spooling
 * @param closeTimeoutMs how long closing waits for the writer to write what is queued
 * @param sampleEvery record every n-th loop sample (1: every one)
 * @param rawRetentionDays raw samples of finished runs are deleted after this many days (0: kept forever);
 *        the decimated tiers, events, commands, gaps, notes, spectra and cycling logs are kept forever
 * @param hdf5MaxRawSamples above this many samples, the HDF5 export writes the 1 s tier instead of raw samples
 * @param spectrumQueueMax station-measured spectra (SPECTRUM_MEASURED) that may wait in memory for the writer; beyond
 *        it a spectrum is dropped and recorded as a QUEUE_OVERFLOW gap (a spectrum with its fit is tens of kB)
 */
record Settings(String instanceId, String dataSourceTarget, int queueCapacity, int batchSize, long commitIntervalMs,
        Path spoolDir, long spoolMaxBytes, long probeIntervalMs, long closeTimeoutMs, int sampleEvery, double rawRetentionDays,
        int hdf5MaxRawSamples, int spectrumQueueMax) {

    /** The default of {@code spectra.queueMax}: a few MB of spectra at most, hours of a sweep every minute. */
    static final int DEFAULT_SPECTRUM_QUEUE_MAX = 256;

    Settings {
        if (instanceId == null || instanceId.isBlank() || instanceId.length() > 100) {
            throw new IllegalArgumentException("instance.id must be 1 to 100 characters, was '" + instanceId + "'");
        }
        check("queue.capacity", queueCapacity, 1_000, 10_000_000);
        check("batch.size", batchSize, 1, 100_000);
        check("commit.intervalMs", commitIntervalMs, 10, 250);
        check("spool.maxMB", spoolMaxBytes, 1, 1L << 50);
        check("probe.intervalMs", probeIntervalMs, 10, 60_000);
        check("close.timeoutMs", closeTimeoutMs, 100, 600_000);
        check("sample.every", sampleEvery, 1, 1_000_000);
        if (!(rawRetentionDays >= 0 && rawRetentionDays <= 100_000)) {
            throw new IllegalArgumentException("retention.rawDays must be 0 (forever) to 100000, was " + rawRetentionDays);
        }
        check("export.hdf5MaxRawSamples", hdf5MaxRawSamples, 1, 50_000_000);
        check("spectra.queueMax", spectrumQueueMax, 1, 100_000);
    }

    private static void check(String key, long v, long min, long max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(key + " must be within " + min + ".." + max + ", was " + v);
        }
    }

    /** Defaults for a spool directory (tests and the benchmark). */
    static Settings defaults(String instanceId, Path spoolDir) {
        return new Settings(instanceId, "(dataSourceName=presslab)", 100_000, 1_000, 100, spoolDir, 1024L << 20, 1_000,
                10_000, 1, 0, 2_000_000, DEFAULT_SPECTRUM_QUEUE_MAX);
    }

    Settings withQueueCapacity(int n) {
        return new Settings(instanceId, dataSourceTarget, n, batchSize, commitIntervalMs, spoolDir, spoolMaxBytes,
                probeIntervalMs, closeTimeoutMs, sampleEvery, rawRetentionDays, hdf5MaxRawSamples, spectrumQueueMax);
    }

    Settings withSpoolMaxBytes(long n) {
        return new Settings(instanceId, dataSourceTarget, queueCapacity, batchSize, commitIntervalMs, spoolDir, n,
                probeIntervalMs, closeTimeoutMs, sampleEvery, rawRetentionDays, hdf5MaxRawSamples, spectrumQueueMax);
    }

    Settings withProbeIntervalMs(long n) {
        return new Settings(instanceId, dataSourceTarget, queueCapacity, batchSize, commitIntervalMs, spoolDir, spoolMaxBytes,
                n, closeTimeoutMs, sampleEvery, rawRetentionDays, hdf5MaxRawSamples, spectrumQueueMax);
    }

    Settings withBatchSize(int n) {
        return new Settings(instanceId, dataSourceTarget, queueCapacity, n, commitIntervalMs, spoolDir, spoolMaxBytes,
                probeIntervalMs, closeTimeoutMs, sampleEvery, rawRetentionDays, hdf5MaxRawSamples, spectrumQueueMax);
    }

    Settings withSpectrumQueueMax(int n) {
        return new Settings(instanceId, dataSourceTarget, queueCapacity, batchSize, commitIntervalMs, spoolDir, spoolMaxBytes,
                probeIntervalMs, closeTimeoutMs, sampleEvery, rawRetentionDays, hdf5MaxRawSamples, n);
    }
}
