package org.presslab.report.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.presslab.impedance.api.DrtAnalyzer;
import org.presslab.impedance.api.DrtPeak;
import org.presslab.impedance.api.DrtResult;
import org.presslab.impedance.api.FitResult;
import org.presslab.impedance.api.FittedParameter;
import org.presslab.impedance.api.KkResult;
import org.presslab.report.api.Block;
import org.presslab.report.api.ReportContext;
import org.presslab.report.api.ReportSection;
import org.presslab.report.api.SectionContent;
import org.presslab.runs.api.Run;
import org.presslab.runs.api.RunSpectrum;
import org.presslab.runs.api.SpectrumEntry;

/**
 * The run's impedance spectra: a table of all of them, and for the last one (and the first, when they differ)
 * Nyquist with the fit at equal scales, Bode, residuals, the Lin-KK verdict, the DRT with its peaks and the
 * fitted parameters with their 95 % confidence intervals.
 */
@Component(service = ReportSection.class, property = ReportSection.ORDER + ":Integer=600")
public final class ImpedanceSection implements ReportSection {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile DrtAnalyzer drt;

    public ImpedanceSection() {
    }

    /** Outside OSGi. */
    public ImpedanceSection(DrtAnalyzer drt) {
        this.drt = drt;
    }

    @Override
    public String id() {
        return "impedance";
    }

    @Override
    public String title() {
        return "Impedance";
    }

    @Override
    public Optional<SectionContent> build(ReportContext ctx) {
        if (ctx.comparison()) {
            return Optional.empty();
        }
        Run run = ctx.runs().get(0);
        List<RunSpectrum> spectra = ctx.query().spectra(run.id());
        if (spectra.isEmpty()) {
            return Optional.empty();
        }
        ctx.progress("impedance of run " + run.id() + ": " + spectra.size() + " spectra");
        List<Block> blocks = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        List<Boolean> flags = new ArrayList<>();
        int n = 0;
        for (RunSpectrum rs : spectra) {
            SpectrumEntry e = rs.entry();
            n++;
            Resistances r = Resistances.of(e.fit());
            rows.add(List.of(String.valueOf(n), Format.duration(Duration.between(run.start(), e.measuredAt())),
                    Format.mpa(e.stackPressurePa(), 2) + (rs.conditionsFromRecord() ? " *" : ""), Format.celsius(e.temperatureK()),
                    e.fit() == null ? "no fit" : e.fit().circuit(), Format.sig(r.bulkOhm(), 4), Format.sig(r.interfacialOhm(), 4),
                    e.kk() == null ? "not tested" : (e.kk().valid() ? "valid" : "INVALID") + " (max " + Format.sig(100 * e.kk().maxResidual(), 2) + " %)"));
            flags.add(e.kk() != null && !e.kk().valid() || e.fit() != null && !e.fit().trustworthy());
        }
        blocks.add(new Block.Table("Spectra (* conditions taken from the pressure record; rows with an invalid Lin-KK test or an "
                + "untrustworthy fit highlighted)", List.of("#", "time", "stack pressure", "temperature", "circuit", "R bulk (Ω)",
                        "R interfacial (Ω)", "Lin-KK"), rows, flags));
        blocks.add(new Block.Paragraph(Resistances.RULE));
        List<Integer> detail = spectra.size() == 1 ? List.of(0) : List.of(0, spectra.size() - 1);
        for (int i : detail) {
            SpectrumEntry e = spectra.get(i).entry();
            String tag = "s" + (i + 1);
            blocks.add(new Block.Heading("Spectrum " + (i + 1) + " at " + Format.mpa(e.stackPressurePa(), 2) + ", "
                    + Format.duration(Duration.between(run.start(), e.measuredAt())) + " into the run (" + e.sourceKind() + " "
                    + e.source() + ")"));
            blocks.add(ImpedanceCharts.nyquist("nyquist-" + tag, "Nyquist plot of spectrum " + (i + 1)
                    + (e.fit() == null ? "" : " with the fit of " + e.fit().circuit()) + "; both axes at the same scale.",
                    e.spectrum(), e.fit()));
            blocks.add(ImpedanceCharts.bode("bode-" + tag, "Bode magnitude and phase of spectrum " + (i + 1) + ".", e.spectrum(), e.fit()));
            if (e.fit() != null || e.kk() != null) {
                blocks.add(ImpedanceCharts.residuals("residuals-" + tag, "Relative residuals of the fit and of the Lin-KK "
                        + "test; dashed: the Lin-KK limit.", e.fit(), e.kk()));
            }
            KkResult kk = e.kk();
            if (kk != null) {
                blocks.add(new Block.Notice(kk.valid() ? Block.Level.INFO : Block.Level.WARNING, "Lin-KK: "
                        + (kk.valid() ? "VALID" : "INVALID") + ", M = " + kk.m() + " RC elements, µ = " + Format.fixed(kk.mu(), 3)
                        + ", largest residual " + Format.sig(100 * kk.maxResidual(), 3) + " % (limit "
                        + Format.sig(100 * kk.residualLimit(), 3) + " %), " + kk.suspectPoints().size() + " points beyond it."));
            }
            if (e.fit() != null) {
                parameters(e.fit(), blocks, tag);
            }
            DrtAnalyzer d = drt;
            if (d != null) {
                try {
                    DrtResult r = d.analyze(e.spectrum());
                    blocks.add(ImpedanceCharts.drt("drt-" + tag, "Distribution of relaxation times of spectrum " + (i + 1)
                            + " (λ = " + Format.sig(r.lambda(), 2) + ", " + r.lambdaMethod() + "); peaks labelled with "
                            + "frequency and resistance.", r));
                    List<List<String>> peaks = new ArrayList<>();
                    for (DrtPeak p : r.peaks()) {
                        peaks.add(List.of(Format.sig(p.tau(), 3), Format.sig(p.frequencyHz(), 3), Format.sig(p.resistance(), 4)));
                    }
                    if (!peaks.isEmpty()) {
                        blocks.add(new Block.Table("DRT peaks", List.of("τ (s)", "frequency (Hz)", "R (Ω)"), peaks));
                    }
                } catch (RuntimeException ex) {
                    blocks.add(new Block.Notice(Block.Level.WARNING, "DRT failed: " + ex.getMessage()));
                }
            } else {
                blocks.add(new Block.Notice(Block.Level.INFO, "No DRT analyzer is running: no DRT is shown."));
            }
        }
        return Optional.of(new SectionContent(id(), title(), blocks));
    }

