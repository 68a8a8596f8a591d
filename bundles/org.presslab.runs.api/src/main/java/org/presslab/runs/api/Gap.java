package org.presslab.runs.api;

import java.time.Instant;

/**
 * A stretch of a run with no (or not all) samples, and why.
 *
 * @param stationId the station
 * @param start first moment missing (UTC)
 * @param end last moment missing; null while the gap is still open
 * @param cause why
 * @param lostRows rows known to be lost (samples and events); 0 when nothing was recorded because there
 *        was nothing to record (no driver), -1 when unknown (a crash)
 * @param message in words
 */
public record Gap(String stationId, Instant start, Instant end, Cause cause, long lostRows, String message) {

    /** Why a gap exists. */
    public enum Cause {
        /** The station lost its driver, or had no fresh reading (the station's own GAP_STARTED..GAP_ENDED). */
        DRIVER_LOST,
        /** The control core dropped samples for the recorder because it fell behind (SAMPLES_DROPPED). */
        LISTENER_DROPPED,
        /** The recorder's queue was full (the database too slow and the spool too): rows dropped. */
        QUEUE_OVERFLOW,
        /** The database was down and the spool file could not be written (disk full, size limit, I/O error). */
        SPOOL_FAILED,
        /** Spooled rows could not be read back (a damaged record, detected by its checksum). */
        SPOOL_CORRUPT,
        /** Presslab stopped while the run was open: from its last sample to the restart. */
        INTERRUPTED
    }
}
