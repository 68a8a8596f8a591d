package org.presslab.webconsole.internal;

import java.util.Optional;

import org.presslab.control.api.CommandRefusedException;
import org.presslab.control.api.Actor;
import org.presslab.control.api.Station;
import org.presslab.control.api.StationRegistry;

/** The POST actions of the page. Each returns the line shown to the operator. */
final class StationActions {

    private StationActions() {
    }

    static String perform(StationRegistry registry, String action, String stationId, String user) {
        if (registry == null) {
            return "control is not running: no station service";
        }
        if (stationId == null || stationId.isBlank()) {
            return "no station given";
        }
        Optional<Station> station = registry.station(stationId);
        if (station.isEmpty()) {
            return "no station '" + stationId + "'";
        }
        Station s = station.get();
        if ("estop".equals(action)) {
            // Never refused.
            s.as(new Actor(user, Actor.Source.WEB)).emergencyStop("emergency stop from the web console" + (user == null ? "" : " by " + user));
            return s.id() + ": EMERGENCY STOPPED";
        }
        if ("reset".equals(action)) {
            try {
                s.as(new Actor(user, Actor.Source.WEB)).reset();
                return s.id() + ": reset, now " + s.status().state();
            } catch (CommandRefusedException e) {
                return s.id() + ": reset refused: " + e.getMessage();
            }
        }
        return "unknown action '" + action + "' (estop or reset)";
    }
}
