package org.presslab.runs.api;

import java.nio.file.Path;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** Writes a run to files another program can read. Thread-safe. */
@ProviderType
public interface RunExporter {

    /** Export formats. */
    enum Format {
        /**
         * CSV files (RFC 4180, UTF-8, comma, header row), one per table: {@code <run>-run.csv} (metadata as
         * key,value), {@code -samples.csv}, {@code -events.csv}, {@code -commands.csv}, {@code -gaps.csv},
         * {@code -notes.csv}, {@code -spectra.csv}, {@code -cycling.csv}. Times are ISO-8601 UTC; SI units,
         * named in the headers.
         */
        CSV,
        /**
         * One HDF5 file {@code <run>.h5}: attributes with the metadata, groups {@code /samples} (columns as
         * datasets), {@code /events}, {@code /commands}, {@code /gaps}, {@code /notes},
         * {@code /spectra/<n>} and {@code /cycling/<n>}.
         */
        HDF5
    }

    /**
     * Exports a run into {@code directory} (created if missing). Existing files of the same names are replaced.
     *
     * @return the files written
     * @throws RunStoreException NOT_FOUND, INVALID when the directory cannot be written (names it and why)
     */
    List<Path> export(String runId, Format format, Path directory);
}
