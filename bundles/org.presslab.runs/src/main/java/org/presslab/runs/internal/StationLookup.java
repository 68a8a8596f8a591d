package org.presslab.runs.internal;

import java.util.Optional;

import org.presslab.runs.api.DeviceIdentity;

/** What the recorder asks the control core about a station (in OSGi: the StationRegistry, RecipeService, drivers). */
interface StationLookup {

    /** The device and driver bundle the station is bound to now, or {@link DeviceIdentity#UNKNOWN}. */
    DeviceIdentity device(String stationId, String driverId);

    /** The JSON of the recipe of the station's recipe run {@code recipeRunId}, if it can be had. */
    Optional<String> recipeJson(String stationId, String recipeRunId);

    /** No control core: nothing known beyond the events. */
    StationLookup NONE = new StationLookup() {
        @Override
        public DeviceIdentity device(String stationId, String driverId) {
            return DeviceIdentity.UNKNOWN;
        }

        @Override
        public Optional<String> recipeJson(String stationId, String recipeRunId) {
            return Optional.empty();
        }
    };
}
