package org.presslab.report.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;

import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.Range;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.presslab.report.api.Block;

/** The house look of every chart (DejaVu Sans, white, light grid) and the figure blocks made from charts. */
public final class Charts {

    /** Colours that stay apart in print and for the common colour-vision deficiencies (Okabe-Ito). */
    public static final Color BLUE = new Color(0x00, 0x72, 0xB2);
    public static final Color ORANGE = new Color(0xE6, 0x9F, 0x00);
    public static final Color GREEN = new Color(0x00, 0x9E, 0x73);
    public static final Color VERMILION = new Color(0xD5, 0x5E, 0x00);
    public static final Color PURPLE = new Color(0xCC, 0x79, 0xA7);
    public static final Color SKY = new Color(0x56, 0xB4, 0xE9);
    public static final Color BLACK = Color.BLACK;
    public static final Color[] SERIES = { BLUE, VERMILION, GREEN, ORANGE, PURPLE, SKY, BLACK };

    /** Default figure size in CSS pixels: the width of an A4 page's text. */
    public static final int WIDTH = 680;
    public static final int HEIGHT = 330;

    private Charts() {
    }

    /**
     * A chart of one plot in the house look (DejaVu Sans on every axis, white, light grid), with a legend
     * below when asked. Styled by hand rather than with a ChartTheme, which would reset the series colours.
     */
    public static JFreeChart chart(XYPlot plot, boolean legend) {
        JFreeChart c = new JFreeChart(null, ReportFonts.font(11f, true), plot, legend);
        c.setBackgroundPaint(Color.WHITE);
        style(plot);
        if (plot instanceof CombinedDomainXYPlot combined) {
            for (Object sub : combined.getSubplots()) {
                style((XYPlot) sub);
            }
        }
        LegendTitle l = c.getLegend();
        if (l != null) {
            l.setPosition(RectangleEdge.BOTTOM);
            l.setItemFont(ReportFonts.font(9f, false));
            l.setFrame(BlockBorder.NONE);
            l.setBackgroundPaint(Color.WHITE);
        }
        c.setPadding(new RectangleInsets(4, 4, 4, 8));
        return c;
    }

    private static void style(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlinesVisible(true);
        plot.setRangeGridlinesVisible(true);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        plot.setOutlinePaint(Color.GRAY);
        for (int i = 0; i < plot.getDomainAxisCount(); i++) {
            style(plot.getDomainAxis(i));
        }
        for (int i = 0; i < plot.getRangeAxisCount(); i++) {
            style(plot.getRangeAxis(i));
        }
    }

    private static void style(ValueAxis a) {
        if (a != null) {
            a.setLabelFont(ReportFonts.font(10f, false));
            a.setTickLabelFont(ReportFonts.font(9f, false));
            a.setLabelPaint(Color.BLACK);
            a.setTickLabelPaint(Color.BLACK);
        }
    }

    private static final Color GRID = new Color(0xDD, 0xDD, 0xDD);

    /** A linear axis with its label (which carries the unit). */
    public static NumberAxis linear(String label, boolean includeZero) {
        NumberAxis a = new NumberAxis(label);
        a.setAutoRangeIncludesZero(includeZero);
        return a;
    }

    /**
     * A base-10 logarithmic axis: ticks at 1, 2, 3 ... 9 times 10^n when the range is short, at 10^n when it
     * is long, labelled as plain numbers (1e5 and up, 1e-4 and down in E notation).
     */
    public static LogarithmicAxis log(String label) {
        LogarithmicAxis a = new LogarithmicAxis(label);
        a.setStrictValuesFlag(false);
        a.setAllowNegativesFlag(false);
        a.setAutoRangeNextLogFlag(false);
        a.setNumberFormatOverride(new PlainNumbers());
        return a;
    }

    /** Tick labels: "0.01", "250", "1e5". */
    static final class PlainNumbers extends java.text.NumberFormat {
        private static final long serialVersionUID = 1L;

        @Override
        public StringBuffer format(double x, StringBuffer to, java.text.FieldPosition pos) {
            double a = Math.abs(x);
            if (x == 0 || (a >= 1e-3 && a < 1e5)) {
                return to.append(Format.sig(x, 4));
            }
            return to.append(String.format(java.util.Locale.ROOT, "%.0e", x).replace("e+0", "e").replace("e-0", "e-")
                    .replace("e+", "e"));
        }

