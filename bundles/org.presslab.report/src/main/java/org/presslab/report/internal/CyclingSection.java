package org.presslab.report.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.osgi.service.component.annotations.Component;
import org.presslab.report.api.Block;
import org.presslab.report.api.ReportContext;
import org.presslab.report.api.ReportSection;
import org.presslab.report.api.SectionContent;
import org.presslab.runs.api.CyclingLog;
import org.presslab.runs.api.CyclingLogInfo;
import org.presslab.runs.api.Run;
import org.presslab.runs.api.SampleBucket;
import org.presslab.runs.api.SampleSeries;

/** Cycling logs aligned with the pressure record: voltage and stack pressure against capacity. */
@Component(service = ReportSection.class, property = ReportSection.ORDER + ":Integer=800")
public final class CyclingSection implements ReportSection {

    @Override
    public String id() {
        return "cycling";
    }

    @Override
    public String title() {
        return "Cycling";
    }

    @Override
    public Optional<SectionContent> build(ReportContext ctx) {
        if (ctx.comparison()) {
            return Optional.empty();
        }
        Run run = ctx.runs().get(0);
        List<CyclingLogInfo> logs = ctx.query().cyclingLogs(run.id());
        if (logs.isEmpty()) {
            return Optional.empty();
        }
        List<Block> blocks = new ArrayList<>();
        int k = 0;
        for (CyclingLogInfo info : logs) {
            k++;
            ctx.progress("cycling log " + k + " of run " + run.id());
            CyclingLog log = ctx.query().cyclingLog(info.id());
            SampleSeries s = ctx.query().samples(run.id(), log.start(), log.end(), ctx.maxPointsPerChart());
            int stride = Math.max(1, log.size() / ctx.maxPointsPerChart());
            double[] cap = log.capacityAh();
            double[] v = log.voltageV();
            XYSeries vs = new XYSeries("voltage", false, true);
            XYSeries ps = new XYSeries("stack pressure", false, true);
            int j = 0;
            List<SampleBucket> b = s.buckets();
            for (int i = 0; i < log.size(); i += stride) {
                vs.add(cap[i] * 1e3, v[i]);
                java.time.Instant t = log.time(i);
                while (j + 1 < b.size() && !b.get(j + 1).start().isAfter(t)) {
                    j++;
                }
                ps.add(cap[i] * 1e3, b.isEmpty() || b.get(j).count() == 0 ? Double.NaN : b.get(j).pressureMeanPa() / 1e6);
            }
            CombinedDomainXYPlot plot = new CombinedDomainXYPlot(Charts.linear("capacity (mAh)", true));
            plot.add(new XYPlot(Charts.collection(vs), null, Charts.linear("voltage (V)", false), Charts.renderer(true, false, 1)), 2);
            XYPlot pp = new XYPlot(Charts.collection(ps), null, Charts.linear("pressure (MPa)", false), Charts.renderer(true, false, 1));
            pp.getRenderer().setSeriesPaint(0, Charts.VERMILION);
            plot.add(pp, 1);
            blocks.add(Charts.figure("cycling-" + k, "Voltage and stack pressure against capacity, log '" + log.source() + "' ("
                    + log.format() + ", " + log.size() + " points" + (stride > 1 ? ", every " + stride + "th shown" : "") + ").",
                    List.of("capacity (mAh)", "voltage (V)", "pressure (MPa)"), Charts.WIDTH, 400, Charts.chart(plot, false)));
            for (CyclingLog.ShortCircuit sc : log.shortCircuits()) {
                blocks.add(new Block.Notice(Block.Level.WARNING, "Short circuit at " + Format.seconds(sc.elapsedS()) + " into the log: "
                        + Format.fixed(sc.voltageBeforeV(), 3) + " V to " + Format.fixed(sc.voltageAfterV(), 3) + " V at "
                        + Format.mpa(sc.stackPressurePa(), 2) + ". " + sc.description()));
            }
        }
        return Optional.of(new SectionContent(id(), title(), blocks));
    }
}
