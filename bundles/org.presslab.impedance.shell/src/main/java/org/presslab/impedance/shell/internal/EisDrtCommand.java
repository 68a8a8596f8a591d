package org.presslab.impedance.shell.internal;

import java.util.Locale;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.presslab.impedance.api.DrtAnalyzer;
import org.presslab.impedance.api.DrtOptions;
import org.presslab.impedance.api.DrtPeak;
import org.presslab.impedance.api.DrtResult;
import org.presslab.impedance.api.Spectrum;

/** eis:drt */
@Service
@Command(scope = "eis", name = "drt", description = "Distribution of relaxation times (non-negative Tikhonov): the peaks that name the processes, "
        + "with time constant, frequency and resistance.")
public class EisDrtCommand extends EisCommandSupport {

    @Reference
    DrtAnalyzer drt;

    @Argument(index = 0, name = "file", description = "The spectrum file.", required = true)
    @Completion(FileCompleter.class)
    String file;

    @Option(name = "-l", aliases = "--lambda", description = "Regularisation parameter; default: chosen by --method.")
    double lambda = Double.NaN;

    @Option(name = "-m", aliases = "--method", description = "gcv (default) or lcurve, when no --lambda is given.")
    String method = "gcv";

    @Option(name = "-p", aliases = "--points-per-decade", description = "tau grid density (default 10).")
    int ppd = 10;

    @Option(name = "--no-inductance", description = "No series inductance in the model.")
    boolean noInductance;

    @Option(name = "-c", aliases = "--series-capacitance", description = "Add a series capacitance (blocking electrode: "
            + "Z'' growing as 1/f at low frequency).")
    boolean seriesCapacitance;

    @Option(name = "-s", aliases = "--spectrum", description = "Spectrum N (1-based) of a multi-spectrum file.")
    int index;

    @Option(name = "-g", aliases = "--gamma", description = "List gamma(tau) on the whole grid.")
    boolean gamma;

    @Override
    protected void doExecute() throws Exception {
        DrtOptions.LambdaMethod m;
        if (!Double.isNaN(lambda)) {
            m = DrtOptions.LambdaMethod.GIVEN;
        } else {
            m = switch (method.toLowerCase(Locale.ROOT).replace("-", "")) {
                case "gcv" -> DrtOptions.LambdaMethod.GCV;
                case "lcurve" -> DrtOptions.LambdaMethod.L_CURVE;
                default -> throw new IllegalArgumentException("method '" + method + "' must be gcv or lcurve");
            };
        }
        Spectrum s = spectrum(file, index);
        DrtResult r = drt.analyze(s, new DrtOptions(m, lambda, ppd, DrtOptions.DEFAULT.extendDecades(), !noInductance,
                seriesCapacitance));
        out.printf(Locale.ROOT, "DRT on %d points: lambda %s (%s), R_inf %s Ω, L %s H, R_pol %s Ω%s%n", s.size(), Eng.g(r.lambda()),
                r.lambdaMethod(), Eng.g(r.rInf()), Eng.g(r.inductance()), Eng.g(r.polarizationResistance()),
                seriesCapacitance ? ", C_series " + (Double.isInfinite(r.seriesCapacitance()) ? "none (no blocking behaviour)"
                        : Eng.g(r.seriesCapacitance()) + " F") : "");
        for (String w : r.warnings()) {
            out.println("warning: " + w);
        }
        ShellTable t = new ShellTable();
        t.column("PEAK").alignRight();
        t.column("tau s").alignRight();
        t.column("f Hz").alignRight();
        t.column("R Ω").alignRight();
        t.column("gamma max Ω").alignRight();
        int n = 1;
        for (DrtPeak p : r.peaks()) {
            t.addRow().addContent(n++, Eng.g(p.tau()), Eng.g(p.frequencyHz()), Eng.g(p.resistance()), Eng.g(p.gammaMax()));
        }
        t.print(out, true);
        if (gamma) {
            ShellTable g = new ShellTable();
            g.column("tau s").alignRight();
            g.column("gamma Ω").alignRight();
            for (int i = 0; i < r.tau().length; i++) {
                g.addRow().addContent(Eng.g(r.tau()[i]), Eng.g(r.gamma()[i]));
            }
            g.print(out, true);
        }
    }
}
