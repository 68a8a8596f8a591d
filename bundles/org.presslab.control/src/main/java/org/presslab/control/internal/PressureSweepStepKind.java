package org.presslab.control.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.presslab.control.api.CommandRefusedException;
import org.presslab.control.api.EisSettings;
import org.presslab.control.api.RecipeStep;
import org.presslab.control.api.StationEventType;
import org.presslab.control.api.StepCondition;
import org.presslab.impedance.api.CircuitModel;
import org.presslab.impedance.api.FitResult;

/**
 * {@link RecipeStep.PressureSweep}: the experiment a lab runs by hand to choose an operating pressure. For each
 * pressure of the list: move there through the station's commands (the same limits as every move), settle,
 * measure and fit a spectrum (the station holds meanwhile), read the interfacial resistance. At the end (or as
 * soon as a pressure falls outside the band when a stop is asked) it publishes SWEEP_COMPLETED with the
 * log-log slope of R_int against P and, when asked, moves to and holds the chosen operating pressure.
 */
final class PressureSweepStepKind implements StepKind<RecipeStep.PressureSweep> {

    /** Where a sweep is. Per run, in the {@link StepContext}. */
    static final class Sweep {
        enum Phase { MOVE, SETTLE, MEASURE, RETURN, DONE }

        Phase phase = Phase.MOVE;
        int index;
        double settleFrom;
        double referenceOhm = Double.NaN;
        double operatingPa = Double.NaN;
        /** Per point measured: target Pa, measured mean Pa, interfacial Ω. */
        final List<double[]> points = new ArrayList<>();
    }

    @Override
    public Class<RecipeStep.PressureSweep> type() {
        return RecipeStep.PressureSweep.class;
    }

    @Override
    public String name() {
        return "sweep";
    }

    @Override
    public Set<String> fields() {
        return Set.of("pressuresMPa", "rateMPaPerS", "settleS", "toleranceMPa", "eis", "interfaceParameter",
                "stopWithinPercent", "referenceMPa");
    }

    @Override
    public RecipeStep.PressureSweep read(JsonNode s, RecipeCodec.Fields f, List<StepCondition> conditions) {
        List<Double> pressures = new ArrayList<>();
        JsonNode arr = s.get("pressuresMPa");
        if (arr == null || !arr.isArray() || arr.size() < 2) {
            f.error("pressuresMPa", "must be an array of at least two pressures, MPa, was " + arr);
        } else {
            int i = 0;
            for (JsonNode v : arr) {
                ObjectNode one = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
                String name = "pressuresMPa[" + i++ + "]";
                one.set(name, v);
                double p = f.target(one, name, true);
                if (p == 0) {
                    f.error(name, "must be above 0 MPa: an unloaded cell has no contact to measure");
                }
                pressures.add(p * 1e6);
            }
        }
        double rate = f.positive(s, "rateMPaPerS", true);
        double settle = s.has("settleS") ? f.nonNegative(s, "settleS", false) : 60;
        double tol = s.has("toleranceMPa") ? f.positive(s, "toleranceMPa", false) : 0.2;
        EisSettings eis = s.has("eis") ? f.eis(s, "eis", EisSettings.DEFAULT.withCircuit(EisSettings.DEFAULT_CIRCUIT))
                : EisSettings.DEFAULT.withCircuit(EisSettings.DEFAULT_CIRCUIT);
        if (eis != null && !eis.fits()) {
            f.error("eis", "a sweep fits every spectrum: give a circuit (default " + EisSettings.DEFAULT_CIRCUIT + ")");
        }
        String param = s.has("interfaceParameter") ? f.text(s, "interfaceParameter", false) : "R2";
        double within = s.has("stopWithinPercent") ? f.number(s, "stopWithinPercent", false, 0.001, 1000, Double.NaN) / 100
                : Double.NaN;
        double ref = s.has("referenceMPa") ? f.target(s, "referenceMPa", false) * 1e6 : Double.NaN;
        if (!Double.isNaN(ref) && pressures.stream().noneMatch(p -> Math.abs(p - ref) < 1e-3)) {
            f.error("referenceMPa", "must be one of pressuresMPa");
        }
        if (s.has("referenceMPa") && Double.isNaN(within)) {
            f.error("referenceMPa", "applies to the stop: give stopWithinPercent too");
        }
        return new RecipeStep.PressureSweep(pressures, rate * 1e6, settle, tol * 1e6,
                eis == null ? EisSettings.DEFAULT.withCircuit(EisSettings.DEFAULT_CIRCUIT) : eis, param == null ? "R2" : param,
                within, ref, conditions);
    }

