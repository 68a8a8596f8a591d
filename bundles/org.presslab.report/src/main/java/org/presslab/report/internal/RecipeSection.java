package org.presslab.report.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.presslab.control.api.Recipe;
import org.presslab.control.api.RecipeFormatException;
import org.presslab.control.api.RecipeService;
import org.presslab.control.api.RecipeStep;
import org.presslab.report.api.Block;
import org.presslab.report.api.ReportContext;
import org.presslab.report.api.ReportSection;
import org.presslab.report.api.SectionContent;
import org.presslab.runs.api.Run;
import org.presslab.runs.api.SampleSeries;

/** The recipe as it was planned against what each step achieved. */
@Component(service = ReportSection.class, property = ReportSection.ORDER + ":Integer=200")
public final class RecipeSection implements ReportSection {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile RecipeService recipes;

    public RecipeSection() {
    }

    /** Outside OSGi. */
    public RecipeSection(RecipeService recipes) {
        this.recipes = recipes;
    }

    @Override
    public String id() {
        return "recipe";
    }

    @Override
    public String title() {
        return "Recipe: planned and achieved";
    }

    @Override
    public Optional<SectionContent> build(ReportContext ctx) {
        if (ctx.comparison() || !ctx.runs().get(0).hasRecipe()) {
            return Optional.empty();
        }
        Run run = ctx.runs().get(0);
        ctx.progress("recipe steps of run " + run.id());
        RunTimeline tl = Timelines.of(ctx, run);
        List<Block> blocks = new ArrayList<>();
        RecipeService rs = recipes;
        Recipe recipe = null;
        if (rs == null) {
            blocks.add(new Block.Notice(Block.Level.WARNING, "No recipe service is running: the recipe's plan cannot be read; "
                    + "only the steps as they ran are shown."));
        } else {
            try {
                recipe = rs.parse(run.recipeJson(), "run " + run.id());
            } catch (RecipeFormatException e) {
                blocks.add(new Block.Notice(Block.Level.WARNING, "The recipe stored with the run cannot be read: " + e.getMessage()));
            }
        }
        if (recipe != null) {
            blocks.add(new Block.Paragraph("Recipe '" + recipe.name() + "' version " + recipe.version()
                    + (recipe.description().isEmpty() ? "" : ": " + recipe.description()) + ". Its own pressure limit: "
                    + (recipe.maxPressurePa() > 0 ? Format.mpa(recipe.maxPressurePa(), 1) : "none") + "; SHA-256 of its JSON "
                    + run.recipeSha256() + "."));
        }
        List<List<String>> rows = new ArrayList<>();
        List<Boolean> flags = new ArrayList<>();
        int steps = recipe != null ? recipe.steps().size() : tl.phases().stream().mapToInt(RunTimeline.Phase::step).max().orElse(0);
        double previousTarget = 0;
        for (int i = 1; i <= steps; i++) {
            RecipeStep step = recipe != null ? recipe.steps().get(i - 1) : null;
            RunTimeline.Phase phase = phase(tl, i);
            String planned = step == null ? "?" : step.describe();
            double plannedS = step == null ? Double.NaN : plannedSeconds(step, previousTarget);
            double target = step == null ? Double.NaN : target(step, previousTarget);
            double tol = step == null ? Double.NaN : tolerance(step);
            String achieved;
            boolean flag;
            if (phase == null) {
                achieved = "not run";
                flag = true;
                rows.add(List.of(String.valueOf(i), planned, Format.seconds(plannedS), "—", "—", achieved));
            } else {
                double endPa = step instanceof RecipeStep.Ramp || step instanceof RecipeStep.Release
                        ? pressureWhenReached(ctx, run, phase.end())
                        : pressureAt(ctx, run, phase.end());
                Object dev = phase.completed().get("maxMeanDeviationPa");
                double maxDev = dev instanceof Number n ? n.doubleValue() : Double.NaN;
                boolean completed = !phase.completed().isEmpty() || i < steps && phase(tl, i + 1) != null
                        || tl.recipeEnd().startsWith("RECIPE_COMPLETED");
                flag = !completed || (Double.isFinite(tol) && Double.isFinite(target) && Math.abs(endPa - target) > Math.max(tol, 0.01 * target))
                        || (Double.isFinite(maxDev) && Double.isFinite(tol) && maxDev > tol);
                achieved = (completed ? "completed" : "did not complete") + (Double.isFinite(maxDev)
                        ? "; worst 1-s mean off target by " + Format.fixed(maxDev / 1e6, 4) + " MPa" : "");
                rows.add(List.of(String.valueOf(i), planned, Format.seconds(plannedS), Format.seconds(phase.seconds()),
                        Format.mpa(endPa, 3), achieved));
            }
            flags.add(flag);
            if (Double.isFinite(target)) {
                previousTarget = target;
            }
        }
        blocks.add(new Block.Table("Steps (rows that missed their plan highlighted; pressure at end: the recorded sample at"
                + " the end of a ramp or release, the mean of the last second of any other step)",
                List.of("step", "planned", "planned time", "actual time", "pressure at end", "result"), rows, flags));
        if (!tl.recipeEnd().isEmpty()) {
            blocks.add(new Block.Paragraph("End of the recipe: " + tl.recipeEnd()));
        }
        return Optional.of(new SectionContent(id(), title(), blocks));
    }

