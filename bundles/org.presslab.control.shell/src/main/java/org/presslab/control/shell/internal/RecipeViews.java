package org.presslab.control.shell.internal;

import static org.presslab.control.shell.internal.Quantities.degC;
import static org.presslab.control.shell.internal.Quantities.duration;
import static org.presslab.control.shell.internal.Quantities.mpa;

import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.karaf.shell.support.table.ShellTable;
import org.presslab.control.api.DryRunReport;
import org.presslab.control.api.Recipe;
import org.presslab.control.api.RecipeStep;
import org.presslab.control.api.StepCondition;

/** Tables of recipes and their steps. */
public final class RecipeViews {

    private RecipeViews() {
    }

    /** The steps of a recipe, one row each, in edge units. */
    public static void steps(Recipe r, PrintStream out) {
        out.printf("Recipe %s v%d: %s%n", r.name(), r.version(), r.description());
        out.printf("Max pressure %s MPa, %d steps%n", mpa(r.maxPressurePa()), r.steps().size());
        ShellTable t = new ShellTable();
        t.column("#").alignRight();
        t.column("STEP");
        t.column("TARGET MPa").alignRight();
        t.column("RATE MPa/s").alignRight();
        t.column("TOL MPa").alignRight();
        t.column("DURATION").alignRight();
        t.column("CONDITIONS");
        int n = 1;
        for (RecipeStep s : r.steps()) {
            String[] c = cells(s);
            t.addRow().addContent(n++, c[0], c[1], c[2], c[3], c[4], conditions(s.conditions()));
        }
        t.print(out, true);
    }

    /** kind, target, rate, tolerance, duration of a step as text. */
    static String[] cells(RecipeStep s) {
        if (s instanceof RecipeStep.Ramp r) {
            return new String[] {"ramp", mpa(r.targetPa()), mpa(r.ratePaPerS()), mpa(r.tolerancePa()), "-"};
        } else if (s instanceof RecipeStep.Release r) {
            return new String[] {"release", mpa(r.targetPa()), mpa(r.ratePaPerS()), mpa(r.tolerancePa()), "-"};
        } else if (s instanceof RecipeStep.Dwell d) {
            return new String[] {"dwell", "-", "-", "-", duration(d.durationS())};
        } else if (s instanceof RecipeStep.Hold h) {
            return new String[] {"hold", mpa(h.targetPa()), "-", mpa(h.tolerancePa()), duration(h.durationS())};
        } else if (s instanceof RecipeStep.Operator o) {
            return new String[] {"operator: " + o.instruction(), mpa(o.targetPa()), "-", mpa(o.tolerancePa()),
                    Double.isFinite(o.timeoutS()) ? "≤ " + duration(o.timeoutS()) : "-"};
        } else if (s instanceof RecipeStep.Temperature t) {
            return new String[] {"temperature " + degC(t.temperatureK()) + " °C" + (t.waitUntilReached() ? ", wait" : ""),
                    "-", "-", "-", Double.isFinite(t.timeoutS()) ? "≤ " + duration(t.timeoutS()) : "-"};
        }
        return new String[] {s.describe(), "-", "-", "-", "-"};
    }

    static String conditions(List<StepCondition> cs) {
        if (cs.isEmpty()) {
            return "-";
        }
        return cs.stream().map(c -> c.kind() == StepCondition.Kind.PRESSURE_IN_BAND
                ? "P in [" + mpa(c.low()) + ", " + mpa(c.high()) + "] MPa"
                : "T in [" + degC(c.low()) + ", " + degC(c.high()) + "] °C").collect(Collectors.joining("; "));
    }

    /** A dry-run report: every violation on its own line. */
    public static void dryRun(String stationId, DryRunReport report, PrintStream out) {
        if (report.ok()) {
            out.printf("%s: recipe '%s' may run (about %s)%n", stationId, report.recipe(), duration(report.estimatedSeconds()));
            return;
        }
        out.printf("%s: recipe '%s' would be refused, %d violation%s:%n", stationId, report.recipe(),
                report.violations().size(), report.violations().size() == 1 ? "" : "s");
        for (String v : report.violations()) {
            out.println("  - " + v);
        }
    }
}
