package org.presslab.impedance.shell.internal;

import java.util.List;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.presslab.impedance.api.CircuitFitter;
import org.presslab.impedance.api.FitOptions;
import org.presslab.impedance.api.FitResult;
import org.presslab.impedance.api.FittedParameter;
import org.presslab.impedance.api.Spectrum;
import org.presslab.impedance.api.Weighting;
import org.presslab.impedance.shell.internal.completers.CircuitCompleter;

/** eis:fit */
@Service
@Command(scope = "eis", name = "fit", description = "Fits an equivalent circuit (impedance.py syntax, e.g. R0-p(R1,CPE1)-W1) by CNLS: "
        + "parameters with standard errors and 95 % intervals, chi-square, and a warning when a fit cannot be trusted.")
public class EisFitCommand extends EisCommandSupport {

    @Reference
    CircuitFitter fitter;

    @Argument(index = 0, name = "file", description = "The spectrum file.", required = true)
    @Completion(FileCompleter.class)
    String file;

    @Argument(index = 1, name = "circuit", description = "Circuit string, e.g. R0-p(R1,CPE1)-p(R2,CPE2)-Wo1.", required = true)
    @Completion(CircuitCompleter.class)
    String circuit;

    @Option(name = "-w", aliases = "--weighting", description = "modulus (default), proportional or unit.")
    String weighting = "modulus";

    @Option(name = "--fix", multiValued = true, description = "Hold a parameter: NAME=VALUE (repeatable).")
    List<String> fix;

    @Option(name = "--start", multiValued = true, description = "Start a parameter here: NAME=VALUE (repeatable).")
    List<String> start;

    @Option(name = "--bound", multiValued = true, description = "Keep a parameter in a range: NAME=LOW..HIGH (repeatable).")
    List<String> bound;

    @Option(name = "-n", aliases = "--starts", description = "Extra starts of the multi-start fallback (default 6).")
    int extraStarts = 6;

    @Option(name = "-s", aliases = "--spectrum", description = "Spectrum N (1-based) of a multi-spectrum file.")
    int index;

    @Option(name = "-r", aliases = "--residuals", description = "List the relative residuals per point.")
    boolean residuals;

    @Override
    protected void doExecute() throws Exception {
        Weighting w = switch (weighting.toLowerCase(Locale.ROOT)) {
            case "modulus" -> Weighting.MODULUS;
            case "proportional" -> Weighting.PROPORTIONAL;
            case "unit" -> Weighting.UNIT;
            default -> throw new IllegalArgumentException("weighting '" + weighting + "' must be modulus, proportional or unit");
        };
        fitter.parse(circuit); // a syntax error names its position before any file is read
        Spectrum s = spectrum(file, index);
        FitOptions options = FitOptions.DEFAULT.withWeighting(w).withConstraints(Constraints.parse(fix, start, bound))
                .withExtraStarts(extraStarts);
        FitResult r = fitter.fit(s, circuit, options);
        print(r, s);
    }

    void print(FitResult r, Spectrum s) {
        out.printf(Locale.ROOT, "%s, %d points, %s weighting%n", r.circuit(), s.size(), r.weighting().name().toLowerCase(Locale.ROOT));
        ShellTable t = new ShellTable();
        t.column("PARAMETER");
        t.column("VALUE").alignRight();
        t.column("UNIT");
        t.column("STD ERROR").alignRight();
        t.column("REL").alignRight();
        t.column("95 % INTERVAL").alignRight();
        t.column("NOTE");
        for (FittedParameter p : r.parameters()) {
            String note = p.fixed() ? "fixed" : (!p.identifiable() ? "NOT IDENTIFIABLE" : "") + (p.atBound() ? " at bound" : "");
            t.addRow().addContent(p.name(), Eng.g(p.value()), p.unit().isEmpty() ? "-" : p.unit().replace("ohm", "Ω"),
                    Eng.g(p.standardError()), p.fixed() ? "-" : Eng.pct(p.relativeError()),
                    p.fixed() ? "-" : Eng.g(p.ci95Low()) + " .. " + Eng.g(p.ci95High()), note.trim());
        }
        t.print(out, true);
        out.printf(Locale.ROOT, "chi-square %s, reduced %s, %s after %d iterations, %d start%s%n", Eng.g(r.chiSquare()),
                Eng.g(r.reducedChiSquare()), r.converged() ? "converged" : "NOT CONVERGED", r.iterations(), r.starts(),
                r.starts() == 1 ? "" : "s");
        out.println(r.trustworthy() ? "fit trustworthy: converged, every free parameter identifiable"
                : "fit NOT trustworthy: see the notes and warnings");
        for (String warning : r.warnings()) {
            out.println("warning: " + warning);
        }
        if (residuals) {
            ShellTable rt = new ShellTable();
            rt.column("f Hz").alignRight();
            rt.column("ΔZ'/|Z|").alignRight();
            rt.column("ΔZ''/|Z|").alignRight();
            for (int i = 0; i < r.frequency().length; i++) {
                rt.addRow().addContent(Eng.g(r.frequency()[i]), Eng.pct(r.residualReal()[i]), Eng.pct(r.residualImag()[i]));
            }
            rt.print(out, true);
        }
    }
}
