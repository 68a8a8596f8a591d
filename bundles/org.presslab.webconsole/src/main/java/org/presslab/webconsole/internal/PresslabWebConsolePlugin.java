package org.presslab.webconsole.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.presslab.control.api.Station;
import org.presslab.control.api.StationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Presslab page of the Felix web console ({@code /system/console/presslab}): every station
 * with state, pressure, setpoint, driver, interlocks, recipe progress and a pressure trend, plus
 * emergency stop and reset. The web console wraps GET output in its own frame and hands POST
 * requests to this servlet as they are; authentication is the web console's (Karaf: JAAS realm
 * karaf, role admin).
 */
@Component(service = Servlet.class, property = {
        "felix.webconsole.label=" + PresslabWebConsolePlugin.LABEL,
        "felix.webconsole.title=Presslab stations",
        "felix.webconsole.category=Presslab"})
public class PresslabWebConsolePlugin extends HttpServlet {

    static final String LABEL = "presslab";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(PresslabWebConsolePlugin.class);
    private static final double TREND_SECONDS = 300;

    /** Optional: without control the page says so instead of disappearing. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile StationRegistry registry;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/html");
        resp.setCharacterEncoding("UTF-8");
        PrintWriter w = resp.getWriter();
        StationRegistry r = registry;
        if (r == null) {
            w.println("<p>Presslab control is not running: no StationRegistry service. Install the presslab-core feature.</p>");
            return;
        }
        List<Station> stations = r.stations();
        StationPage.render(stations, req.getParameter("message"), pluginRoot(req), TREND_SECONDS, w);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String refused = crossSite(req.getScheme(), req.getHeader("Host"), req.getHeader("Origin"), req.getHeader("Referer"));
        if (refused != null) {
            // The web console authenticates with HTTP Basic, which a browser resends by itself: without this check a
            // form on any other site could e-stop or reset a station (issue 11).
            LOG.warn("web console POST refused from {}: {}", req.getRemoteAddr(), refused);
            resp.sendError(HttpServletResponse.SC_FORBIDDEN, refused);
            return;
        }
        String action = req.getParameter("action");
        String station = req.getParameter("station");
        String user = req.getRemoteUser();
        String message = StationActions.perform(registry, action, station, user);
        LOG.info("web console {} on station {} by {}: {}", action, station, user, message);
        // Post/redirect/get: a reload does not repeat the action.
        resp.sendRedirect(pluginRoot(req) + "?message=" + URLEncoder.encode(message, StandardCharsets.UTF_8));
    }

    /**
     * Why a POST is refused as cross-site, or null: its Origin (or, without one, its Referer) must be this server's
     * own scheme://host[:port]; a POST with neither header is refused.
     */
    static String crossSite(String scheme, String host, String origin, String referer) {
        if (host == null || host.isBlank()) {
            return "no Host header";
        }
        String own = (scheme + "://" + host).toLowerCase(java.util.Locale.ROOT);
        String claimed = origin != null && !origin.isBlank() ? origin.strip() : referer;
        if (claimed == null || claimed.isBlank()) {
            return "neither Origin nor Referer header";
        }
        String c = claimed.toLowerCase(java.util.Locale.ROOT);
        if (c.equals(own) || c.startsWith(own + "/")) {
            return null;
        }
        return "cross-site request refused: " + claimed + " is not " + own;
    }

    private static String pluginRoot(HttpServletRequest req) {
        return req.getContextPath() + req.getServletPath() + "/" + LABEL;
    }
}