    @Override
    public void write(RecipeStep.PressureSweep x, ObjectNode n) {
        ArrayNode a = n.putArray("pressuresMPa");
        for (double p : x.pressuresPa()) {
            a.add(p / 1e6);
        }
        n.put("rateMPaPerS", x.ratePaPerS() / 1e6).put("settleS", x.settleS()).put("toleranceMPa", x.tolerancePa() / 1e6);
        RecipeCodec.writeEis(n, "eis", x.eis());
        n.put("interfaceParameter", x.interfaceParameter());
        if (!Double.isNaN(x.stopWithinFraction())) {
            n.put("stopWithinPercent", RecipeCodec.round(x.stopWithinFraction() * 100));
        }
        if (!Double.isNaN(x.referencePa())) {
            n.put("referenceMPa", x.referencePa() / 1e6);
        }
    }

    // ------------------------------------------------------------------ run

    @Override
    public boolean issue(StepContext c, RecipeStep.PressureSweep s) throws CommandRefusedException {
        if (c.sweep == null) {
            c.sweep = new Sweep();
        }
        Sweep w = c.sweep;
        switch (w.phase) {
            case MOVE:
                move(c, s, s.pressuresPa().get(w.index));
                break;
            case SETTLE:
            case MEASURE:
                c.station.recipeCommand("hold", s.pressuresPa().get(w.index), Double.NaN, false);
                break;
            case RETURN:
                move(c, s, w.operatingPa);
                break;
            default:
                break;
        }
        return true;
    }

    /** Moves to {@code target} at the sweep's rate, up or down, through the station's checks. */
    private static void move(StepContext c, RecipeStep.PressureSweep s, double target) throws CommandRefusedException {
        double from = c.station.lastPressure;
        boolean down = !Double.isNaN(from) && target < from;
        c.station.recipeCommand(down ? "release" : "ramp", target, s.ratePaPerS(), down);
    }

    private static boolean moveOrFail(StepContext c, RecipeStep.PressureSweep s, double target) {
        try {
            move(c, s, target);
            return true;
        } catch (CommandRefusedException | RuntimeException e) {
            c.station.holdPresent();
            c.fail("step " + c.stepNumber() + " (sweep) refused: " + e.getMessage());
            return false;
        }
    }

    @Override
    public void conditionsFailed(StepContext c, RecipeStep.PressureSweep s) {
        c.station.holdPresent();
    }

    private static boolean at(StepContext c, RecipeStep.PressureSweep s, double target) {
        return c.station.setpoint.atTarget() && Math.abs(c.station.lastPressure - target) <= s.tolerancePa();
    }

