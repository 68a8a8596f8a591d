package org.presslab.control.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.presslab.control.api.Station;
import org.presslab.control.shell.internal.completers.StationIdCompleter;

/** station:estop */
@Service
@Command(scope = "station", name = "estop", description = "Emergency stop: the safe state at once, latched until station:reset. Never refused.")
public class StationEstopCommand extends StationCommandSupport {

    @Argument(index = 0, name = "station", description = "The station id (omit with --all).")
    @Completion(StationIdCompleter.class)
    String id;

    @Option(name = "-a", aliases = "--all", description = "Stop every station.")
    boolean all;

    @Option(name = "-m", aliases = "--reason", description = "Why, for the record.")
    String reason = "emergency stop from the shell";

    @Override
    protected void doExecute() throws Exception {
        if (all) {
            for (Station s : registry.stations()) {
                as(s).emergencyStop(reason);
                out.printf("%s: EMERGENCY STOPPED%n", s.id());
            }
            return;
        }
        if (id == null) {
            throw new CommandRefused("name a station or use --all");
        }
        Station s = station(id);
        as(s).emergencyStop(reason);
        out.printf("%s: EMERGENCY STOPPED (%s); station:reset %s to clear%n", s.id(), reason, s.id());
    }
}
