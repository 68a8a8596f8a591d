package org.presslab.report.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.osgi.service.component.annotations.Component;
import org.presslab.report.api.Block;
import org.presslab.report.api.ReportContext;
import org.presslab.report.api.ReportSection;
import org.presslab.report.api.SectionContent;
import org.presslab.runs.api.CellInfo;
import org.presslab.runs.api.Run;
import org.presslab.runs.api.RunSpectrum;
import org.presslab.runs.api.SpectrumEntry;

/**
 * Interfacial resistance against stack pressure (log-log, with the exponent of a power law R = a·p^−n fitted by
 * least squares on the logarithms) and against time; the electrolyte's conductivity and an Arrhenius fit where
 * the pellet's size is known and the temperature varied. Over several runs, one series per run.
 */
@Component(service = ReportSection.class, property = ReportSection.ORDER + ":Integer=700")
public final class InterfacialSection implements ReportSection {

    static final double BOLTZMANN_EV = 8.617333262e-5;

    @Override
    public String id() {
        return "interfacial";
    }

    @Override
    public String title() {
        return "Interfacial resistance and conductivity";
    }

    /** The power law's exponent n in R = a·p^−n, its standard error and the points it used. */
    public record PowerLaw(double exponent, double stdError, double prefactor, double rSquared, int points) {
    }

    /** Fits R = a·p^−n to the points with finite positive pressure and resistance; null with fewer than 3. */
    public static PowerLaw powerLaw(double[] pressurePa, double[] ohm) {
        SimpleRegression reg = new SimpleRegression();
        for (int i = 0; i < pressurePa.length; i++) {
            if (pressurePa[i] > 0 && ohm[i] > 0 && Double.isFinite(pressurePa[i]) && Double.isFinite(ohm[i])) {
                reg.addData(Math.log(pressurePa[i] / 1e6), Math.log(ohm[i]));
            }
        }
        if (reg.getN() < 3) {
            return null;
        }
        return new PowerLaw(-reg.getSlope(), reg.getSlopeStdErr(), Math.exp(reg.getIntercept()), reg.getRSquare(), (int) reg.getN());
    }

    @Override
    public Optional<SectionContent> build(ReportContext ctx) {
        List<Block> blocks = new ArrayList<>();
        XYSeriesCollection vsP = new XYSeriesCollection();
        XYSeriesCollection vsT = new XYSeriesCollection();
        List<List<String>> fits = new ArrayList<>();
        TimeAxis axis = Timelines.axis(ctx);
        int k = 0;
        for (Run run : ctx.runs()) {
            k++;
            List<RunSpectrum> spectra = ctx.query().spectra(run.id());
            List<double[]> pts = new ArrayList<>();
            String name = ctx.runs().size() > 1 ? "run " + k + (run.cell().cellId().isEmpty() ? "" : " (" + run.cell().cellId() + ")") : "R interfacial";
            XYSeries sp = new XYSeries(name, false, true);
            XYSeries st = new XYSeries(name, false, true);
            for (RunSpectrum rs : spectra) {
                SpectrumEntry e = rs.entry();
                ImpedanceSection.Resistances r = ImpedanceSection.Resistances.of(e.fit());
                if (Double.isFinite(r.interfacialOhm()) && r.interfacialOhm() > 0) {
                    pts.add(new double[] { e.stackPressurePa(), r.interfacialOhm(), e.temperatureK(), r.bulkOhm() });
                    if (e.stackPressurePa() > 0) {
                        sp.add(e.stackPressurePa() / 1e6, r.interfacialOhm());
                    }
                    st.add(axis.of(java.time.Duration.between(run.start(), e.measuredAt())), r.interfacialOhm());
                }
            }
            if (pts.size() < 2) {
                continue;
            }
            vsP.addSeries(sp);
            vsT.addSeries(st);
            PowerLaw pl = powerLaw(pts.stream().mapToDouble(p -> p[0]).toArray(), pts.stream().mapToDouble(p -> p[1]).toArray());
            fits.add(List.of(name, String.valueOf(pts.size()), pl == null ? "too few pressures" : Format.fixed(pl.exponent(), 3)
                    + " ± " + Format.fixed(pl.stdError(), 3), pl == null ? "" : Format.fixed(pl.rSquared(), 3)));
            if (!ctx.comparison()) {
                conductivity(run.cell(), pts, blocks);
            }
        }
        if (vsP.getSeriesCount() == 0) {
            return Optional.empty();
        }
        ctx.progress("interfacial resistance");
        XYPlot p = new XYPlot(vsP, Charts.log("stack pressure (MPa)"), Charts.log("R interfacial (Ω)"),
                Charts.renderer(false, true, vsP.getSeriesCount()));
        JFreeChart c = Charts.chart(p, true);
        blocks.add(0, Charts.figure("r-vs-pressure", "Interfacial resistance against stack pressure, both axes logarithmic: "
                + "a power law R = a·p^−n is a straight line of slope −n.", List.of("stack pressure (MPa)", "R interfacial (Ω)"), c));
        blocks.add(1, new Block.Table("Power law R = a·p^−n (least squares on ln R against ln p; ± one standard error)",
                List.of("series", "spectra", "exponent n", "R²"), fits));
        XYPlot t = new XYPlot(vsT, Charts.linear(axis.label(), false), Charts.linear("R interfacial (Ω)", false),
                Charts.renderer(true, true, vsT.getSeriesCount()));
        blocks.add(2, Charts.figure("r-vs-time", "Interfacial resistance against time since the run's start.",
                List.of(axis.label(), "R interfacial (Ω)"), Charts.chart(t, true)));
        return Optional.of(new SectionContent(id(), title(), blocks));
    }

