package org.presslab.control.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.presslab.control.shell.internal.completers.StationIdCompleter;

/** station:status */
@Service
@Command(scope = "station", name = "status", description = "Shows a station: state, driver, pressure, setpoint, limits, trip and recipe.")
public class StationStatusCommand extends StationCommandSupport {

    @Argument(index = 0, name = "station", description = "The station id.", required = true)
    @Completion(StationIdCompleter.class)
    String id;

    @Override
    protected void doExecute() throws Exception {
        StationViews.status(station(id), out);
    }
}
