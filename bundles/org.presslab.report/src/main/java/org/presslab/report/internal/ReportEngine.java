package org.presslab.report.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.presslab.report.api.Block;
import org.presslab.report.api.Report;
import org.presslab.report.api.ReportRenderer;
import org.presslab.report.api.ReportRequest;
import org.presslab.report.api.ReportSection;
import org.presslab.report.api.SectionContent;
import org.presslab.runs.api.Run;
import org.presslab.runs.api.RunExporter;
import org.presslab.runs.api.RunQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The report service in plain Java: builds a report from the sections, renders it, on its own bounded
 * executor (a few threads at low priority, a short queue; a full queue refuses at once). It reads the run store
 * only through {@link RunQuery} and a lookup of a run by id. Built by {@link org.presslab.report.Reports}, which the
 * DS component uses too.
 */
public final class ReportEngine implements org.presslab.report.Reports.Engine {

    private static final Logger LOG = LoggerFactory.getLogger(ReportEngine.class);

    private final Function<String, Optional<Run>> runs;
    private final RunQuery query;
    private final Supplier<RunExporter> exporter;
    private final Supplier<List<ReportSection>> sections;
    private final Supplier<Map<String, ReportRenderer>> renderers;
    private final int maxPoints;
    private final String software;
    private final Clock clock;
    private final ThreadPoolExecutor executor;

