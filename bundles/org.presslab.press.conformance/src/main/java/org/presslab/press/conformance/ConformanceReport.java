package org.presslab.press.conformance;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a conformance run found, check by check.
 *
 * @param subject the driver and fixture checked ("acme-1: Acme SP-5T servo press via AcmeFixture")
 * @param results every check in the order run
 */
public record ConformanceReport(String subject, List<CheckResult> results) {

    public ConformanceReport {
        results = List.copyOf(results);
    }

    /** True when no check failed (warnings and skips allowed). */
    public boolean passed() {
        return results.stream().noneMatch(r -> r.status() == CheckResult.Status.FAIL);
    }

    /** The result of a check by id. */
    public Optional<CheckResult> result(String id) {
        return results.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    public List<CheckResult> failures() {
        return results.stream().filter(r -> r.status() == CheckResult.Status.FAIL).toList();
    }

    /** A readable report, one line per check plus indented details. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append("Presslab driver conformance: ").append(subject).append('\n');
        for (CheckResult r : results) {
            sb.append(String.format(Locale.ROOT, "  %-4s  %-22s %s%n", r.status(), r.id(), r.title()));
            for (String line : r.detail().split("\n")) {
                if (!line.isBlank()) {
                    sb.append("          ").append(line).append('\n');
                }
            }
        }
        long failed = failures().size();
        long warned = results.stream().filter(r -> r.status() == CheckResult.Status.WARN).count();
        long skipped = results.stream().filter(r -> r.status() == CheckResult.Status.SKIP).count();
        sb.append(String.format(Locale.ROOT, "Result: %s (%d checks: %d failed, %d warnings, %d skipped)%n",
                passed() ? "PASSED" : "FAILED", results.size(), failed, warned, skipped));
        return sb.toString();
    }

    /** Throws an {@link AssertionError} carrying the whole report when a check failed. */
    public void assertPassed() {
        if (!passed()) {
            throw new AssertionError(format());
        }
    }

    @Override
    public String toString() {
        return format();
    }
}
