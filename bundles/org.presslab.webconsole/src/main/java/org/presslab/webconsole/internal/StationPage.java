package org.presslab.webconsole.internal;

import static org.presslab.webconsole.internal.Html.esc;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

import org.presslab.control.api.InterlockStatus;
import org.presslab.control.api.RecipeRun;
import org.presslab.control.api.Station;
import org.presslab.control.api.StationState;
import org.presslab.control.api.StationStatus;

/** Renders the plugin's page: one panel per station. */
final class StationPage {

    private StationPage() {
    }

    static void render(List<Station> stations, String message, String actionPath, double trendSeconds, PrintWriter w) {
        w.println("<style>.pl-panel{border:1px solid #ccc;margin:0 0 14px 0;padding:8px}"
                + ".pl-kv td{padding:1px 10px 1px 0}.pl-num{text-align:right;font-family:monospace}"
                + ".pl-bad{color:#a00;font-weight:bold}.pl-ok{color:#070}.pl-estop{background:#c00;color:#fff;font-weight:bold;"
                + "border:2px solid #800;padding:4px 14px}.pl-msg{background:#ffc;border:1px solid #cc8;padding:6px;margin-bottom:10px}"
                + "</style>");
        if (message != null && !message.isBlank()) {
            w.println("<div class=\"pl-msg\">" + esc(message) + "</div>");
        }
        w.println("<p><label><input type=\"checkbox\" id=\"pl-auto\" checked> refresh every 2 s</label></p>");
        w.println("<script>setInterval(function(){if(document.getElementById('pl-auto').checked){location.reload();}},2000);</script>");
        if (stations.isEmpty()) {
            w.println("<p>No station is configured. Create a factory configuration of the station PID (see the control bundle's README).</p>");
            return;
        }
        for (Station s : stations) {
            panel(s, actionPath, trendSeconds, w);
        }
    }

    private static void panel(Station s, String actionPath, double trendSeconds, PrintWriter w) {
        StationStatus st = s.status();
        boolean bad = st.state() == StationState.TRIPPED || st.state() == StationState.EMERGENCY_STOPPED
                || st.state() == StationState.NO_DRIVER;
        w.println("<div class=\"pl-panel\" id=\"station-" + esc(s.id()) + "\">");
        w.println("<h3>" + esc(s.id()) + " <span class=\"" + (bad ? "pl-bad" : "pl-ok") + "\">" + esc(st.state()) + "</span> "
                + "<small>" + esc(s.config().description()) + "</small></h3>");
        w.println("<table class=\"pl-kv\"><tr>");
        cell(w, "Pressure", mpa(st.pressurePa()) + " MPa");
        cell(w, "Setpoint", mpa(st.setpointPa()) + " MPa");
        cell(w, "Target", mpa(st.targetPa()) + " MPa");
        cell(w, "Force", Double.isFinite(st.forceN()) ? String.format(Locale.ROOT, "%.3f kN", st.forceN() / 1e3) : "-");
        cell(w, "Driver", (st.driverId() == null ? "none" : st.driverId()) + (st.connection() == null ? "" : " (" + st.connection() + ")"));
        cell(w, "Quality", st.quality() == null ? "-" : st.quality().name());
        cell(w, "Limit", mpa(s.limits().maxPressurePa()) + " MPa (" + s.limits().maxPressureSource() + ")");
        w.println("</tr></table>");
        if (st.message() != null && !st.message().isBlank()) {
            w.println("<p>" + esc(st.message()) + "</p>");
        }
        if (st.trip() != null) {
            w.println("<p class=\"pl-bad\">Trip: " + esc(st.trip().interlock()) + ": " + esc(st.trip().message()) + " ("
                    + esc(st.trip().action()) + ", " + esc(st.trip().time()) + ")</p>");
        }
        s.run().ifPresent(r -> w.println("<p>Recipe: " + esc(progress(r)) + "</p>"));
        w.println(Trend.svg(s.history(trendSeconds), trendSeconds));
        interlocks(s.interlocks(), w);
        w.println("<form method=\"post\" action=\"" + esc(actionPath) + "\" style=\"display:inline\">"
                + "<input type=\"hidden\" name=\"station\" value=\"" + esc(s.id()) + "\">"
                + "<button class=\"pl-estop\" name=\"action\" value=\"estop\" type=\"submit\">EMERGENCY STOP</button> "
                + "<button name=\"action\" value=\"reset\" type=\"submit\">Reset</button></form>");
        w.println("</div>");
    }

    private static void interlocks(List<InterlockStatus> list, PrintWriter w) {
        w.println("<table class=\"nicetable\"><thead><tr><th>Interlock</th><th>State</th><th>Value</th><th>Limit</th>"
                + "<th>Checks</th></tr></thead><tbody>");
        for (InterlockStatus i : list) {
            String unit = i.unit() == null ? "" : i.unit();
            double f = switch (unit) {
                case "Pa", "Pa/s" -> 1e-6;
                default -> 1;
            };
            String shown = switch (unit) {
                case "Pa" -> "MPa";
                case "Pa/s" -> "MPa/s";
                default -> unit;
            };
            w.println("<tr><td>" + esc(i.kind()) + "</td><td class=\"" + (i.tripped() ? "pl-bad\">TRIPPED" : "pl-ok\">ok")
                    + "</td><td class=\"pl-num\">" + num(i.value() * f) + " " + esc(shown) + "</td><td class=\"pl-num\">"
                    + num(i.limit() * f) + " " + esc(shown) + "</td><td>" + esc(i.detail()) + "</td></tr>");
        }
        w.println("</tbody></table>");
    }

    static String progress(RecipeRun r) {
        int n = r.recipe().steps().size();
        String step = r.stepIndex() < n ? "step " + (r.stepIndex() + 1) + "/" + n + " " + r.recipe().steps().get(r.stepIndex()).describe()
                : "all " + n + " steps done";
        return String.format(Locale.ROOT, "%s v%d %s, %s, %.0f s left%s", r.recipe().name(), r.recipe().version(), r.state(), step,
                r.remainingS(), r.message().isEmpty() ? "" : ": " + r.message());
    }

    private static void cell(PrintWriter w, String k, String v) {
        w.print("<td><b>" + esc(k) + "</b> " + esc(v) + "</td>");
    }

    static String mpa(double pa) {
        return Double.isFinite(pa) ? String.format(Locale.ROOT, "%.2f", pa / 1e6) : "-";
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3g", v) : "-";
    }
}
