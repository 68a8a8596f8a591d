package org.presslab.control.api;

import java.util.List;

/**
 * What a dry run of a recipe found.
 *
 * @param recipe the recipe's name
 * @param violations every violation, each naming the step (1-based) and the limit; empty when the recipe may run
 * @param estimatedSeconds the recipe's duration if nothing waits longer than planned
 */
public record DryRunReport(String recipe, List<String> violations, double estimatedSeconds) {

    public DryRunReport {
        violations = List.copyOf(violations);
    }

    public boolean ok() {
        return violations.isEmpty();
    }
}
