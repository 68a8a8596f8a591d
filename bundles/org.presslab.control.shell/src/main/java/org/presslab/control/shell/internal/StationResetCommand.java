package org.presslab.control.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.presslab.control.api.Station;
import org.presslab.control.shell.internal.completers.StationIdCompleter;

/** station:reset */
@Service
@Command(scope = "station", name = "reset", description = "Clears a latched trip or emergency stop once its cause is gone; the station then holds its present pressure.")
public class StationResetCommand extends StationCommandSupport {

    @Argument(index = 0, name = "station", description = "The station id.", required = true)
    @Completion(StationIdCompleter.class)
    String id;

    @Override
    protected void doExecute() throws Exception {
        Station s = station(id);
        as(s).reset();
        out.printf("%s: reset, now %s%n", s.id(), s.status().state());
    }
}
