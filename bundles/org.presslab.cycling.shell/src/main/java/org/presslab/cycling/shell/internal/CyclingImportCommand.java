package org.presslab.cycling.shell.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.presslab.cycling.CyclingImporter;
import org.presslab.cycling.CyclingLog;
import org.presslab.cycling.ShortCircuit;
import org.presslab.cycling.ShortCircuitDetector;

/** cycling:import */
@Service
@Command(scope = "cycling", name = "import", description = "Reads a cycling log (BioLogic .mpt/.mpr GCPL, Neware or "
        + "Arbin CSV, plain CSV of time, current, voltage), prints a summary per cycle and the short circuits found.")
public class CyclingImportCommand implements Action {

    @Argument(index = 0, name = "file", description = "The cycling log.", required = true)
    @Completion(FileCompleter.class)
    String file;

    @Option(name = "-p", aliases = "--points", description = "List every point: time, current, voltage, capacity, cycle.")
    boolean points;

    @Reference
    CyclingImporter importer;

    PrintStream out = System.out;

    @Override
    public Object execute() throws Exception {
        try {
            run();
            return null;
        } catch (NoSuchFileException e) {
            throw new Failed("no such file: " + e.getFile());
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new Failed(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private void run() throws IOException {
        Path p = Path.of(file);
        if (!Files.isRegularFile(p)) {
            throw new NoSuchFileException(p.toAbsolutePath().toString());
        }
        CyclingLog log = importer.read(p);
        summary(log, out);
        if (points) {
            out.println("time/s\tI/mA\tEwe/V\tcapacity/mAh\tcycle");
            for (int i = 0; i < log.size(); i++) {
                out.printf(Locale.ROOT, "%.3f\t%.6g\t%.6f\t%.6g\t%d%n", log.time(i), log.current(i) * 1e3, log.voltage(i),
                        log.capacity(i) / 3.6, log.cycle(i));
            }
        }
        List<ShortCircuit> shorts = new ShortCircuitDetector().detect(log);
        if (shorts.isEmpty()) {
            out.println("no short circuit found (default thresholds: drop of 0.1 V within 10 s during charge)");
        } else {
            out.printf("%d short circuit(s):%n", shorts.size());
            for (ShortCircuit s : shorts) {
                out.println("  " + s);
            }
        }
    }

    /** The log's summary: one line, then one row per cycle with charge and discharge capacity. */
    static void summary(CyclingLog log, PrintStream out) {
        int n = log.size();
        out.printf(Locale.ROOT, "%s: %s, %s, %d points over %.2f h, start %s%n", Path.of(log.source()).getFileName(),
                log.format(), log.instrument().isEmpty() ? "instrument not named" : log.instrument(), n,
                (log.time(n - 1) - log.time(0)) / 3600, log.start() == null ? "not in the file"
                        : log.startText() + " (instrument local time)");
        ShellTable t = new ShellTable();
        t.column("CYCLE").alignRight();
        t.column("CHARGE mAh").alignRight();
        t.column("DISCHARGE mAh").alignRight();
        t.column("EFFICIENCY %").alignRight();
        t.column("V min").alignRight();
        t.column("V max").alignRight();
        int i = 0;
        int rows = 0;
        while (i < n) {
            int cycle = log.cycle(i);
            double charge = 0;
            double discharge = 0;
            double vMin = Double.MAX_VALUE;
            double vMax = -Double.MAX_VALUE;
            for (; i < n && log.cycle(i) == cycle; i++) {
                if (log.current(i) > 0) {
                    charge = Math.max(charge, log.capacity(i));
                } else if (log.current(i) < 0) {
                    discharge = Math.max(discharge, log.capacity(i));
                }
                vMin = Math.min(vMin, log.voltage(i));
                vMax = Math.max(vMax, log.voltage(i));
            }
            if (rows++ < 1000) {
                t.addRow().addContent(cycle, fmt(charge / 3.6), fmt(discharge / 3.6),
                        charge > 0 && discharge > 0 ? String.format(Locale.ROOT, "%.1f", 100 * discharge / charge) : "-",
                        String.format(Locale.ROOT, "%.3f", vMin), String.format(Locale.ROOT, "%.3f", vMax));
            }
        }
        t.print(out, true);
        if (rows > 1000) {
            out.printf("(%d cycles; the first 1000 shown)%n", rows);
        }
    }

    private static String fmt(double mAh) {
        return String.format(Locale.ROOT, "%.4f", mAh);
    }

    /** A failed command; the console prints only the message. */
    public static final class Failed extends Exception {
        private static final long serialVersionUID = 1L;

        public Failed(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
