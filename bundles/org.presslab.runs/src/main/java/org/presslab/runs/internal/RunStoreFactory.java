package org.presslab.runs.internal;

import java.nio.file.Path;

import javax.sql.DataSource;

import org.presslab.runs.RunStores;
import org.presslab.time.TimeSource;

/** Builds a {@link RunStore} for {@link RunStores} (the exported factory). */
public final class RunStoreFactory {

    private RunStoreFactory() {
    }

    public static RunStores.Store open(DataSource ds, String instanceId, Path spoolDir, int queueCapacity, int batchSize,
            long spoolMaxBytes, int sampleEvery, TimeSource time) {
        Settings s = new Settings(instanceId, "(given DataSource)", queueCapacity, batchSize, 100, spoolDir, spoolMaxBytes, 1_000,
                30_000, sampleEvery, 0, 2_000_000);
        return new RunStore(() -> ds, s, time, StationLookup.NONE).start();
    }
}
