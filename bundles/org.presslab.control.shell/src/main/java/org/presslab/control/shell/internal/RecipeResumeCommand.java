package org.presslab.control.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.presslab.control.api.RecipeRun;
import org.presslab.control.api.Station;
import org.presslab.control.shell.internal.completers.StationIdCompleter;

/** recipe:resume */
@Service
@Command(scope = "recipe", name = "resume", description = "Resumes a paused recipe.")
public class RecipeResumeCommand extends RecipeCommandSupport {

    @Argument(index = 0, name = "station", description = "The station id; may be omitted when one station runs a recipe.")
    @Completion(StationIdCompleter.class)
    String stationId;

    @Override
    protected void doExecute() throws Exception {
        Station s = stationWithRun(stationId);
        RecipeRun run = activeRun(s);
        as(s).resumeRecipe();
        out.printf("%s: recipe '%s' resumed%n", s.id(), run.recipe().name());
    }
}
