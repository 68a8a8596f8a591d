package org.presslab.control.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.presslab.control.api.RecipeRun;
import org.presslab.control.api.Station;
import org.presslab.control.shell.internal.completers.StationIdCompleter;

/** recipe:pause */
@Service
@Command(scope = "recipe", name = "pause", description = "Pauses the recipe of a station at the end of the present step, or at once with --now (holding the present setpoint).")
public class RecipePauseCommand extends RecipeCommandSupport {

    @Argument(index = 0, name = "station", description = "The station id; may be omitted when one station runs a recipe.")
    @Completion(StationIdCompleter.class)
    String stationId;

    @Option(name = "-n", aliases = "--now", description = "Pause at once instead of at the step boundary.")
    boolean now;

    @Override
    protected void doExecute() throws Exception {
        Station s = stationWithRun(stationId);
        RecipeRun run = activeRun(s);
        as(s).pauseRecipe(now ? RecipeRun.PauseMode.IMMEDIATE : RecipeRun.PauseMode.AT_STEP_BOUNDARY);
        out.printf("%s: recipe '%s' %s%n", s.id(), run.recipe().name(), now ? "paused" : "pauses after the present step");
    }
}