    @Override
    public void ticked(StepContext c, RecipeStep.PressureSweep s, double dt) {
        Sweep w = c.sweep;
        if (w == null) {
            return;
        }
        double target = s.pressuresPa().get(w.index);
        switch (w.phase) {
            case MOVE:
                if (at(c, s, target)) {
                    w.phase = Sweep.Phase.SETTLE;
                    w.settleFrom = c.elapsedS();
                }
                break;
            case SETTLE:
                if (c.elapsedS() - w.settleFrom >= s.settleS()) {
                    w.phase = Sweep.Phase.MEASURE;
                    c.job = EisJob.start(c, s.eis(), String.format(Locale.ROOT, "step %d sweep point %d at %.2f MPa",
                            c.stepNumber(), w.index + 1, target / 1e6));
                }
                break;
            case MEASURE: {
                EisJob.Outcome o = c.pollEis(c.job, name(), Map.of("at", "sweep", "sweepIndex", w.index, "targetPa", target));
                if (o == null) {
                    return;
                }
                c.job = null;
                measured(c, s, w, target, o);
                break;
            }
            case RETURN:
                if (at(c, s, w.operatingPa)) {
                    w.phase = Sweep.Phase.DONE;
                }
                break;
            default:
                break;
        }
    }

    /** A point is in: record it, then stop, go on or end. */
    private void measured(StepContext c, RecipeStep.PressureSweep s, Sweep w, double target, EisJob.Outcome o) {
        FitResult fit = o.fit();
        double r;
        try {
            r = fit.value(s.interfaceParameter());
        } catch (RuntimeException e) {
            c.station.holdPresent();
            c.fail("step " + c.stepNumber() + " (sweep): the fit of " + fit.circuit() + " has no parameter '"
                    + s.interfaceParameter() + "'");
            return;
        }
        double measuredPa = ((Number) o.properties().get("pressurePa")).doubleValue();
        w.points.add(new double[] { target, measuredPa, r });
        double ref = reference(s);
        if (Math.abs(target - ref) <= s.tolerancePa()) {
            w.referenceOhm = r;
        }
        boolean stop = !Double.isNaN(s.stopWithinFraction());
        if (stop && !Double.isNaN(w.referenceOhm) && r > w.referenceOhm * (1 + s.stopWithinFraction())) {
            finishSweep(c, s, w);
            return;
        }
        if (w.index + 1 < s.pressuresPa().size()) {
            w.index++;
            w.phase = Sweep.Phase.MOVE;
            moveOrFail(c, s, s.pressuresPa().get(w.index));
        } else {
            finishSweep(c, s, w);
        }
    }

