package org.presslab.control.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.presslab.control.api.DryRunReport;
import org.presslab.control.api.Recipe;
import org.presslab.control.api.Station;
import org.presslab.control.shell.internal.completers.RecipeNameCompleter;
import org.presslab.control.shell.internal.completers.StationIdCompleter;

/** recipe:validate */
@Service
@Command(scope = "recipe", name = "validate", description = "Checks a recipe without moving anything: its format, then a dry run against a station's limits listing every violation. "
        + "Without --station it dry-runs against every station and fails only on format errors.")
public class RecipeValidateCommand extends RecipeCommandSupport {

    @Argument(index = 0, name = "recipe", description = "A recipe name or a recipe JSON file.", required = true)
    @Completion(RecipeNameCompleter.class)
    String recipe;

    @Option(name = "-s", aliases = "--station", description = "The station whose limits apply; the command fails on any violation.")
    @Completion(StationIdCompleter.class)
    String stationId;

    @Override
    protected void doExecute() throws Exception {
        Recipe r = recipe(recipe);
        out.printf("recipe '%s' v%d: format ok, %d step%s%n", r.name(), r.version(), r.steps().size(),
                r.steps().size() == 1 ? "" : "s");
        if (stationId != null) {
            Station s = station(stationId);
            DryRunReport report = s.dryRun(r);
            RecipeViews.dryRun(s.id(), report, out);
            if (!report.ok()) {
                throw new CommandRefused("recipe '" + r.name() + "' violates " + report.violations().size()
                        + " limit(s) of station " + s.id());
            }
            return;
        }
        List<Station> all = registry.stations();
        if (all.isEmpty()) {
            out.println("no station is configured: limits not checked");
        }
        for (Station s : all) {
            RecipeViews.dryRun(s.id(), s.dryRun(r), out);
        }
    }
}
