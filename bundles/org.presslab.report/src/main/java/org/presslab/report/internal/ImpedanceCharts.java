package org.presslab.report.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYPointerAnnotation;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.presslab.impedance.api.DrtPeak;
import org.presslab.impedance.api.DrtResult;
import org.presslab.impedance.api.FitResult;
import org.presslab.impedance.api.KkResult;
import org.presslab.impedance.api.Spectrum;
import org.presslab.report.api.Block;

/** Impedance figures: Nyquist with the fit (equal scales), Bode, residuals, DRT. */
public final class ImpedanceCharts {

    public static final String RE = "Z′ (Ω)";
    public static final String MINUS_IM = "−Z″ (Ω)";
    public static final String FREQ = "frequency (Hz)";

    private ImpedanceCharts() {
    }

    /** Nyquist plot of the data with the fit's model curve over it; one ohm is as long on both axes. */
    public static Block.Figure nyquist(String id, String caption, Spectrum s, FitResult fit) {
        return Charts.equalScaleFigure(id, caption, List.of(RE, MINUS_IM), Charts.WIDTH, 380, nyquistChart(s, fit));
    }

    /** The Nyquist chart before its scales are made equal. */
    static JFreeChart nyquistChart(Spectrum s, FitResult fit) {
        XYSeries data = Charts.series("measured");
        for (int i = 0; i < s.size(); i++) {
            data.add(s.real(i), -s.imag(i));
        }
        XYSeries model = null;
        if (fit != null) {
            model = Charts.series("fit " + fit.circuit());
            for (int i = 0; i < fit.modelReal().length; i++) {
                model.add(fit.modelReal()[i], -fit.modelImag()[i]);
            }
        }
        XYPlot plot = new XYPlot();
        plot.setDataset(0, Charts.collection(data));
        XYLineAndShapeRenderer dots = Charts.renderer(false, true, 1);
        plot.setRenderer(0, dots);
        if (model != null) {
            plot.setDataset(1, Charts.collection(model));
            XYLineAndShapeRenderer line = Charts.renderer(true, false, 1);
            line.setSeriesPaint(0, Charts.VERMILION);
            line.setSeriesStroke(0, new BasicStroke(1.6f));
            plot.setRenderer(1, line);
        }
        plot.setDomainAxis(Charts.linear(RE, false));
        plot.setRangeAxis(Charts.linear(MINUS_IM, false));
        return Charts.chart(plot, true);
    }

    /** Bode magnitude (log-log) and phase against frequency, data as dots and fit as a line. */
    public static Block.Figure bode(String id, String caption, Spectrum s, FitResult fit) {
        XYSeries mag = Charts.series("|Z| measured");
        XYSeries ph = Charts.series("phase measured");
        for (int i = 0; i < s.size(); i++) {
            mag.add(s.frequency(i), s.modulus(i));
            ph.add(s.frequency(i), Math.toDegrees(s.phase(i)));
        }
        LogarithmicAxis f = Charts.log(FREQ);
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (int i = 0; i < s.size(); i++) {
            lo = Math.min(lo, s.modulus(i));
            hi = Math.max(hi, s.modulus(i));
        }
        // Within a decade a log axis has no labelled tick: a linear one says more.
        org.jfree.chart.axis.ValueAxis magAxis = hi > 10 * lo ? Charts.log("|Z| (Ω)") : Charts.linear("|Z| (Ω)", false);
        XYPlot top = new XYPlot(Charts.collection(mag), null, magAxis, Charts.renderer(false, true, 1));
        NumberAxis phaseAxis = Charts.linear("phase (°)", false);
        XYPlot bottom = new XYPlot(Charts.collection(ph), null, phaseAxis, Charts.renderer(false, true, 1));
        if (fit != null) {
            XYSeries fm = Charts.series("|Z| fit");
            XYSeries fp = Charts.series("phase fit");
            for (int i = 0; i < fit.frequency().length; i++) {
                double re = fit.modelReal()[i];
                double im = fit.modelImag()[i];
                fm.add(fit.frequency()[i], Math.hypot(re, im));
                fp.add(fit.frequency()[i], Math.toDegrees(Math.atan2(im, re)));
            }
            top.setDataset(1, Charts.collection(fm));
            bottom.setDataset(1, Charts.collection(fp));
            XYLineAndShapeRenderer l1 = Charts.renderer(true, false, 1);
            l1.setSeriesPaint(0, Charts.VERMILION);
            XYLineAndShapeRenderer l2 = Charts.renderer(true, false, 1);
            l2.setSeriesPaint(0, Charts.VERMILION);
            top.setRenderer(1, l1);
            bottom.setRenderer(1, l2);
        }
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(f);
        plot.setGap(8);
        plot.add(top, 1);
        plot.add(bottom, 1);
        JFreeChart c = Charts.chart(plot, true);
        return Charts.figure(id, caption, List.of(FREQ, "|Z| (Ω)", "phase (°)"), Charts.WIDTH, 420, c);
    }

