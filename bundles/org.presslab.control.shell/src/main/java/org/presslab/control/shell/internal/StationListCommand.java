package org.presslab.control.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** station:list */
@Service
@Command(scope = "station", name = "list", description = "Lists the stations with state, pressure, setpoint, force and recipe.")
public class StationListCommand extends StationCommandSupport {

    @Override
    protected void doExecute() {
        if (registry.stations().isEmpty()) {
            out.println("No station is configured (factory PID org.presslab.control.station).");
            return;
        }
        StationViews.list(registry.stations(), out);
    }
}
