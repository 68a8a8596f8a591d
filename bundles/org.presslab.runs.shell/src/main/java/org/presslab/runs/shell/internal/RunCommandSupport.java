package org.presslab.runs.shell.internal;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.ShellUtil;
import org.presslab.runs.api.Run;
import org.presslab.runs.api.RunService;
import org.presslab.runs.api.RunStoreException;

/**
 * Base of the run: commands. Output goes to {@link #out}; every refusal of the store (unknown run, a run
 * already open, database unavailable) and every bad option ends the command with its message, never a stack
 * trace.
 */
public abstract class RunCommandSupport implements Action {

    @Reference
    protected RunService runs;

    protected PrintStream out = System.out;

    @Override
    public final Object execute() throws Exception {
        try {
            doExecute();
            return null;
        } catch (RunStoreException e) {
            throw new RunCommandFailed(e.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + e.getMessage());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new RunCommandFailed(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    protected abstract void doExecute() throws Exception;

    /** The user of the shell session, the default operator. */
    protected static String shellUser() {
        try {
            String u = ShellUtil.getCurrentUserName();
            return u == null || u.isBlank() ? "karaf" : u;
        } catch (RuntimeException e) {
            return "karaf";
        }
    }

    /** An ISO-8601 instant (2026-12-04T10:00:00Z) or an age before now (90m, 12h, 7d). */
    static Instant when(String s) {
        String t = s.trim();
        try {
            if (t.matches("\\d+(\\.\\d+)?[smhd]")) {
                double v = Double.parseDouble(t.substring(0, t.length() - 1));
                double unit = switch (t.charAt(t.length() - 1)) {
                    case 's' -> 1;
                    case 'm' -> 60;
                    case 'h' -> 3600;
                    default -> 86400;
                };
                return Instant.now().minus(Duration.ofMillis(Math.round(v * unit * 1000)));
            }
            return Instant.parse(t);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("--since '" + s + "': give an ISO-8601 UTC time (2026-12-04T10:00:00Z) or an age"
                    + " (90m, 12h, 7d)");
        }
    }

    static String mpa(double pa) {
        return Double.isNaN(pa) ? "-" : String.format(Locale.ROOT, "%.3f MPa", pa / 1e6);
    }

    static String duration(Run r) {
        Instant end = r.end() == null ? Instant.now() : r.end();
        long s = Duration.between(r.start(), end).getSeconds();
        return s >= 86400 ? String.format(Locale.ROOT, "%dd %02dh", s / 86400, s % 86400 / 3600)
                : String.format(Locale.ROOT, "%02d:%02d:%02d", s / 3600, s % 3600 / 60, s % 60);
    }
}
