package org.presslab.control.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.presslab.control.api.RecipeStep;
import org.presslab.control.api.StationEventType;
import org.presslab.control.api.StepCondition;

/**
 * {@link RecipeStep.Operator}: prompt the operator (through the driver's operator channel when it has one)
 * and wait for an acknowledgement or, with a target, for the pressure to settle within its tolerance.
 */
final class OperatorStepKind implements StepKind<RecipeStep.Operator> {

    @Override
    public Class<RecipeStep.Operator> type() {
        return RecipeStep.Operator.class;
    }

    @Override
    public String name() {
        return "operator";
    }

    @Override
    public Set<String> fields() {
        return Set.of("instruction", "targetMPa", "toleranceMPa", "settleS", "timeoutS");
    }

    @Override
    public RecipeStep.Operator read(JsonNode s, RecipeCodec.Fields f, List<StepCondition> conditions) {
        String text = f.text(s, "instruction", true);
        double target = s.has("targetMPa") ? f.target(s, "targetMPa", false) : Double.NaN;
        double tol = s.has("toleranceMPa") ? f.positive(s, "toleranceMPa", false) : 0.5;
        double settle = s.has("settleS") ? f.nonNegative(s, "settleS", false) : 3;
        double timeout = s.has("timeoutS") ? f.positive(s, "timeoutS", false) : Double.NaN;
        return new RecipeStep.Operator(text == null ? "" : text, Double.isNaN(target) ? Double.NaN : target * 1e6,
                tol * 1e6, settle, timeout, conditions);
    }

    @Override
    public void write(RecipeStep.Operator x, ObjectNode n) {
        n.put("instruction", x.instruction());
        if (!Double.isNaN(x.targetPa())) {
            n.put("targetMPa", x.targetPa() / 1e6).put("toleranceMPa", x.tolerancePa() / 1e6);
        }
        n.put("settleS", x.settleS());
        if (!Double.isNaN(x.timeoutS())) {
            n.put("timeoutS", x.timeoutS());
        }
    }

    @Override
    public boolean issue(StepContext c, RecipeStep.Operator o) {
        StationEngine e = c.station;
        DriverBinding b = e.binding();
        String text = o.instruction();
        if (b != null && b.operator != null && !Double.isNaN(o.targetPa())) {
            b.operator.instruct(o.targetPa() * e.cfg.cellAreaM2(), o.tolerancePa() * e.cfg.cellAreaM2(), text);
        } else if (b != null && b.operator != null) {
            b.operator.instruct(Double.NaN, Double.NaN, text);
        }
        e.setOperatorWaiting(true, "operator: " + text);
        e.event(StationEventType.OPERATOR_PROMPT, text, Double.isNaN(o.targetPa()) ? Map.of("step", c.stepNumber())
                : Map.of("step", c.stepNumber(), "targetPa", o.targetPa(), "tolerancePa", o.tolerancePa()));
        return true;
    }

    @Override
    public boolean done(StepContext c, RecipeStep.Operator o) {
        double elapsed = c.elapsedS();
        if (!Double.isNaN(o.timeoutS()) && elapsed > o.timeoutS()) {
            c.abort(String.format(Locale.ROOT, "step %d (operator) timed out after %.0f s: %s", c.stepNumber(),
                    o.timeoutS(), o.instruction()));
            return false;
        }
        if (c.acknowledged) {
            return true;
        }
        if (Double.isNaN(o.targetPa())) {
            return false;
        }
        if (Math.abs(c.station.lastPressure - o.targetPa()) <= o.tolerancePa()) {
            if (Double.isNaN(c.settleSince)) {
                c.settleSince = elapsed;
            }
            return elapsed - c.settleSince >= o.settleS();
        }
        c.settleSince = Double.NaN;
        return false;
    }

    @Override
    public void finished(StepContext c, RecipeStep.Operator o) {
        clearPrompt(c);
    }

    @Override
    public void abandoned(StepContext c, RecipeStep.Operator o) {
        clearPrompt(c);
    }

    private static void clearPrompt(StepContext c) {
        DriverBinding b = c.station.binding();
        if (b != null && b.operator != null) {
            b.operator.clear();
        }
        c.station.setOperatorWaiting(false, "");
    }

    @Override
    public boolean acknowledgeable() {
        return true;
    }

    @Override
    public double remainingS(RecipeStep.Operator o, double fromPa, double elapsedS) {
        return Double.isNaN(o.settleS()) ? 0 : Math.max(0, o.settleS() - elapsedS);
    }

    @Override
    public void dryRun(DryRun.Check c, RecipeStep.Operator o) {
        c.seconds += Double.isNaN(o.settleS()) ? 0 : o.settleS();
        if (!Double.isNaN(o.targetPa())) {
            c.checkTarget(o.targetPa());
        }
        // The operator's pace is unknown: the estimate takes the target as reached at once.
        c.moveTo(o.targetPa(), Double.NaN, false);
    }
}
