package org.presslab.control.internal;

import org.presslab.control.api.RecipeStep;

/** The file-format name of a step type ("ramp", "dwell", ...): its {@link StepKind#name()}. */
final class StepNames {

    private StepNames() {
    }

    static String of(RecipeStep s) {
        return StepKinds.of(s).name();
    }
}
