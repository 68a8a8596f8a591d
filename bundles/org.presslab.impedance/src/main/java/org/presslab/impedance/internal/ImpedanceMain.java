package org.presslab.impedance.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.presslab.impedance.api.ArrheniusResult;
import org.presslab.impedance.api.DrtOptions;
import org.presslab.impedance.api.DrtPeak;
import org.presslab.impedance.api.DrtResult;
import org.presslab.impedance.api.FitOptions;
import org.presslab.impedance.api.FitResult;
import org.presslab.impedance.api.FittedParameter;
import org.presslab.impedance.api.KkOptions;
import org.presslab.impedance.api.KkResult;
import org.presslab.impedance.api.ParameterConstraint;
import org.presslab.impedance.api.Spectrum;
import org.presslab.impedance.api.SpectrumImporter;
import org.presslab.impedance.api.SpectrumMetadata;
import org.presslab.impedance.api.Weighting;

/**
 * Command-line entry point until the Karaf shell commands exist: fit, kk, drt, conductivity and
 * arrhenius on a file. Files are read with org.presslab.impedance.io when it is on the class
 * path, otherwise as numeric tables (frequency, Z', Z'' columns; ZPlot .z recognised). Exit code 0 on success, 2 on a
 * usage or input error (the message names what is wrong).
 */
public final class ImpedanceMain {

    private static final String USAGE = String.join("\n",
            "usage: ImpedanceMain <command> [options]",
            "  fit <file> <circuit> [--weighting unit|proportional|modulus] [--fix NAME=V] [--start NAME=V]",
            "                       [--bound NAME=LO:HI] [--starts N]",
            "  kk <file> [--mu 0.85] [--m M] [--no-capacitance] [--limit 0.01]",
            "  drt <file> [--lambda X | --method gcv|lcurve] [--ppd 10]",
            "  conductivity --r OHM --thickness-mm L --diameter-mm D",
            "  arrhenius <file with columns T/K sigma/(S/cm)> [--sigma-t]",
            "files: read by org.presslab.impedance.io when it is on the class path (--spectrum N picks one of several);",
            "  otherwise, or with --columns F,RE,IM (0-based, default 0,1,2; ZPlot .z: 0,4,5) / --neg-imag (file holds -Z''),",
            "  as a numeric table");

    private final PrintStream out;

    ImpedanceMain(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        int rc = new ImpedanceMain(System.out).run(args);
        if (rc != 0) {
            System.exit(rc);
        }
    }

