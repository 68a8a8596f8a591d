package org.presslab.press.conformance;

import java.util.Objects;

/**
 * The outcome of one check.
 *
 * @param id short stable id ("non-blocking")
 * @param title what the check checks, in words
 * @param status the outcome
 * @param detail what was seen: figures for a pass, the violation for a failure, why for a skip
 */
public record CheckResult(String id, String title, Status status, String detail) {

    /** Outcome of a check. */
    public enum Status {
        PASS, FAIL, WARN, SKIP
    }

    public CheckResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        title = Objects.requireNonNullElse(title, "");
        detail = Objects.requireNonNullElse(detail, "");
    }
}