    private static void conductivity(CellInfo cell, List<double[]> pts, List<Block> blocks) {
        if (!Double.isFinite(cell.pelletDiameterM()) || !Double.isFinite(cell.pelletThicknessM())) {
            blocks.add(new Block.Paragraph("Conductivity: the pellet's diameter and thickness are not recorded, so none is computed."));
            return;
        }
        double area = Math.PI * cell.pelletDiameterM() * cell.pelletDiameterM() / 4;
        SimpleRegression arr = new SimpleRegression();
        double tMin = Double.POSITIVE_INFINITY;
        double tMax = Double.NEGATIVE_INFINITY;
        double sigmaSum = 0;
        int n = 0;
        for (double[] p : pts) {
            if (p[3] > 0 && Double.isFinite(p[3])) {
                double sigma = cell.pelletThicknessM() / (p[3] * area);
                sigmaSum += sigma;
                n++;
                if (p[2] > 0) {
                    arr.addData(1 / p[2], Math.log(sigma));
                    tMin = Math.min(tMin, p[2]);
                    tMax = Math.max(tMax, p[2]);
                }
            }
        }
        if (n == 0) {
            return;
        }
        blocks.add(new Block.Paragraph("Bulk conductivity σ = t / (R0 · A), mean over " + n + " spectra: "
                + Format.sig(sigmaSum / n / 100, 3) + " S/cm (" + Format.sig(sigmaSum / n, 3) + " S/m)."));
        if (arr.getN() >= 3 && tMax - tMin >= 5) {
            double ea = -arr.getSlope() * BOLTZMANN_EV;
            blocks.add(new Block.Paragraph("Arrhenius (ln σ against 1/T, " + arr.getN() + " spectra, " + Format.celsius(tMin) + " to "
                    + Format.celsius(tMax) + "): activation energy " + Format.fixed(ea, 3) + " ± "
                    + Format.fixed(arr.getSlopeStdErr() * BOLTZMANN_EV, 3) + " eV, R² = " + Format.fixed(arr.getRSquare(), 3) + "."));
        } else {
            blocks.add(new Block.Paragraph("Arrhenius: the temperature did not vary by 5 K over at least 3 spectra; no activation energy."));
        }
    }
}