    int run(String[] args) {
        try {
            if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
                out.println(USAGE);
                return args.length == 0 ? 2 : 0;
            }
            Args a = new Args(args);
            switch (args[0]) {
                case "fit" -> fit(a);
                case "kk" -> kk(a);
                case "drt" -> drt(a);
                case "conductivity" -> conductivity(a);
                case "arrhenius" -> arrhenius(a);
                default -> throw new IllegalArgumentException("unknown command '" + args[0] + "'\n" + USAGE);
            }
            return 0;
        } catch (IllegalArgumentException | IOException e) {
            out.println("error: " + e.getMessage());
            return 2;
        }
    }

    private void fit(Args a) throws IOException {
        Spectrum s = read(a, a.positional(1, "file"));
        String circuit = a.positional(2, "circuit");
        List<ParameterConstraint> cs = new ArrayList<>();
        for (String v : a.all("--fix")) {
            String[] kv = split(v, "=", "--fix NAME=VALUE");
            cs.add(ParameterConstraint.fixed(kv[0], number(kv[1], "--fix " + kv[0])));
        }
        for (String v : a.all("--start")) {
            String[] kv = split(v, "=", "--start NAME=VALUE");
            cs.add(ParameterConstraint.start(kv[0], number(kv[1], "--start " + kv[0])));
        }
        for (String v : a.all("--bound")) {
            String[] kv = split(v, "=", "--bound NAME=LO:HI");
            String[] lh = split(kv[1], ":", "--bound NAME=LO:HI");
            cs.add(ParameterConstraint.bounded(kv[0], number(lh[0], "lower bound"), number(lh[1], "upper bound")));
        }
        Weighting w = Weighting.valueOf(a.value("--weighting", "modulus").toUpperCase(Locale.ROOT));
        int starts = (int) number(a.value("--starts", "6"), "--starts");
        FitResult r = new CnlsFitter().fit(s, circuit, new FitOptions(w, cs, 1000, starts));
        out.printf(Locale.ROOT, "%s  %d points  weighting %s  chi2 %.6g  reduced chi2 %.6g  %s  starts %d%n",
                r.circuit(), s.size(), r.weighting(), r.chiSquare(), r.reducedChiSquare(),
                r.converged() ? "converged" : "NOT CONVERGED", r.starts());
        out.printf("%-10s %14s %12s %14s %14s  %s%n", "parameter", "value", "std.err", "95% low", "95% high", "unit");
        for (FittedParameter p : r.parameters()) {
            out.printf(Locale.ROOT, "%-10s %14.6g %12.4g %14.6g %14.6g  %s%s%n", p.name(), p.value(), p.standardError(),
                    p.ci95Low(), p.ci95High(), p.unit(), p.fixed() ? "  (fixed)" : !p.identifiable() ? "  (NOT IDENTIFIABLE)"
                            : p.atBound() ? "  (AT BOUND)" : "");
        }
        r.warnings().forEach(x -> out.println("warning: " + x));
        r.notes().forEach(x -> out.println("note: " + x));
    }

    private void kk(Args a) throws IOException {
        Spectrum s = read(a, a.positional(1, "file"));
        KkOptions o = new KkOptions(number(a.value("--mu", "0.85"), "--mu"), 100,
                (int) number(a.value("--m", "0"), "--m"), !a.flag("--no-capacitance"),
                number(a.value("--limit", "0.01"), "--limit"));
        KkResult r = new LinKk().test(s, o);
        out.printf(Locale.ROOT, "Lin-KK: M = %d, mu = %.3f, max |residual| = %.3f %%, rms = %.3f %%  -> %s%n", r.m(), r.mu(),
                100 * r.maxResidual(), 100 * r.rmsResidual(), r.valid() ? "VALID" : "NOT VALID at " + r.suspectPoints().size() + " points");
        out.printf(Locale.ROOT, "R0 = %.6g ohm, L = %.4g H, C = %.4g F%n", r.seriesResistance(), r.seriesInductance(),
                r.seriesCapacitance());
        out.printf("%14s %10s %10s%n", "f/Hz", "res' %", "res'' %");
        for (int i = 0; i < r.frequency().length; i++) {
            boolean bad = Math.abs(r.residualReal()[i]) > r.residualLimit() || Math.abs(r.residualImag()[i]) > r.residualLimit();
            out.printf(Locale.ROOT, "%14.6g %10.4f %10.4f%s%n", r.frequency()[i], 100 * r.residualReal()[i],
                    100 * r.residualImag()[i], bad ? "  <- distrust" : "");
        }
    }

    private void drt(Args a) throws IOException {
        Spectrum s = read(a, a.positional(1, "file"));
        int ppd = (int) number(a.value("--ppd", "10"), "--ppd");
        DrtOptions o;
        if (a.value("--lambda", null) != null) {
            o = new DrtOptions(DrtOptions.LambdaMethod.GIVEN, number(a.value("--lambda", null), "--lambda"), ppd, 1, true);
        } else {
            String m = a.value("--method", "gcv").toLowerCase(Locale.ROOT);
            DrtOptions.LambdaMethod lm = switch (m) {
                case "gcv" -> DrtOptions.LambdaMethod.GCV;
                case "lcurve", "l-curve" -> DrtOptions.LambdaMethod.L_CURVE;
                default -> throw new IllegalArgumentException("--method must be gcv or lcurve, was " + m);
            };
            o = new DrtOptions(lm, Double.NaN, ppd, 1, true);
        }
        DrtResult r = new TikhonovDrt().analyze(s, o);
        out.printf(Locale.ROOT, "DRT: lambda = %.3g (%s), R_inf = %.6g ohm, L = %.4g H, R_pol = %.6g ohm%n", r.lambda(),
                r.lambdaMethod(), r.rInf(), r.inductance(), r.polarizationResistance());
        out.printf("%14s %14s %14s%n", "tau/s", "f/Hz", "R/ohm");
        for (DrtPeak p : r.peaks()) {
            out.printf(Locale.ROOT, "%14.6g %14.6g %14.6g%n", p.tau(), p.frequencyHz(), p.resistance());
        }
    }

    private void conductivity(Args a) {
        double r = number(a.required("--r"), "--r");
        double l = number(a.required("--thickness-mm"), "--thickness-mm") * 1e-3;
        double d = number(a.required("--diameter-mm"), "--diameter-mm") * 1e-3;
        Conductivity c = new Conductivity();
        double sigma = c.pelletConductivity(r, l, d);
        double area = Math.PI * d * d / 4;
        out.printf(Locale.ROOT, "sigma = %.6g S/cm (%.6g S/m); ASR = %.6g ohm cm^2; area %.6g cm^2%n", sigma / 100, sigma,
                c.areaSpecificResistance(r, area) * 1e4, area * 1e4);
    }

    private void arrhenius(Args a) throws IOException {
        List<double[]> rows = table(Path.of(a.positional(1, "file")), new int[] {0, 1});
        double[] t = new double[rows.size()];
        double[] sigma = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            t[i] = rows.get(i)[0];
            sigma[i] = rows.get(i)[1] * 100; // S/cm -> S/m
        }
        ArrheniusResult r = new Conductivity().arrhenius(t, sigma,
                a.flag("--sigma-t") ? ArrheniusResult.ArrheniusForm.SIGMA_T : ArrheniusResult.ArrheniusForm.SIGMA);
        out.printf(Locale.ROOT, "Ea = %.4f +/- %.4f eV (%.2f +/- %.2f kJ/mol), R^2 = %.5f, %d points, form %s%n",
                r.activationEnergyEv(), r.activationEnergyStdErrorEv(), r.activationEnergyJPerMol() / 1000,
                r.activationEnergyStdErrorJPerMol() / 1000, r.rSquared(), r.points(), r.form());
    }

    private Spectrum read(Args a, String file) throws IOException {
        Path p = Path.of(file);
        if (!Files.isReadable(p)) {
            throw new IllegalArgumentException("cannot read " + p);
        }
        if (a.value("--columns", null) == null && !a.flag("--neg-imag")) {
            SpectrumImporter importer = importer();
            if (importer != null) {
                List<Spectrum> all = importer.read(p);
                int index = (int) number(a.value("--spectrum", "1"), "--spectrum");
                if (index < 1 || index > all.size()) {
                    throw new IllegalArgumentException(p + " holds " + all.size() + " spectra; --spectrum " + index
                            + " does not exist");
                }
                return all.get(index - 1);
            }
        }
        String first;
        try (var lines = Files.lines(p, StandardCharsets.ISO_8859_1)) {
            first = lines.findFirst().orElse("");
        }
        String cols = a.value("--columns", first.startsWith("ZPLOT") ? "0,4,5" : "0,1,2");
        String[] c = cols.split(",");
        if (c.length != 3) {
            throw new IllegalArgumentException("--columns needs three indices F,RE,IM, was " + cols);
        }
        int[] idx = {(int) number(c[0], "--columns"), (int) number(c[1], "--columns"), (int) number(c[2], "--columns")};
        List<double[]> rows = table(p, idx);
        double sign = a.flag("--neg-imag") ? -1 : 1;
        double[] f = new double[rows.size()];
        double[] re = new double[rows.size()];
        double[] im = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            f[i] = rows.get(i)[0];
            re[i] = rows.get(i)[1];
            im[i] = sign * rows.get(i)[2];
        }
        return new Spectrum(f, re, im, SpectrumMetadata.ofSource(p.toString()));
    }

    /**
     * The importers of org.presslab.impedance.io when that jar is on the class path (looked up by
     * name so this temporary entry point adds no dependency to the bundle), else null and the
     * numeric-table reader is used.
     */
    private static SpectrumImporter importer() {
        try {
            Object o = Class.forName("org.presslab.impedance.io.SpectrumImporters").getMethod("builtIn").invoke(null);
            return o instanceof SpectrumImporter si ? si : null;
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    /** Rows whose fields are all numbers; other lines (headers, comments) are skipped. */
    static List<double[]> table(Path p, int[] idx) throws IOException {
        List<double[]> rows = new ArrayList<>();
        int lineNo = 0;
        int need = 0;
        for (int i : idx) {
            need = Math.max(need, i + 1);
        }
        for (String line : Files.readAllLines(p, StandardCharsets.ISO_8859_1)) {
            lineNo++;
            String[] t = line.trim().split("[\\t,; ]+");
            if (t.length < need || !isNumber(t[0])) {
                continue;
            }
            double[] row = new double[idx.length];
            for (int k = 0; k < idx.length; k++) {
                if (!isNumber(t[idx[k]])) {
                    throw new IllegalArgumentException(p + " line " + lineNo + ": column " + idx[k] + " is not a number: '"
                            + t[idx[k]] + "'");
                }
                row[k] = Double.parseDouble(t[idx[k]]);
                if (!Double.isFinite(row[k])) {
                    throw new IllegalArgumentException(p + " line " + lineNo + ": column " + idx[k] + " is " + t[idx[k]]);
                }
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(p + ": no numeric rows with " + need + " columns found");
        }
        return rows;
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static double number(String s, String what) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": '" + s + "' is not a number");
        }
    }

    private static String[] split(String v, String sep, String form) {
        int i = v.indexOf(sep);
        if (i <= 0 || i == v.length() - 1) {
            throw new IllegalArgumentException("expected " + form + ", got '" + v + "'");
        }
        return new String[] {v.substring(0, i), v.substring(i + 1)};
    }

    /** Minimal option parsing: positionals, --flag, --key value (repeatable). */
    private static final class Args {
        final List<String> positional = new ArrayList<>();
        final List<String[]> options = new ArrayList<>();

        Args(String[] args) {
            for (int i = 0; i < args.length; i++) {
                String s = args[i];
                if (s.startsWith("--") && s.length() > 2 && !isNumber(s)) {
                    boolean flag = s.equals("--no-capacitance") || s.equals("--neg-imag") || s.equals("--sigma-t");
                    if (flag) {
                        options.add(new String[] {s, "true"});
                    } else {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException(s + " needs a value");
                        }
                        options.add(new String[] {s, args[++i]});
                    }
                } else {
                    positional.add(s);
                }
            }
        }

        String positional(int i, String what) {
            if (i >= positional.size()) {
                throw new IllegalArgumentException("missing " + what + "\n" + USAGE);
            }
            return positional.get(i);
        }

        String value(String key, String def) {
            String v = def;
            for (String[] o : options) {
                if (o[0].equals(key)) {
                    v = o[1];
                }
            }
            return v;
        }

        String required(String key) {
            String v = value(key, null);
            if (v == null) {
                throw new IllegalArgumentException("missing " + key + "\n" + USAGE);
            }
            return v;
        }

        List<String> all(String key) {
            List<String> out = new ArrayList<>();
            for (String[] o : options) {
                if (o[0].equals(key)) {
                    out.add(o[1]);
                }
            }
            return out;
        }

        boolean flag(String key) {
            return value(key, null) != null;
        }
    }
}
