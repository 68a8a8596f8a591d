package org.presslab.runs.imports;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Imports an impedance spectrum file (any format the {@code SpectrumImporter} reads) or a cycling log (any
 * format the {@code CyclingImporter} reads) into a run. The measurement time is the file's acquisition time
 * from its header, else its modification time (the report says which). Thread-safe.
 */
@ProviderType
public interface FileImporter {

    /**
     * Imports a file into a given run, or into the run that covers its measurement time.
     *
     * @param file the export file
     * @param runId the run, or null to find the run whose time covers the measurement
     * @param stationId with {@code runId} null: only this station's runs (null: any station; several covering
     *        runs are then ambiguous and nothing is attached)
     * @return what was done; {@link ImportReport.Outcome#NO_RUN} and {@link ImportReport.Outcome#AMBIGUOUS}
     *         attach nothing and leave the file as it is
     * @throws IOException if the file cannot be read or is not a format either importer reads (the message
     *         names the file and the line or byte)
     * @throws org.presslab.runs.api.RunStoreException if the store refuses (unknown run, store down)
     */
    ImportReport importFile(Path file, String runId, String stationId) throws IOException;
}
