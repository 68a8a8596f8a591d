package org.presslab.control.api;

import java.util.List;
import java.util.Objects;

/**
 * A pressing plan: steps run in order on one station. SI units.
 *
 * @param name the recipe's name (a file's base name for recipe files)
 * @param version the recipe's own version, recorded with every run
 * @param description what it is for
 * @param maxPressurePa the recipe's own pressure limit; the station enforces the lowest of this and its own
 * @param steps the steps, at least one
 */
public record Recipe(String name, int version, String description, double maxPressurePa, List<RecipeStep> steps) {

    public Recipe {
        Objects.requireNonNull(name, "name");
        description = Objects.requireNonNullElse(description, "");
        steps = List.copyOf(steps);
    }
}
