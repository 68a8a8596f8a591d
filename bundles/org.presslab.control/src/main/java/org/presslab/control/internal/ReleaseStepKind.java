package org.presslab.control.internal;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.presslab.control.api.CommandRefusedException;
import org.presslab.control.api.RecipeStep;
import org.presslab.control.api.StepCondition;

/** {@link RecipeStep.Release}: lower the pressure to a target at a rate. */
final class ReleaseStepKind implements StepKind<RecipeStep.Release> {

    @Override
    public Class<RecipeStep.Release> type() {
        return RecipeStep.Release.class;
    }

    @Override
    public String name() {
        return "release";
    }

    @Override
    public Set<String> fields() {
        return Set.of("targetMPa", "rateMPaPerS", "toleranceMPa");
    }

    @Override
    public RecipeStep.Release read(JsonNode s, RecipeCodec.Fields f, List<StepCondition> conditions) {
        double target = f.target(s, "targetMPa", true);
        double rate = f.positive(s, "rateMPaPerS", true);
        double tol = s.has("toleranceMPa") ? f.positive(s, "toleranceMPa", false) : 0.2;
        return new RecipeStep.Release(target * 1e6, rate * 1e6, tol * 1e6, conditions);
    }

    @Override
    public void write(RecipeStep.Release x, ObjectNode n) {
        n.put("targetMPa", x.targetPa() / 1e6).put("rateMPaPerS", x.ratePaPerS() / 1e6).put("toleranceMPa", x.tolerancePa() / 1e6);
    }

    @Override
    public boolean issue(StepContext c, RecipeStep.Release r) throws CommandRefusedException {
        c.station.recipeCommand("release", r.targetPa(), r.ratePaPerS(), true);
        return true;
    }

    @Override
    public void conditionsFailed(StepContext c, RecipeStep.Release step) {
        // A release stops where it is, like a ramp.
        c.station.holdPresent();
    }

    @Override
    public boolean done(StepContext c, RecipeStep.Release r) {
        return c.station.setpoint.atTarget() && Math.abs(c.station.lastPressure - r.targetPa()) <= r.tolerancePa();
    }

    @Override
    public double remainingS(RecipeStep.Release r, double fromPa, double elapsedS) {
        return Math.abs(r.targetPa() - fromPa) / r.ratePaPerS();
    }

    @Override
    public double pressureAfter(RecipeStep.Release r, double fromPa) {
        return r.targetPa();
    }

    @Override
    public void dryRun(DryRun.Check c, RecipeStep.Release r) {
        c.requireActuator();
        double p = c.pressurePa;
        if (r.targetPa() > p + r.tolerancePa()) {
            c.violation(String.format(Locale.ROOT, ": release goes up from %.3f to %.3f MPa; use a ramp step", p / 1e6,
                    r.targetPa() / 1e6));
        }
        c.checkTarget(r.targetPa());
        c.checkRate(r.ratePaPerS());
        c.moveTo(r.targetPa(), r.ratePaPerS(), false);
    }
}
