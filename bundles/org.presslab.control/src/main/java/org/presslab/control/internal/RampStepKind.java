package org.presslab.control.internal;

import java.util.List;

import org.presslab.control.api.RecipeStep;
import org.presslab.control.api.StepCondition;

/** {@link RecipeStep.Ramp}: raise the pressure to a target at a rate. */
final class RampStepKind extends MoveStepKind<RecipeStep.Ramp> {

    RampStepKind() {
        super(RecipeStep.Ramp.class, "ramp", false);
    }

    @Override
    double target(RecipeStep.Ramp s) {
        return s.targetPa();
    }

    @Override
    double rate(RecipeStep.Ramp s) {
        return s.ratePaPerS();
    }

    @Override
    double tolerance(RecipeStep.Ramp s) {
        return s.tolerancePa();
    }

    @Override
    RecipeStep.Ramp create(double targetPa, double ratePaPerS, double tolerancePa, List<StepCondition> conditions,
            org.presslab.control.api.EisSettings measureAtEnd) {
        return new RecipeStep.Ramp(targetPa, ratePaPerS, tolerancePa, conditions, measureAtEnd);
    }

    @Override
    String wrongWay(double p, RecipeStep.Ramp r) {
        return r.targetPa() < p - r.tolerancePa()
                ? ": ramps down from " + mpa(p) + " to " + mpa(r.targetPa()) + " MPa; use a release step" : null;
    }
}
