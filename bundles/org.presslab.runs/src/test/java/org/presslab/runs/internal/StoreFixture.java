package org.presslab.runs.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import org.presslab.runs.api.DeviceIdentity;
import org.presslab.time.TimeSources;

/** Builds stores for the tests, on real threads and real time. */
final class StoreFixture {

    static final StationLookup LOOKUP = new StationLookup() {
        @Override
        public DeviceIdentity device(String stationId, String driverId) {
            return new DeviceIdentity("", "", "", driverId, "org.presslab.press.sim", "0.1.0.test");
        }

        @Override
        public Optional<String> recipeJson(String stationId, String recipeRunId) {
            return Optional.of("{\"name\":\"assb-default\",\"steps\":[{\"kind\":\"ramp\",\"targetMPa\":74}]}");
        }
    };

    private StoreFixture() {
    }

    static RunStore store(DataSource ds, Settings s) {
        return new RunStore(() -> ds, s, TimeSources.system(), LOOKUP).start();
    }

    static RunStore store(DataSource ds, Path spool) {
        return store(ds, Settings.defaults("test-instance", spool).withProbeIntervalMs(700));
    }

    /** Waits up to {@code timeout} for {@code condition}; false if it never held. */
    static boolean await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }
}