    static RunTimeline.Phase phase(RunTimeline tl, int step) {
        RunTimeline.Phase found = null;
        for (RunTimeline.Phase p : tl.phases()) {
            if (p.step() == step) {
                found = p;
            }
        }
        return found;
    }

    static double pressureAt(ReportContext ctx, Run run, Instant t) {
        Instant from = t.minusSeconds(1).isBefore(run.start()) ? run.start() : t.minusSeconds(1);
        SampleSeries s = ctx.query().samples(run.id(), from, t, 1);
        return s.buckets().isEmpty() ? Double.NaN : s.buckets().get(s.buckets().size() - 1).pressureMeanPa();
    }

    /**
     * The run's recorded sample nearest a moving step's end (within 250 ms): a 1-s mean there lags the move by half a
     * second's travel (0.6 MPa short at the end of a 2.5 MPa/s ramp), and would mark a ramp that arrived as missed.
     */
    static double pressureWhenReached(ReportContext ctx, Run run, Instant t) {
        // this run's own samples (not the station's by name: two instances on one database may both have a 'cell1')
        long[] best = {Long.MAX_VALUE};
        double[] p = {Double.NaN};
        ctx.query().forEachSample(run.id(), t.minusMillis(250), t.plusMillis(250), s -> {
            long d = Math.abs(java.time.Duration.between(t, s.time()).toNanos());
            if (!s.gap() && Double.isFinite(s.pressurePa()) && d < best[0]) {
                best[0] = d;
                p[0] = s.pressurePa();
            }
        });
        return Double.isFinite(p[0]) ? p[0] : pressureAt(ctx, run, t);
    }

    static double plannedSeconds(RecipeStep s, double fromPa) {
        if (s instanceof RecipeStep.Ramp r) {
            return Math.abs(r.targetPa() - fromPa) / r.ratePaPerS();
        }
        if (s instanceof RecipeStep.Release r) {
            return Math.abs(fromPa - r.targetPa()) / r.ratePaPerS();
        }
        if (s instanceof RecipeStep.Hold h) {
            return h.durationS();
        }
        if (s instanceof RecipeStep.Dwell d) {
            return d.durationS();
        }
        return Double.NaN;
    }

    static double target(RecipeStep s, double previous) {
        if (s instanceof RecipeStep.Ramp r) {
            return r.targetPa();
        }
        if (s instanceof RecipeStep.Release r) {
            return r.targetPa();
        }
        if (s instanceof RecipeStep.Hold h) {
            return h.targetPa();
        }
        if (s instanceof RecipeStep.Dwell) {
            return previous;
        }
        if (s instanceof RecipeStep.Operator o) {
            return o.targetPa();
        }
        return Double.NaN;
    }

    static double tolerance(RecipeStep s) {
        if (s instanceof RecipeStep.Ramp r) {
            return r.tolerancePa();
        }
        if (s instanceof RecipeStep.Release r) {
            return r.tolerancePa();
        }
        if (s instanceof RecipeStep.Hold h) {
            return h.tolerancePa();
        }
        if (s instanceof RecipeStep.Operator o) {
            return o.tolerancePa();
        }
        return Double.NaN;
    }
}
