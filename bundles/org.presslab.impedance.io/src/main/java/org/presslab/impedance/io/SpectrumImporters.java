package org.presslab.impedance.io;

import java.util.List;

import org.presslab.impedance.api.SpectrumImporter;
import org.presslab.impedance.api.SpectrumReader;
import org.presslab.impedance.io.internal.BuiltInReaders;
import org.presslab.impedance.io.internal.ImporterRegistry;

/**
 * Entry point outside OSGi (command-line tools, tests, scripts). Inside OSGi, use the
 * {@link SpectrumImporter} service instead.
 */
public final class SpectrumImporters {

    private SpectrumImporters() {
    }

    /** An importer with every built-in reader. */
    public static SpectrumImporter builtIn() {
        return new ImporterRegistry(BuiltInReaders.all());
    }

    /** A fresh list of the built-in readers, e.g. to add one of your own before creating an importer. */
    public static List<SpectrumReader> builtInReaders() {
        return BuiltInReaders.all();
    }

    /** An importer over the given readers only. */
    public static SpectrumImporter of(List<? extends SpectrumReader> readers) {
        return new ImporterRegistry(readers);
    }
}
