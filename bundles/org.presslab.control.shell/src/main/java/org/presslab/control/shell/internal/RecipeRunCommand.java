package org.presslab.control.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.presslab.control.api.Recipe;
import org.presslab.control.api.RecipeRun;
import org.presslab.control.api.Station;
import org.presslab.control.shell.internal.completers.RecipeNameCompleter;
import org.presslab.control.shell.internal.completers.StationIdCompleter;

/** recipe:run */
@Service
@Command(scope = "recipe", name = "run", description = "Starts a recipe on a station after a dry run; refused with every violation listed. "
        + "With --follow, prints live progress (Ctrl-C stops following, not the recipe).")
public class RecipeRunCommand extends RecipeCommandSupport {

    @Argument(index = 0, name = "station", description = "The station id.", required = true)
    @Completion(StationIdCompleter.class)
    String stationId;

    @Argument(index = 1, name = "recipe", description = "A recipe name or a recipe JSON file.", required = true)
    @Completion(RecipeNameCompleter.class)
    String recipe;

    @Option(name = "-f", aliases = "--follow", description = "Follow the run live until it ends or Ctrl-C.")
    boolean follow;

    @Override
    protected void doExecute() throws Exception {
        Station s = station(stationId);
        Recipe r = recipe(recipe);
        RecipeRun run = as(s).start(r);
        out.printf("%s: started recipe '%s' v%d (run %s), about %s%n", s.id(), r.name(), r.version(), run.id(),
                Quantities.duration(run.remainingS()));
        if (follow) {
            follow(s, run);
        }
    }
}
