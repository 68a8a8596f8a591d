package org.presslab.report.internal;

import java.time.Duration;
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
import org.presslab.report.api.Block.KeyValue;
import org.presslab.report.api.ReportContext;
import org.presslab.report.api.ReportSection;
import org.presslab.report.api.SectionContent;
import org.presslab.runs.api.Run;

/** The statistics of every hold step, from the raw samples (streamed, never held in memory). */
@Component(service = ReportSection.class, property = ReportSection.ORDER + ":Integer=400")
public final class HoldSection implements ReportSection {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile RecipeService recipes;

    public HoldSection() {
    }

    /** Outside OSGi. */
    public HoldSection(RecipeService recipes) {
        this.recipes = recipes;
    }

    @Override
    public String id() {
        return "hold";
    }

    @Override
    public String title() {
        return "Hold statistics";
    }

    /** A hold step of a run with its statistics. */
    public record Hold(int step, RecipeStep.Hold plan, HoldStatistics.Result stats) {
    }

    /** Every hold of a run, computed from its raw samples. Empty without a readable recipe. */
    public static List<Hold> holds(ReportContext ctx, Run run, RecipeService rs) {
        if (!run.hasRecipe() || rs == null) {
            return List.of();
        }
        Recipe recipe;
        try {
            recipe = rs.parse(run.recipeJson(), "run " + run.id());
        } catch (RecipeFormatException e) {
            return List.of();
        }
        RunTimeline tl = Timelines.of(ctx, run);
        List<Hold> out = new ArrayList<>();
        for (RunTimeline.Phase p : tl.phases()) {
            if (p.step() < 1 || p.step() > recipe.steps().size() || !(recipe.steps().get(p.step() - 1) instanceof RecipeStep.Hold h)) {
                continue;
            }
            ctx.progress("hold statistics of run " + run.id() + ", step " + p.step());
            HoldStatistics hs = new HoldStatistics(h.targetPa(), h.tolerancePa(), p.start());
            ctx.query().forEachSample(run.id(), p.start(), p.end(), hs::accept);
            out.add(new Hold(p.step(), h, hs.result()));
        }
        return out;
    }

    @Override
    public Optional<SectionContent> build(ReportContext ctx) {
        if (ctx.comparison()) {
            return Optional.empty();
        }
        Run run = ctx.runs().get(0);
        List<Hold> holds = holds(ctx, run, recipes);
        if (holds.isEmpty()) {
            return Optional.empty();
        }
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Paragraph("Computed from every raw sample of each hold step (gaps excluded): mean and "
                + "sample standard deviation; the worst 1-s mean is the 1-s moving average farthest from the target; "
                + "drift is the slope of a least-squares line through the pressure; time out of band sums the time "
                + "between samples that lie outside target ± tolerance."));
        for (Hold h : holds) {
            HoldStatistics.Result r = h.stats();
            blocks.add(new Block.Heading("Step " + h.step() + ": " + h.plan().describe()));
            List<KeyValue> kv = new ArrayList<>();
            kv.add(new KeyValue("samples", r.samples() + (r.gapSamples() > 0 ? " (+ " + r.gapSamples() + " in gaps, excluded)" : "")));
            kv.add(new KeyValue("held for", Format.seconds(r.secondsInHold())));
            kv.add(new KeyValue("mean", Format.mpa(r.meanPa(), 4) + " (target " + Format.mpa(r.targetPa(), 3) + ")"));
            kv.add(new KeyValue("standard deviation", Double.isFinite(r.sdPa()) ? Format.fixed(r.sdPa() / 1e3, 2) + " kPa" : "n/a"));
            kv.add(new KeyValue("worst 1-s mean", Double.isFinite(r.worstOneSecondMeanDeviationPa())
                    ? Format.fixed(r.worstOneSecondMeanDeviationPa() / 1e3, 2) + " kPa off target, at "
                            + Format.duration(Duration.between(run.start(), r.worstOneSecondAt()))
                    : "n/a (hold shorter than 1 s)"));
            kv.add(new KeyValue("drift", Double.isFinite(r.driftPaPerHour()) ? Format.fixed(r.driftPaPerHour() / 1e3, 3) + " kPa/h" : "n/a"));
            kv.add(new KeyValue("band", "± " + Format.fixed(r.tolerancePa() / 1e3, 1) + " kPa"));
            kv.add(new KeyValue("time out of band", Format.seconds(r.secondsOutOfBand()) + (r.secondsInHold() > 0
                    ? " (" + Format.sig(100 * r.secondsOutOfBand() / r.secondsInHold(), 3) + " % of the hold)" : "")));
            kv.add(new KeyValue("excursions", String.valueOf(r.excursionCount())));
            blocks.add(new Block.KeyValues("", kv));
            RunTimeline.Phase ph = RecipeSection.phase(Timelines.of(ctx, run), h.step());
            if (ph != null) {
                org.presslab.runs.api.SampleSeries ss = ctx.query().samples(run.id(), ph.start(), ph.end(), ctx.maxPointsPerChart());
                Block.Figure f = TimeCharts.chart("hold-" + h.step(), "Pressure during hold step " + h.step()
                        + " at full resolution of the band: dashed lines at target ± tolerance.", "pressure (MPa)", ss,
                        Timelines.of(ctx, run), 1e-6, org.presslab.runs.api.SampleBucket::pressureMeanPa,
                        org.presslab.runs.api.SampleBucket::pressureMinPa, org.presslab.runs.api.SampleBucket::pressureMaxPa, null, null,
                        new double[] { (r.targetPa() - r.tolerancePa()) / 1e6, r.targetPa() / 1e6, (r.targetPa() + r.tolerancePa()) / 1e6 });
                blocks.add(f);
            }
            if (!r.excursions().isEmpty()) {
                List<List<String>> rows = new ArrayList<>();
                for (HoldStatistics.Excursion e : r.excursions()) {
                    rows.add(List.of(Format.duration(Duration.between(run.start(), e.start())), Format.seconds(e.seconds()),
                            Format.fixed(e.worstDeviationPa() / 1e3, 2) + " kPa"));
                }
                blocks.add(new Block.Table("Excursions out of the band" + (r.excursionCount() > r.excursions().size()
                        ? " (first " + r.excursions().size() + " of " + r.excursionCount() + ")" : ""),
                        List.of("start", "duration", "worst deviation"), rows));
            }
        }
        return Optional.of(new SectionContent(id(), title(), blocks));
    }
}
