package org.presslab.web.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.presslab.control.api.Actor;
import org.presslab.control.api.CommandRefusedException;
import org.presslab.control.api.Recipe;
import org.presslab.control.api.RecipeFormatException;
import org.presslab.control.api.RecipeRun;
import org.presslab.control.api.RecipeService;
import org.presslab.control.api.Station;
import org.presslab.control.api.StationCommands;
import org.presslab.control.api.StationRegistry;
import org.presslab.control.api.StationSample;
import org.presslab.impedance.api.CircuitFitter;
import org.presslab.impedance.api.FitResult;
import org.presslab.impedance.api.FittedParameter;
import org.presslab.impedance.api.Spectrum;
import org.presslab.impedance.api.SpectrumImporter;
import org.presslab.press.api.PressDriver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The REST API under {@code /presslab/api}, free of the servlet API so it is tested directly. Every route checks the
 * caller's role first; every command goes through {@link Station#as(Actor)} with the caller as actor, so the station
 * records who sent it and applies its own limits (the web layer holds no pressure limit of its own). Inputs are in edge
 * units (MPa, MPa/s); a missing or non-finite number is refused here with the field named, before any station sees it.
 */
final class Api {

    /** Who calls: the session's user and role, and the front end ({@link Actor.Source#WEB} for the page, else REST). */
    record Caller(String user, Role role, Actor.Source source) {
        Actor actor() {
            return new Actor(user, source);
        }
    }

    /** A status code and a body for Jackson. */
    record Reply(int status, Object body) {
        static Reply ok(Object body) {
            return new Reply(200, body);
        }

        static Reply error(int status, String message) {
            return new Reply(status, Map.of("error", message));
        }
    }

