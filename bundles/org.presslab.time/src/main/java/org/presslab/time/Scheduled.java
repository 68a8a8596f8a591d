package org.presslab.time;

import org.osgi.annotation.versioning.ProviderType;

/** A task scheduled on a {@link TimeSource}. */
@ProviderType
public interface Scheduled extends AutoCloseable {

    /** Stops further runs; a run in progress completes. Idempotent. */
    void cancel();

    boolean isCancelled();

    /** How many runs have completed. */
    long runs();

    /** How many periodic runs were skipped because the previous run was still going. */
    long overruns();

    @Override
    default void close() {
        cancel();
    }
}
