package org.presslab.runs.api;

import java.time.Instant;
import java.util.Objects;

/**
 * The run store's health now.
 *
 * @param state OK, SPOOLING or DOWN
 * @param cause why it is not OK, in words (the database's error, the spool's error); empty when OK
 * @param since when the present state began
 * @param queued rows waiting in the writer's queue now
 * @param spooledRows rows in the local spool file that wait for the database
 * @param lostRows rows lost since the store started (queue overflow, spool full), each recorded as a gap
 * @param lastCommit when the writer last committed to the database, or null if never
 * @param writerLagS age of the oldest row in the queue, seconds (0 when empty)
 * @param database the database product and URL without credentials, e.g. "H2 2.3.232 jdbc:h2:file:..."
 */
public record StoreHealth(State state, String cause, Instant since, int queued, long spooledRows, long lostRows,
        Instant lastCommit, double writerLagS, String database) {

    /** The store's state. */
    public enum State {
        /** Rows reach the database within the commit interval. */
        OK,
        /**
         * The database cannot be written (down, or no DataSource bound): rows go to the local spool file and are
         * backfilled later. Nothing lost.
         */
        SPOOLING,
        /** Neither the database nor the spool can be written: rows are being lost, and recorded as gaps. */
        DOWN
    }

    public StoreHealth {
        Objects.requireNonNull(state, "state");
        cause = Objects.requireNonNullElse(cause, "");
        database = Objects.requireNonNullElse(database, "");
    }
}
