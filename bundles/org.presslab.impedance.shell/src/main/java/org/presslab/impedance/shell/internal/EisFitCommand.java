package org.presslab.impedance.shell.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

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
        + "parameters with standard errors and 95 % intervals, chi-square, and a warning when a fit cannot be trusted. "
        + "Given a folder, fits every spectrum of its files (in name order) as a series, in parallel, each warm-started "
        + "from its neighbour.")
public class EisFitCommand extends EisCommandSupport {

    @Reference
    CircuitFitter fitter;

    @Argument(index = 0, name = "file", description = "The spectrum file, or a folder of them (a series).", required = true)
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

    @Option(name = "--optimiser-order", description = "Keep interchangeable blocks (p(R1,CPE1), p(R2,CPE2)) in the order "
            + "the optimiser left them instead of ordering them by time constant (first block = highest-frequency arc).")
    boolean optimiserOrder;

    @Option(name = "-t", aliases = "--threads", description = "Threads for a folder (default: the number of cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Override
    protected void doExecute() throws Exception {
        Weighting w = switch (weighting.toLowerCase(Locale.ROOT)) {
            case "modulus" -> Weighting.MODULUS;
            case "proportional" -> Weighting.PROPORTIONAL;
            case "unit" -> Weighting.UNIT;
            default -> throw new IllegalArgumentException("weighting '" + weighting + "' must be modulus, proportional or unit");
        };
        fitter.parse(circuit); // a syntax error names its position before any file is read
        FitOptions options = FitOptions.DEFAULT.withWeighting(w).withConstraints(Constraints.parse(fix, start, bound))
                .withExtraStarts(extraStarts).withCanonicalOrder(!optimiserOrder);
        Path p = Path.of(file);
        if (Files.isDirectory(p)) {
            fitFolder(p, options);
            return;
        }
        Spectrum s = spectrum(file, index);
        FitResult r = fitter.fit(s, circuit, options);
        print(r, s);
    }

    private void fitFolder(Path dir, FitOptions options) throws IOException {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, was " + threads);
        }
        List<Path> files;
        try (Stream<Path> st = Files.list(dir)) {
            files = st.filter(Files::isRegularFile).sorted(Comparator.comparing(x -> x.getFileName().toString())).toList();
        }
        List<Spectrum> spectra = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (Path f : files) {
            List<Spectrum> all;
            try {
                all = importer.read(f);
            } catch (IOException e) {
                out.println("skipped " + f.getFileName() + ": " + e.getMessage());
                continue;
            }
            for (int k = 0; k < all.size(); k++) {
                spectra.add(all.get(k));
                labels.add(f.getFileName() + (all.size() > 1 ? " #" + (k + 1) : ""));
            }
        }
        if (spectra.isEmpty()) {
            throw new IllegalArgumentException(dir + " holds no readable impedance spectrum");
        }
        long t0 = System.nanoTime();
        List<FitResult> rs = fitter.fitSeries(spectra, circuit, options, threads);
        double seconds = (System.nanoTime() - t0) / 1e9;
        ShellTable t = new ShellTable();
        t.column("SPECTRUM");
        for (String name : fitter.parse(circuit).parameterNames()) {
            t.column(name).alignRight();
        }
        t.column("RED. CHI2").alignRight();
        t.column("NOTE");
        for (int i = 0; i < rs.size(); i++) {
            FitResult r = rs.get(i);
            List<Object> row = new ArrayList<>();
            row.add(labels.get(i));
            for (FittedParameter fp : r.parameters()) {
                row.add(Eng.g(fp.value()));
            }
            row.add(Eng.g(r.reducedChiSquare()));
            row.add(!r.trustworthy() ? "NOT TRUSTWORTHY" : r.notes().stream().anyMatch(n -> n.startsWith("the warm start"))
                    ? "cold re-fit" : r.notes().stream().anyMatch(n -> n.startsWith("warm")) ? "warm" : "cold");
            t.addRow().addContent(row);
        }
        t.print(out, true);
        out.printf(Locale.ROOT, "%d spectra from %d files in %.2f s on %d threads (%.1f spectra/s)%n", rs.size(), files.size(),
                seconds, threads, rs.size() / seconds);
        for (int i = 0; i < rs.size(); i++) {
            for (String x : rs.get(i).warnings()) {
                out.println(labels.get(i) + ": warning: " + x);
            }
            for (String x : rs.get(i).notes()) {
                if (!x.startsWith("warm start from")) {
                    out.println(labels.get(i) + ": note: " + x);
                }
            }
        }
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
        for (String note : r.notes()) {
            out.println("note: " + note);
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
