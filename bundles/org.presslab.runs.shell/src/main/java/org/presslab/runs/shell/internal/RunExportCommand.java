package org.presslab.runs.shell.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.presslab.runs.api.RunExporter;
import org.presslab.runs.shell.internal.completers.RunIdCompleter;

/** run:export */
@Service
@Command(scope = "run", name = "export", description = "Exports a run: CSV (one file per table) or HDF5 (one file with"
        + " samples, events, commands, gaps, notes, spectra, cycling logs and the metadata as attributes).")
public class RunExportCommand extends RunCommandSupport {

    @Reference
    RunExporter exporter;

    @Argument(index = 0, name = "id", description = "The run id.", required = true)
    @Completion(RunIdCompleter.class)
    String id;

    @Option(name = "-f", aliases = "--format", description = "csv or hdf5 (default csv).")
    @Completion(value = StringsCompleter.class, values = {"csv", "hdf5"})
    String format = "csv";

    @Option(name = "-o", aliases = "--out", description = "The directory to write into (default: the current directory).")
    @Completion(FileCompleter.class)
    String dir = ".";

    @Override
    protected void doExecute() {
        RunExporter.Format f = switch (format.trim().toLowerCase(Locale.ROOT)) {
            case "csv" -> RunExporter.Format.CSV;
            case "hdf5", "h5" -> RunExporter.Format.HDF5;
            default -> throw new IllegalArgumentException("--format '" + format + "': csv or hdf5");
        };
        List<Path> files = exporter.export(id, f, Path.of(dir).toAbsolutePath());
        for (Path p : files) {
            out.println(p);
        }
    }
}
