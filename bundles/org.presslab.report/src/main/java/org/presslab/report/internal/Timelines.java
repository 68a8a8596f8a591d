package org.presslab.report.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.presslab.report.api.ReportContext;
import org.presslab.runs.api.Run;

/** Reads a run's timeline once per report, however many sections ask (when the context is ours). */
final class Timelines {

    private Timelines() {
    }

    static RunTimeline of(ReportContext ctx, Run run) {
        if (ctx instanceof EngineContext ec) {
            return ec.timelines.computeIfAbsent(run.id(), id -> new RunTimeline(run, ctx.query(), ctx.generatedAt()));
        }
        return new RunTimeline(run, ctx.query(), ctx.generatedAt());
    }

    /** One time axis for every run of the report: the unit fits the longest run (each run is shown from its own start). */
    static TimeAxis axis(ReportContext ctx) {
        java.time.Duration longest = java.time.Duration.ZERO;
        for (Run r : ctx.runs()) {
            java.time.Duration d = java.time.Duration.between(r.start(), of(ctx, r).end());
            longest = d.compareTo(longest) > 0 ? d : longest;
        }
        return TimeAxis.forSpan(longest);
    }

    /** The context the engine hands to sections, with a per-report cache. */
    static class EngineContext implements ReportContext {
        final Map<String, RunTimeline> timelines = new ConcurrentHashMap<>();
        final Map<String, Object> cache = new ConcurrentHashMap<>();
        private final java.util.List<Run> runs;
        private final boolean comparison;
        private final org.presslab.runs.api.RunQuery query;
        private final int maxPoints;
        private final java.time.Instant at;
        private final String software;
        private final java.util.function.Consumer<String> progress;

        EngineContext(java.util.List<Run> runs, boolean comparison, org.presslab.runs.api.RunQuery query, int maxPoints,
                java.time.Instant at, String software, java.util.function.Consumer<String> progress) {
            this.runs = java.util.List.copyOf(runs);
            this.comparison = comparison;
            this.query = query;
            this.maxPoints = maxPoints;
            this.at = at;
            this.software = software;
            this.progress = progress;
        }

        @Override
        public java.util.List<Run> runs() {
            return runs;
        }

        @Override
        public boolean comparison() {
            return comparison;
        }

        @Override
        public org.presslab.runs.api.RunQuery query() {
            return query;
        }

        @Override
        public int maxPointsPerChart() {
            return maxPoints;
        }

        @Override
        public java.time.Instant generatedAt() {
            return at;
        }

        @Override
        public String software() {
            return software;
        }

        @Override
        public void progress(String what) {
            if (progress != null) {
                progress.accept(what);
            }
        }
    }
}
