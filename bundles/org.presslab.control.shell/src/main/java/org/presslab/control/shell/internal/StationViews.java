package org.presslab.control.shell.internal;

import static org.presslab.control.shell.internal.Quantities.degC;
import static org.presslab.control.shell.internal.Quantities.duration;
import static org.presslab.control.shell.internal.Quantities.kn;
import static org.presslab.control.shell.internal.Quantities.mpa;
import static org.presslab.control.shell.internal.Quantities.num;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

import org.apache.karaf.shell.support.table.ShellTable;
import org.presslab.control.api.InterlockStatus;
import org.presslab.control.api.PressureLimits;
import org.presslab.control.api.RecipeRun;
import org.presslab.control.api.Station;
import org.presslab.control.api.StationConfig;
import org.presslab.control.api.StationStatus;

/** Tables and detail views of stations, units at the edge (MPa, kN, °C, mm). */
public final class StationViews {

    private StationViews() {
    }

    /** One row per station. */
    public static void list(List<Station> stations, PrintStream out) {
        ShellTable t = new ShellTable();
        t.column("ID");
        t.column("STATE");
        t.column("DRIVER");
        t.column("P MPa").alignRight();
        t.column("SETPOINT MPa").alignRight();
        t.column("FORCE kN").alignRight();
        t.column("TEMP °C").alignRight();
        t.column("RECIPE");
        for (Station s : stations) {
            StationStatus st = s.status();
            t.addRow().addContent(s.id(), st.state(), orDash(st.driverId()), mpa(st.pressurePa()), mpa(st.setpointPa()),
                    kn(st.forceN()), degC(st.temperatureK()), s.run().map(StationViews::runSummary).orElse("-"));
        }
        t.print(out, true);
    }

    /** The last actuator output in its unit: a raw fraction in %, a force setpoint in kN, a pressure setpoint in MPa. */
    static String output(StationStatus st) {
        String unit = st.outputUnit() == null ? "" : st.outputUnit();
        switch (unit) {
            case "N":
                return kn(st.output()) + " kN (force setpoint)";
            case "Pa":
                return mpa(st.output()) + " MPa (pressure setpoint sent to the device)";
            case "1":
                return num(st.output() * 100, 1) + " % (raw output)";
            default:
                return Double.isNaN(st.output()) ? "-" : num(st.output(), 3);
        }
    }

    /** Everything about one station. */
    public static void status(Station s, PrintStream out) {
        StationStatus st = s.status();
        StationConfig c = s.config();
        PressureLimits lim = s.limits();
        kv(out, "Station", s.id() + (c.description() == null || c.description().isEmpty() ? "" : "  (" + c.description() + ")"));
        kv(out, "State", st.state() + (st.message() == null || st.message().isEmpty() ? "" : ": " + st.message()));
        kv(out, "Driver", st.driverId() == null ? "none (filter " + c.driverFilter() + ")"
                : st.driverId() + "  " + (st.connection() == null ? "" : st.connection()));
        kv(out, "Pressure", mpa(st.pressurePa()) + " MPa   (quality " + (st.quality() == null ? "-" : st.quality()) + ")");
        kv(out, "Setpoint", mpa(st.setpointPa()) + " MPa   target " + mpa(st.targetPa()) + " MPa");
        kv(out, "Force", kn(st.forceN()) + " kN");
        kv(out, "Temperature", degC(st.temperatureK()) + " °C");
        kv(out, "Output", output(st));
        kv(out, "Loop rate", num(st.loopRateHz(), 1) + " Hz (configured " + num(c.loopRateHz(), 0) + " Hz)");
        kv(out, "Cell", (Double.isFinite(c.cellDiameterM()) ? num(c.cellDiameterM() * 1e3, 2) + " mm, " : "")
                + num(c.cellAreaM2() * 1e6, 2) + " mm²");
        kv(out, "Limits", "max " + mpa(lim.maxPressurePa()) + " MPa (" + lim.maxPressureSource() + "), max rate "
                + mpa(lim.maxRatePaPerS()) + " MPa/s, default rate " + mpa(c.defaultRatePaPerS()) + " MPa/s");
        kv(out, "On trip", c.safeAction() + ", on driver return " + c.rebindPolicy());
        if (st.trip() != null) {
            kv(out, "Trip", st.trip().interlock() + ": " + st.trip().message() + " (" + st.trip().action() + " at "
                    + st.trip().time() + ")");
        }
        s.run().ifPresent(r -> kv(out, "Recipe", runSummary(r) + (r.message().isEmpty() ? "" : ": " + r.message())));
    }

