package org.presslab.control.shell.internal;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.ShellUtil;
import org.presslab.control.api.Actor;
import org.presslab.control.api.RecipeRun;
import org.presslab.control.api.Station;
import org.presslab.control.api.StationCommands;
import org.presslab.control.api.StationRegistry;

/** Base of the station and recipe commands: finds stations and their runs by id. */
public abstract class StationCommandSupport extends PresslabCommandSupport {

    @Reference
    protected StationRegistry registry;

    /**
     * The shell user as the actor of a command: the user of the Karaf session's JAAS subject (ssh, client, web
     * console's gogo), "unknown" for the local console started without a login.
     */
    protected static Actor actor() {
        return new Actor(ShellUtil.getCurrentUserName(), Actor.Source.SHELL);
    }

    /** The station's commands on behalf of the shell user, so that the station records who sent them. */
    protected static StationCommands as(Station station) {
        return station.as(actor());
    }

    /** The station of that id, or a refusal listing the ids there are. */
    protected Station station(String id) throws CommandRefused {
        Optional<Station> station = registry.station(id);
        if (station.isEmpty()) {
            List<Station> all = registry.stations();
            throw new CommandRefused("no station '" + id + "'" + (all.isEmpty() ? "; no station is configured"
                    : "; stations: " + all.stream().map(Station::id).collect(Collectors.joining(", "))));
        }
        return station.get();
    }

    /**
     * The station given, or when none is given the one station with an unfinished recipe run.
     */
    protected Station stationWithRun(String id) throws CommandRefused {
        if (id != null) {
            return station(id);
        }
        List<Station> running = registry.stations().stream()
                .filter(s -> s.run().map(r -> !r.state().isFinished()).orElse(false)).toList();
        if (running.size() == 1) {
            return running.get(0);
        }
        if (running.isEmpty()) {
            throw new CommandRefused("no recipe is running on any station; name the station");
        }
        throw new CommandRefused("recipes run on several stations ("
                + running.stream().map(Station::id).collect(Collectors.joining(", ")) + "); name the station");
    }

    /** The station's run, or a refusal. */
    protected RecipeRun run(Station station) throws CommandRefused {
        return station.run().orElseThrow(() -> new CommandRefused("station " + station.id() + " has run no recipe"));
    }

    /** The station's run while it is not finished, or a refusal naming its end. */
    protected RecipeRun activeRun(Station station) throws CommandRefused {
        RecipeRun run = run(station);
        if (run.state().isFinished()) {
            throw new CommandRefused("recipe '" + run.recipe().name() + "' on station " + station.id()
                    + " is already " + run.state().name().toLowerCase() + (run.message().isEmpty() ? "" : ": " + run.message()));
        }
        return run;
    }
}
