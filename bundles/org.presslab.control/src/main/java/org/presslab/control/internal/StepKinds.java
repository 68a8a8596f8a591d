package org.presslab.control.internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.presslab.control.api.RecipeStep;

/** The registry of {@link StepKind}s: one per {@link RecipeStep} record, in file-format order. */
final class StepKinds {

    /** Every kind, in the order error messages list them. */
    static final List<StepKind<?>> ALL = List.of(new RampStepKind(), new DwellStepKind(), new ReleaseStepKind(),
            new HoldStepKind(), new OperatorStepKind(), new TemperatureStepKind(), new MeasureEisStepKind(),
            new PressureSweepStepKind());

    private static final Map<Class<?>, StepKind<?>> BY_TYPE = new HashMap<>();
    private static final Map<String, StepKind<?>> BY_NAME = new LinkedHashMap<>();

    static {
        for (StepKind<?> k : ALL) {
            BY_TYPE.put(k.type(), k);
            BY_NAME.put(k.name(), k);
        }
        for (Class<?> c : RecipeStep.class.getPermittedSubclasses()) {
            if (!BY_TYPE.containsKey(c)) {
                throw new IllegalStateException("no StepKind for " + c.getName() + ": add one to StepKinds.ALL");
            }
        }
    }

    private StepKinds() {
    }

    /** The kind of {@code step}, typed so its methods take the step as it is. */
    @SuppressWarnings("unchecked")
    static StepKind<RecipeStep> of(RecipeStep step) {
        // Safe: the kind was registered under the step's own (record, hence final) class.
        return (StepKind<RecipeStep>) BY_TYPE.get(step.getClass());
    }

    /** The kind with file-format name {@code name}; null when there is none. */
    static StepKind<?> named(String name) {
        return BY_NAME.get(name);
    }

    /** The file-format names, in order. */
    static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }
}
