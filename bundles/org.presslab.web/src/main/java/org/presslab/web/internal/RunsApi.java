package org.presslab.web.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.presslab.report.api.ReportService;
import org.presslab.runs.api.CommandRecord;
import org.presslab.runs.api.Gap;
import org.presslab.runs.api.Note;
import org.presslab.runs.api.Run;
import org.presslab.runs.api.RunFilter;
import org.presslab.runs.api.RunQuery;
import org.presslab.runs.api.RunService;
import org.presslab.runs.api.RunStoreException;
import org.presslab.runs.api.SampleBucket;
import org.presslab.runs.api.SampleSeries;
import org.presslab.runs.api.StationCommand;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The routes under {@code /presslab/api/runs} and the stored audit: read the run store ({@link RunService},
 * {@link RunQuery}) and stream reports ({@link ReportService}). Each service is optional; without it the route answers
 * 503 naming the feature to install. Edge units as in the rest of the API (MPa, kN, °C, ISO-8601 times).
 */
final class RunsApi {

    static final int MAX_RUNS = 500;
    static final int MAX_POINTS = 5000;
    static final int MAX_AUDIT = 500;
    /** The report formats the page offers; any other is refused with 400 before the report service sees it. */
    static final Set<String> REPORT_FORMATS = Set.of("html", "pdf");

    /** A report to stream: the servlet writes it (the API stays free of the servlet API). */
    record Download(ReportService reports, List<String> runIds, String format, String fileName, String contentType) {
    }

    private final Api.Services services;

    RunsApi(Api.Services services) {
        this.services = services;
    }

    static Api.Reply noStore() {
        return Api.Reply.error(503, "the run store is not running (no RunService/RunQuery service): install the "
                + "presslab-runs feature and configure its DataSource");
    }

    static Api.Reply noReports() {
        return Api.Reply.error(503, "reports are not available (no ReportService service): install the presslab-reports feature");
    }

