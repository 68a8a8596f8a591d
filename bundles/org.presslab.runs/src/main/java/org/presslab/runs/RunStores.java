package org.presslab.runs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import javax.sql.DataSource;

import org.osgi.annotation.versioning.ProviderType;
import org.presslab.control.api.RecipeService;
import org.presslab.control.api.StationListener;
import org.presslab.control.api.StationRegistry;
import org.presslab.runs.api.RunAttachments;
import org.presslab.runs.api.RunExporter;
import org.presslab.runs.api.RunQuery;
import org.presslab.runs.api.RunService;
import org.presslab.runs.internal.RunStoreFactory;
import org.presslab.time.TimeSources;
import org.presslab.time.TimeSource;

/** Opens a run store on a DataSource outside OSGi: the same code the DS component runs. */
public final class RunStores {

    private RunStores() {
    }

    /** A running store: feed it station samples and events (it is a {@link StationListener}); close it to stop. */
    @ProviderType
    public interface Store extends RunService, RunQuery, RunAttachments, RunExporter, StationListener, AutoCloseable {

        /** Waits until everything given so far is committed (or spooled); false if not within {@code timeout}. */
        boolean flush(Duration timeout);

        /** Rows committed to the database since the store opened (samples, tiers, events, ...). */
        long committedRows();

        /** Closes open runs as INTERRUPTED, writes what is queued, stops the threads. */
        @Override
        void close();
    }

    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /** Settings with the component's defaults. */
    public static final class Builder {
        private final DataSource dataSource;
        private String instanceId = "presslab";
        private Path spoolDir = Path.of("data", "presslab", "spool");
        private int queueCapacity = 100_000;
        private int batchSize = 1_000;
        private long spoolMaxBytes = 1024L << 20;
        private int sampleEvery = 1;
        private TimeSource time;
        private StationRegistry stations;
        private RecipeService recipes;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        public Builder instanceId(String id) {
            this.instanceId = id;
            return this;
        }

        public Builder spoolDir(Path dir) {
            this.spoolDir = dir;
            return this;
        }

        public Builder queueCapacity(int rows) {
            this.queueCapacity = rows;
            return this;
        }

        public Builder batchSize(int rows) {
            this.batchSize = rows;
            return this;
        }

        public Builder spoolMaxBytes(long bytes) {
            this.spoolMaxBytes = bytes;
            return this;
        }

        public Builder sampleEvery(int n) {
            this.sampleEvery = n;
            return this;
        }

        public Builder time(TimeSource t) {
            this.time = t;
            return this;
        }

        /**
         * The stations the store records, which it asks for a station's driver when it missed the driver's binding
         * (as the DS component asks the StationRegistry service). Without it the driver is what the events say.
         */
        public Builder stations(StationRegistry registry) {
            this.stations = registry;
            return this;
        }

        /**
         * The recipe service the store writes a running recipe's JSON with (and its SHA-256), read from the station of
         * {@link #stations}, as the DS component does. Without both, a recipe's run is recorded with its name only,
         * so a report cannot show the recipe's plan.
         *
         * @since 1.1
         */
        public Builder recipes(RecipeService r) {
            this.recipes = r;
            return this;
        }

        /**
         * Opens the store: migrates the schema, backfills a spool left behind, recovers interrupted runs.
         *
         * @throws IllegalArgumentException for a setting out of range (names it)
         */
        public Store open() {
            return RunStoreFactory.open(dataSource, instanceId, spoolDir, queueCapacity, batchSize, spoolMaxBytes, sampleEvery,
                    time == null ? TimeSources.system() : time, stations, recipes);
        }
    }
}