    /** Bad input: 400 with the message. */
    static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }

    /** The services the API reads; each may be absent (dynamic references), the API then says which is missing. */
    interface Services {
        Optional<StationRegistry> stations();

        Optional<RecipeService> recipes();

        /** Press drivers with their service properties. */
        List<Map.Entry<PressDriver, Map<String, Object>>> drivers();

        Optional<SpectrumImporter> importer();

        Optional<CircuitFitter> fitter();
    }

    static final double MAX_HISTORY_S = 3600;
    static final int MAX_HISTORY_POINTS = 2000;
    static final int MAX_UPLOAD_BYTES = 20 << 20;

    private final Services services;
    private final AuditLog audit;
    private final ObjectMapper json;

    Api(Services services, AuditLog audit, ObjectMapper json) {
        this.services = services;
        this.audit = audit;
        this.json = json;
    }

    /**
     * Handles one request.
     *
     * @param path the segments after {@code /api/}
     * @param query the query parameters (first value of each)
     * @param body the request body (empty for none)
     */
    Reply handle(Caller caller, String method, List<String> path, Map<String, String> query, byte[] body) {
        try {
            return route(caller, method, path, query, body);
        } catch (BadRequest e) {
            return Reply.error(400, e.getMessage());
        }
    }

    private Reply route(Caller c, String method, List<String> p, Map<String, String> q, byte[] body) throws BadRequest {
        String head = p.isEmpty() ? "" : p.get(0);
        boolean get = "GET".equals(method);
        boolean post = "POST".equals(method);
        switch (head) {
            case "stations":
                if (p.size() == 1 && get) {
                    return withStations(r -> Reply.ok(r.stations().stream().map(Views::station).toList()));
                }
                if (p.size() == 2 && post && "estop-all".equals(p.get(1))) {
                    return estopAll(c, body);
                }
                if (p.size() >= 2) {
                    return station(c, method, p.get(1), p.subList(2, p.size()), q, body);
                }
                break;
            case "recipes":
                if (p.size() == 1 && get) {
                    return withRecipes(r -> Reply.ok(r.names()));
                }
                if (p.size() == 2 && post && "validate".equals(p.get(1))) {
                    return validate(body);
                }
                if (p.size() == 2 && get) {
                    return withRecipes(r -> {
                        try {
                            return Reply.ok(Views.recipe(r.get(p.get(1))));
                        } catch (RecipeFormatException e) {
                            return Reply.error(404, e.getMessage());
                        }
                    });
                }
                break;
            case "drivers":
                if (p.size() == 1 && get) {
                    List<Object> out = new ArrayList<>();
                    for (Map.Entry<PressDriver, Map<String, Object>> d : services.drivers()) {
                        out.add(Views.driver(d.getKey(), d.getValue()));
                    }
                    return Reply.ok(out);
                }
                break;
            case "audit":
                if (p.size() == 1 && get) {
                    int limit = (int) Math.max(1, Math.min(500, number(q, "limit", 100)));
                    return Reply.ok(audit.recent(limit).stream().map(Views::event).toList());
                }
                break;
            case "impedance":
                if (p.size() == 2 && post && "fit".equals(p.get(1))) {
                    return fit(q, body);
                }
                break;
            default:
                break;
        }
        return Reply.error(get || post ? 404 : 405, "no such resource: " + method + " /presslab/api/" + String.join("/", p));
    }

    private Reply station(Caller c, String method, String id, List<String> rest, Map<String, String> q, byte[] body)
            throws BadRequest {
        Optional<StationRegistry> reg = services.stations();
        if (reg.isEmpty()) {
            return noControl();
        }
        Optional<Station> found = reg.get().station(id);
        if (found.isEmpty()) {
            return Reply.error(404, "no station '" + id + "'; stations: "
                    + reg.get().stations().stream().map(Station::id).toList());
        }
        Station s = found.get();
        if ("GET".equals(method)) {
            if (rest.isEmpty()) {
                return Reply.ok(Views.station(s));
            }
            if (rest.size() == 1 && "history".equals(rest.get(0))) {
                double seconds = number(q, "seconds", 300);
                if (seconds <= 0 || seconds > MAX_HISTORY_S) {
                    throw new BadRequest("seconds must be in (0, " + (int) MAX_HISTORY_S + "], got " + seconds);
                }
                return Reply.ok(history(s.history(seconds)));
            }
            return Reply.error(404, "no such resource: GET /presslab/api/stations/" + id + "/" + String.join("/", rest));
        }
        if (!"POST".equals(method)) {
            return Reply.error(405, "method " + method + " not allowed here");
        }
        JsonNode in = parse(body);
        String cmd = String.join("/", rest);
        // Emergency stop: every authenticated user, never refused.
        if ("estop".equals(cmd)) {
            String reason = text(in, "reason", "emergency stop from the web page");
            java.time.Instant received = java.time.Instant.now();
            s.as(c.actor()).emergencyStop(reason);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("station", id);
            out.put("state", s.status().state().name());
            // When the web layer handed the stop to the station, and when the station latched it (its own record).
            out.put("receivedAt", received.toString());
            out.put("trippedAt", s.status().trip() == null || s.status().trip().time() == null ? null
                    : s.status().trip().time().toString());
            return Reply.ok(out);
        }
        if (!c.role().includes(Role.OPERATOR)) {
            return Reply.error(403, "user '" + c.user() + "' is a " + c.role().jaasName()
                    + ": '" + cmd + "' needs the operator role (a viewer can never move a press)");
        }
        StationCommands sc = s.as(c.actor());
        try {
            switch (cmd) {
                case "ramp" -> sc.ramp(mpaField(in, "targetMPa"), mpaRate(in, s));
                case "hold" -> sc.hold(mpaField(in, "targetMPa"));
                case "release" -> sc.release(mpaField(in, "targetMPa"), mpaRate(in, s));
                case "reset" -> sc.reset();
                case "ack" -> sc.acknowledgeOperator();
                case "recipe/start" -> {
                    RecipeRun run = sc.start(recipeFrom(in));
                    return Reply.ok(Views.run(run));
                }
                case "recipe/pause" -> sc.pauseRecipe("now".equals(text(in, "mode", "step"))
                        ? RecipeRun.PauseMode.IMMEDIATE : RecipeRun.PauseMode.AT_STEP_BOUNDARY);
                case "recipe/resume" -> sc.resumeRecipe();
                case "recipe/abort" -> sc.abortRecipe(text(in, "reason", "aborted from the web page"));
                default -> {
                    return Reply.error(404, "no such command: " + cmd + " (ramp, hold, release, estop, reset, ack, "
                            + "recipe/start, recipe/pause, recipe/resume, recipe/abort)");
                }
            }
        } catch (CommandRefusedException e) {
            return Reply.error(409, e.getMessage());
        }
        return Reply.ok(Views.station(s));
    }

    private Reply estopAll(Caller c, byte[] body) throws BadRequest {
        JsonNode in = parse(body);
        String reason = text(in, "reason", "emergency stop of every station from the web page");
        return withStations(r -> {
            List<String> stopped = new ArrayList<>();
            for (Station s : r.stations()) {
                s.as(c.actor()).emergencyStop(reason);
                stopped.add(s.id());
            }
            return Reply.ok(Map.of("stopped", stopped));
        });
    }

    private Reply validate(byte[] body) throws BadRequest {
        JsonNode in = parse(body);
        Recipe recipe = recipeFrom(in);
        String stationId = text(in, "station", null);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("recipe", Views.recipe(recipe));
        if (stationId != null) {
            Optional<Station> s = services.stations().flatMap(r -> r.station(stationId));
            if (s.isEmpty()) {
                return Reply.error(404, "no station '" + stationId + "'");
            }
            out.put("dryRun", Views.dryRun(stationId, s.get().dryRun(recipe)));
        }
        return Reply.ok(out);
    }

    private Recipe recipeFrom(JsonNode in) throws BadRequest {
        RecipeService rs = services.recipes().orElseThrow(() -> new BadRequest("no RecipeService: control is not running"));
        String name = text(in, "recipe", null);
        String file = text(in, "json", null);
        try {
            if (file != null) {
                return rs.parse(file, text(in, "source", "uploaded recipe"));
            }
            if (name != null) {
                return rs.get(name);
            }
        } catch (RecipeFormatException e) {
            throw new BadRequest(e.getMessage());
        }
        throw new BadRequest("give 'recipe' (a recipe name) or 'json' (a recipe file's content)");
    }

    private Reply fit(Map<String, String> q, byte[] body) throws BadRequest {
        String file = q.get("file");
        String circuit = q.get("circuit");
        if (file == null || file.isBlank()) {
            throw new BadRequest("query parameter 'file' (the uploaded file's name, e.g. cell1.mpt) is required");
        }
        if (circuit == null || circuit.isBlank()) {
            throw new BadRequest("query parameter 'circuit' (e.g. R0-p(R1,CPE1)-W1) is required");
        }
        if (body.length == 0) {
            throw new BadRequest("the request body must be the spectrum file (" + file + "), got nothing");
        }
        Optional<CircuitFitter> fitter = services.fitter();
        Optional<SpectrumImporter> importer = services.importer();
        if (fitter.isEmpty() || importer.isEmpty()) {
            return Reply.error(503, "impedance analysis is not running: install the presslab-impedance feature");
        }
        List<Spectrum> spectra;
        try {
            spectra = importer.get().read(new ByteArrayInputStream(body), file);
        } catch (IOException | RuntimeException e) {
            throw new BadRequest("could not read " + file + " as a spectrum: " + e.getMessage());
        }
        if (spectra.isEmpty()) {
            throw new BadRequest(file + " holds no spectrum");
        }
        FitResult r;
        try {
            r = fitter.get().fit(spectra.get(0), circuit);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("circuit '" + circuit + "': " + e.getMessage());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("file", file);
        out.put("spectra", spectra.size());
        out.put("points", spectra.get(0).frequencies().length);
        out.put("circuit", circuit);
        out.put("converged", r.converged());
        List<Map<String, Object>> params = new ArrayList<>();
        for (FittedParameter fp : r.parameters()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", fp.name());
            m.put("value", Views.fin(fp.value()));
            m.put("stdError", Views.fin(fp.standardError()));
            m.put("unit", fp.unit());
            params.add(m);
        }
        out.put("parameters", params);
        out.put("chiSquare", Views.fin(r.chiSquare()));
        return Reply.ok(out);
    }

    static Map<String, Object> history(List<StationSample> samples) {
        int n = samples.size();
        int stride = Math.max(1, (n + MAX_HISTORY_POINTS - 1) / MAX_HISTORY_POINTS);
        List<Long> t = new ArrayList<>();
        List<Double> p = new ArrayList<>();
        List<Double> sp = new ArrayList<>();
        for (int i = 0; i < n; i += stride) {
            StationSample s = samples.get(i);
            t.add(s.time() == null ? null : s.time().toEpochMilli());
            p.add(s.gap() ? null : Views.mpa(s.pressurePa()));
            sp.add(Views.mpa(s.setpointPa()));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("t", t);
        m.put("pressureMPa", p);
        m.put("setpointMPa", sp);
        return m;
    }

    private Reply withStations(java.util.function.Function<StationRegistry, Reply> f) {
        return services.stations().map(f).orElseGet(Api::noControl);
    }

    private Reply withRecipes(java.util.function.Function<RecipeService, Reply> f) {
        return services.recipes().map(f).orElseGet(() -> Reply.error(503, "no RecipeService: control is not running"));
    }

    private static Reply noControl() {
        return Reply.error(503, "Presslab control is not running (no StationRegistry service): install presslab-core");
    }

    private JsonNode parse(byte[] body) throws BadRequest {
        if (body == null || body.length == 0) {
            return json.createObjectNode();
        }
        try {
            JsonNode n = json.readTree(body);
            if (n == null || !n.isObject()) {
                throw new BadRequest("the request body must be a JSON object, got: " + abbreviate(body));
            }
            return n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadRequest("the request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadRequest("the request body could not be read: " + e.getMessage());
        }
    }

    private static String abbreviate(byte[] body) {
        String s = new String(body, 0, Math.min(body.length, 60), StandardCharsets.UTF_8);
        return body.length > 60 ? s + "..." : s;
    }

    static String text(JsonNode in, String field, String dflt) throws BadRequest {
        JsonNode v = in.get(field);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isTextual()) {
            throw new BadRequest("'" + field + "' must be a string, got " + v);
        }
        return v.asText();
    }

    /** A required pressure in MPa, returned in Pa. */
    static double mpaField(JsonNode in, String field) throws BadRequest {
        JsonNode v = in.get(field);
        if (v == null || v.isNull()) {
            throw new BadRequest("'" + field + "' (MPa) is required");
        }
        double d;
        if (v.isNumber()) {
            d = v.asDouble();
        } else if (v.isTextual()) {
            try {
                d = Double.parseDouble(v.asText().strip());
            } catch (NumberFormatException e) {
                throw new BadRequest("'" + field + "' must be a number of MPa, got '" + v.asText() + "'");
            }
        } else {
            throw new BadRequest("'" + field + "' must be a number of MPa, got " + v);
        }
        if (!Double.isFinite(d)) {
            throw new BadRequest("'" + field + "' must be a finite number of MPa, got " + d);
        }
        return d * 1e6;
    }

    /** The optional {@code rateMPaPerS} in Pa/s; the station's maximum rate when absent. */
    private static double mpaRate(JsonNode in, Station s) throws BadRequest {
        JsonNode v = in.get("rateMPaPerS");
        if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
            return s.limits().maxRatePaPerS();
        }
        return mpaField(in, "rateMPaPerS");
    }

    private static double number(Map<String, String> q, String key, double dflt) throws BadRequest {
        String v = q.get(key);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            double d = Double.parseDouble(v);
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new BadRequest("query parameter '" + key + "' must be a finite number, got '" + v + "'");
        }
    }
}