    private static void parameters(FitResult fit, List<Block> blocks, String tag) {
        List<List<String>> rows = new ArrayList<>();
        List<Boolean> flags = new ArrayList<>();
        for (FittedParameter p : fit.parameters()) {
            rows.add(List.of(p.name(), Format.sig(p.value(), 4), p.unit(), Format.sig(p.standardError(), 2),
                    "[" + Format.sig(p.ci95Low(), 4) + ", " + Format.sig(p.ci95High(), 4) + "]",
                    p.fixed() ? "fixed" : !p.identifiable() ? "not identifiable" : p.atBound() ? "at a bound" : "ok"));
            flags.add(!p.fixed() && (!p.identifiable() || p.atBound()));
        }
        blocks.add(new Block.Table("Fitted parameters of " + fit.circuit() + " (" + fit.weighting() + " weighting, χ²ᵣ = "
                + Format.sig(fit.reducedChiSquare(), 3) + (fit.converged() ? "" : ", NOT CONVERGED") + ")",
                List.of("parameter", "value", "unit", "std. error", "95 % interval", "status"), rows, flags));
        for (String w : fit.warnings()) {
            blocks.add(new Block.Notice(Block.Level.WARNING, "Fit: " + w));
        }
    }

    /** Bulk and interfacial resistance read from a fit. */
    public record Resistances(double bulkOhm, double interfacialOhm) {

        static final String RULE = "R bulk is the fit's series resistor R0 (the high-frequency intercept: electrolyte bulk "
                + "and grain boundaries not resolved); R interfacial is the sum of every other resistor of the circuit "
                + "(the arcs in parallel with a capacitor or CPE).";

        public static Resistances of(FitResult fit) {
            if (fit == null) {
                return new Resistances(Double.NaN, Double.NaN);
            }
            double bulk = Double.NaN;
            double sum = 0;
            boolean any = false;
            for (FittedParameter p : fit.parameters()) {
                if (p.name().equals("R0")) {
                    bulk = p.value();
                } else if (p.name().matches("R\\d+")) {
                    sum += p.value();
                    any = true;
                }
            }
            return new Resistances(bulk, any ? sum : Double.NaN);
        }
    }
}
