package org.presslab.runs.shell.internal;

import java.util.List;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.presslab.runs.api.Gap;
import org.presslab.runs.api.Note;
import org.presslab.runs.api.Run;
import org.presslab.runs.api.RunEvent;
import org.presslab.runs.api.RunQuery;
import org.presslab.runs.api.RunStoreException;
import org.presslab.runs.api.SampleBucket;
import org.presslab.runs.api.SampleSeries;
import org.presslab.runs.shell.internal.completers.RunIdCompleter;

/** run:show */
@Service
@Command(scope = "run", name = "show", description = "Shows a run: metadata, recipe and its SHA-256, cell, device and driver"
        + " bundle, outcome, sample count and pressure range, gaps with their cause, notes and the last events.")
public class RunShowCommand extends RunCommandSupport {

    @Reference
    RunQuery query;

    @Argument(index = 0, name = "id", description = "The run id.", required = true)
    @Completion(RunIdCompleter.class)
    String id;

    @Option(name = "-e", aliases = "--events", description = "How many of the last events to show (default 10).")
    int events = 10;

    @Override
    protected void doExecute() {
        Run r = runs.get(id).orElseThrow(() -> new RunStoreException(RunStoreException.Reason.NOT_FOUND, "no run '" + id + "'"));
        out.printf("run %s on station %s (instance %s)%n", r.id(), r.stationId(), r.instanceId());
        out.printf("  outcome    %s%s%n", r.outcome(), r.outcomeMessage().isEmpty() ? "" : ": " + r.outcomeMessage());
        out.printf("  start      %s%n  end        %s (%s)%n", r.start(), r.end() == null ? "running" : r.end(), duration(r));
        out.printf("  operator   %s (%s)%n", r.operator(), r.operatorSource());
        out.printf("  recipe     %s%n", r.hasRecipe() ? r.recipeName() + "  sha256 " + r.recipeSha256() : "(by hand)");
        out.printf(Locale.ROOT, "  cell       %s  electrolyte %s  anode %s  cathode %s  pellet %s x %s  die %s%n",
                nz(r.cell().cellId()), nz(r.cell().electrolyte()), nz(r.cell().anode()), nz(r.cell().cathode()),
                mm(r.cell().pelletDiameterM()), mm(r.cell().pelletThicknessM()), nz(r.cell().dieId()));
        out.printf("  device     %s  driver %s  bundle %s %s%n", nz(r.device().label()), nz(r.device().driverId()),
                nz(r.device().driverBundle()), r.device().driverBundleVersion());
        long n = query.sampleCount(r.id());
        SampleSeries s = query.samples(r.id(), null, null, 1);
        String range = "";
        if (!s.buckets().isEmpty()) {
            SampleBucket b = s.buckets().get(0);
            range = "  pressure " + mpa(b.pressureMinPa()) + " .. " + mpa(b.pressureMaxPa()) + ", mean " + mpa(b.pressureMeanPa());
        }
        out.printf("  samples    %d raw%s%n", n, range);
        List<Gap> gaps = query.gaps(r.id());
        out.printf("  gaps       %d%n", gaps.size());
        for (Gap g : gaps) {
            out.printf("    %s .. %s  %s  %s%s%n", g.start(), g.end() == null ? "open" : g.end(), g.cause(),
                    g.lostRows() < 0 ? "lost: unknown" : g.lostRows() + " rows lost", g.message().isEmpty() ? "" : "  " + g.message());
        }
        List<Note> notes = query.notes(r.id());
        if (!notes.isEmpty()) {
            out.println("  notes");
            for (Note x : notes) {
                out.printf("    %s  %s: %s%n", x.time(), x.author(), x.text());
            }
        }
        int spectra = query.spectra(r.id()).size();
        int logs = query.cyclingLogs(r.id()).size();
        if (spectra + logs > 0) {
            out.printf("  attached   %d spectra, %d cycling logs%n", spectra, logs);
        }
        List<RunEvent> last = query.lastEvents(r.id(), Math.max(1, events));
        out.printf("  last %d events%n", last.size());
        for (RunEvent e : last) {
            out.printf("    %s  %-20s %s%n", e.time(), e.type(), e.message());
        }
    }

    private static String nz(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }

    private static String mm(double m) {
        return Double.isNaN(m) ? "-" : String.format(Locale.ROOT, "%.3f mm", m * 1e3);
    }
}
