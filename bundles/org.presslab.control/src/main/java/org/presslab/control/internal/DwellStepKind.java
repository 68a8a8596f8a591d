package org.presslab.control.internal;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.presslab.control.api.RecipeStep;
import org.presslab.control.api.StepCondition;

/** {@link RecipeStep.Dwell}: keep the present setpoint for a time. */
final class DwellStepKind implements StepKind<RecipeStep.Dwell> {

    @Override
    public Class<RecipeStep.Dwell> type() {
        return RecipeStep.Dwell.class;
    }

    @Override
    public String name() {
        return "dwell";
    }

    @Override
    public Set<String> fields() {
        return Set.of("durationS", "measureAtEnd");
    }

    @Override
    public RecipeStep.Dwell read(JsonNode s, RecipeCodec.Fields f, List<StepCondition> conditions) {
        return new RecipeStep.Dwell(f.nonNegative(s, "durationS", true), conditions, f.eis(s, "measureAtEnd", null));
    }

    @Override
    public void write(RecipeStep.Dwell x, ObjectNode n) {
        n.put("durationS", x.durationS());
        RecipeCodec.writeEis(n, "measureAtEnd", x.measureAtEnd());
    }

    @Override
    public boolean issue(StepContext c, RecipeStep.Dwell step) {
        // Nothing to send: the station keeps its setpoint.
        return true;
    }

    @Override
    public boolean done(StepContext c, RecipeStep.Dwell d) {
        return c.elapsedS() >= d.durationS();
    }

    @Override
    public double remainingS(RecipeStep.Dwell d, double fromPa, double elapsedS) {
        return Math.max(0, d.durationS() - elapsedS);
    }

    @Override
    public void dryRun(DryRun.Check c, RecipeStep.Dwell d) {
        c.requireActuator();
        c.seconds += d.durationS();
    }
}
