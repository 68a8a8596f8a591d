package org.presslab.control.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.presslab.control.shell.internal.completers.StationIdCompleter;

/** station:interlocks */
@Service
@Command(scope = "station", name = "interlocks", description = "Shows every interlock of a station: tripped or not, last value and limit.")
public class StationInterlocksCommand extends StationCommandSupport {

    @Argument(index = 0, name = "station", description = "The station id.", required = true)
    @Completion(StationIdCompleter.class)
    String id;

    @Override
    protected void doExecute() throws Exception {
        StationViews.interlocks(station(id), out);
    }
}
