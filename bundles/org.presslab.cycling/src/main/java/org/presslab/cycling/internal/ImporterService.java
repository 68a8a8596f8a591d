package org.presslab.cycling.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.osgi.service.component.annotations.Component;
import org.presslab.cycling.CyclingFormatException;
import org.presslab.cycling.CyclingImporter;
import org.presslab.cycling.CyclingLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link CyclingImporter} service over the built-in readers: each probes the first 64 KiB, the highest
 * score reads the file (ties: the order of {@link #READERS}). Files over {@link CyclingImporter#MAX_BYTES}
 * are refused before they are read; a reader's runtime exception becomes a format error naming the file.
 */
@Component(service = CyclingImporter.class)
public final class ImporterService implements CyclingImporter {

    private static final Logger LOG = LoggerFactory.getLogger(ImporterService.class);
    static final int HEAD = 64 * 1024;

    private final List<CyclingReader> readers = List.of(new BioLogicMprReader(), new BioLogicMptReader(),
            new ArbinCsvReader(), new NewareCsvReader(), new PlainCsvReader());

    @Override
    public int probe(byte[] head, String fileName) {
        int best = 0;
        byte[] h = Arrays.copyOf(head, Math.min(HEAD, head.length));
        for (CyclingReader r : readers) {
            best = Math.max(best, safeProbe(r, h, fileName));
        }
        return best;
    }

    private static int safeProbe(CyclingReader r, byte[] head, String fileName) {
        try {
            return r.probe(head, fileName);
        } catch (RuntimeException e) {
            LOG.warn("cycling reader {} failed to probe {}: {}", r.format(), fileName, e.toString());
            return 0;
        }
    }

    @Override
    public CyclingLog read(Path file) throws IOException {
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
    public CyclingLog read(InputStream in, String name) throws IOException {
        Objects.requireNonNull(in, "in");
        byte[] content = in.readNBytes(MAX_BYTES + 1);
        String source = name == null ? "<stream>" : name;
        if (content.length > MAX_BYTES) {
            throw tooLarge(source, "more than " + MAX_BYTES + " bytes");
        }
        return read(content, source);
    }

    /** Reads bytes already in memory. */
    public CyclingLog read(byte[] content, String name) throws IOException {
        String source = name == null ? "<stream>" : name;
        if (content.length > MAX_BYTES) {
            throw tooLarge(source, content.length + " bytes");
        }
        if (content.length == 0) {
            throw CyclingFormatException.inFile(source, "empty file: no cycling data");
        }
        byte[] head = Arrays.copyOf(content, Math.min(HEAD, content.length));
        CyclingReader best = null;
        int score = 0;
        for (CyclingReader r : readers) {
            int s = safeProbe(r, head, Text.fileName(source));
            if (s > score) {
                best = r;
                score = s;
            }
        }
        if (best == null) {
            throw CyclingFormatException.inFile(source, "unknown format: no cycling reader recognises this file (formats: "
                    + String.join(", ", formats()) + ")");
        }
        try {
            return best.read(content, source);
        } catch (RuntimeException e) {
            LOG.warn("{}: reader {} failed", source, best.format(), e);
            throw new CyclingFormatException(source, -1, -1, "could not be read as " + best.format() + ": " + e, e);
        }
    }

    private static CyclingFormatException tooLarge(String source, String size) {
        return CyclingFormatException.inFile(source, "file too large: " + size + ", the limit for a cycling export is "
                + (MAX_BYTES >> 20) + " MiB (" + MAX_BYTES + " bytes); split the export or record less often");
    }

    @Override
    public Set<String> formats() {
        Set<String> out = new LinkedHashSet<>();
        for (CyclingReader r : readers) {
            out.add(r.format());
        }
        return out;
    }

    /** The readers, for tests and the fuzzer. */
    List<CyclingReader> readers() {
        return readers;
    }
}
