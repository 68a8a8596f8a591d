package org.presslab.impedance.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Reads impedance spectra from instrument export files. The format is found from the file's
 * content (magic bytes, header lines, column names); the file name only breaks ties. One file can
 * hold several spectra (e.g. the sweeps of a looped BioLogic technique), hence the list.
 *
 * <p>Every returned spectrum has frequencies in hertz and Z in ohms with Z'' negative for a
 * capacitive response, whatever the file's sign convention. Its metadata carries the source file,
 * the format name and, when the file says, the instrument, the time of measurement and the
 * temperature.
 *
 * <p>Thread-safe.
 */
@ProviderType
public interface SpectrumImporter {

    /**
     * Reads every spectrum in a file.
     *
     * @throws SpectrumFormatException if the format is unknown or unsupported, or the file holds
     *         no impedance data, is truncated or holds a non-finite value; the message names the
     *         file, the line or byte offset and the problem
     * @throws IOException if the file cannot be read
     */
    List<Spectrum> read(Path file) throws IOException;

    /**
     * Reads every spectrum from a stream (read to its end, not closed).
     *
     * @param name the file name used for messages, metadata and as a tie-breaker in detection
     */
    List<Spectrum> read(InputStream in, String name) throws IOException;

    /**
     * Names of the formats that can be read, e.g. "BioLogic .mpt", "Gamry .DTA".
     */
    Set<String> formats();
}