        @Override
        public StringBuffer format(long x, StringBuffer to, java.text.FieldPosition pos) {
            return format((double) x, to, pos);
        }

        @Override
        public Number parse(String source, java.text.ParsePosition pos) {
            throw new UnsupportedOperationException("tick labels are not parsed");
        }
    }

    /** A renderer: lines, shapes, or both, one colour per series from {@link #SERIES}. */
    public static XYLineAndShapeRenderer renderer(boolean lines, boolean shapes, int seriesCount) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(lines, shapes);
        for (int i = 0; i < seriesCount; i++) {
            r.setSeriesPaint(i, SERIES[i % SERIES.length]);
            r.setSeriesStroke(i, new BasicStroke(1.3f));
            r.setSeriesShape(i, new java.awt.geom.Ellipse2D.Double(-2.5, -2.5, 5, 5));
        }
        r.setDrawSeriesLineAsPath(true);
        return r;
    }

    /** A collection of series. */
    public static XYSeriesCollection collection(XYSeries... series) {
        XYSeriesCollection c = new XYSeriesCollection();
        for (XYSeries s : series) {
            if (s != null) {
                c.addSeries(s);
            }
        }
        return c;
    }

    /** A series that keeps the given order of points (a Nyquist curve is not sorted by x). */
    public static XYSeries series(String name) {
        return new XYSeries(name, false, true);
    }

    /** A figure block drawing {@code chart}. */
    public static Block.Figure figure(String id, String caption, List<String> axes, JFreeChart chart) {
        return figure(id, caption, axes, WIDTH, HEIGHT, chart);
    }

    /** A figure block drawing {@code chart} at a size. */
    public static Block.Figure figure(String id, String caption, List<String> axes, int width, int height,
            JFreeChart chart) {
        return new Block.Figure(id, caption, axes, width, height, (g, area) -> chart.draw(g, area));
    }

    /**
     * A figure whose two axes have the same scale (ohms per pixel), as a Nyquist plot must have so that a
     * semicircle looks like one: the chart is laid out once to find its data area, then the shorter range
     * is widened about its centre.
     */
    public static Block.Figure equalScaleFigure(String id, String caption, List<String> axes, int width, int height,
            JFreeChart chart) {
        return new Block.Figure(id, caption, axes, width, height, (g, area) -> {
            equalizeScales(chart, area);
            chart.draw(g, area);
        });
    }

    /**
     * Widens the x or y range of the chart's XY plot so that one unit is as long on both axes when the
     * chart is drawn into {@code area}. Returns the resulting units per pixel, x then y.
     */
    public static double[] equalizeScales(JFreeChart chart, Rectangle2D area) {
        XYPlot plot = chart.getXYPlot();
        ValueAxis x = plot.getDomainAxis();
        ValueAxis y = plot.getRangeAxis();
        x.setAutoRange(true);
        y.setAutoRange(true);
        Range xr = x.getRange();
        Range yr = y.getRange();
        double[] scale = null;
        for (int pass = 0; pass < 3; pass++) {
            Rectangle2D data = dataArea(chart, area);
            double xPerPx = xr.getLength() / data.getWidth();
            double yPerPx = yr.getLength() / data.getHeight();
            if (xPerPx > yPerPx) {
                yr = Range.expand(yr, 0, 0);
                double len = xPerPx * data.getHeight();
                yr = new Range(yr.getCentralValue() - len / 2, yr.getCentralValue() + len / 2);
            } else {
                double len = yPerPx * data.getWidth();
                xr = new Range(xr.getCentralValue() - len / 2, xr.getCentralValue() + len / 2);
            }
            x.setRange(xr, true, false);
            y.setRange(yr, true, true);
            Rectangle2D after = dataArea(chart, area);
            scale = new double[] { xr.getLength() / after.getWidth(), yr.getLength() / after.getHeight() };
            if (Math.abs(scale[0] / scale[1] - 1) < 0.005) {
                break;
            }
        }
        return scale;
    }

    /** Where the chart's plot draws its data when the chart fills {@code area}. */
    public static Rectangle2D dataArea(JFreeChart chart, Rectangle2D area) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            ChartRenderingInfo info = new ChartRenderingInfo();
            chart.draw(g, area, info);
            return info.getPlotInfo().getDataArea();
        } finally {
            g.dispose();
        }
    }
}
