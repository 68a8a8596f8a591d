package org.presslab.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.presslab.control.api.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Everything under {@code /presslab}: the page and its files, the login, the REST API and the live stream. The order
 * of checks for {@code /presslab/api/*}: a session (else 401), for a request that changes state the same-origin check
 * and the CSRF token (else 403), then the role of the route (else 403, in {@link Api}). Static files and the OpenAPI
 * description need no session; they hold no data.
 */
class PresslabServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(PresslabServlet.class);

    /** The header the page sets on its own requests: its commands are recorded with source WEB, others with REST. */
    static final String CLIENT_HEADER = "X-Presslab-Client";
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final String ROOT = "/presslab";

    /** The settings of {@link WebConfig}, as plain values. */
    record Settings(Duration sessionIdle, int maxSessions, int maxLiveClients, double liveUpdatesPerSecond,
            int liveQueueCapacity, int auditEntries, Set<String> allowedOrigins) {
        static Settings defaults() {
            return new Settings(Duration.ofMinutes(30), 64, 16, 20, 2048, 500, Set.of());
        }
    }

    private final transient ObjectMapper json = new ObjectMapper();
    private final transient Sessions sessions;
    private final transient OriginGuard guard;
    private final transient Authenticator auth;
    private final transient LiveHub hub;
    private final transient AuditLog audit;
    private final transient Api api;
    private final transient StaticResources resources;
    private transient volatile boolean closing;

    PresslabServlet(Settings s, Api.Services services, Authenticator auth) {
        this.sessions = new Sessions(s.sessionIdle(), s.maxSessions(), System::nanoTime);
        this.guard = new OriginGuard(s.allowedOrigins());
        this.auth = auth;
        this.hub = new LiveHub(s.maxLiveClients(), s.liveUpdatesPerSecond(), s.liveQueueCapacity());
        this.audit = new AuditLog(s.auditEntries());
        this.api = new Api(services, audit, json);
        this.resources = new StaticResources(PresslabServlet.class.getClassLoader());
    }

    LiveHub hub() {
        return hub;
    }

    AuditLog audit() {
        return audit;
    }

    /** Ends every live stream (within about a second). */
    void close() {
        closing = true;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        securityHeaders(resp);
        try {
            serve(req, resp);
        } catch (RuntimeException | LinkageError e) {
            // Never a stack trace to the browser: it goes to the log, the client gets a plain message.
            LOG.error("{} {} failed", req.getMethod(), req.getRequestURI(), e);
            if (!resp.isCommitted()) {
                resp.reset();
                securityHeaders(resp);
                send(resp, 500, Map.of("error", "internal error (" + e.getClass().getSimpleName() + "), details in karaf.log"));
            }
        }
    }

    private void serve(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getRequestURI().substring(req.getContextPath().length());
        if (!path.startsWith(ROOT)) {
            resp.sendError(404);
            return;
        }
        String rest = path.substring(ROOT.length());
        String method = req.getMethod();
        if (rest.isEmpty()) {
            resp.sendRedirect(req.getContextPath() + ROOT + "/");
            return;
        }
        if (rest.equals("/") || rest.equals("/index.html")) {
            serveStatic("index.html", method, resp);
            return;
        }
        if (rest.startsWith("/static/")) {
            serveStatic(rest.substring("/static/".length()), method, resp);
            return;
        }
        if (rest.equals("/api/openapi.json")) {
            serveStatic("openapi.json", method, resp);
            return;
        }
        if (!rest.startsWith("/api/")) {
            resp.sendError(404);
            return;
        }
        resp.setHeader("Cache-Control", "no-store");
        String apiPath = rest.substring("/api/".length());
        boolean changesState = !("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method));
        if (changesState) {
            Optional<String> refused = guard.refusal(req.getScheme(), req.getHeader("Host"), req.getHeader("Origin"),
                    req.getHeader("Referer"));
            if (refused.isPresent()) {
                LOG.warn("refused {} {} from {}: {}", method, path, req.getRemoteAddr(), refused.get());
                send(resp, 403, Map.of("error", refused.get()));
                return;
            }
        }
        if (apiPath.equals("login") && "POST".equals(method)) {
            login(req, resp);
            return;
        }
        Optional<Sessions.Session> session = sessions.find(cookie(req));
        if (session.isEmpty()) {
            send(resp, 401, Map.of("error", "not logged in (no session, or it expired): POST /presslab/api/login first"));
            return;
        }
        Sessions.Session s = session.get();
        if (changesState && !Sessions.same(s.csrfToken(), req.getHeader(CSRF_HEADER))) {
            LOG.warn("refused {} {} of user {}: missing or wrong CSRF token", method, path, s.user());
            send(resp, 403, Map.of("error", "missing or wrong " + CSRF_HEADER + " header (the token GET /presslab/api/session gives)"));
            return;
        }
        switch (apiPath) {
            case "session" -> {
                if ("GET".equals(method)) {
                    send(resp, 200, sessionView(s));
                    return;
                }
            }
            case "logout" -> {
                if ("POST".equals(method)) {
                    sessions.remove(s.id());
                    clearCookie(req, resp);
                    send(resp, 200, Map.of("loggedOut", s.user()));
                    return;
                }
            }
            case "live" -> {
                if ("GET".equals(method)) {
                    live(s, resp);
                    return;
                }
            }
            default -> {
            }
        }
        Actor.Source source = "page".equals(req.getHeader(CLIENT_HEADER)) ? Actor.Source.WEB : Actor.Source.REST;
        Api.Caller caller = new Api.Caller(s.user(), s.role(), source);
        byte[] body = readBody(req);
        if (body == null) {
            send(resp, 413, Map.of("error", "request body larger than " + (Api.MAX_UPLOAD_BYTES >> 20) + " MiB"));
            return;
        }
        List<String> segments = apiPath.isEmpty() ? List.of() : Arrays.asList(apiPath.split("/", -1));
        Map<String, String> query = new LinkedHashMap<>();
        req.getParameterMap().forEach((k, v) -> query.put(k, v.length == 0 ? "" : v[0]));
        Api.Reply reply = api.handle(caller, method, segments, query, body);
        if (changesState) {
            LOG.info("{} {} by {} ({}): {}", method, path, s.user(), source, reply.status());
        }
        if (reply.body() instanceof RunsApi.Download d) {
            report(d, s.user(), resp);
            return;
        }
        send(resp, reply.status(), reply.body());
    }

    private void login(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        byte[] body = readBody(req);
        String user;
        char[] password;
        try {
            JsonNode in = json.readTree(body == null ? new byte[0] : body);
            if (in == null || !in.isObject()) {
                send(resp, 400, Map.of("error", "login body must be a JSON object {\"user\": ..., \"password\": ...}"));
                return;
            }
            user = in.path("user").asText("");
            password = in.path("password").asText("").toCharArray();
        } catch (IOException e) {
            send(resp, 400, Map.of("error", "login body is not valid JSON"));
            return;
        }
        Optional<Authenticator.Identity> id;
        try {
            id = auth.authenticate(user, password);
        } catch (Authenticator.RealmUnavailable e) {
            resp.setHeader("Retry-After", "5");
            send(resp, 503, Map.of("error", e.getMessage()));
            return;
        } finally {
            Arrays.fill(password, '\0');
        }
        if (id.isEmpty()) {
            send(resp, 401, Map.of("error", "wrong user name or password"));
            return;
        }
        Optional<Role> role = Role.highest(id.get().roles());
        if (role.isEmpty()) {
            send(resp, 403, Map.of("error", "user '" + user + "' has none of the roles viewer, operator, admin"));
            return;
        }
        Sessions.Session s = sessions.create(id.get().user(), role.get());
        String cookie = Sessions.COOKIE + "=" + s.id() + "; Path=" + req.getContextPath() + ROOT + "; HttpOnly; SameSite=Strict"
                + (req.isSecure() ? "; Secure" : "");
        resp.addHeader("Set-Cookie", cookie);
        LOG.info("web login of user {} as {} from {}", s.user(), s.role().jaasName(), req.getRemoteAddr());
        send(resp, 200, sessionView(s));
    }

    private static Map<String, Object> sessionView(Sessions.Session s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("user", s.user());
        m.put("role", s.role().jaasName());
        m.put("canOperate", s.role().includes(Role.OPERATOR));
        m.put("isAdmin", s.role().includes(Role.ADMIN));
        m.put("csrfToken", s.csrfToken());
        return m;
    }

    private void clearCookie(HttpServletRequest req, HttpServletResponse resp) {
        resp.addHeader("Set-Cookie", Sessions.COOKIE + "=; Path=" + req.getContextPath() + ROOT
                + "; Max-Age=0; HttpOnly; SameSite=Strict");
    }

    /** Server-Sent Events: samples (decimated) and events, until the browser goes, the session ends or we close. */
    private void live(Sessions.Session s, HttpServletResponse resp) throws IOException {
        Optional<LiveHub.Client> opened = hub.open(s.user());
        if (opened.isEmpty()) {
            send(resp, 503, Map.of("error", "too many live streams open; close another page"));
            return;
        }
        LiveHub.Client c = opened.get();
        resp.setStatus(200);
        resp.setContentType("text/event-stream");
        resp.setCharacterEncoding("UTF-8");
        OutputStream out = resp.getOutputStream();
        try {
            out.write("retry: 2000\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            long lastWrite = System.nanoTime();
            long lastSessionCheck = lastWrite;
            long reportedDrops = 0;
            while (!closing) {
                LiveHub.Message m = c.poll(500);
                long now = System.nanoTime();
                if (now - lastSessionCheck > 2_000_000_000L) {
                    lastSessionCheck = now;
                    if (sessions.find(s.id()).isEmpty()) {
                        out.write("event: logout\ndata: {}\n\n".getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        return;
                    }
                }
                if (m == null) {
                    if (now - lastWrite > 5_000_000_000L) {
                        out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        lastWrite = now;
                    }
                    continue;
                }
                int n = 0;
                while (m != null && n < 256) {
                    writeEvent(out, m.type(), m.data());
                    n++;
                    m = c.poll(0);
                }
                if (m != null) {
                    writeEvent(out, m.type(), m.data());
                }
                long dropped = c.dropped();
                if (dropped != reportedDrops) {
                    reportedDrops = dropped;
                    writeEvent(out, "dropped", Map.of("dropped", dropped));
                }
                out.flush();
                lastWrite = System.nanoTime();
            }
        } catch (IOException e) {
            LOG.debug("live stream of {} ended: {}", s.user(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            hub.close(c);
        }
    }

    /** How long a download waits for the report service before it gives up (the report keeps its own bounds). */
    static final long REPORT_TIMEOUT_S = 120;

    /**
     * Streams a report as an attachment. It is rendered on the report service's own bounded executor while this
     * request's thread waits; the headers go out with the first byte, so a report that fails before it writes
     * anything still answers with a JSON error (queue full: 503; unknown run or format: 400), and one that fails
     * later ends the response early. After a timeout the stream refuses every further write.
     */
    private void report(RunsApi.Download d, String user, HttpServletResponse resp) throws IOException {
        ReportStream out = new ReportStream(resp, d);
        java.util.concurrent.CompletableFuture<Void> f;
        try {
            f = d.reports().render(d.runIds(), d.format(), out);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            send(resp, 503, Map.of("error", "the report service is busy: " + e.getMessage()));
            return;
        }
        Throwable failure = null;
        try {
            f.get(REPORT_TIMEOUT_S, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            failure = e.getCause() == null ? e : e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            f.cancel(true);
            failure = new java.util.concurrent.TimeoutException("the report took longer than " + REPORT_TIMEOUT_S + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = e;
        } finally {
            out.finish();
        }
        if (failure == null) {
            LOG.info("report {} of run {} for {}", d.format(), d.runIds(), user);
            if (!out.started()) {
                out.begin();
            }
            return;
        }
        LOG.warn("report {} of run {} for {} failed", d.format(), d.runIds(), user, failure);
        if (out.started()) {
            return; // headers and part of the body are out: the client sees a short download
        }
        if (failure instanceof java.util.concurrent.RejectedExecutionException) {
            // the report service's contract: a full queue fails the returned future at once
            send(resp, 503, Map.of("error", "the report service is busy: " + failure.getMessage()));
            return;
        }
        int status = failure instanceof java.util.concurrent.TimeoutException ? 503
                : failure instanceof IllegalArgumentException ? 400 : 500;
        send(resp, status, Map.of("error", "report of run " + String.join(", ", d.runIds()) + " (" + d.format()
                + ") failed: " + failure.getMessage()));
    }

    /** The servlet's stream, opened with the download's headers at the first byte; closed for good by {@link #finish}. */
    private static final class ReportStream extends OutputStream {
        private final HttpServletResponse resp;
        private final RunsApi.Download d;
        private OutputStream out;
        private boolean finished;

        ReportStream(HttpServletResponse resp, RunsApi.Download d) {
            this.resp = resp;
            this.d = d;
        }

        synchronized boolean started() {
            return out != null;
        }

        synchronized void begin() throws IOException {
            if (out == null) {
                resp.setStatus(200);
                resp.setContentType(d.contentType());
                String name = d.fileName().replaceAll("[^A-Za-z0-9._-]", "_");
                resp.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
                out = resp.getOutputStream();
            }
        }

        synchronized void finish() {
            finished = true;
        }

        private OutputStream target() throws IOException {
            if (finished) {
                throw new IOException("the download ended (timed out or the client went away)");
            }
            begin();
            return out;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            target().write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            target().write(b, off, len);
        }

        @Override
        public synchronized void flush() throws IOException {
            if (!finished && out != null) {
                out.flush();
            }
        }
    }

    private void writeEvent(OutputStream out, String type, Object data) throws IOException {
        out.write(("event: " + type + "\ndata: ").getBytes(StandardCharsets.UTF_8));
        out.write(json.writeValueAsBytes(data));
        out.write("\n\n".getBytes(StandardCharsets.UTF_8));
    }

    private void serveStatic(String name, String method, HttpServletResponse resp) throws IOException {
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            resp.sendError(405);
            return;
        }
        Optional<StaticResources.Resource> r = resources.get(name);
        if (r.isEmpty()) {
            resp.sendError(404);
            return;
        }
        resp.setContentType(r.get().contentType());
        resp.setHeader("Cache-Control", "no-cache");
        resp.setContentLength(r.get().bytes().length);
        if ("GET".equals(method)) {
            resp.getOutputStream().write(r.get().bytes());
        }
    }

    private static void securityHeaders(HttpServletResponse resp) {
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("X-Frame-Options", "DENY");
        resp.setHeader("Referrer-Policy", "same-origin");
        resp.setHeader("Content-Security-Policy",
                "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'");
    }

    private void send(HttpServletResponse resp, int status, Object body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        byte[] b = json.writeValueAsBytes(body);
        resp.setContentLength(b.length);
        resp.getOutputStream().write(b);
    }

    private static String cookie(HttpServletRequest req) {
        Cookie[] cookies = req.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie c : cookies) {
            if (Sessions.COOKIE.equals(c.getName())) {
                return c.getValue();
            }
        }
        return null;
    }

    /** The body, or null when it is larger than the limit. */
    private static byte[] readBody(HttpServletRequest req) throws IOException {
        if (req.getContentLengthLong() > Api.MAX_UPLOAD_BYTES) {
            return null;
        }
        try (InputStream in = req.getInputStream()) {
            byte[] b = in.readNBytes(Api.MAX_UPLOAD_BYTES + 1);
            return b.length > Api.MAX_UPLOAD_BYTES ? null : b;
        }
    }
}
