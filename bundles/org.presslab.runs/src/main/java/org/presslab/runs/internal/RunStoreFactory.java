package org.presslab.runs.internal;

import java.nio.file.Path;

import javax.sql.DataSource;

import org.presslab.control.api.RecipeService;
import org.presslab.control.api.StationRegistry;
import org.presslab.runs.RunStores;
import org.presslab.time.TimeSource;

/** Builds a {@link RunStore} for {@link RunStores} (the exported factory). */
public final class RunStoreFactory {

    private RunStoreFactory() {
    }

    /**
     * @param stations the stations it records, to ask for a station's driver and recipe; null: only what the events say
     * @param recipes to write a running recipe as JSON; null: runs are recorded without their recipe's JSON
     */
    public static RunStores.Store open(DataSource ds, String instanceId, Path spoolDir, int queueCapacity, int batchSize,
            long spoolMaxBytes, int sampleEvery, TimeSource time, StationRegistry stations, RecipeService recipes) {
        Settings s = new Settings(instanceId, "(given DataSource)", queueCapacity, batchSize, 100, spoolDir, spoolMaxBytes, 1_000,
                30_000, sampleEvery, 0, 2_000_000, Settings.DEFAULT_SPECTRUM_QUEUE_MAX);
        StationLookup lookup = stations == null && recipes == null ? StationLookup.NONE
                : new ControlLookup(() -> stations, () -> recipes, ControlLookup::driverOnly);
        return new RunStore(() -> ds, s, time, lookup).start();
    }
}
