package org.presslab.report.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import java.util.function.ToDoubleFunction;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.presslab.report.api.Block;
import org.presslab.runs.api.Gap;
import org.presslab.runs.api.SampleBucket;
import org.presslab.runs.api.SampleSeries;

/** Quantities against time since the run's start (in the unit of {@link RunTimeline#axis()}), with the recipe's phases, trips, e-stops and gaps marked. */
public final class TimeCharts {

    private static final Color[] PHASE_FILL = { new Color(0x00, 0x72, 0xB2, 24), new Color(0xE6, 0x9F, 0x00, 28) };
    private static final Color GAP_FILL = new Color(0x60, 0x60, 0x60, 70);
    private static final Color MARK = new Color(0xCC, 0x00, 0x00);

    private TimeCharts() {
    }

    /**
     * One quantity's mean per bucket as a line with its min..max as a band (when given), optionally a second
     * line (the setpoint), over the timeline's phases and marks.
     */
    public static Block.Figure chart(String id, String caption, String yLabel, SampleSeries series, RunTimeline tl,
            double scale, ToDoubleFunction<SampleBucket> mean, ToDoubleFunction<SampleBucket> min,
            ToDoubleFunction<SampleBucket> max, String secondName, ToDoubleFunction<SampleBucket> second) {
        return chart(id, caption, yLabel, series, tl, scale, mean, min, max, secondName, second, new double[0]);
    }

    /** As above, with dashed horizontal lines at {@code levels} (e.g. a hold's band), which stay in view. */
    public static Block.Figure chart(String id, String caption, String yLabel, SampleSeries series, RunTimeline tl,
            double scale, ToDoubleFunction<SampleBucket> mean, ToDoubleFunction<SampleBucket> min,
            ToDoubleFunction<SampleBucket> max, String secondName, ToDoubleFunction<SampleBucket> second, double[] levels) {
        YIntervalSeries main = new YIntervalSeries(yLabel.replaceAll(" \\(.*", ""), false, true);
        YIntervalSeries sp = secondName == null ? null : new YIntervalSeries(secondName, false, true);
        for (SampleBucket b : series.buckets()) {
            double x = tl.at(b.start().plus(java.time.Duration.between(b.start(), b.end()).dividedBy(2)));
            double m = mean.applyAsDouble(b) * scale;
            if (b.count() == 0 || !Double.isFinite(m)) {
                // a break in the line where nothing was measured
                main.add(x, Double.NaN, Double.NaN, Double.NaN);
                continue;
            }
            double lo = min == null ? m : min.applyAsDouble(b) * scale;
            double hi = max == null ? m : max.applyAsDouble(b) * scale;
            main.add(x, m, Double.isFinite(lo) ? lo : m, Double.isFinite(hi) ? hi : m);
            if (sp != null) {
                double s = second.applyAsDouble(b) * scale;
                sp.add(x, s, s, s);
            }
        }
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        data.addSeries(main);
        if (sp != null) {
            data.addSeries(sp);
        }
        DeviationRenderer r = new DeviationRenderer(true, false);
        r.setSeriesPaint(0, Charts.BLUE);
        r.setSeriesFillPaint(0, Charts.SKY);
        r.setSeriesStroke(0, new BasicStroke(1.2f));
        r.setAlpha(0.35f);
        if (sp != null) {
            r.setSeriesPaint(1, Charts.ORANGE);
            r.setSeriesFillPaint(1, Charts.ORANGE);
            r.setSeriesStroke(1, new BasicStroke(1.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] { 5f, 3f }, 0f));
        }
        XYPlot plot = new XYPlot(data, Charts.linear(tl.axis().label(), false), Charts.linear(yLabel, false), r);
        decorate(plot, tl);
        for (double l : levels) {
            ValueMarker m = new ValueMarker(l, Color.DARK_GRAY, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] { 4f, 3f }, 0f));
            plot.addRangeMarker(m);
            org.jfree.data.Range yr = plot.getRangeAxis().getRange();
            plot.getRangeAxis().setRange(Math.min(yr.getLowerBound(), l - 0.1 * yr.getLength()),
                    Math.max(yr.getUpperBound(), l + 0.1 * yr.getLength()));
        }
        JFreeChart c = Charts.chart(plot, true);
        return Charts.figure(id, caption, List.of(tl.axis().label(), yLabel), c);
    }

    /** Shades the phases (alternating tints, labelled with the step number), gaps grey, trips and e-stops red. */
    static void decorate(XYPlot plot, RunTimeline tl) {
        int i = 0;
        for (RunTimeline.Phase p : tl.phases()) {
            IntervalMarker m = new IntervalMarker(tl.at(p.start()), tl.at(p.end()));
            m.setPaint(PHASE_FILL[i++ % 2]);
            m.setLabel(String.valueOf(p.step()));
            m.setLabelFont(ReportFonts.font(8f, false));
            m.setLabelAnchor(RectangleAnchor.TOP);
            m.setLabelTextAnchor(TextAnchor.TOP_CENTER);
            plot.addDomainMarker(m, Layer.BACKGROUND);
        }
        for (Gap g : tl.gaps()) {
            IntervalMarker m = new IntervalMarker(tl.at(g.start()), tl.at(g.end() == null ? tl.end() : g.end()));
            m.setPaint(GAP_FILL);
            plot.addDomainMarker(m, Layer.BACKGROUND);
        }
        for (RunTimeline.Mark mk : tl.marks()) {
            ValueMarker m = new ValueMarker(tl.at(mk.time()), MARK, new BasicStroke(1.4f));
            m.setLabel(mk.kind());
            m.setLabelFont(ReportFonts.font(8f, true));
            m.setLabelPaint(MARK);
            m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            plot.addDomainMarker(m, Layer.FOREGROUND);
        }
    }

    /** A renderer for plain lines. */
    static XYLineAndShapeRenderer lines(int n) {
        return Charts.renderer(true, false, n);
    }
}
