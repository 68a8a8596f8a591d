package org.presslab.webconsole.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.presslab.control.api.StationSample;

/**
 * An inline SVG chart of pressure and setpoint over the last minutes. Gaps (no driver, stale
 * readings) break the pressure line and are shaded, so a hole in the record shows as a hole.
 */
final class Trend {

    static final int WIDTH = 640;
    static final int HEIGHT = 160;
    private static final int LEFT = 44;
    private static final int BOTTOM = 18;

    private Trend() {
    }

    /**
     * @param samples oldest first
     * @param windowS the time span shown, seconds, ending at the last sample
     */
    static String svg(List<StationSample> samples, double windowS) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "role=\"img\" aria-label=\"pressure trend\">",
                WIDTH, HEIGHT, WIDTH, HEIGHT));
        sb.append("<rect x=\"0\" y=\"0\" width=\"100%\" height=\"100%\" fill=\"#fff\" stroke=\"#ccc\"/>");
        if (samples.isEmpty()) {
            sb.append("<text x=\"50%\" y=\"50%\" text-anchor=\"middle\" fill=\"#888\">no samples yet</text></svg>");
            return sb.toString();
        }
        long end = samples.get(samples.size() - 1).timeNanos();
        long start = end - (long) (windowS * 1e9);
        double max = 1e6;
        for (StationSample s : samples) {
            if (Double.isFinite(s.pressurePa())) {
                max = Math.max(max, s.pressurePa());
            }
            if (Double.isFinite(s.setpointPa())) {
                max = Math.max(max, s.setpointPa());
            }
        }
        double top = niceCeiling(max * 1.1 / 1e6);
        // Grid and labels in MPa.
        for (int k = 0; k <= 4; k++) {
            double mpa = top * k / 4;
            double y = y(mpa * 1e6, top);
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>", LEFT, y,
                    WIDTH, y));
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\" fill=\"#555\">%s</text>",
                    LEFT - 4, y + 3, trim(mpa)));
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\" fill=\"#555\">MPa, last %s</text>", LEFT,
                HEIGHT - 4, windowS >= 120 ? Math.round(windowS / 60) + " min" : Math.round(windowS) + " s"));
        // Gaps shaded.
        Double gapStart = null;
        for (StationSample s : samples) {
            double x = x(s.timeNanos(), start, end);
            if (s.gap() && gapStart == null) {
                gapStart = x;
            } else if (!s.gap() && gapStart != null) {
                sb.append(gapRect(gapStart, x));
                gapStart = null;
            }
        }
        if (gapStart != null) {
            sb.append(gapRect(gapStart, WIDTH));
        }
        for (String path : polylines(samples, start, end, top, true)) {
            sb.append("<polyline fill=\"none\" stroke=\"#999\" stroke-dasharray=\"4 3\" stroke-width=\"1\" points=\"")
                    .append(path).append("\"/>");
        }
        for (String path : polylines(samples, start, end, top, false)) {
            sb.append("<polyline fill=\"none\" stroke=\"#1f6fb2\" stroke-width=\"1.5\" points=\"").append(path).append("\"/>");
        }
        sb.append("</svg>");
        return sb.toString();
    }

    /** Point lists of the pressure (or setpoint) line; a gap or a NaN starts a new one. */
    static List<String> polylines(List<StationSample> samples, long start, long end, double topMPa, boolean setpoint) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int points = 0;
        for (StationSample s : samples) {
            if (s.timeNanos() < start) {
                continue;
            }
            double v = setpoint ? s.setpointPa() : s.pressurePa();
            boolean hole = !Double.isFinite(v) || (!setpoint && s.gap());
            if (hole) {
                if (points > 1) {
                    out.add(cur.toString().trim());
                }
                cur.setLength(0);
                points = 0;
                continue;
            }
            cur.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(s.timeNanos(), start, end), y(v, topMPa)));
            points++;
        }
        if (points > 1) {
            out.add(cur.toString().trim());
        }
        return out;
    }

    private static String gapRect(double x0, double x1) {
        return String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"0\" width=\"%.1f\" height=\"%d\" fill=\"#f8d7da\" opacity=\"0.7\">"
                + "<title>gap: no driver or no fresh reading</title></rect>", x0, Math.max(1, x1 - x0), HEIGHT - BOTTOM);
    }

    static double x(long t, long start, long end) {
        double span = Math.max(1, end - start);
        return LEFT + (WIDTH - LEFT - 2) * (t - start) / span;
    }

    static double y(double pa, double topMPa) {
        double plot = HEIGHT - BOTTOM - 4;
        return 4 + plot * (1 - Math.max(0, pa / 1e6) / topMPa);
    }

    /** 1, 2, 5 × 10^k at or above v. */
    static double niceCeiling(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
