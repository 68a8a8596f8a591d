package org.presslab.report.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What to generate.
 *
 * @param runIds the runs: one report per run, or one comparison report over all of them
 * @param comparison true for one comparison report over every run
 * @param formats renderer formats ("html", "pdf"); at least one
 * @param directory where the files go (created if missing)
 * @param data also write each run's data (the run store's CSV export) beside the report, in
 *        {@code <run>-data/}
 */
public record ReportRequest(List<String> runIds, boolean comparison, Set<String> formats, Path directory, boolean data) {

    public ReportRequest {
        runIds = List.copyOf(runIds);
        formats = Set.copyOf(formats);
        Objects.requireNonNull(directory, "directory");
        if (runIds.isEmpty()) {
            throw new IllegalArgumentException("a report needs at least one run id");
        }
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("a report needs at least one format");
        }
        if (comparison && runIds.size() < 2) {
            throw new IllegalArgumentException("a comparison needs at least two runs, got " + runIds.size());
        }
    }
}
