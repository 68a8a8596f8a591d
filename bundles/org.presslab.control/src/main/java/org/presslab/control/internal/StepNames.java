package org.presslab.control.internal;

import org.presslab.control.api.RecipeStep;

/** The file-format name of a step type ("ramp", "dwell", ...). */
final class StepNames {

    private StepNames() {
    }

    static String of(RecipeStep s) {
        if (s instanceof RecipeStep.Ramp) {
            return "ramp";
        } else if (s instanceof RecipeStep.Dwell) {
            return "dwell";
        } else if (s instanceof RecipeStep.Release) {
            return "release";
        } else if (s instanceof RecipeStep.Hold) {
            return "hold";
        } else if (s instanceof RecipeStep.Operator) {
            return "operator";
        } else {
            return "temperature";
        }
    }
}