    /**
     * @param runs a run by id ({@code RunService::get})
     * @param sections the sections in report order
     * @param renderers by format
     * @param threads worker threads (1 to 4)
     * @param queue requests that may wait (1 to 100)
     * @param maxPoints points per chart (100 to 20,000)
     */
    public ReportEngine(Function<String, Optional<Run>> runs, RunQuery query, Supplier<RunExporter> exporter, Supplier<List<ReportSection>> sections,
            Supplier<Map<String, ReportRenderer>> renderers, int threads, int queue, int maxPoints, String software, Clock clock) {
        check("threads", threads, 1, 4);
        check("queue", queue, 1, 100);
        check("maxPointsPerChart", maxPoints, 100, 20_000);
        this.runs = java.util.Objects.requireNonNull(runs, "runs");
        this.query = java.util.Objects.requireNonNull(query, "query");
        this.exporter = exporter;
        this.sections = sections;
        this.renderers = renderers;
        this.maxPoints = maxPoints;
        this.software = software;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), r -> {
            Thread t = new Thread(r, "presslab-report-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        }, (r, ex) -> {
            throw new java.util.concurrent.RejectedExecutionException("the report queue is full (" + queue
                    + " reports waiting, " + threads + " being made): try again when one is done");
        });
        executor.allowCoreThreadTimeOut(true);
    }

    private static void check(String what, int v, int min, int max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(what + " must be " + min + " to " + max + ", was " + v);
        }
    }

    @Override
    public Set<String> formats() {
        return new TreeSet<>(renderers.get().keySet());
    }

    @Override
    public String fileName(List<String> runIds, String format) {
        String first = runIds.get(0);
        String base = runIds.size() > 1 ? "comparison-" + runIds.size() + "-runs-" + first : "report-" + first;
        return base.replaceAll("[^A-Za-z0-9._-]", "_") + "." + format.toLowerCase(Locale.ROOT);
    }

    @Override
    public CompletableFuture<List<Path>> generate(ReportRequest request, Consumer<String> progress) {
        Consumer<String> p = progress == null ? s -> { } : progress;
        return submit(() -> {
            Map<String, ReportRenderer> rs = renderers(request.formats());
            List<List<String>> reports = new ArrayList<>();
            if (request.comparison()) {
                reports.add(request.runIds());
            } else {
                request.runIds().forEach(id -> reports.add(List.of(id)));
            }
            lookup(request.runIds());
            Files.createDirectories(request.directory());
            List<Path> out = new ArrayList<>();
            for (List<String> ids : reports) {
                String label = ids.size() > 1 ? "comparison of " + ids.size() + " runs" : "run " + ids.get(0);
                Report report = build(ids, s -> p.accept(label + ": " + s));
                for (ReportRenderer r : rs.values()) {
                    p.accept(label + ": rendering " + r.format());
                    Path target = request.directory().resolve(fileName(ids, r.format()));
                    Path tmp = target.resolveSibling(target.getFileName() + ".part");
                    try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                        r.render(report, os);
                    }
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    out.add(target);
                }
                if (request.data()) {
                    RunExporter ex = exporter.get();
                    if (ex == null) {
                        p.accept(label + ": no run exporter is running, data not written");
                    } else {
                        for (String id : ids) {
                            p.accept("run " + id + ": exporting data (CSV)");
                            out.addAll(ex.export(id, RunExporter.Format.CSV, request.directory().resolve(id + "-data")));
                        }
                    }
                }
            }
            p.accept("done: " + out.size() + " files in " + request.directory());
            return out;
        });
    }

    @Override
    public CompletableFuture<Void> render(List<String> runIds, String format, OutputStream out) {
        return submit(() -> {
            ReportRenderer r = renderers(Set.of(format)).get(format.toLowerCase(Locale.ROOT));
            lookup(runIds);
            r.render(build(runIds, s -> { }), out);
            return null;
        });
    }

    private interface Job<T> {
        T run() throws Exception;
    }

    private <T> CompletableFuture<T> submit(Job<T> job) {
        CompletableFuture<T> f = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    f.complete(job.run());
                } catch (IOException e) {
                    f.completeExceptionally(new UncheckedIOException(e.getMessage(), e));
                } catch (Throwable t) {
                    f.completeExceptionally(t);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            f.completeExceptionally(e);
        }
        return f;
    }

    private Map<String, ReportRenderer> renderers(Set<String> formats) {
        Map<String, ReportRenderer> all = renderers.get();
        Map<String, ReportRenderer> out = new java.util.LinkedHashMap<>();
        for (String f : new TreeSet<>(formats)) {
            ReportRenderer r = all.get(f.toLowerCase(Locale.ROOT));
            if (r == null) {
                throw new IllegalArgumentException("no renderer for format '" + f + "' (available: " + String.join(", ",
                        new TreeSet<>(all.keySet())) + ")");
            }
            out.put(f.toLowerCase(Locale.ROOT), r);
        }
        return out;
    }

    private List<Run> lookup(List<String> ids) {
        List<Run> out = new ArrayList<>();
        for (String id : ids) {
            out.add(runs.apply(id).orElseThrow(() -> new IllegalArgumentException("no run '" + id + "' in the run store")));
        }
        return out;
    }

    /** Builds the report of these runs (a comparison when more than one) on the calling thread. */
    public Report build(List<String> runIds, Consumer<String> progress) {
        List<Run> rs = lookup(runIds);
        Timelines.EngineContext ctx = new Timelines.EngineContext(rs, rs.size() > 1, query, maxPoints, clock.instant(), software,
                progress);
        List<SectionContent> contents = new ArrayList<>();
        for (ReportSection s : sections.get()) {
            progress.accept(s.title());
            try {
                Optional<SectionContent> c = s.build(ctx);
                c.ifPresent(contents::add);
            } catch (RuntimeException e) {
                LOG.warn("report section {} failed for runs {}", s.id(), runIds, e);
                contents.add(new SectionContent(s.id().replaceAll("[^A-Za-z0-9-]", "-"), s.title(), List.of(new Block.Notice(
                        Block.Level.WARNING, "This section could not be made: " + e))));
            }
        }
        Run first = rs.get(0);
        String title = rs.size() > 1 ? "Comparison of " + rs.size() + " runs"
                : "Run report: " + first.stationId() + (first.hasRecipe() ? ", recipe " + first.recipeName() : "")
                        + (first.cell().cellId().isEmpty() ? "" : ", cell " + first.cell().cellId());
        String subtitle = rs.size() > 1 ? String.join("; ", rs.stream().map(r -> r.stationId() + " "
                + DocumentModel.TIME.format(r.start())).toList())
                : DocumentModel.TIME.format(first.start()) + " · " + first.outcome();
        return new Report(title, subtitle, ctx.generatedAt(), software, runIds, contents);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
