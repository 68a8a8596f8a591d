package org.presslab.control.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.presslab.control.api.Station;
import org.presslab.control.shell.internal.completers.StationIdCompleter;

/** station:release */
@Service
@Command(scope = "station", name = "release", description = "Lowers the pressure (to 0 when none is given) at a controlled rate, then holds there.")
public class StationReleaseCommand extends StationCommandSupport {

    @Argument(index = 0, name = "station", description = "The station id.", required = true)
    @Completion(StationIdCompleter.class)
    String id;

    @Argument(index = 1, name = "pressure", description = "Pressure to release to: MPa, or with a unit. Default: 0 (unload).")
    String pressure;

    @Option(name = "-r", aliases = "--rate", description = "Release rate: MPa/s, or with a unit. Default: the station's default rate.")
    String rate;

    @Override
    protected void doExecute() throws Exception {
        Station s = station(id);
        double target = pressure == null ? 0 : Quantities.parsePressure(pressure);
        double r = rate == null ? s.config().defaultRatePaPerS() : Quantities.parseRate(rate);
        as(s).release(target, r);
        out.printf("%s: releasing to %s MPa at %s MPa/s%n", s.id(), Quantities.mpa(target), Quantities.mpaPerS(r));
    }
}