    Api.Reply route(Api.Caller c, String method, List<String> p, Map<String, String> q, JsonNodeSupplier body)
            throws Api.BadRequest {
        boolean get = "GET".equals(method);
        boolean post = "POST".equals(method);
        Optional<RunService> runs = services.runs();
        Optional<RunQuery> query = services.runQuery();
        if (!get && !post) {
            return Api.Reply.error(405, "method " + method + " not allowed here");
        }
        if (p.size() == 1 && get) {
            if (runs.isEmpty()) {
                return noStore();
            }
            int limit = intParam(q, "limit", 50, 1, MAX_RUNS);
            String station = q.get("station");
            RunFilter f = RunFilter.ALL.limit(limit);
            if (station != null && !station.isBlank()) {
                f = f.station(station.strip());
            }
            RunFilter filter = f;
            return store(() -> Api.Reply.ok(runs.get().list(filter).stream().map(RunsApi::run).toList()));
        }
        if (p.size() < 2) {
            return notFound(method, p);
        }
        String id = p.get(1);
        String sub = p.size() == 2 ? "" : String.join("/", p.subList(2, p.size()));
        if (post) {
            if (!"notes".equals(sub)) {
                return notFound(method, p);
            }
            if (!c.role().includes(Role.OPERATOR)) {
                return Api.Reply.error(403, "user '" + c.user() + "' is a " + c.role().jaasName()
                        + ": adding a note to a run needs the operator role");
            }
            if (runs.isEmpty()) {
                return noStore();
            }
            String text = Api.text(body.get(), "text", null);
            if (text == null || text.isBlank()) {
                throw new Api.BadRequest("'text' (the note) is required and must not be empty");
            }
            return store(() -> {
                Note n = runs.get().note(id, c.user(), text);
                Map<String, Object> m = note(n);
                m.put("run", id);
                return Api.Reply.ok(m);
            });
        }
        switch (sub) {
            case "" -> {
                if (runs.isEmpty() || query.isEmpty()) {
                    return noStore();
                }
                return store(() -> {
                    Optional<Run> r = runs.get().get(id);
                    if (r.isEmpty()) {
                        return Api.Reply.error(404, "no run '" + id + "'");
                    }
                    RunQuery rq = query.get();
                    Map<String, Object> m = run(r.get());
                    m.put("recipeSha256", r.get().recipeSha256());
                    m.put("cell", cell(r.get()));
                    m.put("device", Map.of("vendor", r.get().device().vendor(), "model", r.get().device().model(),
                            "serial", r.get().device().serial(), "driverBundle", r.get().device().driverBundle()));
                    List<Gap> gaps = rq.gaps(id);
                    List<Note> notes = rq.notes(id);
                    Map<String, Object> counts = new LinkedHashMap<>();
                    counts.put("samples", rq.sampleCount(id));
                    counts.put("commands", rq.commands(id).size());
                    counts.put("gaps", gaps.size());
                    counts.put("notes", notes.size());
                    counts.put("spectra", rq.spectra(id).size());
                    counts.put("cyclingLogs", rq.cyclingLogs(id).size());
                    m.put("counts", counts);
                    m.put("gaps", gaps.stream().map(RunsApi::gap).toList());
                    m.put("notes", notes.stream().map(RunsApi::note).toList());
                    return Api.Reply.ok(m);
                });
            }
            case "samples" -> {
                if (query.isEmpty()) {
                    return noStore();
                }
                Instant from = instant(q, "from");
                Instant to = instant(q, "to");
                if (from != null && to != null && from.isAfter(to)) {
                    throw new Api.BadRequest("'from' (" + from + ") is after 'to' (" + to + ")");
                }
                int points = intParam(q, "points", 500, 1, MAX_POINTS);
                return store(() -> Api.Reply.ok(samples(query.get().samples(id, from, to, points))));
            }
            case "report" -> {
                String format = q.getOrDefault("format", "html").strip().toLowerCase(java.util.Locale.ROOT);
                if (!REPORT_FORMATS.contains(format)) {
                    throw new Api.BadRequest("query parameter 'format' must be html or pdf, got '" + q.get("format") + "'");
                }
                Optional<ReportService> reports = services.reports();
                if (reports.isEmpty()) {
                    return noReports();
                }
                if (!reports.get().formats().contains(format)) {
                    return Api.Reply.error(503, "no " + format + " renderer is registered with the report service (it has "
                            + reports.get().formats() + ")");
                }
                if (runs.isEmpty()) {
                    return noStore();
                }
                return store(() -> {
                    if (runs.get().get(id).isEmpty()) {
                        return Api.Reply.error(404, "no run '" + id + "'");
                    }
                    List<String> ids = List.of(id);
                    return Api.Reply.ok(new Download(reports.get(), ids, format, reports.get().fileName(ids, format),
                            "pdf".equals(format) ? "application/pdf" : "text/html; charset=UTF-8"));
                });
            }
            default -> {
                return notFound(method, p);
            }
        }
    }

