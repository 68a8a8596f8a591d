package org.presslab.control.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.presslab.control.api.Station;
import org.presslab.control.shell.internal.completers.StationIdCompleter;

/** station:ramp */
@Service
@Command(scope = "station", name = "ramp", description = "Ramps a station to a pressure on the cell, then holds it. Refused beyond the station's limits.")
public class StationRampCommand extends StationCommandSupport {

    @Argument(index = 0, name = "station", description = "The station id.", required = true)
    @Completion(StationIdCompleter.class)
    String id;

    @Argument(index = 1, name = "pressure", description = "Target pressure on the cell: MPa, or with a unit (74MPa, 740bar, 500kPa, 2000psi).", required = true)
    String pressure;

    @Option(name = "-r", aliases = "--rate", description = "Ramp rate: MPa/s, or with a unit (2MPa/s, 60MPa/min). Default: the station's default rate.")
    String rate;

    @Override
    protected void doExecute() throws Exception {
        Station s = station(id);
        double target = Quantities.parsePressure(pressure);
        double r = rate == null ? s.config().defaultRatePaPerS() : Quantities.parseRate(rate);
        as(s).ramp(target, r);
        out.printf("%s: ramping to %s MPa at %s MPa/s%n", s.id(), Quantities.mpa(target), Quantities.mpaPerS(r));
    }
}
