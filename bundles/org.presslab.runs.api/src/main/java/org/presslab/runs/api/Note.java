package org.presslab.runs.api;

import java.time.Instant;

/**
 * A free-text note on a run.
 *
 * @param time when it was written (UTC)
 * @param author who wrote it
 * @param text what
 */
public record Note(Instant time, String author, String text) {
}
