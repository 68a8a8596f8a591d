package org.presslab.runs.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs: start and stop, notes, cell metadata, listing, and the store's health. Thread-safe.
 *
 * <p>A run starts by itself when a recipe starts on a station (the recipe's JSON and hash, the actor that
 * started it as operator, the cell {@link #prepareCell prepared} for the station) and ends when the recipe
 * completes (COMPLETED), is aborted (ABORTED) or fails (TRIPPED). A run started by hand with
 * {@link #start} records until {@link #stop}; a recipe started during it is recorded in it (the run takes
 * the recipe's name, JSON and hash) and does not end it. One station has at most one open run.
 *
 * <p>Every method that writes answers once its row is committed to the database or, while the database
 * cannot be reached, to the store's local spool (it reaches the database with the backfill). It fails with
 * {@link RunStoreException.Reason#UNAVAILABLE} only when neither can take it. Reads need the database, except
 * {@link #current} and {@link #get} of an open run, which come from memory.
 */
@ProviderType
public interface RunService {

    /**
     * Starts a run by hand on a station.
     *
     * @param stationId the station (need not be bound to a device yet)
     * @param cell the cell, or null for {@link CellInfo#UNKNOWN}
     * @param operator who starts it (a user name; not empty)
     * @param source where the request came from (SHELL, WEB, REST, ...)
     * @return the new run, RUNNING
     * @throws RunStoreException CONFLICT when the station has an open run, INVALID for an empty station or
     *         operator, UNAVAILABLE when the database is down
     */
    Run start(String stationId, CellInfo cell, String operator, String source);

    /**
     * Stops a run by hand: outcome COMPLETED at the present time.
     *
     * @param reason why, in words (may be empty)
     * @throws RunStoreException NOT_FOUND, or CONFLICT when the run has already ended
     */
    Run stop(String runId, String operator, String reason);

    /**
     * The cell of the next run on the station (a run started by a recipe takes it; it is used once).
     * Replaces an earlier prepared cell; null clears it.
     */
    void prepareCell(String stationId, CellInfo cell);

    /**
     * Corrects the cell metadata of a run (while it runs or after). The change is recorded as a note
     * naming the operator and the old and new values.
     */
    Run updateCell(String runId, CellInfo cell, String operator);

    /**
     * Adds a note to a run, at the present time.
     *
     * @throws RunStoreException NOT_FOUND, INVALID for empty text or text over 10,000 characters
     */
    Note note(String runId, String author, String text);

    /** Runs matching the filter, newest first. */
    List<Run> list(RunFilter filter);

    /** A run by id. */
    Optional<Run> get(String runId);

    /** The station's open run, if any. */
    Optional<Run> current(String stationId);

    /** The store's health now: OK, SPOOLING (database down, nothing lost) or DOWN (losing rows), with the cause. */
    StoreHealth health();
}
