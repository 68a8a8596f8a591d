package org.presslab.impedance.shell.internal;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.presslab.impedance.api.Spectrum;
import org.presslab.impedance.api.SpectrumMetadata;

/** eis:import */
@Service
@Command(scope = "eis", name = "import", description = "Reads an instrument export (BioLogic .mpt/.mpr, Gamry .DTA, ZPlot .z, Autolab, CSV, ...), "
        + "the format found from the content, and summarises each spectrum; --points lists the data.")
public class EisImportCommand extends EisCommandSupport {

    @Argument(index = 0, name = "file", description = "The file to read.", required = true)
    @Completion(FileCompleter.class)
    String file;

    @Option(name = "-p", aliases = "--points", description = "List every point: f, Z', -Z'', |Z|, phase.")
    boolean points;

    @Option(name = "-s", aliases = "--spectrum", description = "Only spectrum N (1-based) of a multi-spectrum file.")
    int index;

    @Override
    protected void doExecute() throws Exception {
        Path p = Path.of(file);
        if (!Files.isRegularFile(p)) {
            throw new NoSuchFileException(p.toAbsolutePath().toString());
        }
        List<Spectrum> all = importer.read(p);
        if (index > 0 && index > all.size()) {
            throw new IllegalArgumentException(file + " holds " + all.size() + " spectra; --spectrum must be 1.." + all.size());
        }
        ShellTable t = new ShellTable();
        t.column("#").alignRight();
        t.column("FORMAT");
        t.column("POINTS").alignRight();
        t.column("f min Hz").alignRight();
        t.column("f max Hz").alignRight();
        t.column("Z' min Ω").alignRight();
        t.column("Z' max Ω").alignRight();
        t.column("|Z| max Ω").alignRight();
        t.column("INSTRUMENT");
        t.column("MEASURED");
        for (int i = 0; i < all.size(); i++) {
            if (index > 0 && i != index - 1) {
                continue;
            }
            Spectrum s = all.get(i);
            SpectrumMetadata m = s.metadata();
            double fMin = Double.MAX_VALUE, fMax = 0, reMin = Double.MAX_VALUE, reMax = -Double.MAX_VALUE, zMax = 0;
            for (int k = 0; k < s.size(); k++) {
                fMin = Math.min(fMin, s.frequency(k));
                fMax = Math.max(fMax, s.frequency(k));
                reMin = Math.min(reMin, s.real(k));
                reMax = Math.max(reMax, s.real(k));
                zMax = Math.max(zMax, s.modulus(k));
            }
            t.addRow().addContent(i + 1, m.format() == null ? "-" : m.format(), s.size(), Eng.g(fMin), Eng.g(fMax), Eng.g(reMin),
                    Eng.g(reMax), Eng.g(zMax), m.instrument() == null ? "-" : m.instrument(),
                    m.measuredAt() == null ? "-" : m.measuredAt().toString());
        }
        out.printf("%s: %d spectr%s%n", p.getFileName(), all.size(), all.size() == 1 ? "um" : "a");
        t.print(out, true);
        if (points) {
            for (int i = 0; i < all.size(); i++) {
                if (index > 0 && i != index - 1) {
                    continue;
                }
                Spectrum s = all.get(i);
                out.printf("%nspectrum %d%n", i + 1);
                ShellTable pt = new ShellTable();
                pt.column("f Hz").alignRight();
                pt.column("Z' Ω").alignRight();
                pt.column("-Z'' Ω").alignRight();
                pt.column("|Z| Ω").alignRight();
                pt.column("phase °").alignRight();
                for (int k = 0; k < s.size(); k++) {
                    pt.addRow().addContent(Eng.g(s.frequency(k)), Eng.g(s.real(k)), Eng.g(-s.imag(k)), Eng.g(s.modulus(k)),
                            String.format(Locale.ROOT, "%.2f", Math.toDegrees(s.phase(k))));
                }
                pt.print(out, true);
            }
        }
    }
}
