package org.presslab.impedance.api;

import java.io.IOException;
import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One file format. Register an implementation as an OSGi service and the
 * {@link SpectrumImporter} service uses it: for each file the importer
 * asks every reader to {@link #probe} the first bytes and hands the file to the reader with the
 * highest score.
 *
 * <p>Score guide: {@link #CERTAIN} for a magic number or signature line, {@link #LIKELY} for a
 * recognised header layout, {@link #POSSIBLE} for generic layouts (named-column CSV),
 * {@link #WEAK} for bare numeric tables; 0 means "not mine". A reader should decide from content;
 * the file name may only add a point or two to break a tie.
 *
 * <p>Implementations must be thread-safe (stateless is easiest).
 */
@ConsumerType
public interface SpectrumReader {

    int CERTAIN = 100;
    int LIKELY = 80;
    int POSSIBLE = 50;
    int WEAK = 20;

    /** A short human-readable format name, e.g. "BioLogic .mpt". Unique among readers. */
    String format();

    /**
     * How sure this reader is that the file is in its format.
     *
     * @param head the first bytes of the file (up to 64 KiB, fewer for short files)
     * @param fileName the file name (may be used to break ties only)
     * @return 0 if the file is not in this format, otherwise a score (see the class comment)
     */
    int probe(byte[] head, String fileName);

    /**
     * Reads all spectra in the file.
     *
     * @param content the whole file
     * @param source the file name or path for messages and metadata
     * @throws SpectrumFormatException naming the file, line or byte offset
     *         and the problem when the file holds no impedance data, is truncated or holds
     *         non-finite values
     */
    List<Spectrum> read(byte[] content, String source) throws IOException;
}
