package org.presslab.impedance.io.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.presslab.impedance.api.Spectrum;
import org.presslab.impedance.api.SpectrumFormatException;
import org.presslab.impedance.api.SpectrumImporter;
import org.presslab.impedance.api.SpectrumReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link SpectrumImporter} service: a registry of {@link SpectrumReader}s (every reader
 * service, dynamically). For each file it asks every reader to probe the first 64 KiB and hands
 * the whole file to the reader with the highest score; ties go to the reader registered first.
 * When no reader claims the file, a few formats known to be unsupported are named in the error.
 */
@Component(service = SpectrumImporter.class)
public final class ImporterRegistry implements SpectrumImporter {

    private static final Logger LOG = LoggerFactory.getLogger(ImporterRegistry.class);
    static final int HEAD = 64 * 1024;
    /**
     * Impedance exports are kilobytes to a few megabytes (the largest real one we hold, 32 sweeps of an
     * EC-Lab .mpt, is 1.6 MB); refuse what cannot be one before reading it into memory. 64 MiB sits well
     * below the 512 MiB heap of the distribution, which the control loops in the same JVM share: the
     * readers hold the bytes, their decoded text and the points at once, several times the file size.
     */
    static final int MAX_BYTES = 64 * 1024 * 1024;

    private final List<SpectrumReader> readers = new CopyOnWriteArrayList<>();

    /** For DS; readers arrive through {@link #addReader}. */
    public ImporterRegistry() {
    }

    /** For use outside OSGi. */
    public ImporterRegistry(Collection<? extends SpectrumReader> readers) {
        this.readers.addAll(readers);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addReader(SpectrumReader reader) {
        readers.add(reader);
        LOG.debug("spectrum reader added: {}", reader.format());
    }

    void removeReader(SpectrumReader reader) {
        readers.remove(reader);
    }

    @Override
    public List<Spectrum> read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw tooLarge(file.toString(), size + " bytes");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString()); // capped again: the file may grow after the size check
        }
    }

    @Override
    public List<Spectrum> read(InputStream in, String name) throws IOException {
        Objects.requireNonNull(in, "in");
        byte[] content = in.readNBytes(MAX_BYTES + 1); // grows as it reads: no buffer of the cap up front
        if (content.length > MAX_BYTES) {
            throw tooLarge(name == null ? "<stream>" : name, "more than " + MAX_BYTES + " bytes");
        }
        return read(content, name);
    }

    private static SpectrumFormatException tooLarge(String source, String size) {
        return SpectrumFormatException.inFile(source, "file too large: " + size + ", the limit for an impedance export is "
                + (MAX_BYTES >> 20) + " MiB (" + MAX_BYTES + " bytes); exports are kilobytes to a few megabytes, "
                + "split a larger file or export fewer columns");
    }

    /** Reads from bytes already in memory. */
    public List<Spectrum> read(byte[] content, String name) throws IOException {
        String source = name == null ? "<stream>" : name;
        if (content.length > MAX_BYTES) {
            throw tooLarge(source, content.length + " bytes");
        }
        if (content.length == 0) {
            throw SpectrumFormatException.inFile(source, "empty file: no impedance data");
        }
        SpectrumReader reader = choose(content, Text.fileName(source));
        if (reader == null) {
            String known = KnownFormats.unsupported(Arrays.copyOf(content, Math.min(HEAD, content.length)),
                    Text.fileName(source));
            throw SpectrumFormatException.inFile(source, known != null ? "unsupported format " + known
                    : "unknown format: no reader recognises this file (readers: " + String.join(", ", formats()) + ")");
        }
        LOG.debug("{}: reading as {}", source, reader.format());
        List<Spectrum> result;
        try {
            result = reader.read(content, source);
        } catch (RuntimeException e) {
            // a reader bug or a layout it did not foresee: report it as what it is, never crash the caller
            LOG.warn("{}: reader {} failed", source, reader.format(), e);
            throw new SpectrumFormatException(source, -1, -1, "could not be read as " + reader.format() + ": " + e, e);
        }
        if (result.isEmpty()) {
            throw SpectrumFormatException.inFile(source, "no impedance data");
        }
        return result;
    }

    /** The reader that would read this content, or null. */
    SpectrumReader choose(byte[] content, String fileName) {
        byte[] head = Arrays.copyOf(content, Math.min(HEAD, content.length)); // fresh: see Text.lines(byte[])
        SpectrumReader best = null;
        int bestScore = 0;
        for (SpectrumReader r : readers) {
            int score;
            try {
                score = r.probe(head, fileName);
            } catch (RuntimeException e) {
                LOG.warn("spectrum reader {} failed to probe {}: {}", r.format(), fileName, e.toString());
                continue;
            }
            if (score > bestScore) {
                best = r;
                bestScore = score;
            }
        }
        return best;
    }

    @Override
    public Set<String> formats() {
        Set<String> names = new TreeSet<>();
        for (SpectrumReader r : readers) {
            names.add(r.format());
        }
        return names;
    }
}
