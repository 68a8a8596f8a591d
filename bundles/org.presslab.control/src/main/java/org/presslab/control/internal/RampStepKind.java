package org.presslab.control.internal;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.presslab.control.api.CommandRefusedException;
import org.presslab.control.api.RecipeStep;
import org.presslab.control.api.StepCondition;

/** {@link RecipeStep.Ramp}: raise the pressure to a target at a rate. */
final class RampStepKind implements StepKind<RecipeStep.Ramp> {

    @Override
    public Class<RecipeStep.Ramp> type() {
        return RecipeStep.Ramp.class;
    }

    @Override
    public String name() {
        return "ramp";
    }

    @Override
    public Set<String> fields() {
        return Set.of("targetMPa", "rateMPaPerS", "toleranceMPa");
    }

    @Override
    public RecipeStep.Ramp read(JsonNode s, RecipeCodec.Fields f, List<StepCondition> conditions) {
        double target = f.target(s, "targetMPa", true);
        double rate = f.positive(s, "rateMPaPerS", true);
        double tol = s.has("toleranceMPa") ? f.positive(s, "toleranceMPa", false) : 0.2;
        return new RecipeStep.Ramp(target * 1e6, rate * 1e6, tol * 1e6, conditions);
    }

    @Override
    public void write(RecipeStep.Ramp x, ObjectNode n) {
        n.put("targetMPa", x.targetPa() / 1e6).put("rateMPaPerS", x.ratePaPerS() / 1e6).put("toleranceMPa", x.tolerancePa() / 1e6);
    }

    @Override
    public boolean issue(StepContext c, RecipeStep.Ramp r) throws CommandRefusedException {
        c.station.recipeCommand("ramp", r.targetPa(), r.ratePaPerS(), false);
        return true;
    }

    @Override
    public void conditionsFailed(StepContext c, RecipeStep.Ramp step) {
        // A ramp stops where it is.
        c.station.holdPresent();
    }

    @Override
    public boolean done(StepContext c, RecipeStep.Ramp r) {
        return c.station.setpoint.atTarget() && Math.abs(c.station.lastPressure - r.targetPa()) <= r.tolerancePa();
    }

    @Override
    public double remainingS(RecipeStep.Ramp r, double fromPa, double elapsedS) {
        return Math.abs(r.targetPa() - fromPa) / r.ratePaPerS();
    }

    @Override
    public double pressureAfter(RecipeStep.Ramp r, double fromPa) {
        return r.targetPa();
    }

    @Override
    public void dryRun(DryRun.Check c, RecipeStep.Ramp r) {
        c.requireActuator();
        double p = c.pressurePa;
        if (r.targetPa() < p - r.tolerancePa()) {
            c.violation(String.format(Locale.ROOT, ": ramps down from %.3f to %.3f MPa; use a release step", p / 1e6,
                    r.targetPa() / 1e6));
        }
        c.checkTarget(r.targetPa());
        c.checkRate(r.ratePaPerS());
        c.moveTo(r.targetPa(), r.ratePaPerS(), false);
    }
}
