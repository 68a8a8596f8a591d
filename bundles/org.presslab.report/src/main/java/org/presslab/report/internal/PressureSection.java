package org.presslab.report.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.presslab.report.api.Block;
import org.presslab.report.api.ReportContext;
import org.presslab.report.api.ReportSection;
import org.presslab.report.api.SectionContent;
import org.presslab.runs.api.Run;
import org.presslab.runs.api.SampleBucket;
import org.presslab.runs.api.SampleSeries;

/** Pressure and force against time, the recipe's phases shaded, trips, e-stops and gaps marked. */
@Component(service = ReportSection.class, property = ReportSection.ORDER + ":Integer=300")
public final class PressureSection implements ReportSection {

    @Override
    public String id() {
        return "pressure";
    }

    @Override
    public String title() {
        return "Pressure and force";
    }

    @Override
    public Optional<SectionContent> build(ReportContext ctx) {
        if (ctx.comparison()) {
            return Optional.empty();
        }
        Run run = ctx.runs().get(0);
        ctx.progress("pressure chart of run " + run.id());
        RunTimeline tl = Timelines.of(ctx, run);
        SampleSeries s = ctx.query().samples(run.id(), null, null, ctx.maxPointsPerChart());
        List<Block> blocks = new ArrayList<>();
        if (s.buckets().isEmpty()) {
            blocks.add(new Block.Notice(Block.Level.WARNING, "No sample was recorded in this run."));
            return Optional.of(new SectionContent(id(), title(), blocks));
        }
        String how = s.raw() ? "every recorded sample (" + s.sampleCount() + ")"
                : s.sampleCount() + " samples reduced to " + s.buckets().size() + " buckets of "
                        + Format.seconds(java.time.Duration.between(s.buckets().get(0).start(), s.buckets().get(0).end()).toNanos() / 1e9)
                        + " (line: mean, band: minimum to maximum; source tier " + s.tier() + ")";
        blocks.add(new Block.Paragraph("Shown: " + how + ". Shaded: the recipe's steps, numbered; grey: gaps in the record; "
                + "red lines: trips, emergency stops and aborts."));
        blocks.add(TimeCharts.chart("pressure", "Stack pressure and setpoint against time.", "pressure (MPa)", s, tl, 1e-6,
                SampleBucket::pressureMeanPa, SampleBucket::pressureMinPa, SampleBucket::pressureMaxPa, "setpoint",
                SampleBucket::setpointMeanPa));
        blocks.add(TimeCharts.chart("force", "Force on the stack against time.", "force (kN)", s, tl, 1e-3,
                SampleBucket::forceMeanN, SampleBucket::forceMinN, SampleBucket::forceMaxN, null, null));
        boolean temperature = s.buckets().stream().anyMatch(b -> Double.isFinite(b.temperatureMeanK()));
        if (temperature) {
            blocks.add(TimeCharts.chart("temperature", "Temperature against time (mean per bucket).", "temperature (°C)", s, tl,
                    1, b -> b.temperatureMeanK() - 273.15, null, null, null, null));
        } else {
            blocks.add(new Block.Paragraph("The device measures no temperature: none is shown."));
        }
        List<List<String>> marks = new ArrayList<>();
        for (RunTimeline.Mark m : tl.marks()) {
            marks.add(List.of(Format.duration(java.time.Duration.between(run.start(), m.time())), m.kind(), m.text()));
        }
        if (!marks.isEmpty()) {
            blocks.add(new Block.Table("Trips, emergency stops and aborts", List.of("time", "what", "message"), marks));
        }
        return Optional.of(new SectionContent(id(), title(), blocks));
    }
}