    /** The pressure whose spectrum is the reference: referencePa, or the highest of the list. */
    private static double reference(RecipeStep.PressureSweep s) {
        if (!Double.isNaN(s.referencePa())) {
            return s.referencePa();
        }
        return s.pressuresPa().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private void finishSweep(StepContext c, RecipeStep.PressureSweep s, Sweep w) {
        if (Double.isNaN(s.stopWithinFraction())) {
            w.phase = Sweep.Phase.DONE;
            return;
        }
        if (Double.isNaN(w.referenceOhm)) {
            c.station.holdPresent();
            c.fail("step " + c.stepNumber() + " (sweep): the reference pressure was never measured; no operating pressure chosen");
            return;
        }
        w.operatingPa = choose(w.points, w.referenceOhm, s.stopWithinFraction());
        w.phase = Sweep.Phase.RETURN;
        moveOrFail(c, s, w.operatingPa);
    }

    /**
     * The lowest pressure whose interfacial resistance stays within {@code within} of the reference: from the
     * highest pressure down, as long as every point is within.
     */
    static double choose(List<double[]> points, double referenceOhm, double within) {
        List<double[]> byPressure = new ArrayList<>(points);
        byPressure.sort(Comparator.comparingDouble((double[] p) -> p[0]).reversed());
        double chosen = byPressure.get(0)[0];
        for (double[] p : byPressure) {
            if (p[2] <= referenceOhm * (1 + within)) {
                chosen = p[0];
            } else {
                break;
            }
        }
        return chosen;
    }

    /** The least-squares slope of ln R against ln P over the points with both positive; NaN with fewer than two. */
    static double exponent(List<double[]> points) {
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int n = 0;
        for (double[] p : points) {
            if (p[1] > 0 && p[2] > 0 && Double.isFinite(p[1]) && Double.isFinite(p[2])) {
                double x = Math.log(p[1]), y = Math.log(p[2]);
                sx += x;
                sy += y;
                sxx += x * x;
                sxy += x * y;
                n++;
            }
        }
        double d = n * sxx - sx * sx;
        return n < 2 || d == 0 ? Double.NaN : (n * sxy - sx * sy) / d;
    }

    @Override
    public boolean done(StepContext c, RecipeStep.PressureSweep s) {
        return c.sweep != null && c.sweep.phase == Sweep.Phase.DONE;
    }

    @Override
    public void finished(StepContext c, RecipeStep.PressureSweep s) {
        Sweep w = c.sweep;
        int n = w.points.size();
        double[] pressures = new double[n];
        double[] ohm = new double[n];
        for (int i = 0; i < n; i++) {
            pressures[i] = w.points.get(i)[1];
            ohm[i] = w.points.get(i)[2];
        }
        double slope = exponent(w.points);
        Map<String, Object> p = new HashMap<>();
        p.put("step", c.stepNumber());
        p.put("pressuresPa", pressures);
        p.put("interfacialOhm", ohm);
        p.put("exponent", slope);
        p.put("interfaceParameter", s.interfaceParameter());
        if (!Double.isNaN(w.referenceOhm)) {
            p.put("referenceOhm", w.referenceOhm);
        }
        if (!Double.isNaN(w.operatingPa)) {
            p.put("operatingPa", w.operatingPa);
        }
        c.runProperties(p);
        StringBuilder m = new StringBuilder(String.format(Locale.ROOT, "step %d (sweep) done: %d spectra, %s against P: slope %.3f",
                c.stepNumber(), n, s.interfaceParameter(), slope));
        if (!Double.isNaN(w.operatingPa)) {
            m.append(String.format(Locale.ROOT, "; operating pressure %.2f MPa (%s within %.0f %% of %.1f ohm)", w.operatingPa / 1e6,
                    s.interfaceParameter(), s.stopWithinFraction() * 100, w.referenceOhm));
        }
        c.station.event(StationEventType.SWEEP_COMPLETED, m.toString(), p);
    }

    // ------------------------------------------------------------------ estimates and checks

    @Override
    public double remainingS(RecipeStep.PressureSweep s, double fromPa, double elapsedS) {
        double t = 0;
        double p = fromPa;
        for (double q : s.pressuresPa()) {
            t += Math.abs(q - p) / s.ratePaPerS() + s.settleS() + EisJob.estimateS(s.eis());
            p = q;
        }
        return Math.max(0, t - elapsedS);
    }

    @Override
    public double pressureAfter(RecipeStep.PressureSweep s, double fromPa) {
        return s.pressuresPa().isEmpty() ? fromPa : s.pressuresPa().get(s.pressuresPa().size() - 1);
    }

    @Override
    public void dryRun(DryRun.Check c, RecipeStep.PressureSweep s) {
        c.requireActuator();
        c.checkRate(s.ratePaPerS());
        int i = 0;
        for (double p : s.pressuresPa()) {
            i++;
            String at = c.at;
            c.at = at + " pressure " + i;
            c.checkTarget(p);
            c.at = at;
            c.moveTo(p, s.ratePaPerS(), false);
            c.seconds += s.settleS() + EisJob.estimateS(s.eis());
        }
        if (!(s.settleS() >= 0) || !Double.isFinite(s.settleS())) {
            c.violation(": settle time must be a finite number >= 0 s, was " + s.settleS());
        }
        CircuitModel model = c.checkEis(s.eis(), true);
        if (model != null && !model.parameterNames().contains(s.interfaceParameter())) {
            c.violation(": interfaceParameter '" + s.interfaceParameter() + "' is not a parameter of " + model.circuit()
                    + " (" + String.join(", ", model.parameterNames()) + ")");
        }
    }
}
