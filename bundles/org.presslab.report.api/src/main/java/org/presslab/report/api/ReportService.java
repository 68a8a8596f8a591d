package org.presslab.report.api;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Makes reports of stored runs. Work runs on the service's own small, bounded executor (never on a
 * caller's or a station's thread); when it is full, the returned future fails at once with a
 * {@link java.util.concurrent.RejectedExecutionException} saying so. Memory is bounded: charts read decimated
 * samples, statistics stream the raw ones.
 */
@ProviderType
public interface ReportService {

    /** The formats a renderer is registered for, e.g. ["html", "pdf"]. */
    Set<String> formats();

    /**
     * Generates the reports of a request into its directory.
     *
     * @param progress receives one line per step ("run 0190...: hold statistics, step 4"); may be null
     * @return the files written; fails with {@link IllegalArgumentException} for an unknown run or format
     *         (naming it), or the cause of a failure
     */
    CompletableFuture<List<Path>> generate(ReportRequest request, Consumer<String> progress);

    /**
     * Renders one report (a run's, or a comparison of several runs) in one format to a stream, e.g. for a
     * download. The stream is written on the service's thread and not closed.
     */
    CompletableFuture<Void> render(List<String> runIds, String format, OutputStream out);

    /** The file name the report of these runs gets in this format, e.g. "report-0190c2...-cell1.pdf". */
    String fileName(List<String> runIds, String format);
}
