package org.presslab.impedance.shell.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.presslab.impedance.api.Spectrum;
import org.presslab.impedance.api.SpectrumImporter;

/**
 * Base of the eis: commands: reads a spectrum from a file, prints to {@link #out}, and turns
 * every problem (unreadable file, format error with its line, bad circuit string with its
 * position, bad option) into the command's error message without a stack trace.
 */
public abstract class EisCommandSupport implements Action {

    @Reference
    protected SpectrumImporter importer;

    protected PrintStream out = System.out;

    @Override
    public final Object execute() throws Exception {
        try {
            doExecute();
            return null;
        } catch (NoSuchFileException e) {
            throw new EisCommandFailed("no such file: " + e.getFile());
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            // SpectrumFormatException is an IOException; CircuitSyntaxException an IllegalArgumentException.
            throw new EisCommandFailed(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    protected abstract void doExecute() throws Exception;

    /**
     * Spectrum {@code index} (1-based) of a file; a file with one spectrum needs no index.
     */
    protected Spectrum spectrum(String file, int index) throws IOException {
        Path p = Path.of(file);
        if (!Files.isRegularFile(p)) {
            throw new NoSuchFileException(p.toAbsolutePath().toString());
        }
        List<Spectrum> all = importer.read(p);
        if (all.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no impedance spectrum");
        }
        if (index == 0) {
            if (all.size() > 1) {
                out.printf("%s holds %d spectra; using the first (choose with --spectrum 1..%d)%n", p.getFileName(), all.size(),
                        all.size());
            }
            return all.get(0);
        }
        if (index < 1 || index > all.size()) {
            throw new IllegalArgumentException(file + " holds " + all.size() + " spectra; --spectrum must be 1.." + all.size());
        }
        return all.get(index - 1);
    }

    /** A failed command; the console prints only the message. */
    public static final class EisCommandFailed extends Exception {
        private static final long serialVersionUID = 1L;

        public EisCommandFailed(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
