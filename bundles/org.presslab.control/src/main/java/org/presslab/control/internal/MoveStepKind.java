package org.presslab.control.internal;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.presslab.control.api.CommandRefusedException;
import org.presslab.control.api.RecipeStep;
import org.presslab.control.api.StepCondition;

/**
 * A step that moves the pressure to a target at a rate: a ramp up or a release down. The two kinds differ only
 * in their direction (and so in which direction the dry run calls a mistake); everything else lives here once.
 */
abstract class MoveStepKind<S extends RecipeStep> implements StepKind<S> {

    private final Class<S> type;
    private final String name;
    private final boolean release;

    MoveStepKind(Class<S> type, String name, boolean release) {
        this.type = type;
        this.name = name;
        this.release = release;
    }

    abstract double target(S step);

    abstract double rate(S step);

    abstract double tolerance(S step);

    abstract S create(double targetPa, double ratePaPerS, double tolerancePa, List<StepCondition> conditions,
            org.presslab.control.api.EisSettings measureAtEnd);

    /** The dry run's message when the step goes the wrong way, or null when it does not. */
    abstract String wrongWay(double fromPa, S step);

    @Override
    public final Class<S> type() {
        return type;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Set<String> fields() {
        return Set.of("targetMPa", "rateMPaPerS", "toleranceMPa", "measureAtEnd");
    }

    @Override
    public final S read(JsonNode s, RecipeCodec.Fields f, List<StepCondition> conditions) {
        double target = f.target(s, "targetMPa", true);
        double rate = f.positive(s, "rateMPaPerS", true);
        double tol = s.has("toleranceMPa") ? f.positive(s, "toleranceMPa", false) : 0.2;
        return create(target * 1e6, rate * 1e6, tol * 1e6, conditions, f.eis(s, "measureAtEnd", null));
    }

    @Override
    public final void write(S x, ObjectNode n) {
        n.put("targetMPa", target(x) / 1e6).put("rateMPaPerS", rate(x) / 1e6).put("toleranceMPa", tolerance(x) / 1e6);
        RecipeCodec.writeEis(n, "measureAtEnd", x.measureAtEnd());
    }

    @Override
    public final boolean issue(StepContext c, S r) throws CommandRefusedException {
        c.station.recipeCommand(name, target(r), rate(r), release);
        return true;
    }

    @Override
    public final void conditionsFailed(StepContext c, S step) {
        // A move stops where it is.
        c.station.holdPresent();
    }

    @Override
    public final boolean done(StepContext c, S r) {
        return c.station.setpoint.atTarget() && Math.abs(c.station.lastPressure - target(r)) <= tolerance(r);
    }

    @Override
    public final double remainingS(S r, double fromPa, double elapsedS) {
        return Math.abs(target(r) - fromPa) / rate(r);
    }

    @Override
    public final double pressureAfter(S r, double fromPa) {
        return target(r);
    }

    @Override
    public final void dryRun(DryRun.Check c, S r) {
        c.requireActuator();
        String wrong = wrongWay(c.pressurePa, r);
        if (wrong != null) {
            c.violation(wrong);
        }
        c.checkTarget(target(r));
        c.checkRate(rate(r));
        c.moveTo(target(r), rate(r), false);
    }

    static String mpa(double pa) {
        return String.format(Locale.ROOT, "%.3f", pa / 1e6);
    }
}
