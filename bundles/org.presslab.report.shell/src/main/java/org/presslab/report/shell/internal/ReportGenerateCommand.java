package org.presslab.report.shell.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.presslab.report.api.ReportRequest;
import org.presslab.report.api.ReportService;

/** report:generate */
@Service
@Command(scope = "report", name = "generate", description = "Writes the report of each run as self-contained HTML and/or PDF "
        + "(or, with --compare, one comparison report over all of them), made on the report service's own thread.")
public class ReportGenerateCommand implements Action {

    @Reference
    ReportService reports;

    @Option(name = "-f", aliases = "--format", description = "Formats, comma-separated (default html,pdf).")
    String format = "html,pdf";

    @Option(name = "-o", aliases = "--out", description = "Folder for the files (default: the current folder).")
    String out = ".";

    @Option(name = "-c", aliases = "--compare", description = "One comparison report over all the runs.")
    boolean compare;

    @Option(name = "-d", aliases = "--data", description = "Also write each run's data (CSV export) beside the report.")
    boolean data;

    @Argument(index = 0, name = "run", description = "Run ids.", required = true, multiValued = true)
    List<String> runs;

    PrintStream console = System.out;

    @Override
    public Object execute() throws Exception {
        Set<String> formats = new LinkedHashSet<>();
        for (String f : format.split(",")) {
            if (!f.isBlank()) {
                formats.add(f.trim().toLowerCase(Locale.ROOT));
            }
        }
        ReportRequest request;
        try {
            request = new ReportRequest(runs, compare, formats, Path.of(out).toAbsolutePath(), data);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        CompletableFuture<List<Path>> f = reports.generate(request, line -> console.println("  " + line));
        try {
            List<Path> files = f.get();
            for (Path p : files) {
                console.println(p);
            }
            return null;
        } catch (InterruptedException e) {
            // Ctrl-C stops waiting; the report is still made.
            Thread.currentThread().interrupt();
            console.println("stopped waiting; the report is still being made into " + request.directory());
            return null;
        } catch (ExecutionException | CancellationException e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("report failed: " + c.getMessage(), c);
        }
    }
}
