package org.presslab.cycling;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Reads a galvanostatic cycling log from an instrument export. The format is found from the content
 * (magic bytes, header lines, column names); the file name only breaks ties. Files over
 * {@link #MAX_BYTES} are refused before they are read. Thread-safe.
 */
@ProviderType
public interface CyclingImporter {

    /**
     * Largest file read: 64 MiB, well below the 512 MiB heap the control loops share. A BioLogic .mpt of a
     * month of cycling logged every 10 s is about 25 MB; a larger file is refused with "file too large".
     */
    int MAX_BYTES = 64 * 1024 * 1024;

    /**
     * How sure the importer is that it can read a file whose first bytes (up to 64 KiB) are {@code head}:
     * 0 not a cycling log it knows (an impedance spectrum, say), up to 100 certain.
     */
    int probe(byte[] head, String fileName);

    /**
     * Reads a file.
     *
     * @throws CyclingFormatException naming the file, the line or byte offset and the problem
     * @throws IOException if the file cannot be read
     */
    CyclingLog read(Path file) throws IOException;

    /** Reads a stream to its end (not closed); {@code name} is used in messages and as a tie-breaker. */
    CyclingLog read(InputStream in, String name) throws IOException;

    /** Names of the formats read, e.g. "BioLogic .mpt (GCPL)". */
    Set<String> formats();
}
