package org.presslab.runs.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.presslab.runs.api.CellInfo;
import org.presslab.runs.api.Run;
import org.presslab.runs.shell.internal.completers.StationIdCompleter;

/** run:start */
@Service
@Command(scope = "run", name = "start", description = "Starts a run by hand on a station: everything the station records goes"
        + " into it until run:stop. A recipe started meanwhile is recorded in it. With --next, the cell is only prepared for"
        + " the next recipe run of the station (which starts its own run).")
public class RunStartCommand extends RunCommandSupport {

    @Argument(index = 0, name = "station", description = "The station id.", required = true)
    @Completion(StationIdCompleter.class)
    String station;

    @Option(name = "-c", aliases = "--cell", description = "The cell id.", required = true)
    String cellId;

    @Option(name = "--operator", description = "Who runs it (default: the shell user).")
    String operator;

    @Option(name = "--electrolyte", description = "The solid electrolyte, e.g. Na3Zr2Si2PO12.")
    String electrolyte = "";

    @Option(name = "--anode", description = "The anode, e.g. Na.")
    String anode = "";

    @Option(name = "--cathode", description = "The cathode.")
    String cathode = "";

    @Option(name = "-d", aliases = "--diameter", description = "Pellet diameter in mm.")
    double diameterMm = Double.NaN;

    @Option(name = "-t", aliases = "--thickness", description = "Pellet thickness in mm.")
    double thicknessMm = Double.NaN;

    @Option(name = "--die", description = "The die or fixture id.")
    String die = "";

    @Option(name = "--notes", description = "Free text about the cell.")
    String notes = "";

    @Option(name = "--next", description = "Prepare the cell for the station's next recipe run instead of starting a run now.")
    boolean next;

    @Override
    protected void doExecute() {
        CellInfo cell = new CellInfo(cellId, electrolyte, anode, cathode, diameterMm / 1e3, thicknessMm / 1e3, die, notes);
        if (next) {
            runs.prepareCell(station, cell);
            out.printf("cell %s prepared for the next recipe run on station %s%n", cellId, station);
            return;
        }
        Run r = runs.start(station, cell, operator == null || operator.isBlank() ? shellUser() : operator, "SHELL");
        out.printf("run %s started on station %s (cell %s, operator %s)%n", r.id(), r.stationId(), cellId, r.operator());
    }
}
