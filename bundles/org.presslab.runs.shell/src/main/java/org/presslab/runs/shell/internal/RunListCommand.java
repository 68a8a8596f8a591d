package org.presslab.runs.shell.internal;

import java.util.List;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.presslab.runs.api.Run;
import org.presslab.runs.api.RunFilter;
import org.presslab.runs.api.RunOutcome;
import org.presslab.runs.api.StoreHealth;
import org.presslab.runs.shell.internal.completers.StationIdCompleter;

/** run:list */
@Service
@Command(scope = "run", name = "list", description = "Lists runs, newest first: id, station, outcome, start, duration,"
        + " recipe, cell, operator. Interrupted runs (Presslab stopped while they recorded) are listed as INTERRUPTED.")
public class RunListCommand extends RunCommandSupport {

    @Option(name = "-s", aliases = "--station", description = "Only this station.")
    @Completion(StationIdCompleter.class)
    String station;

    @Option(name = "--since", description = "Only runs still running at or after this time: ISO-8601 UTC or an age (12h, 7d).")
    String since;

    @Option(name = "-o", aliases = "--outcome", description = "Only this outcome: RUNNING, COMPLETED, ABORTED, TRIPPED, INTERRUPTED.")
    @Completion(value = StringsCompleter.class, values = {"RUNNING", "COMPLETED", "ABORTED", "TRIPPED", "INTERRUPTED"})
    String outcome;

    @Option(name = "-n", aliases = "--limit", description = "At most this many runs (default 20).")
    int limit = 20;

    @Override
    protected void doExecute() {
        RunFilter f = new RunFilter(station, since == null ? null : when(since), null,
                outcome == null ? null : java.util.Set.of(outcome(outcome)), null, Math.max(1, limit));
        List<Run> list = runs.list(f);
        StoreHealth h = runs.health();
        if (h.state() != StoreHealth.State.OK) {
            out.println("run store " + h.state() + ": " + h.cause());
        }
        if (list.isEmpty()) {
            out.println("no runs");
            return;
        }
        ShellTable t = new ShellTable();
        t.column("id");
        t.column("station");
        t.column("outcome");
        t.column("start (UTC)");
        t.column("duration");
        t.column("recipe");
        t.column("cell");
        t.column("operator");
        for (Run r : list) {
            t.addRow().addContent(r.id(), r.stationId(), r.outcome(), r.start().toString().replace('T', ' '), duration(r),
                    r.recipeName().isEmpty() ? "(by hand)" : r.recipeName(), r.cell().cellId(), r.operator());
        }
        t.print(out);
    }

    static RunOutcome outcome(String s) {
        try {
            return RunOutcome.valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--outcome '" + s + "': one of RUNNING, COMPLETED, ABORTED, TRIPPED, INTERRUPTED");
        }
    }
}