    /**
     * Relative residuals of the fit and of Lin-KK against frequency, in percent, with the Lin-KK limit as
     * dashed lines.
     */
    public static Block.Figure residuals(String id, String caption, FitResult fit, KkResult kk) {
        XYPlot plot = new XYPlot();
        int ds = 0;
        if (fit != null) {
            XYSeries re = Charts.series("fit, real");
            XYSeries im = Charts.series("fit, imaginary");
            for (int i = 0; i < fit.frequency().length; i++) {
                re.add(fit.frequency()[i], 100 * fit.residualReal()[i]);
                im.add(fit.frequency()[i], 100 * fit.residualImag()[i]);
            }
            plot.setDataset(ds, Charts.collection(re, im));
            plot.setRenderer(ds++, Charts.renderer(true, true, 2));
        }
        if (kk != null) {
            XYSeries re = Charts.series("Lin-KK, real");
            XYSeries im = Charts.series("Lin-KK, imaginary");
            for (int i = 0; i < kk.frequency().length; i++) {
                re.add(kk.frequency()[i], 100 * kk.residualReal()[i]);
                im.add(kk.frequency()[i], 100 * kk.residualImag()[i]);
            }
            plot.setDataset(ds, Charts.collection(re, im));
            XYLineAndShapeRenderer r = Charts.renderer(true, true, 2);
            r.setSeriesPaint(0, Charts.GREEN);
            r.setSeriesPaint(1, Charts.ORANGE);
            plot.setRenderer(ds++, r);
            for (double sign : new double[] { -1, 1 }) {
                ValueMarker m = new ValueMarker(sign * 100 * kk.residualLimit(), Color.GRAY,
                        new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] { 4f, 3f }, 0f));
                plot.addRangeMarker(m);
            }
        }
        plot.setDomainAxis(Charts.log(FREQ));
        plot.setRangeAxis(Charts.linear("relative residual (%)", true));
        JFreeChart c = Charts.chart(plot, true);
        return Charts.figure(id, caption, List.of(FREQ, "relative residual (%)"), Charts.WIDTH, 300, c);
    }

    /** The distribution of relaxation times against τ with each peak marked by its frequency and resistance. */
    public static Block.Figure drt(String id, String caption, DrtResult d) {
        XYSeries g = Charts.series("γ(ln τ)");
        for (int i = 0; i < d.tau().length; i++) {
            g.add(d.tau()[i], d.gamma()[i]);
        }
        XYPlot plot = new XYPlot(Charts.collection(g), Charts.log("τ (s)"), Charts.linear("γ (Ω)", true),
                Charts.renderer(true, false, 1));
        plot.getRangeAxis().setUpperMargin(0.25);
        int n = 0;
        for (DrtPeak p : d.peaks()) {
            XYPointerAnnotation a = new XYPointerAnnotation(String.format(java.util.Locale.ROOT, "%s Hz, %s Ω",
                    Format.sig(p.frequencyHz(), 3), Format.sig(p.resistance(), 3)), p.tau(), p.gammaMax(),
                    -Math.PI / 4 + 0.4 * (n++ % 2));
            a.setFont(ReportFonts.font(8.5f, false));
            a.setTipRadius(2);
            a.setBaseRadius(22);
            plot.addAnnotation(a);
        }
        JFreeChart c = Charts.chart(plot, false);
        return Charts.figure(id, caption, List.of("τ (s)", "γ (Ω)"), Charts.WIDTH, 300, c);
    }
}
