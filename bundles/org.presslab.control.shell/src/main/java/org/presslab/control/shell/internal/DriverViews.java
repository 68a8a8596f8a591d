package org.presslab.control.shell.internal;

import static org.presslab.control.shell.internal.Quantities.degC;
import static org.presslab.control.shell.internal.Quantities.kn;
import static org.presslab.control.shell.internal.Quantities.mpa;
import static org.presslab.control.shell.internal.Quantities.num;
import static org.presslab.control.shell.internal.StationViews.kv;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import org.apache.karaf.shell.support.table.ShellTable;
import org.presslab.press.api.Actuator;
import org.presslab.press.api.DeviceHealth;
import org.presslab.press.api.DeviceInfo;
import org.presslab.press.api.PressDriver;
import org.presslab.press.api.Reading;

/** Tables and detail views of press drivers. */
public final class DriverViews {

    private DriverViews() {
    }

    /**
     * One row per driver.
     *
     * @param nanoTime the platform's monotonic clock, to show the age of each reading
     */
    public static void list(List<PressDriver> drivers, LongSupplier nanoTime, PrintStream out) {
        ShellTable t = new ShellTable();
        t.column("ID");
        t.column("KIND");
        t.column("DEVICE");
        t.column("CONNECTION");
        t.column("FORCE kN").alignRight();
        t.column("PRESSURE MPa").alignRight();
        t.column("QUALITY");
        t.column("AGE s").alignRight();
        long now = nanoTime.getAsLong();
        for (PressDriver d : drivers) {
            DeviceInfo info = d.info();
            Reading r = d.read();
            t.addRow().addContent(d.id(), info.kind(), (info.vendor() + " " + info.model()).trim(), d.health().state(),
                    kn(r.forceN()), mpa(r.pressurePa()), r.quality(), age(r, now));
        }
        t.print(out, true);
    }

    /** Everything about one driver. */
    public static void info(PressDriver d, LongSupplier nanoTime, PrintStream out) {
        DeviceInfo i = d.info();
        kv(out, "Driver", d.id());
        kv(out, "Device", String.join(" ", i.vendor(), i.model()).trim() + "  serial " + dash(i.serial()) + ", firmware "
                + dash(i.firmware()));
        kv(out, "Kind", i.kind().toString());
        kv(out, "Capabilities", d.capabilities().stream().map(Enum::name).sorted().collect(Collectors.joining(", ")));
        kv(out, "Force", "range " + kn(i.forceRangeN()) + " kN, resolution " + num(i.forceResolutionN(), 2)
                + " N, rating " + kn(i.maxForceRatingN()) + " kN");
        kv(out, "Pressure", "range " + mpa(i.pressureRangePa()) + " MPa, rating " + mpa(i.maxPressureRatingPa()) + " MPa");
        if (Double.isFinite(i.ramAreaM2())) {
            kv(out, "Ram area", num(i.ramAreaM2() * 1e6, 1) + " mm²");
        }
        kv(out, "Force rate", "max " + kn(i.maxForceRateNps()) + " kN/s");
        if (Double.isFinite(i.temperatureMinK())) {
            kv(out, "Temperature", degC(i.temperatureMinK()) + " .. " + degC(i.temperatureMaxK()) + " °C");
        }
        kv(out, "Sample rate", num(i.sampleRateHz(), 1) + " Hz");
        d.actuator().ifPresent(a -> actuator(a, out));
        DeviceHealth h = d.health();
        kv(out, "Health", h.state() + (h.message().isEmpty() ? "" : ": " + h.message()));
        if (!h.faults().isEmpty()) {
            kv(out, "Faults", String.join(", ", h.faults()));
        }
        if (!h.counters().isEmpty()) {
            kv(out, "Counters", h.counters().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")));
        }
        Reading r = d.read();
        kv(out, "Reading", String.format(Locale.ROOT, "%s kN, %s MPa, %s mm, %s °C, %s, #%d, %s s old", kn(r.forceN()),
                mpa(r.pressurePa()), num(r.positionM() * 1e3, 3), degC(r.temperatureK()), r.quality(), r.sequence(),
                age(r, nanoTime.getAsLong())));
    }

    private static void actuator(Actuator a, PrintStream out) {
        kv(out, "Actuator", "modes " + a.modes() + ", safe actions " + a.safeActions() + ", safe state "
                + a.safeState().map(Enum::name).orElse("none (following commands)"));
    }

    static String age(Reading r, long now) {
        if (r.sequence() == 0) {
            return "-";
        }
        return num((now - r.timeNanos()) / 1e9, 2);
    }

    private static String dash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }
}
