package org.presslab.report.api;

import java.time.Instant;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;
import org.presslab.runs.api.Run;
import org.presslab.runs.api.RunQuery;

/**
 * What a section sees while a report is made: the runs, read access to the store, and the limits it must
 * keep. A section reads samples only through {@link RunQuery#samples} with at most {@link #maxPointsPerChart()}
 * points, or streams them with {@link RunQuery#forEachSample} without keeping them: a report of a month-long run
 * must fit in a few megabytes.
 */
@ProviderType
public interface ReportContext {

    /** The runs of the report, in the order asked for: one for a run report, several for a comparison. */
    List<Run> runs();

    /** True for a comparison report over several runs. */
    boolean comparison();

    /** Read access to the run store. */
    RunQuery query();

    /** The most points a chart may ask {@link RunQuery#samples} for. */
    int maxPointsPerChart();

    /** When the report was generated (UTC). */
    Instant generatedAt();

    /** The software that generates it, e.g. "Presslab 0.1.0 (org.presslab.report 0.1.0.20261204)". */
    String software();

    /** Tells the person waiting what is being done, e.g. "hold statistics, step 4". */
    void progress(String what);
}
