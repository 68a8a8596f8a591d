package org.presslab.control.internal;

import java.util.List;

import org.presslab.control.api.RecipeStep;
import org.presslab.control.api.StepCondition;

/** {@link RecipeStep.Release}: lower the pressure to a target at a rate. */
final class ReleaseStepKind extends MoveStepKind<RecipeStep.Release> {

    ReleaseStepKind() {
        super(RecipeStep.Release.class, "release", true);
    }

    @Override
    double target(RecipeStep.Release s) {
        return s.targetPa();
    }

    @Override
    double rate(RecipeStep.Release s) {
        return s.ratePaPerS();
    }

    @Override
    double tolerance(RecipeStep.Release s) {
        return s.tolerancePa();
    }

    @Override
    RecipeStep.Release create(double targetPa, double ratePaPerS, double tolerancePa, List<StepCondition> conditions,
            org.presslab.control.api.EisSettings measureAtEnd) {
        return new RecipeStep.Release(targetPa, ratePaPerS, tolerancePa, conditions, measureAtEnd);
    }

    @Override
    String wrongWay(double p, RecipeStep.Release r) {
        return r.targetPa() > p + r.tolerancePa()
                ? ": release goes up from " + mpa(p) + " to " + mpa(r.targetPa()) + " MPa; use a ramp step" : null;
    }
}