    /** The audit from the store: newest commands of every station; empty when the store is absent. */
    Optional<Map<String, Object>> storedAudit(int limit) {
        Optional<RunQuery> query = services.runQuery();
        if (query.isEmpty()) {
            return Optional.empty();
        }
        List<StationCommand> cmds = query.get().recentCommands(Math.max(1, Math.min(MAX_AUDIT, limit)));
        List<Object> entries = new ArrayList<>(cmds.size());
        for (StationCommand sc : cmds) {
            entries.add(auditEntry(sc));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("source", "store");
        out.put("entries", entries);
        return Optional.of(out);
    }

    /** The same shape as a COMMAND event of the in-memory list, plus the run. */
    static Map<String, Object> auditEntry(StationCommand sc) {
        CommandRecord cr = sc.command();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("station", sc.stationId());
        m.put("run", sc.runId().isEmpty() ? null : sc.runId());
        m.put("time", cr.time() == null ? null : cr.time().toString());
        m.put("type", "COMMAND");
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("actor", cr.actor());
        props.put("source", cr.source());
        props.put("command", cr.command());
        props.put("targetPa", Views.fin(cr.targetPa()));
        props.put("ratePaPerS", Views.fin(cr.ratePaPerS()));
        props.put("recipe", cr.recipe().isEmpty() ? null : cr.recipe());
        props.put("reason", cr.reason().isEmpty() ? null : cr.reason());
        props.put("outcome", cr.accepted() ? "ACCEPTED" : "REFUSED");
        props.put("refusal", cr.refusal().isEmpty() ? null : cr.refusal());
        m.put("properties", props);
        return m;
    }

    static Map<String, Object> run(Run r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("station", r.stationId());
        m.put("recipe", r.recipeName());
        m.put("cellId", r.cell().cellId());
        m.put("operator", r.operator());
        m.put("operatorSource", r.operatorSource());
        m.put("start", r.start().toString());
        m.put("end", r.end() == null ? null : r.end().toString());
        m.put("outcome", r.outcome().name());
        m.put("outcomeMessage", r.outcomeMessage());
        return m;
    }

    private static Map<String, Object> cell(Run r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cellId", r.cell().cellId());
        m.put("electrolyte", r.cell().electrolyte());
        m.put("anode", r.cell().anode());
        m.put("cathode", r.cell().cathode());
        m.put("pelletDiameterMm", Views.fin(r.cell().pelletDiameterM() * 1e3));
        m.put("pelletThicknessMm", Views.fin(r.cell().pelletThicknessM() * 1e3));
        m.put("dieId", r.cell().dieId());
        return m;
    }

    private static Map<String, Object> gap(Gap g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("start", g.start().toString());
        m.put("end", g.end() == null ? null : g.end().toString());
        m.put("cause", g.cause().name());
        m.put("lostRows", g.lostRows());
        m.put("message", g.message());
        return m;
    }

    private static Map<String, Object> note(Note n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", n.time().toString());
        m.put("author", n.author());
        m.put("text", n.text());
        return m;
    }

    private static Map<String, Object> samples(SampleSeries s) {
        List<Long> t = new ArrayList<>();
        List<Double> min = new ArrayList<>();
        List<Double> max = new ArrayList<>();
        List<Double> mean = new ArrayList<>();
        List<Double> sp = new ArrayList<>();
        List<Double> force = new ArrayList<>();
        List<Double> temp = new ArrayList<>();
        for (SampleBucket b : s.buckets()) {
            t.add(b.start().toEpochMilli());
            min.add(Views.mpa(b.pressureMinPa()));
            max.add(Views.mpa(b.pressureMaxPa()));
            mean.add(Views.mpa(b.pressureMeanPa()));
            sp.add(Views.mpa(b.setpointMeanPa()));
            force.add(Views.fin(b.forceMeanN() / 1e3));
            temp.add(Views.fin(b.temperatureMeanK() - 273.15));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run", s.runId());
        m.put("from", s.from() == null ? null : s.from().toString());
        m.put("to", s.to() == null ? null : s.to().toString());
        m.put("sampleCount", s.sampleCount());
        m.put("raw", s.raw());
        m.put("tier", s.tier());
        m.put("t", t);
        m.put("pressureMinMPa", min);
        m.put("pressureMaxMPa", max);
        m.put("pressureMeanMPa", mean);
        m.put("setpointMPa", sp);
        m.put("forceKN", force);
        m.put("temperatureC", temp);
        return m;
    }

    /** Runs a store call; its refusals become the matching HTTP status with the store's message. */
    private static Api.Reply store(java.util.function.Supplier<Api.Reply> work) {
        try {
            return work.get();
        } catch (RunStoreException e) {
            int status = switch (e.reason()) {
                case NOT_FOUND -> 404;
                case INVALID -> 400;
                case CONFLICT -> 409;
                default -> 503;
            };
            return Api.Reply.error(status, e.getMessage());
        }
    }

    private static Api.Reply notFound(String method, List<String> p) {
        return Api.Reply.error(404, "no such resource: " + method + " /presslab/api/" + String.join("/", p)
                + " (runs, runs/{id}, runs/{id}/samples, runs/{id}/report, POST runs/{id}/notes)");
    }

    private static int intParam(Map<String, String> q, String key, int dflt, int min, int max) throws Api.BadRequest {
        String v = q.get(key);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        int n;
        try {
            n = Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new Api.BadRequest("query parameter '" + key + "' must be a whole number, got '" + v + "'");
        }
        if (n < min || n > max) {
            throw new Api.BadRequest("query parameter '" + key + "' must be " + min + ".." + max + ", got " + n);
        }
        return n;
    }

    private static Instant instant(Map<String, String> q, String key) throws Api.BadRequest {
        String v = q.get(key);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(v.strip());
        } catch (DateTimeParseException e) {
            throw new Api.BadRequest("query parameter '" + key + "' must be an ISO-8601 UTC time such as "
                    + "2026-01-31T12:00:00Z, got '" + v + "'");
        }
    }

    /** The parsed request body, read only by the routes that take one. */
    interface JsonNodeSupplier {
        JsonNode get() throws Api.BadRequest;
    }
}
