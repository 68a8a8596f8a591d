package org.presslab.control.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.presslab.control.api.Station;
import org.presslab.control.shell.internal.completers.StationIdCompleter;

/** station:hold */
@Service
@Command(scope = "station", name = "hold", description = "Holds a pressure (the present one when none is given). A large step is ramped at the default rate.")
public class StationHoldCommand extends StationCommandSupport {

    @Argument(index = 0, name = "station", description = "The station id.", required = true)
    @Completion(StationIdCompleter.class)
    String id;

    @Argument(index = 1, name = "pressure", description = "Pressure to hold: MPa, or with a unit. Default: the pressure measured now.")
    String pressure;

    @Override
    protected void doExecute() throws Exception {
        Station s = station(id);
        double target;
        if (pressure == null) {
            target = s.status().pressurePa();
            if (!Double.isFinite(target)) {
                throw new CommandRefused(s.id() + " has no valid pressure reading to hold; give the pressure");
            }
            // An unloaded cell reads a little below zero with sensor noise: holding it means holding 0.
            target = Math.max(0, target);
        } else {
            target = Quantities.parsePressure(pressure);
        }
        as(s).hold(target);
        out.printf("%s: holding %s MPa%n", s.id(), Quantities.mpa(target));
    }
}
