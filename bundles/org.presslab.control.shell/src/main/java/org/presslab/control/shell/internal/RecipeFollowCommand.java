package org.presslab.control.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.presslab.control.api.Station;
import org.presslab.control.shell.internal.completers.StationIdCompleter;

/** recipe:follow */
@Service
@Command(scope = "recipe", name = "follow", description = "Prints live progress of the recipe on a station until it ends. Ctrl-C stops following, not the recipe.")
public class RecipeFollowCommand extends RecipeCommandSupport {

    @Argument(index = 0, name = "station", description = "The station id; may be omitted when one station runs a recipe.")
    @Completion(StationIdCompleter.class)
    String stationId;

    @Override
    protected void doExecute() throws Exception {
        Station s = stationWithRun(stationId);
        follow(s, run(s));
    }
}
