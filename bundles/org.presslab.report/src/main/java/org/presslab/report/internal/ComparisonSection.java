package org.presslab.report.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.presslab.control.api.RecipeService;
import org.presslab.report.api.Block;
import org.presslab.report.api.ReportContext;
import org.presslab.report.api.ReportSection;
import org.presslab.report.api.SectionContent;
import org.presslab.runs.api.Run;
import org.presslab.runs.api.SampleBucket;
import org.presslab.runs.api.SampleSeries;

/** Several runs side by side: hold quality per run and the pressure traces on one time axis. */
@Component(service = ReportSection.class, property = ReportSection.ORDER + ":Integer=900")
public final class ComparisonSection implements ReportSection {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile RecipeService recipes;

    public ComparisonSection() {
    }

    /** Outside OSGi. */
    public ComparisonSection(RecipeService recipes) {
        this.recipes = recipes;
    }

    @Override
    public String id() {
        return "comparison";
    }

    @Override
    public String title() {
        return "Comparison of the runs";
    }

    @Override
    public Optional<SectionContent> build(ReportContext ctx) {
        if (!ctx.comparison()) {
            return Optional.empty();
        }
        List<Block> blocks = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        XYSeriesCollection traces = new XYSeriesCollection();
        int per = Math.max(100, ctx.maxPointsPerChart() / ctx.runs().size());
        TimeAxis axis = Timelines.axis(ctx);
        int k = 0;
        for (Run run : ctx.runs()) {
            k++;
            String name = "run " + k + ": " + run.stationId() + (run.device().label().isEmpty() ? "" : ", " + run.device().label())
                    + (run.cell().cellId().isEmpty() ? "" : ", cell " + run.cell().cellId());
            for (HoldSection.Hold h : HoldSection.holds(ctx, run, recipes)) {
                HoldStatistics.Result r = h.stats();
                rows.add(List.of(name, String.valueOf(h.step()), Format.mpa(r.targetPa(), 2), Format.seconds(r.secondsInHold()),
                        Format.mpa(r.meanPa(), 4), Format.fixed(r.sdPa() / 1e3, 2) + " kPa",
                        Format.fixed(r.worstOneSecondMeanDeviationPa() / 1e3, 2) + " kPa", Format.fixed(r.driftPaPerHour() / 1e3, 3)
                                + " kPa/h", Format.seconds(r.secondsOutOfBand()), String.valueOf(r.excursionCount())));
            }
            ctx.progress("comparison: pressure of run " + run.id());
            SampleSeries s = ctx.query().samples(run.id(), null, null, per);
            XYSeries xs = new XYSeries(name, false, true);
            for (SampleBucket b : s.buckets()) {
                xs.add(axis.of(java.time.Duration.between(run.start(), b.start())), b.count() == 0 ? Double.NaN : b.pressureMeanPa() / 1e6);
            }
            traces.addSeries(xs);
        }
        if (!rows.isEmpty()) {
            blocks.add(new Block.Table("Hold quality per run and hold step", List.of("run", "step", "target", "held", "mean", "std. dev.",
                    "worst 1-s mean", "drift", "out of band", "excursions"), rows));
        } else {
            blocks.add(new Block.Paragraph("None of the runs has a hold step with a readable recipe."));
        }
        XYPlot p = new XYPlot(traces, Charts.linear(axis.label(), false), Charts.linear("pressure (MPa)", false),
                Charts.renderer(true, false, traces.getSeriesCount()));
        blocks.add(Charts.figure("comparison-pressure", "Stack pressure of every run against the time since its own start "
                + "(mean per bucket).", List.of(axis.label(), "pressure (MPa)"), Charts.chart(p, true)));
        return Optional.of(new SectionContent(id(), title(), blocks));
    }
}
