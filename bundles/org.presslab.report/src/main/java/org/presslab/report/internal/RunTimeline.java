package org.presslab.report.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.presslab.runs.api.CommandRecord;
import org.presslab.runs.api.Gap;
import org.presslab.runs.api.Run;
import org.presslab.runs.api.RunEvent;
import org.presslab.runs.api.RunQuery;

/**
 * A run's events read once and sorted into what the sections need: the recipe's steps as they ran, trips,
 * emergency stops, gaps and commands.
 */
public final class RunTimeline {

    /** One recipe step as it ran: from its STEP_STARTED to the next step or the recipe's end. */
    public record Phase(int step, String type, String message, Instant start, Instant end, Map<String, Object> completed) {
        public double seconds() {
            return Duration.between(start, end).toNanos() / 1e9;
        }
    }

    /** A moment to mark on a chart: a trip, an emergency stop. */
    public record Mark(Instant time, String kind, String text) {
    }

    private final Run run;
    private final Instant end;
    private final List<RunEvent> events;
    private final List<Phase> phases = new ArrayList<>();
    private final List<Mark> marks = new ArrayList<>();
    private final List<Gap> gaps;
    private final List<CommandRecord> commands;
    private String recipeEnd = "";

    public RunTimeline(Run run, RunQuery q, Instant now) {
        this.run = run;
        this.end = run.end() != null ? run.end() : now;
        this.events = q.events(run.id(), null, null, 0);
        this.gaps = q.gaps(run.id());
        this.commands = q.commands(run.id());
        Phase open = null;
        for (RunEvent e : events) {
            switch (e.type()) {
            case "STEP_STARTED" -> {
                if (open != null) {
                    phases.add(new Phase(open.step, open.type, open.message, open.start, e.time(), open.completed));
                }
                open = new Phase(intProp(e, "step"), String.valueOf(e.properties().getOrDefault("type", "")), e.message(),
                        e.time(), null, Map.of());
            }
            case "STEP_COMPLETED" -> {
                if (open != null && intProp(e, "step") == open.step) {
                    phases.add(new Phase(open.step, open.type, open.message, open.start, e.time(), e.properties()));
                    open = null;
                }
            }
            case "RECIPE_COMPLETED", "RECIPE_ABORTED", "RECIPE_FAILED" -> {
                if (open != null) {
                    phases.add(new Phase(open.step, open.type, open.message, open.start, e.time(), open.completed));
                    open = null;
                }
                recipeEnd = e.type() + ": " + e.message();
                if (!e.type().equals("RECIPE_COMPLETED")) {
                    marks.add(new Mark(e.time(), e.type().equals("RECIPE_FAILED") ? "failed" : "aborted", e.message()));
                }
            }
            case "INTERLOCK_TRIPPED" -> marks.add(new Mark(e.time(), "trip", e.message()));
            default -> {
            }
            }
        }
        if (open != null) {
            phases.add(new Phase(open.step, open.type, open.message, open.start, end, open.completed));
        }
        for (CommandRecord c : commands) {
            if (c.command().equals("EMERGENCY_STOP") && c.accepted()) {
                marks.add(new Mark(c.time(), "e-stop", "emergency stop by " + c.actor() + " (" + c.source() + ")"
                        + (c.reason().isEmpty() ? "" : ": " + c.reason())));
            }
        }
        marks.sort((a, b) -> a.time().compareTo(b.time()));
    }

    private static int intProp(RunEvent e, String key) {
        Object v = e.properties().get(key);
        if (v instanceof Number n) {
            return n.intValue();
        }
        try {
            return Integer.parseInt(String.valueOf(v));
        } catch (NumberFormatException ex) {
            return -1;
        }
    }

    public Run run() {
        return run;
    }

    /** The run's end, or now while it runs. */
    public Instant end() {
        return end;
    }

    public List<RunEvent> events() {
        return events;
    }

    public List<Phase> phases() {
        return phases;
    }

    public List<Mark> marks() {
        return marks;
    }

    public List<Gap> gaps() {
        return gaps;
    }

    public List<CommandRecord> commands() {
        return commands;
    }

    /** How the recipe ended ("RECIPE_COMPLETED: ..."), or empty. */
    public String recipeEnd() {
        return recipeEnd;
    }

    /** The unit of this run's time axes, by its span (start to end, or to now while it runs). */
    public TimeAxis axis() {
        return TimeAxis.forSpan(Duration.between(run.start(), end));
    }

    /** The time since the run's start in the unit of {@link #axis()}. */
    public double at(Instant t) {
        return axis().of(Duration.between(run.start(), t));
    }
}
