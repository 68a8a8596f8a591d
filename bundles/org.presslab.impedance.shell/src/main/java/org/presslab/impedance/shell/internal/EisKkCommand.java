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
import org.presslab.impedance.api.KkOptions;
import org.presslab.impedance.api.KkResult;
import org.presslab.impedance.api.KramersKronig;
import org.presslab.impedance.api.Spectrum;

/** eis:kk */
@Service
@Command(scope = "eis", name = "kk", description = "Lin-KK validity test (Schönleber 2014): the number of RC elements by the mu criterion, "
        + "residuals per point, and the points to distrust.")
public class EisKkCommand extends EisCommandSupport {

    @Reference
    KramersKronig kk;

    @Argument(index = 0, name = "file", description = "The spectrum file.", required = true)
    @Completion(FileCompleter.class)
    String file;

    @Option(name = "-l", aliases = "--limit", description = "Residual limit in percent (default 1).")
    double limitPercent = 1.0;

    @Option(name = "-c", aliases = "--mu", description = "The mu threshold (default 0.85).")
    double mu = 0.85;

    @Option(name = "-m", aliases = "--elements", description = "Use exactly this many RC elements instead of the mu criterion.")
    int fixedM;

    @Option(name = "--no-capacitance", description = "No series capacitance in the KK model.")
    boolean noCapacitance;

    @Option(name = "-s", aliases = "--spectrum", description = "Spectrum N (1-based) of a multi-spectrum file.")
    int index;

    @Option(name = "-a", aliases = "--all-points", description = "List every point, not only the suspect ones.")
    boolean allPoints;

    @Override
    protected void doExecute() throws Exception {
        Spectrum s = spectrum(file, index);
        KkOptions o = new KkOptions(mu, KkOptions.DEFAULT.maxM(), fixedM, !noCapacitance, limitPercent / 100);
        KkResult r = kk.test(s, o);
        out.printf(Locale.ROOT, "Lin-KK on %d points: M = %d RC elements, mu = %.3f%n", s.size(), r.m(), r.mu());
        out.printf(Locale.ROOT, "residuals: max %s, rms %s (limit %s)%n", Eng.pct(r.maxResidual()), Eng.pct(r.rmsResidual()),
                Eng.pct(r.residualLimit()));
        List<Integer> suspect = r.suspectPoints();
        out.println(r.valid() ? "VALID: every residual within the limit"
                : "NOT VALID: " + suspect.size() + " of " + s.size() + " points exceed the limit");
        if (allPoints || !suspect.isEmpty()) {
            ShellTable t = new ShellTable();
            t.column("#").alignRight();
            t.column("f Hz").alignRight();
            t.column("ΔZ'/|Z|").alignRight();
            t.column("ΔZ''/|Z|").alignRight();
            t.column("");
            for (int i = 0; i < r.frequency().length; i++) {
                boolean bad = suspect.contains(i);
                if (allPoints || bad) {
                    t.addRow().addContent(i + 1, Eng.g(r.frequency()[i]), Eng.pct(r.residualReal()[i]), Eng.pct(r.residualImag()[i]),
                            bad ? "distrust" : "");
                }
            }
            t.print(out, true);
        }
    }
}