    /** The interlocks of a station with values and limits in edge units. */
    public static void interlocks(Station s, PrintStream out) {
        ShellTable t = new ShellTable();
        t.column("INTERLOCK");
        t.column("STATE");
        t.column("VALUE").alignRight();
        t.column("LIMIT").alignRight();
        t.column("UNIT");
        t.column("CHECKS");
        for (InterlockStatus i : s.interlocks()) {
            EdgeUnit u = EdgeUnit.of(i.unit());
            t.addRow().addContent(i.kind(), i.tripped() ? "TRIPPED" : "ok", u.format(i.value()), u.format(i.limit()),
                    u.label(i.unit()), i.detail());
        }
        t.print(out, true);
    }

    /** "assb-default v1 step 2/4 RUNNING". */
    public static String runSummary(RecipeRun r) {
        int steps = r.recipe().steps().size();
        int shown = Math.min(r.stepIndex() + 1, steps);
        return String.format(Locale.ROOT, "%s step %d/%d %s", r.recipe().name(), shown, steps, r.state());
    }

    /** One progress line of a running recipe, as recipe:follow prints it. */
    public static String progressLine(RecipeRun r, StationStatus st) {
        int steps = r.recipe().steps().size();
        String step = r.stepIndex() < steps
                ? String.format(Locale.ROOT, "step %d/%d %s, %s in step", r.stepIndex() + 1, steps,
                        r.recipe().steps().get(r.stepIndex()).describe(), duration(r.stepElapsedS()))
                : "all " + steps + " steps done";
        return String.format(Locale.ROOT, "%-8s %s | P %s MPa SP %s MPa | %s left%s", r.state(), step,
                mpa(st.pressurePa()), mpa(st.setpointPa()), duration(r.remainingS()),
                redundant(r.message(), r.state()) ? "" : " | " + r.message());
    }

    /** True when a run's message adds nothing to its state ("completed" for COMPLETED). */
    static boolean redundant(String message, RecipeRun.State state) {
        return message == null || message.isBlank() || message.trim().equalsIgnoreCase(state.name());
    }

    static void kv(PrintStream out, String key, String value) {
        out.printf(Locale.ROOT, "%-12s %s%n", key, value);
    }

    private static String orDash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }

    /** Converts an interlock's SI unit to the unit shown. */
    enum EdgeUnit {
        PA("MPa", 1e-6, 2), PA_PER_S("MPa/s", 1e-6, 2), SECONDS("s", 1, 2), NEWTON("kN", 1e-3, 3), METRE("mm", 1e3, 3),
        OTHER("", 1, 3);

        final String label;
        final double factor;
        final int decimals;

        EdgeUnit(String label, double factor, int decimals) {
            this.label = label;
            this.factor = factor;
            this.decimals = decimals;
        }

        static EdgeUnit of(String si) {
            if (si == null) {
                return OTHER;
            }
            return switch (si.trim()) {
                case "Pa" -> PA;
                case "Pa/s" -> PA_PER_S;
                case "s" -> SECONDS;
                case "N" -> NEWTON;
                case "m" -> METRE;
                default -> OTHER;
            };
        }

        String format(double v) {
            return num(v * factor, decimals);
        }

        String label(String si) {
            return this == OTHER ? si : label;
        }
    }
}
