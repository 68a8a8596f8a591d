package org.presslab.cycling;

import org.presslab.cycling.internal.ImporterService;

/**
 * Entry point outside OSGi (tools, tests, scripts). Inside OSGi, use the {@link CyclingImporter} service.
 */
public final class CyclingImporters {

    private CyclingImporters() {
    }

    /** An importer with every built-in format. */
    public static CyclingImporter builtIn() {
        return new ImporterService();
    }
}
