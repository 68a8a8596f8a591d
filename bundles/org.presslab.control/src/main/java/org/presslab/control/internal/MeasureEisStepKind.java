package org.presslab.control.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.presslab.control.api.EisSettings;
import org.presslab.control.api.RecipeStep;
import org.presslab.control.api.StepCondition;

/**
 * {@link RecipeStep.MeasureEis}: measure a spectrum now. Commands nothing: the station keeps holding its
 * setpoint (or a passive frame holds the cell), so it also runs on monitor-only stations.
 */
final class MeasureEisStepKind implements StepKind<RecipeStep.MeasureEis> {

    @Override
    public Class<RecipeStep.MeasureEis> type() {
        return RecipeStep.MeasureEis.class;
    }

    @Override
    public String name() {
        return "eis";
    }

    @Override
    public Set<String> fields() {
        return RecipeCodec.EIS_FIELDS;
    }

    @Override
    public RecipeStep.MeasureEis read(JsonNode s, RecipeCodec.Fields f, List<StepCondition> conditions) {
        // the step's own fields are the EIS settings (the codec has checked for unknown ones)
        return new RecipeStep.MeasureEis(f.eisFields(s, EisSettings.DEFAULT), conditions);
    }

    @Override
    public void write(RecipeStep.MeasureEis x, ObjectNode n) {
        ObjectNode tmp = n.objectNode();
        RecipeCodec.writeEis(tmp, "eis", x.eis());
        n.setAll((ObjectNode) tmp.get("eis"));
    }

    @Override
    public boolean issue(StepContext c, RecipeStep.MeasureEis step) {
        // Start once; a re-issue (after a wait, a pause or a driver loss) leaves the measurement in flight alone.
        if (c.job == null && !c.endPhase) {
            c.job = EisJob.start(c, step.eis(), "step " + c.stepNumber());
        }
        return true;
    }

    @Override
    public boolean done(StepContext c, RecipeStep.MeasureEis step) {
        if (c.job == null) {
            return false;
        }
        return c.pollEis(c.job, name(), Map.of("at", "step")) != null;
    }

    @Override
    public double remainingS(RecipeStep.MeasureEis step, double fromPa, double elapsedS) {
        return Math.max(0, EisJob.estimateS(step.eis()) - elapsedS);
    }

    @Override
    public void dryRun(DryRun.Check c, RecipeStep.MeasureEis step) {
        c.checkEis(step.eis(), false);
        c.seconds += EisJob.estimateS(step.eis());
    }
}
