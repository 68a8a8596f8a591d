package org.presslab.control.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.presslab.control.api.RecipeRun;
import org.presslab.control.api.Station;
import org.presslab.control.shell.internal.completers.StationIdCompleter;

/** recipe:abort */
@Service
@Command(scope = "recipe", name = "abort", description = "Aborts the recipe of a station; the station holds its present pressure.")
public class RecipeAbortCommand extends RecipeCommandSupport {

    @Argument(index = 0, name = "station", description = "The station id; may be omitted when one station runs a recipe.")
    @Completion(StationIdCompleter.class)
    String stationId;

    @Option(name = "-m", aliases = "--reason", description = "Why, for the record.")
    String reason = "aborted from the shell";

    @Override
    protected void doExecute() throws Exception {
        Station s = stationWithRun(stationId);
        RecipeRun run = activeRun(s);
        as(s).abortRecipe(reason);
        out.printf("%s: recipe '%s' aborted; holding %s MPa%n", s.id(), run.recipe().name(),
                Quantities.mpa(s.status().pressurePa()));
    }
}
