package org.presslab.runs.shell.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.presslab.cycling.ShortCircuit;
import org.presslab.runs.imports.FileImporter;
import org.presslab.runs.imports.ImportReport;
import org.presslab.runs.shell.internal.completers.RunIdCompleter;

/** run:import */
@Service
@Command(scope = "run", name = "import", description = "Attaches an impedance export (any format eis:import reads) or a "
        + "cycling log (BioLogic GCPL, Neware, Arbin, CSV) to a run: spectra with the stack pressure, force and temperature "
        + "at their measurement time, cycling points each with the stack pressure at its time, short circuits flagged.")
public class RunImportCommand extends RunCommandSupport {

    @Argument(index = 0, name = "id", description = "The run id.", required = true)
    @Completion(RunIdCompleter.class)
    String id;

    @Argument(index = 1, name = "file", description = "The export file.", required = true)
    @Completion(FileCompleter.class)
    String file;

    @Reference
    FileImporter importer;

    @Override
    protected void doExecute() throws Exception {
        Path p = Path.of(file);
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("no such file: " + p.toAbsolutePath());
        }
        ImportReport r;
        try {
            r = importer.importFile(p, id, null);
        } catch (IOException e) { // a format error names the file and the line or byte
            throw new IllegalArgumentException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
        out.println(r.message());
        out.printf("measured %s (time from %s)%s%n", r.measuredAt(), r.timeFrom(),
                r.kind() == ImportReport.Kind.SPECTRA ? ", stack " + mpa(r.stackPressurePa()) : "");
        for (ShortCircuit s : r.shortCircuits()) {
            out.println("  " + s);
        }
    }
}
