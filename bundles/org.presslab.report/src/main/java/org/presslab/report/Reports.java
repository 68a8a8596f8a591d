package org.presslab.report;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

import org.osgi.annotation.versioning.ProviderType;
import org.presslab.control.api.RecipeService;
import org.presslab.impedance.api.DrtAnalyzer;
import org.presslab.report.api.ReportRenderer;
import org.presslab.report.api.ReportSection;
import org.presslab.report.api.ReportService;
import org.presslab.report.internal.ComparisonSection;
import org.presslab.report.internal.CyclingSection;
import org.presslab.report.internal.HoldSection;
import org.presslab.report.internal.HtmlRenderer;
import org.presslab.report.internal.ImpedanceSection;
import org.presslab.report.internal.InterfacialSection;
import org.presslab.report.internal.PdfRenderer;
import org.presslab.report.internal.PressureSection;
import org.presslab.report.internal.ProvenanceSection;
import org.presslab.report.internal.RecipeSection;
import org.presslab.report.internal.ReportEngine;
import org.presslab.runs.api.Run;
import org.presslab.runs.api.RunExporter;
import org.presslab.runs.api.RunQuery;
import org.presslab.runs.api.RunService;

/**
 * Builds the report service outside OSGi: the engine the DS component runs (it is built here too), with its bounded
 * executor, over a run store.
 *
 * <pre>
 * try (Reports.Engine reports = Reports.builder(store, store).recipes(Recipes.service(null)).build()) {
 *     reports.generate(new ReportRequest(List.of(runId), false, Set.of("html", "pdf"), dir, false), null).get();
 * }
 * </pre>
 */
public final class Reports {

    private Reports() {
    }

    /** A running report service; close it to stop its threads. */
    @ProviderType
    public interface Engine extends ReportService, AutoCloseable {

        /** Stops the report threads; reports being made are interrupted. */
        @Override
        void close();
    }

    /** Reports over a run store's {@link RunService} (runs by id) and {@link RunQuery} (their data). */
    public static Builder builder(RunService runs, RunQuery query) {
        Objects.requireNonNull(runs, "runs");
        return new Builder(query, runs::get);
    }

    /**
     * Reports over {@code query} and a lookup of a run by id: all the engine reads of a run store (a store that only
     * reads, such as a computed one, need not implement {@link RunService}).
     */
    public static Builder builder(RunQuery query, Function<String, Optional<Run>> runs) {
        return new Builder(query, runs);
    }

    /**
     * The built-in sections in report order: provenance, recipe planned and achieved, pressure/force/temperature,
     * hold statistics, impedance, interfacial resistance, cycling, comparison.
     *
     * @param recipes to read each run's recipe (the plan, the hold targets); null shows only the steps as they ran
     * @param drt for the DRT of the impedance section; null leaves it out
     */
    public static List<ReportSection> sections(RecipeService recipes, DrtAnalyzer drt) {
        return List.of(new ProvenanceSection(), new RecipeSection(recipes), new PressureSection(), new HoldSection(recipes),
                new ImpedanceSection(drt), new InterfacialSection(), new CyclingSection(), new ComparisonSection(recipes));
    }

    /** The built-in renderers by format: {@code html} (one self-contained file) and {@code pdf}. */
    public static Map<String, ReportRenderer> renderers() {
        Map<String, ReportRenderer> m = new TreeMap<>();
        m.put("html", new HtmlRenderer());
        m.put("pdf", new PdfRenderer());
        return m;
    }

    /** Settings with the component's defaults (1 thread, a queue of 8, 2,000 points per chart). */
    public static final class Builder {
        private final RunQuery query;
        private final Function<String, Optional<Run>> runs;
        private RecipeService recipes;
        private DrtAnalyzer drt;
        private Supplier<RunExporter> exporter = () -> null;
        private Supplier<List<ReportSection>> sections;
        private Supplier<Map<String, ReportRenderer>> renderers;
        private int threads = 1;
        private int queue = 8;
        private int maxPoints = 2000;
        private String software = "Presslab (org.presslab.report)";
        private Clock clock = Clock.systemUTC();

        private Builder(RunQuery query, Function<String, Optional<Run>> runs) {
            this.query = Objects.requireNonNull(query, "query");
            this.runs = Objects.requireNonNull(runs, "runs");
        }

        /** The recipe service the built-in sections read recipes with (ignored when {@link #sections} is set). */
        public Builder recipes(RecipeService r) {
            this.recipes = r;
            return this;
        }

        /** The DRT analyzer of the built-in impedance section (ignored when {@link #sections} is set). */
        public Builder drt(DrtAnalyzer d) {
            this.drt = d;
            return this;
        }

        /** Writes each run's data as CSV beside its report when a request asks for it ({@code --data}). */
        public Builder exporter(RunExporter e) {
            return exporter(() -> e);
        }

        /** As above, asked on each report (null then: the data is not written, and the progress says so). */
        public Builder exporter(Supplier<RunExporter> e) {
            this.exporter = Objects.requireNonNull(e, "exporter");
            return this;
        }

        /** The sections in report order, asked on each report, instead of the built-in ones ({@link Reports#sections}). */
        public Builder sections(Supplier<List<ReportSection>> s) {
            this.sections = Objects.requireNonNull(s, "sections");
            return this;
        }

        /** The renderers by lower-case format, asked on each report, instead of {@link Reports#renderers()}. */
        public Builder renderers(Supplier<Map<String, ReportRenderer>> r) {
            this.renderers = Objects.requireNonNull(r, "renderers");
            return this;
        }

        /** Reports made at once, 1 to 4. */
        public Builder threads(int n) {
            this.threads = n;
            return this;
        }

        /** Reports that may wait, 1 to 100; one more is refused at once. */
        public Builder queue(int n) {
            this.queue = n;
            return this;
        }

        /** Points asked of {@link RunQuery#samples} per chart, 100 to 20,000. */
        public Builder maxPointsPerChart(int n) {
            this.maxPoints = n;
            return this;
        }

        /** The software named in each report's provenance. */
        public Builder software(String s) {
            this.software = Objects.requireNonNull(s, "software");
            return this;
        }

        /** The clock of each report's "generated at". */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /**
         * Starts the engine.
         *
         * @throws IllegalArgumentException for a setting out of range (names it and the range)
         */
        public Engine build() {
            Supplier<List<ReportSection>> s = sections;
            if (s == null) {
                List<ReportSection> builtIn = Reports.sections(recipes, drt);
                s = () -> builtIn;
            }
            Supplier<Map<String, ReportRenderer>> r = renderers;
            if (r == null) {
                Map<String, ReportRenderer> builtIn = Reports.renderers();
                r = () -> builtIn;
            }
            return new ReportEngine(runs, query, exporter, s, r, threads, queue, maxPoints, software, clock);
        }
    }
}
