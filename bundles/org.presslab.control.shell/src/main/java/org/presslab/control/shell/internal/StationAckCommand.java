package org.presslab.control.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.presslab.control.api.Station;
import org.presslab.control.shell.internal.completers.StationIdCompleter;

/** station:ack */
@Service
@Command(scope = "station", name = "ack", description = "Confirms that the operator step a recipe waits for is done.")
public class StationAckCommand extends StationCommandSupport {

    @Argument(index = 0, name = "station", description = "The station id.", required = true)
    @Completion(StationIdCompleter.class)
    String id;

    @Override
    protected void doExecute() throws Exception {
        Station s = station(id);
        as(s).acknowledgeOperator();
        out.printf("%s: operator step acknowledged%n", s.id());
    }
}
